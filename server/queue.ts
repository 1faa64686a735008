/**
 * Where jobs wait and who runs them: one interface, two implementations,
 * chosen at start (create-queue.ts). The memory queue is one server's own line
 * (the default); the Redis queue is one line shared by several replicas over a
 * shared data folder. Neither knows what a job is: the job service gives it
 * `run` and learns of changes through the hooks.
 */
export interface QueueStats {
  /** Jobs waiting, in the whole line (every replica's, with Redis). */
  waiting: number;
  /** Jobs running on this server. */
  running: number;
  /** Jobs this server runs at once. */
  concurrency: number;
  mode: 'memory' | 'redis';
  /** This server's id, as recorded in a job's `runner`. */
  replica: string;
  /** Jobs running on every replica together (Redis only). */
  runningEverywhere?: number;
}

/** What run() did: 'declined' gives the job back to the line (this server is stopping and never started it). */
export type RunOutcome = 'ran' | 'declined';

export interface QueueHooks {
  /** Runs the job here; the signal aborts it, with reason 'cancel', 'shutdown' or 'lost'. */
  run(id: string, signal: AbortSignal): Promise<RunOutcome>;
  /** A job changed, here or on another replica; null: the waiting line moved. */
  noticed(id: string | null): void;
  /** The replica running this job stopped without finishing it (Redis only). */
  lost(id: string): void;
}

export interface JobQueue {
  readonly mode: 'memory' | 'redis';
  /** Connects and starts taking jobs. */
  start(): Promise<void>;
  enqueue(id: string): Promise<void>;
  /** 1-based place in the waiting line, or undefined when not waiting. */
  position(id: string): Promise<number | undefined>;
  /** Whether the queue knows the job (waiting, or running anywhere). */
  tracked(id: string): Promise<boolean>;
  /** Takes a waiting job out of the line. False when it was not waiting. */
  remove(id: string): Promise<boolean>;
  /** Stops a running job wherever it runs; resolves once a run on this server has settled. */
  abort(id: string): Promise<void>;
  /** Tells every replica (and this one) that a job changed; null: the line moved. */
  announce(id: string | null): void;
  stats(): Promise<QueueStats>;
  /** Takes no more jobs and aborts this server's runs (reason 'shutdown'), waiting for them to settle. */
  stop(): Promise<void>;
}
