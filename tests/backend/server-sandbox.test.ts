/**
 * ServerSandbox: the agent's run step on the real large-job server (127.0.0.1, real
 * CPython with pandas in bubblewrap, on the host since there is no Docker engine),
 * with the pre-check and profiles in the real Pyodide sandbox (the Node host the
 * CLI uses, standing in for the browser's worker).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createNodeSandbox } from '../../cli/node-sandbox';
import { ServerClient } from '../../src/backend/server-client';
import { ServerSandbox, type ServerProgress } from '../../src/backend/server-sandbox';
import type { SandboxClient } from '../../src/sandbox/sandbox-client';
import type { InputFile } from '../../workers/api';
import { makeFixtures, ROOT } from '../helpers/python';
import { filesUnder, processesMatching, startServer, TOKEN, type TestServer } from '../server/harness';

const NAMES = ['north.xlsx', 'south.xlsx', 'west.xlsx'];
const STACK_PANDAS = readFileSync(join(ROOT, 'tests', 'server', 'jobs', 'stack_pandas.py'), 'utf8');

let server: TestServer;
let local: SandboxClient;
let fixtures: string;

/** A process and its state (R running, D in the kernel, Z exited), for the failure message. */
function describeProcess(p: { pid: number; cmdline: string[] }): string {
  let state: string;
  try {
    state = /State:\s+(.+)/.exec(readFileSync(`/proc/${p.pid}/status`, 'utf8'))?.[1] ?? '?';
  } catch {
    state = 'gone';
  }
  return `${p.pid} (${state}): ${p.cmdline.slice(0, 3).join(' ')}`;
}

function inputs(): InputFile[] {
  return NAMES.map((name) => {
    const bytes = readFileSync(join(fixtures, 'stack', name));
    return { name, bytes: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer };
  });
}

beforeAll(async () => {
  fixtures = makeFixtures();
  [server, local] = await Promise.all([startServer({ concurrency: 1 }), createNodeSandbox()]);
});
afterAll(async () => {
  local?.dispose();
  await server?.stop();
});

describe('running the agent step on the server', () => {
  it('starts by telling the model about the server\'s Python: native CPython with pandas', async () => {
    const sandbox = new ServerSandbox(local, new ServerClient({ url: server.url, token: TOKEN }));
    const started = await sandbox.start();
    expect(started).toMatchObject({ ok: true, info: { runtime: 'native CPython on the large-job server', packages: { pandas: '1.5.3', openpyxl: '3.0.9' } } });
  });

  it('refuses to start with a wrong token, before anything is uploaded', async () => {
    const sandbox = new ServerSandbox(local, new ServerClient({ url: server.url, token: 'wrong-token-0123456789' }));
    const started = await sandbox.start();
    expect(started).toMatchObject({ ok: false, error: { kind: 'internal', message: expect.stringMatching(/refused the token/) } });
    expect(filesUnder(join(server.dataDir, 'uploads'))).toEqual([]);
  });

  it('reads the server\'s limits at start and sends nothing the server would refuse as too large', async () => {
    const small = await startServer({ concurrency: 1, maxUploadBytes: 4096 });
    try {
      const progress: ServerProgress[] = [];
      const sandbox = new ServerSandbox(local, new ServerClient({ url: small.url, token: TOKEN }), (p) => progress.push(p));
      expect((await sandbox.start()).ok).toBe(true);
      const result = await sandbox.run({ code: STACK_PANDAS, inputs: inputs() });
      expect(result).toMatchObject({ ok: false, error: { kind: 'internal', message: expect.stringMatching(/^The inputs \([\d.]+ MiB\) are over the 0\.004 MiB the server at .* accepts per job; nothing was sent\. Ask whoever runs it to raise --max-upload-mb/) } });
      expect(progress.some((p) => p.phase === 'uploading')).toBe(false);
      expect(filesUnder(join(small.dataDir, 'uploads'))).toEqual([]);
    } finally {
      await small.stop();
    }
  });

  it('runs pandas on the server, downloads the outputs, reports progress, and deletes the job after', async () => {
    const progress: ServerProgress[] = [];
    const sandbox = new ServerSandbox(local, new ServerClient({ url: server.url, token: TOKEN }), (p) => progress.push(p));
    expect(await sandbox.precheck(STACK_PANDAS)).toEqual({ ok: true });
    const result = await sandbox.run({ code: STACK_PANDAS, inputs: inputs() });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.stdout).toBe('stacked 120 rows\n');
    expect(result.outputs.map((o) => o.name)).toEqual(['result.xlsx']);
    // The output is profiled locally, as the agent does to verify it.
    const profiled = await sandbox.profile([{ name: 'result.xlsx', bytes: result.outputs[0]!.bytes }]);
    expect(profiled).toMatchObject({ ok: true, files: [{ sheets: [{ name: 'Stacked', rowCount: 121 }] }] });
    const phases = progress.map((p) => p.phase);
    expect(phases[0]).toBe('uploading');
    expect(phases).toContain('running');
    expect(phases.at(-1)).toBe('downloading');
    expect(filesUnder(join(server.dataDir, 'jobs'))).toEqual([]);
  });

  it('gives a Python error back as the worker contract, so the agent can send it to the model', async () => {
    const sandbox = new ServerSandbox(local, new ServerClient({ url: server.url, token: TOKEN }));
    const result = await sandbox.run({ code: 'import pandas as pd\nframe = pd.read_excel("/input/north.xlsx")\nframe["Nope"]\n', inputs: inputs() });
    expect(result).toMatchObject({ ok: false, error: { kind: 'python', line: 3, message: expect.stringContaining('Nope') } });
  });

  it('cancels the job on the server when the signal aborts', async () => {
    const controller = new AbortController();
    let jobSeenRunning = false;
    const sandbox = new ServerSandbox(local, new ServerClient({ url: server.url, token: TOKEN }), (p) => {
      if (p.phase === 'running') {
        jobSeenRunning = true;
        controller.abort();
      }
    });
    const result = await sandbox.run({ code: 'while True:\n    pass\n', inputs: inputs() }, { signal: controller.signal });
    expect(jobSeenRunning).toBe(true);
    expect(result).toMatchObject({ ok: false, error: { kind: 'cancelled' } });
    const [jobId] = filesUnder(join(server.dataDir, 'jobs')).filter((f) => !f.includes('/'));
    expect(jobId).toBeDefined();
    const status = await server.api.status(jobId!);
    expect(status.state).toBe('cancelled');
    // Far below the job's own time limit: a job the cancel missed would still be spinning.
    await vi.waitFor(() => expect(processesMatching(jobId!).map(describeProcess)).toEqual([]), { timeout: 15_000, interval: 50 });
  });
});
