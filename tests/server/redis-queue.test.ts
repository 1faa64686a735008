/**
 * The BullMQ queue on its own, against a real redis-server on 127.0.0.1: two
 * RedisQueue instances in this process stand for two replicas. The job
 * service is replaced by plain hooks (the queue only ever calls run, noticed
 * and lost), so what is tested is the line itself: the paths the process-level
 * scale-out tests cannot steer, such as a job taken by a replica that is
 * stopping at that very moment.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { QueueHooks, RunOutcome } from '../../server/queue';
import { RedisQueue } from '../../server/redis-queue';
import { startRedis, stopAll, type Redis } from './replicas';

const LEASE_MS = 2000;
let redis: Redis;
const queues: RedisQueue[] = [];

beforeAll(async () => {
  redis = await startRedis();
}, 60_000);

afterAll(async () => {
  await Promise.all(queues.map((queue) => queue.stop()));
  stopAll();
});

interface Replica {
  queue: RedisQueue;
  runs: string[];
  lost: string[];
}

async function replica(name: string, concurrency: number, run: (id: string, signal: AbortSignal) => Promise<RunOutcome>): Promise<Replica> {
  const runs: string[] = [];
  const lost: string[] = [];
  const hooks: QueueHooks = {
    run: (id, signal) => {
      runs.push(id);
      return run(id, signal);
    },
    noticed: () => {},
    lost: (id) => lost.push(id),
  };
  const queue = new RedisQueue({ url: redis.url, concurrency, replica: name, leaseMs: LEASE_MS, hooks });
  queues.push(queue);
  await queue.start();
  return { queue, runs, lost };
}

const untilAborted = (signal: AbortSignal): Promise<string> =>
  new Promise((resolve) => signal.addEventListener('abort', () => resolve(String(signal.reason)), { once: true }));

describe('the BullMQ line', () => {
  it('gives a job taken while its replica stops back to the front of the line, where another replica runs it', async () => {
    const api = await replica('api', 0, async () => 'ran');
    let stopping: Promise<void> | undefined;
    const leaving = await replica('leaving', 1, async () => {
      // What the job service does when a job reaches a stopping server: declines it.
      stopping = leaving.queue.stop();
      return 'declined';
    });
    await api.queue.enqueue('first-job');
    await vi.waitFor(() => expect(leaving.runs).toEqual(['first-job']), { timeout: 20_000, interval: 20 });
    await api.queue.enqueue('second-job');
    await stopping;

    expect(await api.queue.position('first-job')).toBe(1);
    expect(await api.queue.position('second-job')).toBe(2);
    expect(await api.queue.tracked('first-job')).toBe(true);
    expect(leaving.lost).toEqual([]);

    const ran: string[] = [];
    const staying = await replica('staying', 1, async (id) => {
      ran.push(id);
      return 'ran';
    });
    await vi.waitFor(() => expect(ran).toEqual(['first-job', 'second-job']), { timeout: 20_000, interval: 20 });
    await vi.waitFor(async () => expect(await api.queue.stats()).toMatchObject({ waiting: 0, runningEverywhere: 0 }), { timeout: 10_000, interval: 50 });
    expect(await api.queue.tracked('first-job')).toBe(false); // finished jobs leave nothing in Redis
    expect([...api.lost, ...staying.lost]).toEqual([]);
    await staying.queue.stop();
  }, 60_000);

  it('stops a running job from another replica (reason cancel), and takes a waiting one out of the line', async () => {
    const api = await replica('api-2', 0, async () => 'ran');
    const reasons: string[] = [];
    const runner = await replica('runner', 1, async (_id, signal) => {
      reasons.push(await untilAborted(signal));
      return 'ran';
    });
    await api.queue.enqueue('long-job');
    await vi.waitFor(() => expect(runner.runs).toEqual(['long-job']), { timeout: 20_000, interval: 20 });
    await api.queue.enqueue('waiting-job');
    expect(await api.queue.remove('long-job')).toBe(false); // running: only abort() stops it
    expect(await api.queue.remove('waiting-job')).toBe(true);
    expect(await api.queue.tracked('waiting-job')).toBe(false);

    await api.queue.abort('long-job');
    await vi.waitFor(() => expect(reasons).toEqual(['cancel']), { timeout: 20_000, interval: 20 });
    await vi.waitFor(async () => expect(await api.queue.tracked('long-job')).toBe(false), { timeout: 10_000, interval: 50 });
    expect(runner.runs).toEqual(['long-job']); // the removed job never ran
    await runner.queue.stop();
  }, 60_000);
});
