/**
 * The caller's side of the sandbox (the pane's main thread, or the CLI).
 *
 * It owns the limits that a hung sandbox cannot enforce on itself: a run that
 * passes its time limit, or that the user cancels, ends by terminating the
 * worker (or process) and starting a fresh one. The same happens after errors
 * that leave Python unusable (memory exhausted, blocked escape, crash).
 * Every answer is a value; nothing here throws at the caller.
 *
 * With a PackageSupply it also loads packages on first use: before a run it
 * asks the sandbox which imports it lacks, gets the verified files from the
 * supply (cache or package source) and hands the bytes to the sandbox, which
 * cannot fetch anything itself. A fresh interpreter gets them the same way,
 * from the cache, only when a run imports them (a check of the outputs that
 * needs only openpyxl does not wait for pandas to be unpacked).
 *
 * Every run of code gets a fresh interpreter: after a run the worker is replaced
 * at once (in the background, while the caller looks at the result). Code can
 * change a library's classes in ways no wall sees (`type(wb).x = 1`); replacing
 * the worker means such a change cannot reach the next run. Our own Python (the
 * profiles, the workbook calls) always gets an interpreter no model code has run
 * in, whatever the policy: with one interpreter kept between runs, it is replaced
 * before such a call. With a snapshot the replacement takes well under a second.
 *
 * File bytes cross the boundary by transfer, not by copy: the client hands the
 * worker a copy of each input (the caller keeps its own, untouched), and the
 * worker's answers move their buffers back.
 *
 * With a SnapshotStore it starts Python from a memory snapshot of an earlier
 * start (much faster than loading it); a fresh start hands back a new
 * snapshot, which replaces the stored one. A snapshot the store or the worker
 * cannot use only means a fresh start.
 */
import { transfer } from 'comlink';
import {
  DEFAULT_LIMITS,
  failedRun,
  type InputFile,
  type InstallPackagesResult,
  type MissingImportsResult,
  type PackageFile,
  type PackageMeta,
  type PrecheckResult,
  type ProfileResult,
  type RunRequest,
  type RunResult,
  type FileRiskReport,
  type OutputFile,
  type SheetRows,
  type WorkbookAnswer,
  type WorkbookSnapshot,
  type RuntimeInfo,
  type SandboxConnection,
  type SandboxError,
  type StartOptions,
  type StartResult,
  type TakeSnapshotResult,
} from '../../workers/api';
import type { SnapshotStore } from './snapshot-store';
import { describeError } from '../../workers/api';

export type { SandboxConnection };

export type ConnectSandbox = () => Promise<SandboxConnection> | SandboxConnection;

export type SandboxEvent =
  | { type: 'starting' }
  | { type: 'ready'; info: RuntimeInfo }
  | { type: 'start-failed'; error: SandboxError }
  | { type: 'restarting'; reason: string }
  /** The snapshot for the next start could not be kept (storage full or unavailable); starts stay correct, only slower. */
  | { type: 'snapshot-not-saved'; reason: string };

export type { StartResult };

/** Where package files come from (src/packages/package-manager.ts), and who hears what happens to them. */
export interface PackageSupply {
  /** Packages loadable on demand, with versions. */
  onDemand(): Promise<Record<string, string>>;
  /** The packages, dependencies first, that provide these missing top-level modules (none for modules it does not offer). */
  plan(missingModules: readonly string[]): Promise<PackageMeta[]>;
  /** Verified files, from the cache or the package source. */
  fetch(packages: readonly PackageMeta[], signal?: AbortSignal): Promise<{ ok: true; files: PackageFile[] } | { ok: false; error: SandboxError }>;
  installing(packages: readonly PackageMeta[]): void;
  installed(packages: readonly PackageMeta[]): void;
  failed(error: SandboxError): void;
}

type PackageStep = { error: SandboxError; restart: boolean } | undefined;

/** Errors after which the instance must not be reused. */
const RESTART_AFTER: ReadonlySet<string> = new Set(['timeout', 'memory', 'blocked', 'internal', 'cancelled']);

export interface SandboxPolicy {
  /**
   * Replace the interpreter after every run (the default). Turning it off keeps one
   * interpreter between runs: faster, but a run can change what the next one sees.
   */
  freshPythonPerRun: boolean;
}

export interface CallOptions {
  signal?: AbortSignal;
}

/** Our own Python's workbook calls (workers/python/snapshot_xlsx.py, sheet_rows.py, workbook_risks.py), as the pane's and the CLI's code uses them. */
export interface WorkbookPython {
  snapshotToXlsx(snapshot: WorkbookSnapshot, name: string, options?: CallOptions): Promise<WorkbookAnswer<OutputFile>>;
  sheetRows(file: InputFile, sheet: string | null, pageRows: number, options?: CallOptions): Promise<WorkbookAnswer<SheetRows>>;
  inspectWorkbooks(files: InputFile[], options?: CallOptions): Promise<WorkbookAnswer<FileRiskReport[]>>;
}

type Race<T> = { value: T } | { stop: SandboxError };

export interface SandboxClientOptions {
  /** Starts a worker: a Web Worker in the browser, a child process in Node. */
  connect: ConnectSandbox;
  startOptions: StartOptions;
  onEvent?: (event: SandboxEvent) => void;
  /** pandas & co. on first import (src/packages/); without it only what the runtime ships. */
  packages?: PackageSupply;
  /** Python's memory snapshot between starts; without it every start is fresh. */
  snapshots?: SnapshotStore;
  /** Default: a fresh interpreter for every run of model code. */
  policy?: SandboxPolicy;
}

export class SandboxClient implements WorkbookPython {
  private connection: Promise<SandboxConnection> | undefined;
  private readyPromise: Promise<StartResult> | undefined;
  /** One job at a time: Python in one worker is single-threaded anyway. */
  private queue: Promise<unknown> = Promise.resolve();
  private disposed = false;
  /** What the current worker reports, with installed and on-demand packages; changes as packages load. */
  private info: RuntimeInfo | undefined;
  /** Installed by this client, in install order (dependencies first), in this or an earlier worker. */
  private readonly remembered = new Map<string, PackageMeta>();
  /** Installed in the current worker. */
  private inWorker = new Set<string>();
  /** Set when a start offered the stored snapshot died or hung: later starts go fresh (and replace it). */
  private snapshotDistrusted = false;
  /** Model code has run in the current worker: our own Python must not use it. */
  private touched = false;

  private readonly connect: ConnectSandbox;
  private readonly startOptions: StartOptions;
  private readonly onEvent: (event: SandboxEvent) => void;
  private readonly packages: PackageSupply | undefined;
  private readonly snapshots: SnapshotStore | undefined;
  private readonly policy: SandboxPolicy;

  constructor(options: SandboxClientOptions) {
    this.connect = options.connect;
    this.startOptions = options.startOptions;
    this.onEvent = options.onEvent ?? (() => undefined);
    this.packages = options.packages;
    this.snapshots = options.snapshots;
    this.policy = options.policy ?? { freshPythonPerRun: true };
  }

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
    // The latest info: packages installed since the start are in it.
    return ready.then((r) => (r.ok && this.info ? { ok: true, info: this.info } : r));
  }

  /** Names of the packages this client has installed (each fresh worker installs them again when a run imports them). */
  installedPackages(): string[] {
    return [...this.remembered.keys()];
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
    return this.ownPython<ProfileResult>(
      (api) => api.profile(transferred(inputs)),
      (error, durationMs) => ({ ok: false, error, durationMs }),
      options,
    );
  }

  snapshotToXlsx(snapshot: WorkbookSnapshot, name: string, options: CallOptions = {}): Promise<WorkbookAnswer<OutputFile>> {
    return this.ownPython<WorkbookAnswer<OutputFile>>((api) => api.snapshotToXlsx(snapshot, name), (error) => ({ ok: false, error }), options);
  }

  sheetRows(file: InputFile, sheet: string | null, pageRows: number, options: CallOptions = {}): Promise<WorkbookAnswer<SheetRows>> {
    const copy = { name: file.name, bytes: file.bytes.slice(0) };
    return this.ownPython<WorkbookAnswer<SheetRows>>((api) => api.sheetRows(transfer(copy, [copy.bytes]), sheet, pageRows), (error) => ({ ok: false, error }), options);
  }

  inspectWorkbooks(files: InputFile[], options: CallOptions = {}): Promise<WorkbookAnswer<FileRiskReport[]>> {
    return this.ownPython<WorkbookAnswer<FileRiskReport[]>>((api) => api.inspectWorkbooks(transferred(files)), (error) => ({ ok: false, error }), options);
  }

  run(request: RunRequest, options: CallOptions = {}): Promise<RunResult> {
    return this.enqueue(async () => {
      const began = Date.now();
      const timeoutMs = request.limits?.timeoutMs ?? DEFAULT_LIMITS.timeoutMs;
      const failed = (error: SandboxError): RunResult => failedRun(error, Date.now() - began);
      if (options.signal?.aborted) return failed(cancelledError());
      const ready = await this.start();
      if (!ready.ok) return failed(ready.error);
      const conn = await this.connectionOrThrow();
      const packaged = await this.loadImportedPackages(conn, request.code, options.signal);
      if (packaged) {
        if (packaged.restart) await this.restart(packaged.error.message);
        return failed(packaged.error);
      }
      this.touched = true;
      const raced = await this.race<RunResult>(conn.api.run({ ...request, inputs: transferred(request.inputs) }), conn, timeoutMs, options.signal);
      if (!('value' in raced)) {
        await this.restart(raced.stop.message);
        return failed(raced.stop);
      }
      const result = raced.value;
      // A refused pre-check ran nothing, so the interpreter is still clean.
      if (!result.ok && result.error.kind === 'precheck') this.touched = false;
      if (!result.ok && (result.error.fatal || RESTART_AFTER.has(result.error.kind))) await this.restart(result.error.message);
      else if (this.policy.freshPythonPerRun && !(!result.ok && result.error.kind === 'precheck')) await this.restart('a fresh interpreter for the next run', { quiet: true });
      return result;
    });
  }

  /**
   * One call of our own Python: on an interpreter no model code has run in (the
   * current one is replaced first when it has), within the time limit, and on a
   * worker replaced when the call could not finish.
   */
  private ownPython<T extends { ok: true } | { ok: false; error: SandboxError }>(call: (api: SandboxConnection['api']) => Promise<T>, failed: (error: SandboxError, durationMs: number) => T, options: CallOptions): Promise<T> {
    return this.enqueue(async () => {
      const began = Date.now();
      if (options.signal?.aborted) return failed(cancelledError(), 0);
      if (this.touched) await this.restart('an untouched interpreter for our own checks', { quiet: true });
      const ready = await this.start();
      if (!ready.ok) return failed(ready.error, 0);
      const conn = await this.connectionOrThrow();
      const raced = await this.race<T>(call(conn.api), conn, DEFAULT_LIMITS.timeoutMs, options.signal);
      if (!('value' in raced)) {
        await this.restart(raced.stop.message);
        return failed(raced.stop, Date.now() - began);
      }
      const answer = raced.value;
      if (!answer.ok && (answer.error.fatal || answer.error.kind === 'memory' || answer.error.kind === 'internal')) await this.restart(answer.error.message);
      return raced.value;
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
      const options = await this.withSnapshot(this.startOptions);
      const call = options.snapshot ? conn.api.start(transfer(options, [options.snapshot.bytes])) : conn.api.start(options);
      const raced = await this.race<StartResult>(call, conn, 120_000);
      let result: StartResult = 'value' in raced ? raced.value : { ok: false, error: raced.stop };
      if (!result.ok && options.snapshot) this.snapshotDistrusted = true;
      this.inWorker = new Set();
      if (result.ok && result.info.startedFrom === 'fresh' && this.snapshots) await this.keepSnapshot(conn, this.snapshots);
      if (result.ok) {
        this.info = await this.withOnDemand(result.info);
        result = { ok: true, info: this.info };
      }
      this.onEvent(result.ok ? { type: 'ready', info: result.info } : { type: 'start-failed', error: result.error });
      return result;
    } catch (error) {
      const failure: SandboxError = { kind: 'internal', message: `Python could not start: ${String(error)}` };
      this.onEvent({ type: 'start-failed', error: failure });
      return { ok: false, error: failure };
    }
  }

  /** The start options with the stored snapshot, if the store has a sound one, and the request for a new one. */
  private async withSnapshot(options: StartOptions): Promise<StartOptions> {
    if (!this.snapshots) return options;
    const stored = this.snapshotDistrusted ? undefined : await this.snapshots.load().catch(() => undefined);
    return { ...options, makeSnapshot: true, ...(stored ? { snapshot: stored } : {}) };
  }

  /** Takes the snapshot of a fresh start from the worker and stores it without holding up the start. */
  private async keepSnapshot(conn: SandboxConnection, store: SnapshotStore): Promise<void> {
    const raced = await this.race<TakeSnapshotResult>(conn.api.takeSnapshot(), conn, 30_000);
    if (!('value' in raced) || !raced.value.ok) return;
    const { snapshot } = raced.value;
    void store.save(snapshot).catch((error: unknown) => {
      this.onEvent({ type: 'snapshot-not-saved', reason: describeError(error) });
    });
  }

  /** Before a run: loads the on-demand packages the code imports and the worker lacks. */
  private async loadImportedPackages(conn: SandboxConnection, code: string, signal?: AbortSignal): Promise<PackageStep> {
    if (!this.packages) return undefined;
    if (signal?.aborted) return { error: cancelledError(), restart: false };
    const asked = await this.race<MissingImportsResult>(conn.api.missingImports(code), conn, 30_000, signal);
    if (!('value' in asked)) return { error: asked.stop, restart: true };
    // Imports that cannot be read (a syntax error) are the pre-check's to report.
    if (!asked.value.ok || !asked.value.modules.length) return undefined;
    let plan: PackageMeta[];
    try {
      plan = await this.packages.plan(asked.value.modules);
    } catch (error) {
      const failure: SandboxError = {
        kind: 'package',
        message: `The package list could not be read (${describeError(error)}), so ${asked.value.modules.join(', ')} cannot be loaded. Reload the pane and try again.`,
      };
      this.packages.failed(failure);
      return { error: failure, restart: false };
    }
    const todo = plan.filter((p) => !this.inWorker.has(p.name));
    return todo.length ? this.install(conn, todo, signal) : undefined;
  }

  /** Fetches (cache or source) and installs packages into the current worker. */
  private async install(conn: SandboxConnection, todo: PackageMeta[], signal?: AbortSignal): Promise<PackageStep> {
    const supply = this.packages;
    if (!supply) return undefined;
    const fetched = await supply.fetch(todo, signal);
    if (!fetched.ok) return { error: fetched.error, restart: false };
    supply.installing(todo);
    const raced = await this.race<InstallPackagesResult>(conn.api.installPackages(transfer(fetched.files, fetched.files.map((f) => f.bytes))), conn, 120_000, signal);
    const answer: InstallPackagesResult = 'value' in raced ? raced.value : { ok: false, error: raced.stop };
    if (!answer.ok) {
      supply.failed(answer.error);
      // The worker may hold half a package set, or be busy unpacking: replace it.
      return { error: answer.error, restart: true };
    }
    for (const meta of todo) {
      this.inWorker.add(meta.name);
      this.remembered.set(meta.name, meta);
    }
    this.info = await this.withOnDemand(answer.info);
    supply.installed(todo);
    return undefined;
  }

  private async withOnDemand(info: RuntimeInfo): Promise<RuntimeInfo> {
    if (!this.packages) return info;
    const offered = await this.packages.onDemand();
    const onDemandPackages = Object.fromEntries(Object.entries(offered).filter(([name]) => info.packages[name] === undefined));
    return { ...info, packages: { ...info.packages }, onDemandPackages };
  }

  /** Replaces the worker; the next call waits for the fresh one. `quiet`: routine, not a failure worth an event. */
  private async restart(reason: string, options: { quiet?: boolean } = {}): Promise<void> {
    const old = this.connection;
    this.connection = undefined;
    this.readyPromise = undefined;
    this.touched = false;
    await old?.then((c) => c.terminate(), () => undefined);
    if (this.disposed) return;
    if (!options.quiet) this.onEvent({ type: 'restarting', reason });
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

/** Copies of the inputs' bytes, marked to move to the worker: the caller's own buffers stay as they are. */
function transferred(inputs: readonly InputFile[]): InputFile[] {
  const moved = inputs.map((input) => ({ name: input.name, bytes: input.bytes.slice(0) }));
  return transfer(moved, moved.map((input) => input.bytes));
}

function cancelledError(): SandboxError {
  return { kind: 'cancelled', message: 'The run was cancelled. Nothing was written.' };
}
