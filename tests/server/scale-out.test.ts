/**
 * Several server replicas sharing one Redis queue and one data folder: real
 * redis-server, real server processes on 127.0.0.1, real CPython in
 * bubblewrap (no Docker engine here, so no containers). Replica A runs no
 * jobs (concurrency 0: it only serves the API), so whatever is submitted to
 * it visibly runs elsewhere; B and C run two jobs each. Replicas E and F
 * join for one test each, to be stopped (SIGTERM) or frozen (SIGSTOP) while
 * they run a job.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis as RedisClient } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { JobStatus } from '../../server/job-types';
import { STOPPED_MESSAGE } from '../../server/store';
import { filesUnder, processesMatching, sleep } from './harness';
import { sharedDataDir, startRedis, startReplica, startsOf, stopAll, type Redis, type Replica } from './replicas';

// A short lease so a killed replica is noticed within seconds (the default is 30 s).
const LEASE_MS = 2000;
const LIMITS = { timeoutS: 60, memoryMb: 256 };
// Writes a file to /output at once, then never ends: any output seen later would be a partial one.
const HANGS = 'with open("/output/partial.txt", "w") as f:\n    f.write("half")\nprint("started")\nwhile True:\n    pass\n';

// Checks that its input is its own, prints its tag and writes a file named after it.
const tagged = (tag: string) => `EXPECTED = "${tag}"
with open("/input/tag.txt") as f:
    tag = f.read()
if tag != EXPECTED:
    raise ValueError("got the input of " + tag)
print("job", tag)
with open("/output/" + tag + ".txt", "w") as f:
    f.write(tag)
`;

let redis: Redis;
let shared: ReturnType<typeof sharedDataDir>;
let a: Replica;
let b: Replica;
let c: Replica;
let common: { redisUrl: string; dataDir: string; leaseMs: number };

beforeAll(async () => {
  redis = await startRedis();
  shared = sharedDataDir();
  common = { redisUrl: redis.url, dataDir: shared.dir, leaseMs: LEASE_MS };
  [a, b, c] = await Promise.all([
    startReplica({ ...common, replicaId: 'replica-a', concurrency: 0 }),
    startReplica({ ...common, replicaId: 'replica-b', concurrency: 2 }),
    startReplica({ ...common, replicaId: 'replica-c', concurrency: 2 }),
  ]);
}, 120_000);

afterAll(() => {
  stopAll();
  shared?.remove();
});

const everyReplica = () => [a, b, c];

/**
 * The job's processes are gone. bubblewrap dies through --die-with-parent once
 * bwrap.py is killed, and a pid namespace ends only when all of it has been
 * reaped: on this shared, loaded machine that has taken seconds, so allow 30.
 */
async function expectNoProcesses(jobId: string): Promise<void> {
  const listing = () => processesMatching(jobId).map((p) => `${p.pid} ${p.cmdline[0]} state ${processState(p.pid)}`);
  await vi.waitFor(() => expect(listing()).toEqual([]), { timeout: 30_000, interval: 100 });
}

function processState(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] ?? '?';
  } catch {
    return 'gone';
  }
}
const message = (status: JobStatus) => (status.result && !status.result.ok ? status.result.error.message : '');

async function expectSandboxRunning(jobId: string): Promise<void> {
  await vi.waitFor(() => expect(processesMatching(jobId).some((p) => p.cmdline[0] === '/usr/bin/bwrap')).toBe(true), { timeout: 30_000, interval: 50 });
}

/** Four jobs that never end, two on B and two on C: no runner slot is free until they are cancelled. */
async function fillRunners(): Promise<string[]> {
  const busy = await Promise.all([0, 1, 2, 3].map(() => a.api.run(HANGS, LIMITS)));
  const running = await Promise.all(busy.map((id) => a.api.waitFor(id, 'running', 60_000)));
  expect(running.map((s) => s.runner).sort()).toEqual(['replica-b', 'replica-b', 'replica-c', 'replica-c']);
  return busy;
}

async function cancelAll(ids: string[]): Promise<void> {
  const answers = await Promise.all(ids.map((id) => a.api.fetch(`/jobs/${id}`, { method: 'DELETE' })));
  expect(answers.map((r) => r.status)).toEqual(ids.map(() => 200));
  for (const id of ids) await expectNoProcesses(id);
}

/** The job failed because its replica stopped: retryable, the one message, no outputs anywhere. */
async function expectStoppedWithoutOutputs(id: string, runner: string): Promise<void> {
  const status = await a.api.status(id);
  expect(status).toMatchObject({ state: 'failed', retryable: true, runner, result: { ok: false, error: { kind: 'internal' } } });
  expect(message(status)).toBe(STOPPED_MESSAGE);
  expect((await a.api.fetch(`/jobs/${id}/outputs/partial.txt`)).status).toBe(404);
  expect(filesUnder(join(shared.dir, 'jobs', id, 'output'))).toEqual([]);
  expect(existsSync(join(shared.dir, 'jobs', id, 'output.partial'))).toBe(false);
}

const finishedLines = (replica: Replica, jobId: string) =>
  replica
    .output()
    .split('\n')
    .filter((line) => line.includes('"job finished"') && line.includes(jobId)).length;

describe('a shared queue', () => {
  it('runs a job submitted to an API-only replica on another one, and every replica reports it', async () => {
    // Uploaded through C, submitted through A: the upload is in the shared folder.
    const { uploadId } = await c.api.upload([{ name: 'tag.txt', bytes: 'first' }]);
    const id = await a.api.submit(uploadId, tagged('first'), LIMITS);
    const events = await a.api.events(id, 90_000); // followed on A, run elsewhere
    expect(events.map((e) => e.event).slice(-2)).toEqual(['running', 'done']);

    const final = events.at(-1)!.data as JobStatus;
    expect(['replica-b', 'replica-c']).toContain(final.runner);
    expect(startsOf(a, id)).toBe(0);
    expect(final.result).toMatchObject({ ok: true, stdout: 'job first\n', outputs: [{ name: 'first.txt', size: 5 }] });
    for (const replica of everyReplica()) {
      expect(await replica.api.status(id)).toEqual(final);
      const download = await replica.api.fetch(`/jobs/${id}/outputs/first.txt`);
      expect(download.status).toBe(200);
      expect(await download.text()).toBe('first');
    }
    const health = (await (await fetch(`${a.url}/health`)).json()) as { ok: boolean; queue: Record<string, unknown> };
    expect(health).toMatchObject({ ok: true, queue: { mode: 'redis', replica: 'replica-a', concurrency: 0, running: 0 } });
  }, 120_000);

  it('cancels from one replica a job that runs on another: process gone, files deleted', async () => {
    const id = await a.api.run(HANGS, LIMITS);
    const running = await a.api.waitFor(id, 'running', 60_000);
    expect(['replica-b', 'replica-c']).toContain(running.runner);
    await vi.waitFor(() => expect(processesMatching(id).some((p) => p.cmdline[0] === '/usr/bin/bwrap')).toBe(true), { timeout: 30_000, interval: 50 });

    const response = await a.api.fetch(`/jobs/${id}`, { method: 'DELETE' });
    expect(response.status).toBe(200);
    expect(((await response.json()) as JobStatus).state).toBe('cancelled');
    await expectNoProcesses(id);
    expect(filesUnder(join(shared.dir, 'jobs', id))).toEqual(['job.json']);
  }, 120_000);

  it('runs 20 jobs submitted across the replicas, each with its own input and output, on both runners', async () => {
    const tags = Array.from({ length: 20 }, (_, i) => `job-${i}`);
    const ids = await Promise.all(
      tags.map((tag, i) => everyReplica()[i % 3]!.api.run(tagged(tag), LIMITS, [{ name: 'tag.txt', bytes: tag }])),
    );
    // Each followed on a replica other than the one it was submitted to.
    const finals = await Promise.all(ids.map((id, i) => everyReplica()[(i + 1) % 3]!.api.finished(id, 240_000)));
    finals.forEach((status, i) => {
      const tag = tags[i]!;
      expect(status.state, `${tag}: ${JSON.stringify(status.result)}`).toBe('done');
      expect(status.id).toBe(ids[i]);
      expect(status.result).toMatchObject({ ok: true, stdout: `job ${tag}\n`, outputs: [{ name: `${tag}.txt`, size: tag.length }] });
    });
    const bodies = await Promise.all(ids.map(async (id, i) => (await everyReplica()[(i + 2) % 3]!.api.fetch(`/jobs/${id}/outputs/${tags[i]}.txt`)).text()));
    expect(bodies).toEqual(tags);

    const runners = new Set(finals.map((s) => s.runner));
    expect(runners).toEqual(new Set(['replica-b', 'replica-c']));
    for (const id of ids) expect(startsOf(a, id) + startsOf(b, id) + startsOf(c, id)).toBe(1);
    // BullMQ keeps nothing of a finished job (removeOnComplete): its record is the job.json in the shared folder.
    const client = new RedisClient(redis.url);
    try {
      const left = await Promise.all(ids.map((id) => client.exists(`excel-ai:excel-ai-jobs:${id}`)));
      expect(left).toEqual(ids.map(() => 0));
      expect(await client.llen('excel-ai:excel-ai-jobs:wait')).toBe(0);
    } finally {
      client.disconnect();
    }
    // Never more than two at once on one replica.
    for (const runner of runners) {
      const edges = finals
        .filter((s) => s.runner === runner)
        .flatMap((s) => [
          { at: s.startedAt!, delta: 1 },
          { at: s.finishedAt!, delta: -1 },
        ])
        .sort((x, y) => x.at - y.at || x.delta - y.delta);
      let now = 0;
      let most = 0;
      for (const edge of edges) {
        now += edge.delta;
        most = Math.max(most, now);
      }
      expect(most).toBeLessThanOrEqual(2);
    }
  }, 300_000);
});

describe('the shared line', () => {
  it('reports every waiting job its place on every replica, and followers elsewhere see it move up', async () => {
    // Fill both runners (two slots each), then queue two more.
    const busy = await Promise.all([0, 1, 2, 3].map(() => a.api.run(HANGS, LIMITS)));
    await Promise.all(busy.map((id) => a.api.waitFor(id, 'running', 60_000)));
    const first = await a.api.run(tagged('first-in-line'), LIMITS, [{ name: 'tag.txt', bytes: 'first-in-line' }]);
    const second = await b.api.run(tagged('second-in-line'), LIMITS, [{ name: 'tag.txt', bytes: 'second-in-line' }]);
    for (const replica of everyReplica()) {
      expect((await replica.api.status(first)).position).toBe(1);
      expect((await replica.api.status(second)).position).toBe(2);
    }
    const following = c.api.events(second, 90_000);
    await sleep(300);
    // Free one slot at a time: the line moves up by one, then the rest runs.
    await a.api.fetch(`/jobs/${busy[0]}`, { method: 'DELETE' });
    await a.api.waitFor(first, 'running', 60_000);
    await vi.waitFor(async () => expect((await c.api.status(second)).position).toBe(1), { timeout: 10_000, interval: 50 });
    await sleep(1000); // the notice reaches C's follower in milliseconds; this leaves it ample time on a loaded machine
    await Promise.all(busy.slice(1).map((id) => b.api.fetch(`/jobs/${id}`, { method: 'DELETE' })));
    const events = await following;
    const positions = events.filter((e) => e.event === 'queued').map((e) => (e.data as { position: number }).position);
    expect(positions).toEqual([2, 1]);
    expect(events.map((e) => e.event).slice(-2)).toEqual(['running', 'done']);
    expect((await a.api.finished(first, 60_000)).state).toBe('done');
  }, 180_000);
});

describe('a replica stopped cleanly (SIGTERM) mid-job', () => {
  it('records its job failed and retryable at once, with no outputs; a job still waiting stays in line and runs elsewhere', async () => {
    const busy = await fillRunners();
    const e = await startReplica({ ...common, replicaId: 'replica-e', concurrency: 1 });
    const id = await a.api.run(HANGS, LIMITS);
    expect((await a.api.waitFor(id, 'running', 60_000)).runner).toBe('replica-e'); // the only free slot
    await expectSandboxRunning(id);
    await sleep(500); // let it write its partial output
    const waiting = await a.api.run(tagged('after-stop'), LIMITS, [{ name: 'tag.txt', bytes: 'after-stop' }]);
    expect((await a.api.status(waiting)).position).toBe(1);

    e.process.kill('SIGTERM');
    expect(await e.exited).toBe(0);
    await expectNoProcesses(id);
    await expectStoppedWithoutOutputs(id, 'replica-e');
    expect(await a.api.status(waiting)).toMatchObject({ state: 'queued', position: 1 });
    expect(startsOf(e, waiting)).toBe(0);

    // A slot frees up on B or C: the waiting job runs there.
    await cancelAll(busy.slice(0, 1));
    const final = await a.api.finished(waiting, 90_000);
    expect(final).toMatchObject({ state: 'done', result: { ok: true, stdout: 'job after-stop\n' } });
    expect(['replica-b', 'replica-c']).toContain(final.runner);
    await cancelAll(busy.slice(1));
  }, 240_000);
});

describe('a replica frozen (SIGSTOP) longer than its lease', () => {
  it('has its job reported lost by the others; thawed, it kills the job it still ran and records nothing', async () => {
    const busy = await fillRunners();
    const f = await startReplica({ ...common, replicaId: 'replica-f', concurrency: 1 });
    const id = await a.api.run(HANGS, LIMITS);
    expect((await a.api.waitFor(id, 'running', 60_000)).runner).toBe('replica-f');
    await expectSandboxRunning(id);
    await sleep(500);

    f.process.kill('SIGSTOP');
    try {
      // F renews no lock while frozen: the next stalled check elsewhere reports the job lost.
      await vi.waitFor(async () => expect((await a.api.status(id)).state).toBe('failed'), { timeout: 30_000, interval: 200 });
    } finally {
      f.process.kill('SIGCONT');
    }
    await expectStoppedWithoutOutputs(id, 'replica-f');
    // Its sandbox ran on while F was frozen; thawed, F finds the lock gone and stops it.
    await expectNoProcesses(id);
    await sleep(1000);
    await expectStoppedWithoutOutputs(id, 'replica-f');
    expect(finishedLines(f, id)).toBe(0);
    expect(startsOf(a, id) + startsOf(b, id) + startsOf(c, id) + startsOf(f, id)).toBe(1);
    expect(f.process.exitCode).toBeNull();

    await cancelAll(busy);
    f.process.kill('SIGTERM');
    expect(await f.exited).toBe(0);
  }, 240_000);
});

describe('a replica killed mid-job', () => {
  it('leaves its job failed and retryable on the survivors, with no outputs, never run twice', async () => {
    const id = await a.api.run(HANGS, LIMITS);
    const running = await a.api.waitFor(id, 'running', 60_000);
    const victim = running.runner === 'replica-b' ? b : c;
    const survivor = victim === b ? c : b;
    expect(running.runner).toBe(victim.id);
    await vi.waitFor(() => expect(processesMatching(id).some((p) => p.cmdline[0] === '/usr/bin/bwrap')).toBe(true), { timeout: 30_000, interval: 50 });
    await sleep(500); // let it write its partial output

    const following = a.api.events(id, 60_000);
    victim.process.kill('SIGKILL');
    expect(await victim.exited).toBe('SIGKILL');
    // The kernel kills bwrap.py with the server (PR_SET_PDEATHSIG) and bwrap with bwrap.py: no orphan keeps running the job.
    await expectNoProcesses(id);

    const events = await following;
    expect(events.at(-1)!.event).toBe('failed');
    for (const replica of [a, survivor]) {
      const status = await replica.api.status(id);
      expect(status).toMatchObject({ state: 'failed', retryable: true, runner: victim.id, startedAt: running.startedAt });
      expect(status.result).toMatchObject({ ok: false, error: { kind: 'internal' } });
      expect(message(status)).toBe(STOPPED_MESSAGE);
      expect((await replica.api.fetch(`/jobs/${id}/outputs/partial.txt`)).status).toBe(404);
    }
    expect(filesUnder(join(shared.dir, 'jobs', id, 'output'))).toEqual([]);
    expect(existsSync(join(shared.dir, 'jobs', id, 'output.partial'))).toBe(false);

    // Never run twice: only the dead replica ever started it, and nothing runs it now.
    await sleep(2 * LEASE_MS);
    expect(startsOf(victim, id)).toBe(1);
    expect(startsOf(a, id) + startsOf(survivor, id)).toBe(0);
    expect(processesMatching(id)).toEqual([]);
    expect((await a.api.status(id)).state).toBe('failed');

    // Submitted again, it runs on the survivor.
    const again = await a.api.run('print("again")\n', LIMITS);
    const final = await a.api.finished(again, 90_000);
    expect(final).toMatchObject({ state: 'done', runner: survivor.id, result: { ok: true, stdout: 'again\n' } });
  }, 180_000);
});

describe('a job the shared line has lost', () => {
  it('is reported failed and retryable by the next replica to start', async () => {
    // As if every replica had been down and Redis had restarted empty: a queued job on disk
    // (written as store.ts writes it), two minutes old, that the line has never heard of.
    const id = '0b7e2a4c-1111-4222-8333-444455556666';
    const dir = join(shared.dir, 'jobs', id);
    mkdirSync(join(dir, 'input'), { recursive: true });
    mkdirSync(join(dir, 'output'));
    writeFileSync(join(dir, 'code.py'), 'print("never")\n');
    const record = { id, state: 'queued', createdAt: Date.now() - 120_000, inputs: [], limits: { timeoutS: 60, memoryMb: 256, maxOutputMb: 10 } };
    writeFileSync(join(dir, 'job.json'), JSON.stringify(record));
    expect((await a.api.status(id)).state).toBe('queued'); // the running replicas only read it

    const d = await startReplica({ redisUrl: redis.url, dataDir: shared.dir, leaseMs: LEASE_MS, replicaId: 'replica-d', concurrency: 0 });
    const status = await a.api.status(id);
    expect(status).toMatchObject({ state: 'failed', retryable: true, result: { ok: false, error: { kind: 'internal', message: STOPPED_MESSAGE } } });
    expect(startsOf(d, id) + startsOf(a, id) + startsOf(b, id) + startsOf(c, id)).toBe(0);
  }, 120_000);
});

describe('Redis down', () => {
  it('says so on /health and refuses new jobs with 503 and what to do; finished jobs stay readable', async () => {
    const done = await a.api.run('print("before")\n', LIMITS);
    expect((await a.api.finished(done, 90_000)).state).toBe('done');
    const { uploadId } = await a.api.upload([{ name: 'data.csv', bytes: 'a\n1\n' }]);
    redis.process.kill('SIGKILL');
    await new Promise((resolve) => redis.process.once('exit', resolve));

    const health = (await (await fetch(`${a.url}/health`)).json()) as { ok: boolean; queue: { error?: string } };
    expect(health.ok).toBe(false);
    expect(health.queue.error).toMatch(/The shared queue is unreachable \(.*Redis.*\); check that Redis runs\./);
    const response = await a.api.fetch('/jobs', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ uploadId, code: 'print(1)\n' }),
    });
    expect(response.status).toBe(503);
    const body = (await response.json()) as { error: { kind: string; message: string } };
    expect(body.error.kind).toBe('unavailable');
    expect(body.error.message).toMatch(/The job queue is unreachable \(Cannot reach Redis at 127\.0\.0\.1:\d+ .*\); nothing was sent: try again in a moment\./);
    // What is on the shared folder needs no Redis.
    expect(await a.api.status(done)).toMatchObject({ state: 'done', result: { ok: true, stdout: 'before\n' } });
    // No replica fell over for want of Redis (the one killed earlier aside).
    await sleep(3000);
    const alive = everyReplica().filter((r) => r.process.signalCode !== 'SIGKILL');
    expect(alive).toHaveLength(2);
    for (const replica of alive) expect(replica.process.exitCode, replica.output().slice(-2000)).toBeNull();
  }, 120_000);
});
