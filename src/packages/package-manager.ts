/**
 * The caller's side of packages on demand (pane and CLI): which lock packages
 * a script needs, their verified bytes (cache first, then the package source),
 * and what is happening, in words, for whoever shows it.
 *
 * The lock is the app's own (served from our origin, or read from the pyodide
 * npm package in Node); it is never taken from the package source, or a
 * tampered source could vouch for its own files.
 */
import type { PackageFile, PackageMeta, SandboxError } from '../../workers/api';
import { PYODIDE_CDN_SOURCE, PackageLoadError, downloadPackages, resolvePackages, type PackageCache, type PackageLock, type PackageProgress } from './package-download';
import { describeDownload } from './progress-text';
import { ON_DEMAND_PACKAGES } from '../../workers/sandbox-rules';
import { describeError } from '../../workers/api';

/**
 * Packages user code may ask for by importing them (workers/python/sandbox_rules.json,
 * the file the guard reads): the third-party modules the runtime does not bundle.
 * Their dependencies come along; nothing else is ever downloaded because a script names it.
 */
export { ON_DEMAND_PACKAGES };

export type PackageActivity =
  | { state: 'idle' }
  | { state: 'downloading'; text: string; package: string; loaded: number; total: number | null; packagesDone: number; packagesTotal: number }
  | { state: 'installing'; text: string; packages: string[] }
  | { state: 'ready'; text: string; packages: string[] }
  | { state: 'failed'; error: SandboxError };

export interface PersistentPackageCache extends PackageCache {
  has(sha256: string): Promise<boolean>;
}

export interface PackageManagerOptions {
  /** Reads the app's own lock file; called once (again only after a failure). */
  loadLock(): Promise<PackageLock>;
  cache: PersistentPackageCache;
  /** The package source's base URL; Pyodide's public repository when not given. */
  baseUrl?: string;
  fetch?: typeof fetch;
  onDemand?: readonly string[];
}

export type FetchPackagesResult = { ok: true; files: PackageFile[] } | { ok: false; error: SandboxError };

export class PackageManager {
  private lock: Promise<PackageLock> | undefined;
  private baseUrl: string;
  private readonly listeners = new Set<(activity: PackageActivity) => void>();
  private activity: PackageActivity = { state: 'idle' };
  private readonly onDemandNames: readonly string[];

  constructor(private readonly options: PackageManagerOptions) {
    this.baseUrl = options.baseUrl || PYODIDE_CDN_SOURCE.baseUrl;
    this.onDemandNames = options.onDemand ?? ON_DEMAND_PACKAGES;
  }

  /** A new package source applies to the next download; files already cached stay valid (same hashes). */
  setSource(baseUrl: string): void {
    this.baseUrl = baseUrl.trim() || PYODIDE_CDN_SOURCE.baseUrl;
  }

  get source(): string {
    return this.baseUrl;
  }

  /** Current activity first, then every change. Returns the unsubscribe function. */
  subscribe(listener: (activity: PackageActivity) => void): () => void {
    this.listeners.add(listener);
    listener(this.activity);
    return () => this.listeners.delete(listener);
  }

  /** What can be loaded on demand, with versions, e.g. { pandas: "3.0.2" }. Empty when the lock cannot be read. */
  async onDemand(): Promise<Record<string, string>> {
    try {
      const lock = await this.readLock();
      return Object.fromEntries(this.offered(lock).map((p) => [p.name, p.version]));
    } catch {
      return {};
    }
  }

  /** The packages (dependencies first) that provide these missing top-level modules; only on-demand ones. */
  async plan(missingModules: readonly string[]): Promise<PackageMeta[]> {
    if (!missingModules.length) return [];
    const lock = await this.readLock();
    const wanted = this.offered(lock)
      .filter((p) => p.imports.some((m) => missingModules.includes(m)))
      .map((p) => p.name);
    return wanted.length ? resolvePackages(lock, wanted) : [];
  }

  /** The closure of on-demand packages by name (for "download now"); unknown names are an error value. */
  async closure(names: readonly string[]): Promise<{ ok: true; packages: PackageMeta[] } | { ok: false; error: SandboxError }> {
    try {
      return { ok: true, packages: resolvePackages(await this.readLock(), names) };
    } catch (error) {
      return { ok: false, error: this.toSandboxError(error) };
    }
  }

  /** True when every file of these packages is in the persistent cache (usable offline). */
  async cached(packages: readonly PackageMeta[]): Promise<boolean> {
    try {
      const hits = await Promise.all(packages.map((p) => this.options.cache.has(p.sha256)));
      return hits.every(Boolean);
    } catch {
      return false;
    }
  }

  /**
   * Verified bytes of every package, from the cache or the package source, with
   * progress. Each buffer is a fresh copy, so it can be transferred to the worker.
   */
  async fetch(packages: readonly PackageMeta[], signal?: AbortSignal): Promise<FetchPackagesResult> {
    if (!packages.length) return { ok: true, files: [] };
    const baseUrl = this.baseUrl;
    const byName = new Map(packages.map((p) => [p.name, p]));
    try {
      const downloaded = await downloadPackages(packages, {
        baseUrl,
        fetch: this.options.fetch,
        cache: this.options.cache,
        signal,
        onProgress: (event: PackageProgress) => {
          if (event.phase !== 'downloading') return;
          const meta = byName.get(event.package);
          this.set({
            state: 'downloading',
            text: describeDownload(event, meta?.version ?? '', baseUrl),
            package: event.package,
            loaded: event.loaded,
            total: event.total,
            packagesDone: event.packagesDone,
            packagesTotal: event.packagesTotal,
          });
        },
      });
      return { ok: true, files: downloaded.map((d) => ({ meta: d.meta, bytes: d.bytes.slice().buffer })) };
    } catch (error) {
      const failure = this.toSandboxError(error);
      this.set(failure.kind === 'cancelled' ? { state: 'idle' } : { state: 'failed', error: failure });
      return { ok: false, error: failure };
    }
  }

  /** The sandbox says what it is doing with the files; shown next to the download progress. */
  installing(packages: readonly PackageMeta[]): void {
    this.set({ state: 'installing', text: `Installing ${names(packages)} in Python…`, packages: packages.map((p) => p.name) });
  }

  installed(packages: readonly PackageMeta[]): void {
    this.set({ state: 'ready', text: `Loaded ${names(packages)}.`, packages: packages.map((p) => p.name) });
  }

  failed(error: SandboxError): void {
    this.set(error.kind === 'cancelled' ? { state: 'idle' } : { state: 'failed', error });
  }

  private offered(lock: PackageLock): PackageMeta[] {
    const wanted = new Set(this.onDemandNames);
    return Object.values(lock.packages).filter((p) => wanted.has(p.name));
  }

  private readLock(): Promise<PackageLock> {
    const pending = (this.lock ??= this.options.loadLock());
    // A failed read is not kept: the next call tries again.
    pending.catch(() => {
      if (this.lock === pending) this.lock = undefined;
    });
    return pending;
  }

  private set(activity: PackageActivity): void {
    this.activity = activity;
    for (const listener of this.listeners) listener(activity);
  }

  private toSandboxError(error: unknown): SandboxError {
    if (error instanceof PackageLoadError) {
      if (error.kind === 'cancelled') return { kind: 'cancelled', message: 'Loading Python packages was cancelled. Nothing ran.' };
      return { kind: 'package', message: `The code needs a Python package that could not be loaded, so it did not run. ${error.message}` };
    }
    const text = describeError(error);
    return { kind: 'package', message: `The package list could not be read (${text}), so packages such as pandas cannot be loaded. Reload the pane; if it persists, the app's files are incomplete.` };
  }
}

function names(packages: readonly PackageMeta[]): string {
  return packages.map((p) => `${p.name} ${p.version}`).join(', ');
}
