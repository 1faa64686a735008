/**
 * The job life cycle: submit, queue, run in the sandbox, record the result,
 * cancel, delete. Routes call this; it calls the store (disk), the queue
 * (scheduling: this server's own, or one shared through Redis) and the
 * sandbox process, and announces every change to whoever follows a job (the
 * event stream), on this replica or another.
 */
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { FastifyBaseLogger } from 'fastify';
import { jobTmpMb, type ResolvedConfig } from './config';
import { FINAL_STATES, failure, type JobLimits, type JobRecord, type JobResult, type JobStatus } from './job-types';
import { createQueue } from './create-queue';
import type { JobQueue, QueueStats, RunOutcome } from './queue';
import { cancelledResult, runInSandbox } from './sandbox-process';
import { STOPPED_MESSAGE, type Store } from './store';
import { describeError } from '../workers/api';

export type SubmitOutcome =
  | { ok: true; job: JobRecord }
  | { ok: false; status: 404 | 409 | 503; kind: string; message: string };

export type JobListener = (status: JobStatus) => void;

/** A job created this recently may still be on its way into the shared line: start-up checks leave it alone. */
const IN_FLIGHT_MS = 60_000;
/** How often an event stream re-reads its job when the queue is shared. */
const FOLLOW_REFRESH_MS = 5000;
/** How long DELETE waits for another replica to stop a job it runs. */
const REMOTE_CANCEL_WAIT_MS = 15_000;

export class JobService {
  private readonly queue: JobQueue;
  private readonly events = new EventEmitter();
  private stopping = false;

  constructor(
    private readonly store: Store,
    private readonly config: ResolvedConfig,
    private readonly log: FastifyBaseLogger,
  ) {
    this.events.setMaxListeners(0); // one listener per open event stream
    this.queue = createQueue(config, {
      run: (id, signal) => this.execute(id, signal),
      noticed: (id) => this.events.emit('change', id),
      lost: (id) => this.lost(id),
    });
  }

  /**
   * Connects the queue. With Redis, a job the shared folder says is waiting
   * or running but the line has never heard of (every replica was down, or
   * Redis lost its data) is reported failed now instead of waiting forever.
   */
  async start(): Promise<void> {
    await this.queue.start();
    if (this.queue.mode !== 'redis') return;
    for (const record of this.store.all()) {
      if (FINAL_STATES.has(record.state) || Date.now() - record.createdAt < IN_FLIGHT_MS) continue;
      if (!(await this.queue.tracked(record.id))) this.lost(record.id);
    }
  }

  stats(): Promise<QueueStats> {
    return this.queue.stats();
  }

  async submit(uploadId: string, code: string, limits: JobLimits): Promise<SubmitOutcome> {
    if (this.stopping) return { ok: false, status: 503, kind: 'unavailable', message: 'The server is shutting down; submit the job again in a moment.' };
    let waiting: number;
    try {
      waiting = (await this.queue.stats()).waiting;
    } catch (error) {
      return { ok: false, status: 503, kind: 'unavailable', message: `The job queue is unreachable (${describeError(error)}); nothing was sent: try again in a moment.` };
    }
    if (waiting >= this.config.maxQueued) {
      return { ok: false, status: 503, kind: 'busy', message: `The queue is full (${this.config.maxQueued} jobs waiting); try again later.` };
    }
    const upload = this.store.getUpload(uploadId);
    if (upload === null) {
      return { ok: false, status: 404, kind: 'not-found', message: 'No such upload: it was never made, has expired, or was already used by another job (an upload feeds one job).' };
    }
    const job: JobRecord = { id: randomUUID(), state: 'queued', createdAt: Date.now(), inputs: upload.files, limits };
    try {
      this.store.createJob(job, code, uploadId);
    } catch (error) {
      // Two jobs raced for one upload: the rename let exactly one of them have it.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        this.store.remove(job.id);
        return { ok: false, status: 409, kind: 'conflict', message: 'This upload was already used by another job; upload the files again.' };
      }
      throw error;
    }
    try {
      await this.queue.enqueue(job.id);
    } catch (error) {
      // Redis unreachable: the job would never run, so it is not accepted.
      this.store.remove(job.id);
      return { ok: false, status: 503, kind: 'unavailable', message: `The job could not be queued (${describeError(error)}); nothing was kept: upload and submit it again.` };
    }
    this.log.info({ jobId: job.id, inputs: job.inputs.length }, 'job queued');
    return { ok: true, job };
  }

  async status(id: string): Promise<JobStatus | undefined> {
    const record = this.store.get(id);
    if (!record) return undefined;
    const position = record.state === 'queued' ? await this.queue.position(id) : undefined;
    return position === undefined ? { ...record } : { ...record, position };
  }

  /**
   * DELETE /jobs/:id. A queued or running job is cancelled (its process group
   * killed, on whichever replica runs it) and its files deleted; its record
   * stays, state `cancelled`, so whoever follows it learns what happened. A
   * finished job is removed whole.
   */
  async cancelOrDelete(id: string): Promise<JobStatus | 'deleted' | undefined> {
    const record = this.store.get(id);
    if (!record) return undefined;
    if (FINAL_STATES.has(record.state)) {
      this.store.remove(id);
      this.log.info({ jobId: id }, 'job deleted');
      return 'deleted';
    }
    if (await this.queue.remove(id)) {
      this.finish(record, 'cancelled', cancelledResult(0));
    } else {
      // Taken by a runner, here or elsewhere: the marker stops a run about to start, the abort one that runs.
      this.store.requestCancel(id);
      await this.queue.abort(id);
      await this.untilFinal(id, REMOTE_CANCEL_WAIT_MS);
    }
    return this.status(id);
  }

  /** Calls `listener` with the job's status on every change. Returns the unsubscribe function. */
  subscribe(id: string, listener: JobListener): () => void {
    const onChange = (changedId: string | null) => {
      if (changedId !== null && changedId !== id) return;
      this.status(id).then(
        (status) => {
          if (status) listener(status);
        },
        () => {}, // Redis unreachable for the position: the next change says it
      );
    };
    this.events.on('change', onChange);
    // With Redis, a notice from another replica can be missed (a reconnect): look again now and then.
    const timer = this.queue.mode === 'redis' ? setInterval(() => onChange(id), FOLLOW_REFRESH_MS) : undefined;
    timer?.unref();
    return () => {
      clearInterval(timer);
      this.events.off('change', onChange);
    };
  }

  /** Event streams end (the server is closing). */
  onShutdown(listener: () => void): () => void {
    this.events.on('shutdown', listener);
    return () => this.events.off('shutdown', listener);
  }

  /**
   * Stops every sandbox process of this server. Alone (memory queue), it
   * records nothing more: jobs that were queued or running stay so on disk,
   * and the next start reports them as interrupted (store.open) instead of
   * running them again. With Redis, waiting jobs stay in the shared line for
   * the other replicas, and the jobs this one was running are recorded failed
   * at once (STOPPED_MESSAGE), since the others cannot run them again.
   */
  async shutdown(): Promise<void> {
    this.stopping = true;
    this.events.emit('shutdown');
    await this.queue.stop();
  }

  private async execute(id: string, signal: AbortSignal): Promise<RunOutcome> {
    if (this.stopping) return 'declined';
    const record = this.store.get(id);
    if (!record) return 'ran'; // deleted meanwhile: nothing to run
    if (record.state !== 'queued') {
      // Started before by a server that stopped: it is never run a second time.
      if (record.state === 'running') this.lost(id);
      return 'ran';
    }
    record.state = 'running';
    record.startedAt = Date.now();
    record.runner = this.config.replicaId;
    this.store.save(record);
    this.log.info({ jobId: id, runner: record.runner }, 'job started');
    this.queue.announce(id);
    if (this.store.cancelRequested(id)) {
      this.finish(record, 'cancelled', cancelledResult(0));
      return 'ran';
    }
    const paths = this.store.paths(id);
    let result: JobResult;
    try {
      result = await runInSandbox({
        pythonPath: this.config.pythonPath,
        sandboxScript: this.config.sandboxScript,
        codeFile: paths.code,
        inputDir: paths.input,
        outputDir: this.store.preparePartialOutputs(id),
        limits: record.limits,
        tmpMb: jobTmpMb(this.config, record.limits),
        jobsAtOnce: this.config.concurrency,
        signal,
      });
    } catch (error) {
      result = failure('internal', `The job could not be run: ${describeError(error)}`);
    }
    const stoppedBy = signal.aborted ? String(signal.reason) : this.stopping ? 'shutdown' : null;
    if (stoppedBy === 'lost') {
      // Another replica took this server for dead and recorded the job failed; it stays so.
      this.store.discardPartial(id);
    } else if (stoppedBy === 'shutdown') {
      if (this.queue.mode === 'redis') this.finishStopped(record);
      // Alone, the next start reports it (store.open); the partial outputs go then.
    } else if (stoppedBy !== null) {
      this.finish(record, 'cancelled', cancelledResult(result.durationMs));
    } else {
      this.finish(record, result.ok ? 'done' : 'failed', result);
    }
    return 'ran';
  }

  /** The server running this job stopped (lease expired, or it is shutting down): failed, retryable, no outputs. */
  private lost(id: string): void {
    const record = this.store.get(id);
    if (!record || FINAL_STATES.has(record.state)) return;
    this.finishStopped(record);
  }

  private finishStopped(record: JobRecord): void {
    record.retryable = true;
    this.log.warn({ jobId: record.id, runner: record.runner }, 'job lost: the server running it stopped');
    this.finish(record, 'failed', failure('internal', STOPPED_MESSAGE));
  }

  private finish(record: JobRecord, state: 'done' | 'failed' | 'cancelled', result: JobResult): void {
    // Shared folder: another replica may have recorded an end already (a lost job); the first end stands.
    const current = this.store.get(record.id);
    if (!current || FINAL_STATES.has(current.state)) {
      this.store.discardPartial(record.id);
      return;
    }
    if (state === 'cancelled') this.store.deleteFiles(record.id);
    else if (result.ok) this.store.commitOutputs(record.id);
    else this.store.clearOutputs(record.id); // a failed job has no outputs, never half of them
    record.state = state;
    record.finishedAt = Date.now();
    record.result = result;
    this.store.save(record);
    this.log.info({ jobId: record.id, state, kind: result.ok ? undefined : result.error.kind, durationMs: result.durationMs }, 'job finished');
    this.queue.announce(record.id);
  }

  private async untilFinal(id: string, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const record = this.store.get(id);
      if (!record || FINAL_STATES.has(record.state)) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

