/**
 * The caller's side of the sandbox (the pane's main thread, or the CLI).
 *
 * It owns the limits that a hung sandbox cannot enforce on itself: a run that
 * passes its time limit, or that the user cancels, ends by terminating the
 * worker (or process) and starting a fresh one. The same happens after errors
 * that leave Python unusable (memory exhausted, blocked escape, crash).
 * Every answer is a value; nothing here throws at the caller.
 */
import type { Remote } from 'comlink';
import {
  DEFAULT_LIMITS,
  type InputFile,
  type PrecheckResult,
  type ProfileResult,
  type PythonWorkerApi,
  type RunRequest,
  type RunResult,
  type RuntimeInfo,
  type SandboxError,
  type StartOptions,
} from '../../workers/api';

export interface SandboxConnection {
  api: Remote<PythonWorkerApi>;
  terminate(): void;
  /** Settles with a reason when the worker or process dies on its own. */
  exited: Promise<string>;
}

export type ConnectSandbox = () => Promise<SandboxConnection> | SandboxConnection;

export type SandboxEvent =
  | { type: 'starting' }
  | { type: 'ready'; info: RuntimeInfo }
  | { type: 'start-failed'; error: SandboxError }
  | { type: 'restarting'; reason: string };

export type StartResult = { ok: true; info: RuntimeInfo } | { ok: false; error: SandboxError };

/** Errors after which the instance must not be reused. */
const RESTART_AFTER: ReadonlySet<string> = new Set(['timeout', 'memory', 'blocked', 'internal', 'cancelled']);

export interface CallOptions {
  signal?: AbortSignal;
}

type Race<T> = { value: T } | { stop: SandboxError };

export class SandboxClient {
  private connection: Promise<SandboxConnection> | undefined;
  private readyPromise: Promise<StartResult> | undefined;
  /** One job at a time: Python in one worker is single-threaded anyway. */
  private queue: Promise<unknown> = Promise.resolve();
  private disposed = false;

  constructor(
    private readonly connect: ConnectSandbox,
    private readonly startOptions: StartOptions,
    private readonly onEvent: (event: SandboxEvent) => void = () => undefined,
  ) {}

  /** Starts the sandbox now (call it when the pane opens); resolves once Python is ready. */
  start(): Promise<StartResult> {
    const ready = (this.readyPromise ??= this.boot());
    // A failed start is not kept: the next call tries again with a fresh worker.
    void ready.then((r) => {
      if (!r.ok && this.readyPromise === ready) {
        this.readyPromise = undefined;
        void this.connection?.then((c) => c.terminate(), () => undefined);
        this.connection = undefined;
      }
    });
    return ready;
  }

  precheck(code: string): Promise<PrecheckResult> {
    return this.enqueue(async () => {
      const ready = await this.start();
      if (!ready.ok) return { ok: false, error: ready.error };
      const conn = await this.connectionOrThrow();
      const raced = await this.race<PrecheckResult>(conn.api.precheck(code), conn, 30_000);
      return 'value' in raced ? raced.value : { ok: false, error: raced.stop };
    });
  }

  profile(inputs: InputFile[], options: CallOptions = {}): Promise<ProfileResult> {
    return this.enqueue(async () => {
      const began = Date.now();
      const ready = await this.start();
      if (!ready.ok) return { ok: false, error: ready.error, durationMs: 0 };
      const conn = await this.connectionOrThrow();
      const raced = await this.race<ProfileResult>(conn.api.profile(inputs), conn, DEFAULT_LIMITS.timeoutMs, options.signal);
      if ('value' in raced) return raced.value;
      await this.restart(raced.stop.message);
      return { ok: false, error: raced.stop, durationMs: Date.now() - began };
    });
  }

  run(request: RunRequest, options: CallOptions = {}): Promise<RunResult> {
    return this.enqueue(async () => {
      const began = Date.now();
      const timeoutMs = request.limits?.timeoutMs ?? DEFAULT_LIMITS.timeoutMs;
      const failed = (error: SandboxError): RunResult => ({
        ok: false,
        error,
        stdout: '',
        stderr: '',
        streamsTruncated: false,
        durationMs: Date.now() - began,
      });
      if (options.signal?.aborted) return failed(cancelledError());
      const ready = await this.start();
      if (!ready.ok) return failed(ready.error);
      const conn = await this.connectionOrThrow();
      const raced = await this.race<RunResult>(conn.api.run(request), conn, timeoutMs, options.signal);
      if (!('value' in raced)) {
        await this.restart(raced.stop.message);
        return failed(raced.stop);
      }
      const result = raced.value;
      if (!result.ok && (result.error.fatal || RESTART_AFTER.has(result.error.kind))) await this.restart(result.error.message);
      return result;
    });
  }

  /** Stops the sandbox for good. */
  dispose(): void {
    this.disposed = true;
    void this.connection?.then((c) => c.terminate(), () => undefined);
  }

  private async boot(): Promise<StartResult> {
    this.onEvent({ type: 'starting' });
    try {
      this.connection = Promise.resolve(this.connect());
      const conn = await this.connection;
      const raced = await this.race<StartResult>(conn.api.start(this.startOptions), conn, 120_000);
      const result: StartResult = 'value' in raced ? raced.value : { ok: false, error: raced.stop };
      this.onEvent(result.ok ? { type: 'ready', info: result.info } : { type: 'start-failed', error: result.error });
      return result;
    } catch (error) {
      const failure: SandboxError = { kind: 'internal', message: `Python could not start: ${String(error)}` };
      this.onEvent({ type: 'start-failed', error: failure });
      return { ok: false, error: failure };
    }
  }

  /** Replaces the worker; the next call waits for the fresh one. */
  private async restart(reason: string): Promise<void> {
    const old = this.connection;
    this.connection = undefined;
    this.readyPromise = undefined;
    await old?.then((c) => c.terminate(), () => undefined);
    if (this.disposed) return;
    this.onEvent({ type: 'restarting', reason });
    // Start at once, so the next request finds Python ready.
    void this.start();
  }

  private async connectionOrThrow(): Promise<SandboxConnection> {
    if (!this.connection) throw new Error('sandbox not started');
    return this.connection;
  }

  /** Waits for the call, unless the time limit, the user or the worker's death comes first. */
  private race<T>(call: PromiseLike<T>, conn: SandboxConnection, timeoutMs: number, signal?: AbortSignal): Promise<Race<T>> {
    return new Promise<Race<T>>((resolve) => {
      const timer = setTimeout(
        () => resolve({ stop: { kind: 'timeout', message: `The code ran longer than ${Math.round(timeoutMs / 1000)} s and was stopped. Make it do less work, or raise the time limit in Settings.` } }),
        timeoutMs,
      );
      const onAbort = (): void => resolve({ stop: cancelledError() });
      signal?.addEventListener('abort', onAbort, { once: true });
      const done = (): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      };
      call.then(
        (value) => {
          done();
          resolve({ value });
        },
        (error: unknown) => {
          done();
          resolve({ stop: { kind: 'internal', message: `The sandbox stopped answering: ${String(error)}` } });
        },
      );
      conn.exited.then((reason) => {
        done();
        resolve({ stop: { kind: 'internal', message: `The sandbox crashed (${reason}). It has been restarted; try again.` } });
      }, () => undefined);
    });
  }

  private enqueue<T>(job: () => Promise<T>): Promise<T> {
    const next = this.queue.then(job, job);
    this.queue = next.catch(() => undefined);
    return next;
  }
}

function cancelledError(): SandboxError {
  return { kind: 'cancelled', message: 'The run was cancelled. Nothing was written.' };
}
