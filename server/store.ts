/**
 * Job and upload state on disk, so that a restart neither loses a job silently
 * nor runs it twice.
 *
 *   <dataDir>/uploads/<uploadId>/upload.json, files/<name>
 *   <dataDir>/jobs/<jobId>/job.json, code.py, input/<name>, output/...
 *   (output.partial/ while the job runs: renamed to output/ on success, so
 *   output/ never holds half of a job's files; cancel-requested: a marker)
 *
 * Shared (several replicas over one folder, see redis-queue.ts): records are
 * read from disk every time, since another replica may have written them, and
 * open() leaves unfinished jobs and uploads alone: they may be another
 * replica's work in progress.
 *
 * job.json is small and written atomically (temporary file, fsync, rename):
 * a crash leaves the old version or the new one, never half of one. Its writes
 * are synchronous on purpose: they take microseconds and keep every state
 * change in order without locks.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { FINAL_STATES, failure, type JobRecord, type UploadedFile } from './job-types';
import { isId } from './file-names';

export const RESTART_MESSAGE = 'The server restarted while this job was running; nothing was written. Submit it again.';

export const STOPPED_MESSAGE = 'The server running this job stopped before it finished; nothing was written. Submit it again.';

export interface UploadRecord {
  id: string;
  createdAt: number;
  files: UploadedFile[];
}

export interface JobPaths {
  dir: string;
  record: string;
  code: string;
  input: string;
  output: string;
  /** Where the sandbox writes; becomes `output` on success. */
  partial: string;
  cancelMarker: string;
}

export class Store {
  private readonly jobs = new Map<string, JobRecord>();
  /** Uploads still being received: the sweeper leaves them alone. */
  private readonly receiving = new Set<string>();
  private readonly uploadsDir: string;
  private readonly jobsDir: string;

  constructor(
    readonly dataDir: string,
    private readonly shared = false,
  ) {
    this.uploadsDir = join(dataDir, 'uploads');
    this.jobsDir = join(dataDir, 'jobs');
  }

  /**
   * Loads every job. Jobs found queued or running belonged to a server that
   * stopped without finishing them: they become failed (their outputs
   * deleted) rather than being run again behind the user's back. Half-received
   * uploads are deleted. Returns the ids of the jobs it failed.
   */
  open(): string[] {
    mkdirSync(this.uploadsDir, { recursive: true, mode: 0o700 });
    mkdirSync(this.jobsDir, { recursive: true, mode: 0o700 });
    if (this.shared) return [];
    for (const id of readdirSync(this.uploadsDir)) {
      if (!isId(id) || !existsSync(join(this.uploadsDir, id, 'upload.json'))) rmSync(join(this.uploadsDir, id), { recursive: true, force: true });
    }
    const interrupted: string[] = [];
    for (const id of readdirSync(this.jobsDir)) {
      const record = isId(id) ? readJson<JobRecord>(this.paths(id).record) : null;
      if (record === null || record.id !== id) {
        // A job that never got its record was never accepted (no 202 went out).
        rmSync(join(this.jobsDir, id), { recursive: true, force: true });
        continue;
      }
      rmSync(this.paths(id).partial, { recursive: true, force: true });
      if (!FINAL_STATES.has(record.state)) {
        rmSync(this.paths(id).output, { recursive: true, force: true });
        record.state = 'failed';
        record.finishedAt = Date.now();
        record.result = failure('internal', RESTART_MESSAGE);
        record.retryable = true;
        writeJsonAtomic(this.paths(id).record, record);
        interrupted.push(id);
      }
      this.jobs.set(id, record);
    }
    return interrupted;
  }

  paths(jobId: string): JobPaths {
    const dir = join(this.jobsDir, jobId);
    return {
      dir,
      record: join(dir, 'job.json'),
      code: join(dir, 'code.py'),
      input: join(dir, 'input'),
      output: join(dir, 'output'),
      partial: join(dir, 'output.partial'),
      cancelMarker: join(dir, 'cancel-requested'),
    };
  }

  // -- uploads ---------------------------------------------------------------

  beginUpload(id: string): string {
    const filesDir = join(this.uploadsDir, id, 'files');
    mkdirSync(filesDir, { recursive: true, mode: 0o700 });
    this.receiving.add(id);
    return filesDir;
  }

  commitUpload(record: UploadRecord): void {
    writeJsonAtomic(join(this.uploadsDir, record.id, 'upload.json'), record);
    this.receiving.delete(record.id);
  }

  discardUpload(id: string): void {
    this.receiving.delete(id);
    rmSync(join(this.uploadsDir, id), { recursive: true, force: true });
  }

  getUpload(id: string): UploadRecord | null {
    return isId(id) ? readJson<UploadRecord>(join(this.uploadsDir, id, 'upload.json')) : null;
  }

  // -- jobs ------------------------------------------------------------------

  /**
   * Creates the job from an upload. The upload's files are moved (one rename,
   * not a copy) to become the job's input folder, so an upload feeds exactly
   * one job and big inputs are never on disk twice.
   */
  createJob(record: JobRecord, code: string, uploadId: string): void {
    const paths = this.paths(record.id);
    mkdirSync(paths.dir, { mode: 0o700 });
    renameSync(join(this.uploadsDir, uploadId, 'files'), paths.input);
    rmSync(join(this.uploadsDir, uploadId), { recursive: true, force: true });
    writeFileAtomic(paths.code, code);
    mkdirSync(paths.output, { mode: 0o700 });
    // The record last: a folder without one is half-made and removed by open().
    this.save(record);
  }

  save(record: JobRecord): void {
    writeJsonAtomic(this.paths(record.id).record, record);
    if (!this.shared) this.jobs.set(record.id, record);
  }

  get(id: string): JobRecord | undefined {
    if (!this.shared) return this.jobs.get(id);
    const record = isId(id) ? readJson<JobRecord>(this.paths(id).record) : null;
    return record !== null && record.id === id ? record : undefined;
  }

  all(): JobRecord[] {
    if (!this.shared) return [...this.jobs.values()];
    return safeReaddir(this.jobsDir)
      .map((id) => this.get(id))
      .filter((record): record is JobRecord => record !== undefined);
  }

  /** Leaves an empty output folder: a failed or stopped job never shows half-written outputs. */
  clearOutputs(id: string): void {
    const { output, partial } = this.paths(id);
    rmSync(partial, { recursive: true, force: true });
    rmSync(output, { recursive: true, force: true });
    mkdirSync(output, { mode: 0o700 });
  }

  /** A fresh, empty folder for the sandbox to write the job's outputs into. */
  preparePartialOutputs(id: string): string {
    const { partial } = this.paths(id);
    rmSync(partial, { recursive: true, force: true });
    mkdirSync(partial, { mode: 0o700 });
    return partial;
  }

  /** Drops what a run wrote, when its job already ended otherwise (recorded lost by another replica). */
  discardPartial(id: string): void {
    rmSync(this.paths(id).partial, { recursive: true, force: true });
  }

  /** The run succeeded: its outputs become the job's, all at once (one rename over the empty output folder). */
  commitOutputs(id: string): void {
    const { partial, output } = this.paths(id);
    rmSync(output, { recursive: true, force: true });
    renameSync(partial, output);
  }

  /** DELETE reached a job another replica may be starting: it checks this before running anything. */
  requestCancel(id: string): void {
    try {
      writeFileAtomic(this.paths(id).cancelMarker, '');
    } catch {
      // The job's folder is gone: it was deleted, there is nothing left to run.
    }
  }

  cancelRequested(id: string): boolean {
    return existsSync(this.paths(id).cancelMarker);
  }

  /** Deletes the job's inputs, code and outputs; keeps its record so its final state can still be read. */
  deleteFiles(id: string): void {
    const paths = this.paths(id);
    for (const path of [paths.input, paths.output, paths.partial, paths.code, paths.cancelMarker]) rmSync(path, { recursive: true, force: true });
  }

  remove(id: string): void {
    this.jobs.delete(id);
    rmSync(this.paths(id).dir, { recursive: true, force: true });
  }

  // -- retention -------------------------------------------------------------

  /** Deletes finished jobs and uploads older than `retentionMs`. Queued and running jobs are never touched. */
  sweep(retentionMs: number, now = Date.now()): { jobs: number; uploads: number } {
    let jobs = 0;
    let uploads = 0;
    for (const record of this.all()) {
      if (FINAL_STATES.has(record.state) && (record.finishedAt ?? record.createdAt) + retentionMs < now) {
        this.remove(record.id);
        jobs += 1;
      }
    }
    for (const id of safeReaddir(this.uploadsDir)) {
      if (this.receiving.has(id)) continue;
      const createdAt = this.getUpload(id)?.createdAt ?? mtime(join(this.uploadsDir, id));
      if (createdAt + retentionMs < now) {
        rmSync(join(this.uploadsDir, id), { recursive: true, force: true });
        uploads += 1;
      }
    }
    return { jobs, uploads };
  }

  /** Sweeps every `everyMs`; unref'd so it never keeps the process alive. Returns the stop function. */
  startSweeper(retentionMs: number, everyMs = Math.min(60_000, retentionMs)): () => void {
    const timer = setInterval(() => {
      try {
        this.sweep(retentionMs);
      } catch {
        // A file that vanished mid-sweep is gone either way; the next sweep retries the rest.
      }
    }, everyMs);
    timer.unref();
    return () => clearInterval(timer);
  }
}

function writeFileAtomic(path: string, text: string): void {
  const tmp = `${path}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

function writeJsonAtomic(path: string, value: unknown): void {
  writeFileAtomic(path, `${JSON.stringify(value)}\n`);
}

function readJson<T>(path: string): T | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    return null;
  }
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function mtime(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}
