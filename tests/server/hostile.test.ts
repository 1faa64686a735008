/**
 * Hostile jobs, submitted as a user would (the pre-check on), against the real
 * server. No Docker engine on this machine: the server runs directly on
 * 127.0.0.1 with real CPython in bubblewrap. Where the pre-check refuses the
 * code, the test says so (kind `precheck`); variants built to slip past the
 * pre-check show the runtime walls and bubblewrap holding.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobStatus } from '../../server/job-types';
import { filesUnder, processesMatching, startServer, type TestServer } from './harness';

let server: TestServer;
let canary: Server;
let canaryPort: number;
let canaryHits = 0;

beforeAll(async () => {
  server = await startServer({ concurrency: 2 });
  canary = createServer((socket) => {
    canaryHits += 1;
    socket.destroy();
  });
  await new Promise<void>((resolve) => canary.listen(0, '127.0.0.1', resolve));
  canaryPort = (canary.address() as { port: number }).port;
});
afterAll(async () => {
  await server?.stop();
  await new Promise((resolve) => canary?.close(resolve));
});

// Room for importing pandas on a loaded machine (3 s timed out there); the timeout test sets its own.
const LIMITS = { timeoutS: 30, memoryMb: 256 };

async function runHostile(code: string, limits = LIMITS): Promise<JobStatus> {
  const id = await server.api.run(code, limits);
  const status = await server.api.finished(id);
  expect(status.state).toBe('failed');
  expect(status.result?.ok).toBe(false);
  // A failed job has no outputs, on disk or listed.
  expect(filesUnder(join(server.dataDir, 'jobs', id, 'output'))).toEqual([]);
  expect(processesMatching(id)).toEqual([]);
  return status;
}

const kind = (status: JobStatus) => (status.result && !status.result.ok ? status.result.error.kind : 'ok');

describe('network', () => {
  it('refuses a socket to a listener on the host before it runs (precheck), and the listener sees nothing', async () => {
    const status = await runHostile(`import socket\ns = socket.create_connection(("127.0.0.1", ${canaryPort}))\ns.sendall(b"leak")\n`);
    expect(kind(status)).toBe('precheck');
    expect(canaryHits).toBe(0);
  });

  it('stops a URL built at run time to slip past the pre-check, and the listener sees nothing', async () => {
    const status = await runHostile(`import pandas as pd\nurl = "ht" + "tp://127.0.0.1:" + str(${canaryPort}) + "/leak.csv"\nprint(pd.read_csv(url))\n`);
    expect(kind(status)).toBe('python');
    expect(canaryHits).toBe(0);
  });
});

describe('file system', () => {
  it('refuses to read /etc/shadow (precheck), and a path built at run time fails in the sandbox', async () => {
    expect(kind(await runHostile('print(open("/etc/shadow").read())\n'))).toBe('precheck');
    const dynamic = await runHostile('import pandas as pd\npath = "/e" + "tc/" + "shadow"\nprint(pd.read_csv(path))\n');
    expect(kind(dynamic)).toBe('python');
    expect(dynamic.result?.stdout).not.toMatch(/root:/);
  });

  it('keeps writes inside the sandbox: nothing reaches the host or the inputs', async () => {
    const target = join(server.dataDir, 'escaped.csv');
    const input = 'a,b\n1,2\n';
    const id = await server.api.run(
      [
        'import pandas as pd',
        'frame = pd.DataFrame({"a": [1]})',
        'for path in ["/in" + "put/data.csv", "/tm" + "p/../input/x.csv", ' + JSON.stringify(target.slice(0, 4)) + ' + ' + JSON.stringify(target.slice(4)) + ']:',
        '    try:',
        '        frame.to_csv(path)',
        '        print("wrote", path)',
        '    except Exception as exc:',
        '        print("refused", exc)',
      ].join('\n'),
      LIMITS,
    );
    const status = await server.api.finished(id);
    expect(status.result).toMatchObject({ ok: true });
    const lines = status.result!.stdout.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines.every((line) => line.startsWith('refused'))).toBe(true);
    // The runner's guard refuses /input; the host's folder does not even exist inside bubblewrap.
    expect(lines[2]).toMatch(/non-existent directory/);
    expect(existsSync(target)).toBe(false);
    const onDisk = readFileSync(join(server.dataDir, 'jobs', id, 'input', 'data.csv'));
    expect(createHash('sha256').update(onDisk).digest('hex')).toBe(createHash('sha256').update(input).digest('hex'));
    expect(status.inputs[0]!.sha256).toBe(createHash('sha256').update(input).digest('hex'));
  });
});

describe('processes', () => {
  it('refuses a fork bomb before it runs (precheck)', async () => {
    expect(kind(await runHostile('import os\nwhile True:\n    os.fork()\n'))).toBe('precheck');
    expect(kind(await runHostile('import multiprocessing\nwhile True:\n    multiprocessing.Process(target=print).start()\n'))).toBe('precheck');
  });

  it('stops a memory bomb with kind memory', async () => {
    const status = await runHostile('blocks = []\nwhile True:\n    blocks.append(" " * 10_000_000)\n');
    expect(kind(status)).toBe('memory');
  });

  it('stops an infinite loop at its time limit with kind timeout', async () => {
    const started = Date.now();
    const status = await runHostile('while True:\n    pass\n', { timeoutS: 2, memoryMb: 256 });
    expect(kind(status)).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
