/**
 * The job life cycle: submit, queue, run in the sandbox, record the result,
 * cancel, delete. Routes call this; it calls the store (disk), the queue
 * (scheduling) and the sandbox process, and announces every change to
 * whoever follows a job (the event stream).
 */
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { FastifyBaseLogger } from 'fastify';
import type { ResolvedConfig } from './config';
import { FINAL_STATES, failure, type JobLimits, type JobRecord, type JobResult, type JobStatus } from './job-types';
import { JobQueue } from './queue';
import { cancelledResult, runInSandbox } from './sandbox-process';
import type { Store } from './store';

export type SubmitOutcome =
  | { ok: true; job: JobRecord }
  | { ok: false; status: 404 | 409 | 503; kind: string; message: string };

export type JobListener = (status: JobStatus) => void;

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
    this.queue = new JobQueue(config.concurrency, () => this.announceWaiting());
  }

  stats() {
    return this.queue.stats();
  }

  submit(uploadId: string, code: string, limits: JobLimits): SubmitOutcome {
    if (this.stopping) return { ok: false, status: 503, kind: 'unavailable', message: 'The server is shutting down; submit the job again in a moment.' };
    if (this.queue.stats().waiting >= this.config.maxQueued) {
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
    this.queue.enqueue(job.id, (signal) => this.execute(job.id, signal));
    this.log.info({ jobId: job.id, inputs: job.inputs.length }, 'job queued');
    return { ok: true, job };
  }

  status(id: string): JobStatus | undefined {
    const record = this.store.get(id);
    if (!record) return undefined;
    const position = this.queue.position(id);
    return position === undefined ? { ...record } : { ...record, position };
  }

  /**
   * DELETE /jobs/:id. A queued or running job is cancelled (its process group
   * killed) and its files deleted; its record stays, state `cancelled`, so
   * whoever follows it learns what happened. A finished job is removed whole.
   */
  async cancelOrDelete(id: string): Promise<JobStatus | 'deleted' | undefined> {
    const record = this.store.get(id);
    if (!record) return undefined;
    if (FINAL_STATES.has(record.state)) {
      this.store.remove(id);
      this.log.info({ jobId: id }, 'job deleted');
      return 'deleted';
    }
    if (this.queue.remove(id)) {
      this.finish(record, 'cancelled', cancelledResult(0));
    } else {
      // execute() sees the abort, records `cancelled` and deletes the files before this resolves.
      await this.queue.abort(id);
    }
    return this.status(id);
  }

  /** Calls `listener` with the job's status on every change. Returns the unsubscribe function. */
  subscribe(id: string, listener: JobListener): () => void {
    const onChange = (changedId: string) => {
      if (changedId !== id) return;
      const status = this.status(id);
      if (status) listener(status);
    };
    this.events.on('change', onChange);
    return () => this.events.off('change', onChange);
  }

  /** Event streams end (the server is closing). */
  onShutdown(listener: () => void): () => void {
    this.events.on('shutdown', listener);
    return () => this.events.off('shutdown', listener);
  }

  /**
   * Stops every sandbox process and records nothing more: jobs that were
   * queued or running stay so on disk, and the next start reports them as
   * interrupted (store.open) instead of running them again.
   */
  async shutdown(): Promise<void> {
    this.stopping = true;
    this.events.emit('shutdown');
    await this.queue.stop();
  }

  private async execute(id: string, signal: AbortSignal): Promise<void> {
    const record = this.store.get(id);
    if (!record || this.stopping) return;
    const paths = this.store.paths(id);
    let result: JobResult;
    try {
      record.state = 'running';
      record.startedAt = Date.now();
      this.store.save(record);
      this.changed(id);
      result = await runInSandbox({
        pythonPath: this.config.pythonPath,
        sandboxScript: this.config.sandboxScript,
        codeFile: paths.code,
        inputDir: paths.input,
        outputDir: paths.output,
        limits: record.limits,
        signal,
      });
    } catch (error) {
      result = failure('internal', `The job could not be run: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (this.stopping) return;
    if (signal.aborted) this.finish(record, 'cancelled', cancelledResult(result.durationMs));
    else this.finish(record, result.ok ? 'done' : 'failed', result);
  }

  private finish(record: JobRecord, state: 'done' | 'failed' | 'cancelled', result: JobResult): void {
    if (state === 'cancelled') this.store.deleteFiles(record.id);
    else if (!result.ok) this.store.clearOutputs(record.id); // a failed job has no outputs, never half of them
    record.state = state;
    record.finishedAt = Date.now();
    record.result = result;
    this.store.save(record);
    this.log.info({ jobId: record.id, state, kind: result.ok ? undefined : result.error.kind, durationMs: result.durationMs }, 'job finished');
    this.changed(record.id);
  }

  private changed(id: string): void {
    this.events.emit('change', id);
  }

  private announceWaiting(): void {
    for (const record of this.store.all()) {
      if (record.state === 'queued') this.changed(record.id);
    }
  }
}
