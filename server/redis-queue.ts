/**
 * One waiting line shared by several replicas, on BullMQ: the queue
 * `excel-ai-jobs`, its Redis keys under `excel-ai:excel-ai-jobs:`. A BullMQ
 * job is only a job id (its id is ours, its data empty): records, inputs and
 * outputs live in the shared data folder (store.ts), which every replica
 * reads.
 *
 * - Waiting: BullMQ's `wait` list, oldest taken first, by whichever replica's
 *   Worker has a free slot (Worker concurrency = this replica's; a replica
 *   with concurrency 0 takes nothing).
 * - Running: BullMQ's lock on the job, renewed while it runs (lockDuration =
 *   leaseMs). A replica that dies stops renewing; the next stalled check
 *   (every leaseMs/2, on any replica, one Lua script so exactly one replica
 *   sees it) finds the job without a lock and, with maxStalledCount 0, marks
 *   it to be failed instead of run again: that replica reports it lost, and
 *   BullMQ fails it without running it when a Worker next takes it.
 * - Notices (a job changed) and cancels (stop a job wherever it runs) are
 *   custom events on the queue's event stream, read by QueueEvents on every
 *   replica; a reader that reconnects reads on from where it stopped.
 */
import { Queue, QueueEvents, QueueEventsProducer, WaitingError, Worker, type Job, type QueueEventsListener } from 'bullmq';
import type { JobQueue, QueueHooks, QueueStats, RunOutcome } from './queue';
import { RedisConnections } from './redis-connections';
import { parseRedisUrl } from './redis-url';

export const QUEUE_NAME = 'excel-ai-jobs';
const PREFIX = 'excel-ai';
const NOTICE = 'excel-ai-notice';
const CANCEL = 'excel-ai-cancel';
/** Events kept in the stream (BullMQ's own default): enough for a reader that reconnects to catch up. */
const EVENTS_KEPT = 10_000;
/** How long a stopping replica lets BullMQ finish its last writes before cutting the connections. */
const CLOSE_WAIT_MS = 3000;

/** Our events on the stream, next to BullMQ's own. Stream fields are strings: '' stands for "the line moved". */
interface SharedLineEvents extends QueueEventsListener {
  [NOTICE]: (args: { from: string; id: string }, eventId: string) => void;
  [CANCEL]: (args: { id: string }, eventId: string) => void;
}

// KEYS: wait. ARGV: id. 1-based place counted from the end BullMQ takes jobs from (new jobs are pushed on the left).
const POSITION = `
local index = redis.call('LPOS', KEYS[1], ARGV[1])
if not index then return false end
return redis.call('LLEN', KEYS[1]) - index`;

const WAITING_STATES = new Set(['waiting', 'active', 'delayed', 'prioritized', 'waiting-children']);

interface Running {
  controller: AbortController;
  settled: Promise<RunOutcome>;
  renewedAt: number;
}

export interface RedisQueueOptions {
  url: string;
  /** Jobs this replica runs at once; 0 for a replica that only serves the API. */
  concurrency: number;
  replica: string;
  /** How long a silent replica keeps its jobs before they are reported lost (BullMQ's lockDuration). */
  leaseMs: number;
  hooks: QueueHooks;
}

export class RedisQueue implements JobQueue {
  readonly mode = 'redis';
  private readonly redis: RedisConnections;
  private readonly running = new Map<string, Running>();
  private queue: Queue | null = null;
  private producer: QueueEventsProducer | null = null;
  private events: QueueEvents | null = null;
  private worker: Worker | null = null;
  private watchdog: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly options: RedisQueueOptions) {
    this.redis = new RedisConnections(parseRedisUrl(options.url));
  }

  async start(): Promise<void> {
    await this.redis.connect();
    const connection = this.redis.command;
    const prefix = PREFIX;
    this.queue = new Queue(QUEUE_NAME, {
      connection,
      prefix,
      // One attempt, never kept: the shared folder holds the record, Redis only the line.
      defaultJobOptions: { attempts: 1, removeOnComplete: true, removeOnFail: true },
    });
    this.producer = new QueueEventsProducer(QUEUE_NAME, { connection, prefix });
    // Read on from the stream's last event now, not from wherever it ends when the reader's first read
    // reaches Redis (BullMQ's '$'): a notice sent between the two would be missed.
    const lastEventId = await this.lastEventId(this.queue);
    this.events = new QueueEvents(QUEUE_NAME, { connection: this.redis.worker, prefix, lastEventId });
    this.worker = this.createWorker();
    // Connection errors: BullMQ reconnects, and requests meanwhile answer 503 (see RedisConnections).
    const ignore = () => {};
    this.queue.on('error', ignore);
    this.producer.on('error', ignore);
    this.events.on('error', ignore);
    this.worker.on('error', ignore);
    this.listen(this.events, this.worker);
    await Promise.all([this.queue.waitUntilReady(), this.producer.waitUntilReady(), this.events.waitUntilReady(), this.worker.waitUntilReady()]);
    if (this.options.concurrency > 0) {
      this.worker.run().catch(() => {}); // resolves when the worker closes; its errors arrive as 'error' events
    } else {
      // Runs nothing, but still looks for jobs whose replica died (the runners may all be gone).
      await this.worker.startStalledCheckTimer();
    }
    this.watchdog = setInterval(() => this.dropUnrenewed(), Math.max(100, Math.floor(this.options.leaseMs / 3)));
    this.watchdog.unref();
  }

  async enqueue(id: string): Promise<void> {
    if (this.stopped) throw new Error('The queue is stopped.');
    const queue = this.started(this.queue);
    await this.redis.reach(() => queue.add('run', {}, { jobId: id }));
    this.announce(null);
  }

  async position(id: string): Promise<number | undefined> {
    const wait = this.started(this.queue).keys.wait;
    if (wait === undefined) throw new Error('BullMQ names no wait list.');
    const reply = await this.redis.reach(() => this.redis.command.eval(POSITION, 1, wait, id));
    return typeof reply === 'number' ? reply : undefined;
  }

  async tracked(id: string): Promise<boolean> {
    if (this.running.has(id)) return true;
    const queue = this.started(this.queue);
    return WAITING_STATES.has(await this.redis.reach(() => queue.getJobState(id)));
  }

  async remove(id: string): Promise<boolean> {
    const queue = this.started(this.queue);
    if ((await this.redis.reach(() => queue.getJobState(id))) !== 'waiting') return false;
    // BullMQ refuses (0) a job a Worker has locked meanwhile: it is then running, and cancelled by abort().
    const removed = (await this.redis.reach(() => queue.remove(id))) === 1;
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
    const producer = this.started(this.producer);
    await this.redis.reach(() => producer.publishEvent({ eventName: CANCEL, id }, EVENTS_KEPT));
  }

  announce(id: string | null): void {
    this.options.hooks.noticed(id);
    this.producer?.publishEvent({ eventName: NOTICE, from: this.options.replica, id: id ?? '' }, EVENTS_KEPT).catch(() => {
      // Redis unreachable: followers on other replicas re-read the record now and then (jobs.ts).
    });
  }

  async stats(): Promise<QueueStats> {
    const queue = this.started(this.queue);
    const counts = await this.redis.reach(() => queue.getJobCounts('wait', 'active'));
    return {
      waiting: counts.wait ?? 0,
      running: this.running.size,
      concurrency: this.options.concurrency,
      mode: this.mode,
      replica: this.options.replica,
      runningEverywhere: counts.active ?? 0,
    };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.watchdog);
    // Take nothing more, stop what runs (the job service records those jobs failed), then let BullMQ finish them off.
    const closingWorker = this.worker?.close();
    const settled = [...this.running.values()].map((entry) => {
      entry.controller.abort('shutdown');
      return entry.settled;
    });
    await Promise.all(settled);
    const parts = [this.worker, this.events, this.producer, this.queue].filter((part) => part !== null);
    const closing = Promise.allSettled([closingWorker, ...parts.map((part) => part.close())]);
    // With Redis gone BullMQ would wait for it for ever (and the server's stop has ~10 s): cut the connections instead.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([closing, new Promise((resolve) => (timer = setTimeout(resolve, CLOSE_WAIT_MS)))]);
    clearTimeout(timer);
    // Not awaited: a disconnect can wait on a reconnect that never comes; the sockets close all the same.
    for (const part of parts) part.disconnect().catch(() => {});
    this.redis.close();
  }

  private createWorker(): Worker {
    const { concurrency, leaseMs, replica } = this.options;
    return new Worker(QUEUE_NAME, concurrency > 0 ? (job, token) => this.process(job, token) : undefined, {
      connection: this.redis.worker,
      prefix: PREFIX,
      name: replica,
      autorun: false,
      concurrency: Math.max(1, concurrency),
      lockDuration: leaseMs,
      // Renewed three times per lease (BullMQ's default is twice): a loaded machine can delay a renewal.
      lockRenewTime: Math.max(100, Math.floor(leaseMs / 3)),
      stalledInterval: Math.max(100, Math.floor(leaseMs / 2)),
      // A job whose replica died is failed, never run a second time.
      maxStalledCount: 0,
    });
  }

  private listen(events: QueueEvents, worker: Worker): void {
    const { hooks, replica } = this.options;
    events.on<SharedLineEvents, typeof NOTICE>(NOTICE, ({ from, id }) => {
      if (from !== replica) hooks.noticed(id === '' ? null : id);
    });
    events.on<SharedLineEvents, typeof CANCEL>(CANCEL, ({ id }) => this.running.get(id)?.controller.abort('cancel'));
    // A job was taken, or a stalled one went back to the front: everyone behind it moved.
    events.on('active', () => hooks.noticed(null));
    events.on('stalled', () => hooks.noticed(null));

    // This replica's stalled check found a job whose replica stopped renewing its lock.
    worker.on('stalled', (id) => {
      this.running.get(id)?.controller.abort('lost');
      hooks.lost(id);
    });
    // BullMQ failed a job without running it here (the stalled one, when taken) or could not give one back: lost all the same.
    worker.on('failed', (job) => {
      if (job?.id !== undefined) hooks.lost(job.id);
    });
    // The lock is another's now (this replica was taken for dead): stop, and record nothing.
    worker.on('lockRenewalFailed', (ids) => {
      for (const id of ids) this.running.get(id)?.controller.abort('lost');
    });
    worker.on('locksRenewed', ({ jobIds }) => {
      const now = Date.now();
      for (const id of jobIds) {
        const entry = this.running.get(id);
        if (entry) entry.renewedAt = now;
      }
    });
  }

  /** The Worker's processor: runs the job here, or gives it back to the front of the line. */
  private async process(job: Job, token: string | undefined): Promise<void> {
    const id = job.id;
    if (id === undefined) return;
    const outcome = this.stopped ? 'declined' : await this.runHere(id);
    if (outcome === 'declined') {
      await job.moveToWait(token);
      throw new WaitingError(); // tells BullMQ the job is back in line, neither done nor failed
    }
  }

  private async runHere(id: string): Promise<RunOutcome> {
    const controller = new AbortController();
    const settled = Promise.resolve()
      .then(() => this.options.hooks.run(id, controller.signal))
      .catch(() => 'ran' as const); // a run that throws has ended all the same
    this.running.set(id, { controller, settled, renewedAt: Date.now() });
    try {
      return await settled;
    } finally {
      this.running.delete(id);
    }
  }

  /** Cut off from Redis for a whole lease: the others have reported these jobs lost, so this replica stops them. */
  private dropUnrenewed(): void {
    const now = Date.now();
    for (const entry of this.running.values()) {
      if (now - entry.renewedAt >= this.options.leaseMs) entry.controller.abort('lost');
    }
  }

  private async lastEventId(queue: Queue): Promise<string> {
    const stream = queue.keys.events;
    if (stream === undefined) throw new Error('BullMQ names no event stream.');
    const [last] = await this.redis.reach(() => this.redis.command.xrevrange(stream, '+', '-', 'COUNT', 1));
    return last?.[0] ?? '0-0';
  }

  private started<T>(part: T | null): T {
    if (part === null) throw new Error('The shared queue is not started.');
    return part;
  }
}
