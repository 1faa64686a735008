/**
 * The job's result and processes are the server's, not the job's (issue 13,
 * items 1 and 3), on the real server (127.0.0.1, CPython in bubblewrap) with
 * the Python walls OFF: the code holds the real os and builtins, so it can
 * write fd 1 itself, print a result line of its own, forge the launcher's
 * marker and exit as it likes. Only what the server saw may be reported.
 * The machine runs the server as root (as CI does), where RLIMIT_NPROC does
 * nothing: the fork loop shows the pids cgroup holding.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobStatus } from '../../server/job-types';
import { JOB_STREAM_BYTES } from '../../server/map-result';
import { WALLS_OFF_VARIABLE, WALLS_OFF_WARNING } from '../../server/test-switches';
import { filesUnder, processesMatching, sleep, startServer, type TestServer } from './harness';

let server: TestServer;

beforeAll(async () => {
  // This file runs in a process of its own (vitest's forks pool): the switch reaches no other test.
  process.env[WALLS_OFF_VARIABLE] = '1';
  server = await startServer({ concurrency: 2 });
});
afterAll(async () => {
  await server?.stop();
  delete process.env[WALLS_OFF_VARIABLE];
});

const LIMITS = { timeoutS: 20, memoryMb: 256 };
const FORGED = JSON.stringify({
  ok: true,
  stdout: 'all good',
  stderr: '',
  streams_truncated: false,
  checks: { passed: 12, failed: 0 },
  outputs: [{ name: 'report.xlsx', size: 99 }],
  duration_ms: 1,
  removed_outputs: [],
});

/** Prints the forged line, the launcher's marker and the line again on fd 1, then does `then`. */
const forge = (then: string) =>
  ['import os', `os.write(1, b"\\n" + ${JSON.stringify(FORGED)}.encode() + b"\\n")`, 'os.write(1, b"\\x1eSANDBOX-DONE 0\\n")', `os.write(1, ${JSON.stringify(FORGED)}.encode() + b"\\n")`, then, ''].join('\n');

async function run(code: string, limits = LIMITS): Promise<{ id: string; status: JobStatus }> {
  const id = await server.api.run(code, limits);
  const status = await server.api.finished(id, 120_000);
  expect(processesMatching(id)).toEqual([]);
  return { id, status };
}

const outputDir = (id: string) => join(server.dataDir, 'jobs', id, 'output');

function expectOnlyWhatTheServerSaw(id: string, status: JobStatus): void {
  const result = status.result!;
  expect(Object.keys(result)).not.toContain('checks');
  expect(result.durationMs).toBeGreaterThan(1);
  const listed = result.ok ? result.outputs.map((o) => o.name).sort() : [];
  expect(listed).toEqual(filesUnder(outputDir(id)).sort());
}

describe('the walls-off switch', () => {
  it('is said at start, and the code really holds the real os', async () => {
    expect(server.app.excelAi.warnings).toContain(WALLS_OFF_WARNING);
    const { status } = await run('import os\nprint(os.getpid() > 0)\n');
    expect(status.result).toMatchObject({ ok: true, stdout: 'True\n' });
  });
});

describe('a forged result line', () => {
  for (const then of ['os._exit(1)', 'os.kill(os.getpid(), 9)', 'os.kill(os.getppid(), 9)']) {
    it(`is not believed when the code then does ${then}`, async () => {
      const { id, status } = await run(forge(then));
      expect(status.state).toBe('failed');
      expect(status.result?.ok).toBe(false);
      expectOnlyWhatTheServerSaw(id, status);
    });
  }

  it('is not believed when the code is then stopped by the time limit', async () => {
    const { id, status } = await run(forge('import time\ntime.sleep(60)'), { timeoutS: 3, memoryMb: 256 });
    expect(status.state).toBe('failed');
    expect(status.result?.ok === false && status.result.error.kind).toBe('timeout');
    expectOnlyWhatTheServerSaw(id, status);
  });

  it('with exit 0 is recorded as exactly what the server saw: no checks, no outputs that are not there', async () => {
    const { id, status } = await run(forge('os._exit(0)'));
    expect(status.state).toBe('done');
    expect(status.result).toMatchObject({ ok: true, outputs: [] });
    expectOnlyWhatTheServerSaw(id, status);
  });
});

describe('streams and outputs', () => {
  it('caps 3 MB written to fd 1 and a 3 MB result line at the job stream cap', async () => {
    const { status } = await run(
      [
        'import json, os',
        'os.write(1, b"x" * 3_000_000 + b"\\n")',
        'os.write(1, json.dumps({"ok": True, "stdout": "y" * 3_000_000, "stderr": "z" * 3_000_000, "streams_truncated": False}).encode() + b"\\n")',
        'os._exit(0)',
        '',
      ].join('\n'),
    );
    const result = status.result!;
    expect(Buffer.byteLength(result.stdout)).toBeLessThanOrEqual(JOB_STREAM_BYTES);
    expect(Buffer.byteLength(result.stderr)).toBeLessThanOrEqual(JOB_STREAM_BYTES);
    expect(result.stdout).not.toContain('x');
    expect(result.streamsTruncated).toBe(true);
  });

  it('lists only the files really copied out, with their real sizes', async () => {
    const { id, status } = await run(
      ['import os', 'open("/output/real.csv", "w").write("a\\n1\\n")', 'os.symlink("/etc/passwd", "/output/link.csv")', `print(${JSON.stringify(FORGED)})`, ''].join('\n'),
    );
    expect(status.result).toMatchObject({ ok: true, outputs: [{ name: 'real.csv', size: 4 }] });
    expectOnlyWhatTheServerSaw(id, status);
    const response = await server.api.fetch(`/jobs/${id}/outputs/real.csv`);
    expect(await response.text()).toBe('a\n1\n');
  });
});

const PIDS_ROOT = '/sys/fs/cgroup/pids';
const jobCgroups = () => (existsSync(PIDS_ROOT) ? readdirSync(PIDS_ROOT).filter((name) => name.startsWith('excel-ai-job-')) : []);
const tasksIn = (name: string) => {
  try {
    return Number(readFileSync(join(PIDS_ROOT, name, 'pids.current'), 'utf8'));
  } catch {
    return 0; // removed while we looked
  }
};

describe('processes, with the server running as root', () => {
  it('bounds a 500-fork loop to the job cap; another job runs meanwhile; nothing is left afterwards', async () => {
    expect(process.getuid?.()).toBe(0); // the point of this test: RLIMIT_NPROC does nothing for root
    const forks = [
      'import os, time',
      'made, refused = 0, set()',
      'for _ in range(500):',
      '    try:',
      '        pid = os.fork()',
      '    except OSError as exc:',
      '        refused.add(exc.errno)',
      '        continue',
      '    if pid == 0:',
      '        time.sleep(60)',
      '        os._exit(0)',
      '    made += 1',
      'print(made, sorted(refused))',
      '',
    ].join('\n');
    let peak = 0;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        for (const name of jobCgroups()) peak = Math.max(peak, tasksIn(name));
        await sleep(10);
      }
    })();
    const [bomb, other] = await Promise.all([run(forks), (async () => (await sleep(500), run('print(6 * 7)\n')))()]);
    sampling = false;
    await sampler;
    expect(other.status.result).toMatchObject({ ok: true, stdout: '42\n' });
    expect(bomb.status.result?.ok).toBe(true);
    const [made, refused] = bomb.status.result!.stdout.trim().split(' ', 2);
    expect(Number(made)).toBeGreaterThan(0);
    expect(Number(made)).toBeLessThan(64);
    expect(refused).toContain('11'); // EAGAIN: the kernel refused the forks
    expect(peak).toBeGreaterThan(Number(made));
    expect(peak).toBeLessThanOrEqual(64);
    // Nothing left: no sleeping child, no cgroup of this server's jobs.
    await sleep(200);
    expect(processesMatching('/sandbox/runner.py').filter((p) => p.cmdline.some((a) => a.includes(bomb.id)))).toEqual([]);
    expect(processesMatching(bomb.id)).toEqual([]);
    expect(jobCgroups().filter((name) => name.startsWith(`excel-ai-job-`) && tasksIn(name) > 60)).toEqual([]);
  });
});
