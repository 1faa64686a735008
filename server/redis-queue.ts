/**
 * One waiting line in Redis shared by several replicas. Any replica may take
 * a job; whoever takes it holds a lease (a key that expires) and renews it
 * while the job runs. A replica that dies stops renewing: once its lease has
 * expired, the next replica to look removes the job from the running set
 * (one Lua script, so exactly one replica does it) and reports it lost; the
 * job is failed, never put back in line, so it never runs twice.
 *
 * Redis keys (prefix excel-ai:jobs:):
 *   wait          list, newest on the left; jobs are taken from the right (FIFO)
 *   active        set of jobs some replica is running
 *   lease:<id>    the replica running <id>; expires after leaseMs unless renewed
 * Channels: excel-ai:jobs:notice (a job changed, JSON {from, id}) and
 * excel-ai:jobs:cancel (stop <id> wherever it runs).
 *
 * Redis holds only the line. Job records, inputs and outputs live in the
 * shared data folder (store.ts), which every replica reads.
 */
import type { JobQueue, QueueHooks, QueueStats } from './queue';
import { parseRedisUrl, RedisClient } from './redis-client';

const PREFIX = 'excel-ai:jobs:';
const WAIT = `${PREFIX}wait`;
const ACTIVE = `${PREFIX}active`;
const LEASE = `${PREFIX}lease:`;
const NOTICE = `${PREFIX}notice`;
const CANCEL = `${PREFIX}cancel`;

// KEYS: wait, active. ARGV: lease prefix, replica, lease ms. Takes the oldest job and leases it to the replica.
const CLAIM = `
local id = redis.call('RPOP', KEYS[1])
if not id then return false end
redis.call('SADD', KEYS[2], id)
redis.call('SET', ARGV[1] .. id, ARGV[2], 'PX', ARGV[3])
return id`;

// KEYS: lease. ARGV: replica, lease ms. 1 when the lease was still this replica's and is extended.
const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;

// KEYS: active, lease. ARGV: replica, id. The run has ended: its lease goes (if still ours).
const RELEASE = `
if redis.call('GET', KEYS[2]) == ARGV[1] then redis.call('DEL', KEYS[2]) end
redis.call('SREM', KEYS[1], ARGV[2])
return 1`;

// KEYS: wait, active, lease. ARGV: replica, id. A job taken but never started goes back to the front of the line.
const GIVE_BACK = `
if redis.call('GET', KEYS[3]) ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[3])
redis.call('SREM', KEYS[2], ARGV[2])
redis.call('RPUSH', KEYS[1], ARGV[2])
return 1`;

// KEYS: active. ARGV: lease prefix. Running jobs whose lease has expired: removed here, returned to the caller alone.
const REAP = `
local lost = {}
for _, id in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  if redis.call('EXISTS', ARGV[1] .. id) == 0 then
    redis.call('SREM', KEYS[1], id)
    table.insert(lost, id)
  end
end
return lost`;

// KEYS: wait. ARGV: id. 1-based place counted from the end jobs are taken from.
const POSITION = `
local index = redis.call('LPOS', KEYS[1], ARGV[1])
if not index then return false end
return redis.call('LLEN', KEYS[1]) - index`;

interface Running {
  controller: AbortController;
  settled: Promise<void>;
  renewedAt: number;
}

export interface RedisQueueOptions {
  url: string;
  /** Jobs this replica runs at once; 0 for a replica that only serves the API. */
  concurrency: number;
  replica: string;
  /** How long a silent replica keeps its jobs before they are reported lost. */
  leaseMs: number;
  hooks: QueueHooks;
}

export class RedisQueue implements JobQueue {
  readonly mode = 'redis';
  private readonly redis: RedisClient;
  private readonly subscriber: RedisClient;
  private readonly running = new Map<string, Running>();
  private readonly timers: NodeJS.Timeout[] = [];
  private stopped = false;
  private claiming = false;

  constructor(private readonly options: RedisQueueOptions) {
    const target = parseRedisUrl(options.url);
    this.redis = new RedisClient(target);
    this.subscriber = new RedisClient(target);
  }

  async start(): Promise<void> {
    await this.redis.command('PING');
    await this.subscriber.subscribe([NOTICE, CANCEL], (channel, message) => this.heard(channel, message));
    const { leaseMs } = this.options;
    this.every(Math.max(100, Math.floor(leaseMs / 3)), () => this.renew());
    this.every(Math.max(100, Math.floor(leaseMs / 2)), () => this.reap());
    // Notices can be missed (a reconnect); looking now and then costs one RPOP.
    this.every(1000, () => this.pump());
    await this.reap();
    await this.pump();
  }

  async enqueue(id: string): Promise<void> {
    if (this.stopped) throw new Error('The queue is stopped.');
    await this.redis.command('LPUSH', WAIT, id);
    this.announce(null);
  }

  async position(id: string): Promise<number | undefined> {
    const reply = await this.redis.eval(POSITION, [WAIT], [id]);
    return typeof reply === 'number' ? reply : undefined;
  }

  async tracked(id: string): Promise<boolean> {
    if (this.running.has(id)) return true;
    const [waiting, active] = await Promise.all([this.redis.command('LPOS', WAIT, id), this.redis.command('SISMEMBER', ACTIVE, id)]);
    return waiting !== null || active === 1;
  }

  async remove(id: string): Promise<boolean> {
    const removed = (await this.redis.command('LREM', WAIT, 1, id)) === 1;
    if (removed) this.announce(null);
    return removed;
  }

  async abort(id: string): Promise<void> {
    const entry = this.running.get(id);
    if (entry) {
      entry.controller.abort('cancel');
      await entry.settled;
      return;
    }
    await this.redis.command('PUBLISH', CANCEL, id);
  }

  announce(id: string | null): void {
    this.options.hooks.noticed(id);
    this.redis.command('PUBLISH', NOTICE, JSON.stringify({ from: this.options.replica, id })).catch(() => {
      // Other replicas then learn of it at their next look (SSE followers there re-read the record).
    });
  }

  async stats(): Promise<QueueStats> {
    const [waiting, active] = await Promise.all([this.redis.command('LLEN', WAIT), this.redis.command('SCARD', ACTIVE)]);
    return {
      waiting: Number(waiting),
      running: this.running.size,
      concurrency: this.options.concurrency,
      mode: this.mode,
      replica: this.options.replica,
      runningEverywhere: Number(active),
    };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers.splice(0)) clearInterval(timer);
    const settled = [...this.running.values()].map((entry) => {
      entry.controller.abort('shutdown');
      return entry.settled;
    });
    await Promise.all(settled);
    this.subscriber.close();
    this.redis.close();
  }

  private every(ms: number, task: () => Promise<void>): void {
    const timer = setInterval(() => {
      // Redis unreachable: the next tick tries again; renew() aborts jobs whose lease it could not keep.
      task().catch(() => {});
    }, ms);
    timer.unref();
    this.timers.push(timer);
  }

  private heard(channel: string, message: string): void {
    if (channel === CANCEL) {
      this.running.get(message)?.controller.abort('cancel');
      return;
    }
    try {
      const notice = JSON.parse(message) as { from: string; id: string | null };
      if (notice.from !== this.options.replica) this.options.hooks.noticed(notice.id);
    } catch {
      // Not ours; ignore.
    }
    this.pump().catch(() => {});
  }

  /** Takes jobs while this replica has free slots. */
  private async pump(): Promise<void> {
    if (this.claiming) return;
    this.claiming = true;
    let moved = false;
    try {
      while (!this.stopped && this.running.size < this.options.concurrency) {
        const id = await this.redis.eval(CLAIM, [WAIT, ACTIVE], [LEASE, this.options.replica, this.options.leaseMs]);
        if (typeof id !== 'string') break;
        this.launch(id);
        moved = true;
      }
    } finally {
      this.claiming = false;
      // Everyone behind the jobs just taken moved up: their followers, on every replica, hear it.
      if (moved) this.announce(null);
    }
  }

  private launch(id: string): void {
    const controller = new AbortController();
    const { replica } = this.options;
    const entry: Running = { controller, renewedAt: Date.now(), settled: Promise.resolve() };
    entry.settled = Promise.resolve()
      .then(() => this.options.hooks.run(id, controller.signal))
      .catch(() => 'ran' as const) // a run that throws has ended all the same
      .then((outcome) =>
        outcome === 'declined'
          ? this.redis.eval(GIVE_BACK, [WAIT, ACTIVE, `${LEASE}${id}`], [replica, id])
          : this.redis.eval(RELEASE, [ACTIVE, `${LEASE}${id}`], [replica, id]),
      )
      .then(
        () => {},
        () => {}, // Redis unreachable: the lease expires and reap() tidies the running set
      )
      .finally(() => {
        this.running.delete(id);
        if (!this.stopped) this.pump().catch(() => {});
      });
    this.running.set(id, entry);
  }

  /** Extends this replica's leases; a job whose lease is gone (or could not be kept) is aborted as lost. */
  private async renew(): Promise<void> {
    const { replica, leaseMs } = this.options;
    await Promise.all(
      [...this.running.entries()].map(async ([id, entry]) => {
        let kept: boolean;
        try {
          kept = (await this.redis.eval(RENEW, [`${LEASE}${id}`], [replica, leaseMs])) === 1;
          if (kept) entry.renewedAt = Date.now();
        } catch {
          kept = Date.now() - entry.renewedAt < leaseMs;
        }
        // Another replica has (or will have) reported this job lost: stop, and record nothing.
        if (!kept) entry.controller.abort('lost');
      }),
    );
  }

  /** Reports the jobs whose replica stopped renewing their lease. */
  private async reap(): Promise<void> {
    const lost = await this.redis.eval(REAP, [ACTIVE], [LEASE]);
    if (!Array.isArray(lost)) return;
    for (const id of lost) this.options.hooks.lost(String(id));
    if (lost.length > 0) this.announce(null);
  }
}
