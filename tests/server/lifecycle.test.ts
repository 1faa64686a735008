/**
 * Jobs that end badly: cancelled mid-run, killed from outside, cut off by a
 * server restart. No Docker engine on this machine: the real server runs
 * directly on 127.0.0.1 with real CPython in bubblewrap.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { RESTART_MESSAGE } from '../../server/store';
import { filesUnder, processesMatching, sleep, startServer, type TestServer } from './harness';

// Writes a file to /output at once, then never ends: any output seen later would be a partial one.
const HANGS = 'with open("/output/partial.txt", "w") as f:\n    f.write("half")\nprint("started")\nwhile True:\n    pass\n';
const LIMITS = { timeoutS: 30, memoryMb: 256 };

async function waitForProcess(jobId: string, match: (cmdline: string[]) => boolean): Promise<number> {
  for (let i = 0; i < 200; i += 1) {
    const found = processesMatching(jobId).find((p) => match(p.cmdline));
    if (found) return found.pid;
    await sleep(25);
  }
  throw new Error(`no process for job ${jobId}`);
}
/**
 * bubblewrap runs in a session of its own (bwrap.py starts it so); it dies
 * through --die-with-parent when bwrap.py is killed, which takes the kernel a
 * moment: poll for it rather than expect it at the same instant.
 */
async function expectNoProcesses(jobId: string): Promise<void> {
  await vi.waitFor(() => expect(processesMatching(jobId)).toEqual([]), { timeout: 3000, interval: 50 });
}
const isBwrapPy = (cmdline: string[]) => cmdline.some((arg) => arg.endsWith('bwrap.py'));
const isBwrap = (cmdline: string[]) => cmdline[0] === '/usr/bin/bwrap';

describe('one server', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ concurrency: 2 });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('cancels a running job on DELETE: state cancelled, process gone, no files left', async () => {
    const id = await server.api.run(HANGS, LIMITS);
    const following = server.api.events(id);
    await server.api.waitFor(id, 'running');
    await waitForProcess(id, isBwrap);
    await sleep(500); // let it write its partial output

    const response = await server.api.fetch(`/jobs/${id}`, { method: 'DELETE' });
    expect(response.status).toBe(200);
    const status = (await response.json()) as { state: string; result: { ok: boolean; error: { kind: string } } };
    expect(status.state).toBe('cancelled');
    expect(status.result.error.kind).toBe('cancelled');
    expect((await following).at(-1)!.event).toBe('cancelled');

    await expectNoProcesses(id);
    const dir = join(server.dataDir, 'jobs', id);
    expect(filesUnder(dir)).toEqual(['job.json']);
    expect((await server.api.fetch(`/jobs/${id}/outputs/partial.txt`)).status).toBe(404);
  });

  it('cancels a queued job before it runs', async () => {
    const busy = await Promise.all([server.api.run(HANGS, LIMITS), server.api.run(HANGS, LIMITS)]);
    const queued = await server.api.run('print("never")\n', LIMITS);
    expect((await server.api.status(queued)).position).toBe(1);
    const response = await server.api.fetch(`/jobs/${queued}`, { method: 'DELETE' });
    expect(((await response.json()) as { state: string }).state).toBe('cancelled');
    await Promise.all(busy.map((id) => server.api.fetch(`/jobs/${id}`, { method: 'DELETE' })));
    const status = await server.api.status(queued);
    expect(status.startedAt).toBeUndefined();
    expect(status.result).toMatchObject({ ok: false, error: { kind: 'cancelled' } });
  });

  it('fails a job whose sandbox process (bwrap.py) is killed from outside: kind internal, no partial output', async () => {
    const id = await server.api.run(HANGS, LIMITS);
    await server.api.waitFor(id, 'running');
    const pid = await waitForProcess(id, isBwrapPy);
    await waitForProcess(id, isBwrap);
    await sleep(500);
    process.kill(pid, 'SIGKILL');

    const status = await server.api.finished(id);
    expect(status.state).toBe('failed');
    expect(status.result).toMatchObject({ ok: false, error: { kind: 'internal' } });
    const message = status.result!.ok ? '' : status.result!.error.message;
    expect(message).toMatch(/ended without a result \(it was killed by SIGKILL\)/);
    expect(filesUnder(join(server.dataDir, 'jobs', id, 'output'))).toEqual([]);
    await expectNoProcesses(id); // bubblewrap died with its parent
  });

  it('fails a job whose bubblewrap process is killed from outside, with no partial output', async () => {
    const id = await server.api.run(HANGS, LIMITS);
    await server.api.waitFor(id, 'running');
    const pid = await waitForProcess(id, isBwrap);
    await sleep(500);
    process.kill(pid, 'SIGKILL');

    const status = await server.api.finished(id);
    expect(status.state).toBe('failed');
    expect(status.result?.ok).toBe(false);
    // bwrap.py cannot tell an outside kill from the kernel's OOM killer, and says so.
    expect(status.result!.ok ? '' : status.result!.error.message).toMatch(/killed/);
    expect(filesUnder(join(server.dataDir, 'jobs', id, 'output'))).toEqual([]);
  });
});

describe('a restart', () => {
  it('fails the jobs that were running or queued with the restart message and never runs them again', async () => {
    const first = await startServer({ concurrency: 1 });
    const running = await first.api.run(HANGS, LIMITS);
    const queued = await first.api.run('with open("/output/late.txt", "w") as f:\n    f.write("ran twice")\n', LIMITS);
    await first.api.waitFor(running, 'running');
    await waitForProcess(running, isBwrap);
    await sleep(500);

    await first.app.close(); // kills the sandbox processes, records nothing more
    await expectNoProcesses(running);

    const second = await startServer({ concurrency: 1, dataDir: first.dataDir });
    try {
      for (const id of [running, queued]) {
        const status = await second.api.status(id);
        expect(status.state).toBe('failed');
        expect(status.result).toMatchObject({ ok: false, error: { kind: 'internal', message: RESTART_MESSAGE } });
        expect(status.retryable).toBe(true);
      }
      expect((await second.api.events(running)).at(-1)!.event).toBe('failed');
      await sleep(1000);
      await expectNoProcesses(queued);
      expect((await second.api.status(queued)).startedAt).toBeUndefined();
      expect(existsSync(join(first.dataDir, 'jobs', queued, 'output', 'late.txt'))).toBe(false);
      expect(filesUnder(join(first.dataDir, 'jobs', running, 'output'))).toEqual([]);
      expect(second.app.excelAi.interrupted.sort()).toEqual([running, queued].sort());
      // New work still runs on the restarted server.
      const fresh = await second.api.run('print("after restart")\n', LIMITS);
      expect((await second.api.finished(fresh)).result).toMatchObject({ ok: true, stdout: 'after restart\n' });
    } finally {
      await second.stop();
    }
  });
});
