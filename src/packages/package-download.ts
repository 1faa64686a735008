/**
 * Finds and fetches Python packages (pandas, numpy, python-calamine...) from a package
 * source the user configured (the worker installs them: workers/runtime/package-install.ts), without Pyodide's own loadPackage: that one
 * falls back to the public CDN when a file is missing, and we want every byte
 * to come from the one base URL in Settings (or from the local cache).
 *
 * The lock file says what to fetch and what each file must hash to. It ships
 * with the app (the copy in node_modules/pyodide); it is never fetched from the
 * package source, or a tampered source could vouch for its own files.
 *
 * Order of work: resolve the dependency closure, download and verify every
 * file, and only then hand them to the worker to install. A bad file therefore
 * installs nothing.
 */
import type { PackageMeta } from '../../workers/api';
import { PackageLoadError, type PackageLoadErrorKind } from '../../workers/runtime/package-error';
import { sha256Hex } from '../../workers/sha256';

export { PackageLoadError, type PackageLoadErrorKind };

/** One package entry of pyodide-lock.json (only the fields we use); the worker API's PackageMeta. */
export type LockPackage = PackageMeta;

export interface PackageLock {
  info?: { abi_version?: string; python?: string; version?: string };
  packages: Record<string, LockPackage>;
}

export const PYODIDE_VERSION = '314.0.7';

/** Where packages come from. The product default is the public Pyodide CDN; a self-hosted mirror needs the same files. */
export type PackageSource =
  | { kind: 'pyodide-cdn'; baseUrl: string }
  | { kind: 'self-hosted'; baseUrl: string };

export const PYODIDE_CDN_SOURCE: PackageSource = {
  kind: 'pyodide-cdn',
  baseUrl: `https://cdn.jsdelivr.net/pyodide/v${PYODIDE_VERSION}/full/`,
};

/** Stores verified package files by their sha256, so a second start works offline. */
export interface PackageCache {
  get(sha256: string): Promise<Uint8Array | undefined>;
  put(sha256: string, bytes: Uint8Array): Promise<void>;
}

/** A cache that lives as long as the page; for tests and as a fallback when storage is refused. */
export class MemoryPackageCache implements PackageCache {
  private readonly entries = new Map<string, Uint8Array>();
  get(sha256: string): Promise<Uint8Array | undefined> {
    return Promise.resolve(this.entries.get(sha256.toLowerCase()));
  }
  put(sha256: string, bytes: Uint8Array): Promise<void> {
    this.entries.set(sha256.toLowerCase(), bytes);
    return Promise.resolve();
  }
  get size(): number {
    return this.entries.size;
  }
}

export interface PackageProgress {
  /** The package this event is about. */
  package: string;
  /** Bytes of this package received so far. */
  loaded: number;
  /** The size the server announced (Content-Length), or null when it did not say. */
  total: number | null;
  /** 'cached' when the bytes came from the cache; 'verified' once the hash matched. */
  phase: 'downloading' | 'cached' | 'verified';
  /** Bytes of all packages received so far, and how many packages are verified. */
  overallLoaded: number;
  packagesDone: number;
  packagesTotal: number;
}

export interface DownloadOptions {
  /** The package source's base URL; each file is fetched from `${baseUrl}${file_name}`. */
  baseUrl: string;
  /** Injected so tests (and the pane) decide how requests leave. Defaults to the global fetch. */
  fetch?: typeof fetch;
  onProgress?: (event: PackageProgress) => void;
  signal?: AbortSignal;
  cache?: PackageCache;
  /** Files downloaded at the same time. */
  concurrency?: number;
  /** Refuse any single file larger than this. */
  maxPackageBytes?: number;
}

export interface DownloadedPackage {
  meta: LockPackage;
  bytes: Uint8Array;
  url: string;
  fromCache: boolean;
}

const DEFAULT_CONCURRENCY = 3;
const DEFAULT_MAX_PACKAGE_BYTES = 256 * 1024 * 1024;

/** PEP 503 normalisation, the way the lock file's keys are written. */
export function normalizePackageName(name: string): string {
  return name.replace(/[-_.]+/g, '-').toLowerCase();
}

/**
 * The packages to install for `names`, dependencies first. Unknown names fail
 * with the chain that asked for them, so a broken lock file is easy to see.
 */
export function resolvePackages(lock: PackageLock, names: readonly string[]): LockPackage[] {
  // Keys of Pyodide's lock are already normalised; a hand-written lock may not be.
  const index = new Map(Object.entries(lock.packages).map(([key, meta]) => [normalizePackageName(key), meta]));
  const order: LockPackage[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, chain: string[]): void => {
    const key = normalizePackageName(name);
    if (state.has(key)) return; // done, or a cycle: the first visit places it
    const meta = index.get(key);
    if (!meta) {
      const via = chain.length ? ` (needed by ${chain.join(' → ')})` : '';
      throw new PackageLoadError('unknown-package', `There is no package "${name}" in the package list${via}.`, name);
    }
    state.set(key, 'visiting');
    for (const dep of meta.depends) visit(dep, [...chain, meta.name]);
    state.set(key, 'done');
    order.push(meta);
  };
  for (const name of names) visit(name, []);
  return order;
}

/** The URL of one package file, refusing anything that would leave the package source. */
export function packageUrl(baseUrl: string, meta: LockPackage): string {
  let base: URL;
  try {
    base = new URL(baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  } catch {
    throw new PackageLoadError('bad-source', `The package source "${baseUrl}" is not a valid URL; check the package source in Settings.`, meta.name);
  }
  if (base.protocol !== 'https:' && base.protocol !== 'http:') {
    throw new PackageLoadError('bad-source', `The package source "${baseUrl}" must be an http(s) URL; check the package source in Settings.`, meta.name);
  }
  const url = new URL(meta.file_name, base);
  // A file_name that is absolute, or climbs with "..", would point somewhere else.
  if (url.origin !== base.origin || !url.pathname.startsWith(base.pathname) || /[/\\]|^\.\.?$/.test(meta.file_name)) {
    throw new PackageLoadError('bad-source', `The package list gives "${meta.name}" a file outside the package source (${meta.file_name}); refusing to fetch it.`, meta.name);
  }
  return url.href;
}

/**
 * Downloads (or takes from the cache) every package of the plan and checks its
 * sha256 against the lock. Resolves only when all are verified; the first
 * failure cancels the rest and rejects with a PackageLoadError.
 */
export async function downloadPackages(plan: readonly LockPackage[], options: DownloadOptions): Promise<DownloadedPackage[]> {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const maxBytes = options.maxPackageBytes ?? DEFAULT_MAX_PACKAGE_BYTES;
  const urls = plan.map((meta) => packageUrl(options.baseUrl, meta));
  // The first failure stops the others; the caller's signal stops everything.
  const inner = new AbortController();
  const onOuterAbort = () => inner.abort(options.signal?.reason);
  if (options.signal?.aborted) throw cancelled();
  options.signal?.addEventListener('abort', onOuterAbort, { once: true });

  const results: DownloadedPackage[] = new Array<DownloadedPackage>(plan.length);
  const loadedPer = new Array<number>(plan.length).fill(0);
  let packagesDone = 0;
  const report = (index: number, phase: PackageProgress['phase'], total: number | null) => {
    options.onProgress?.({
      package: plan[index]?.name ?? '',
      loaded: loadedPer[index] ?? 0,
      total,
      phase,
      overallLoaded: loadedPer.reduce((a, b) => a + b, 0),
      packagesDone,
      packagesTotal: plan.length,
    });
  };

  const one = async (index: number): Promise<void> => {
    const meta = plan[index] as LockPackage;
    const url = urls[index] as string;
    const cached = await fromCache(options.cache, meta);
    if (cached) {
      loadedPer[index] = cached.byteLength;
      packagesDone++;
      report(index, 'cached', cached.byteLength);
      results[index] = { meta, bytes: cached, url, fromCache: true };
      return;
    }
    const bytes = await fetchBytes(doFetch, meta, url, inner.signal, maxBytes, (loaded, total) => {
      loadedPer[index] = loaded;
      report(index, 'downloading', total);
    });
    if (options.signal?.aborted) throw cancelled();
    const actual = await sha256Hex(bytes);
    if (actual !== meta.sha256.toLowerCase()) {
      throw new PackageLoadError(
        'integrity',
        `Package "${meta.name}" from ${url} does not match its expected checksum (sha256 ${meta.sha256}, got ${actual}), so it was not installed. The package source may hold a different Pyodide version (${PYODIDE_VERSION} is needed) or a damaged file.`,
        meta.name,
        url,
      );
    }
    packagesDone++;
    report(index, 'verified', bytes.byteLength);
    results[index] = { meta, bytes, url, fromCache: false };
    try {
      await options.cache?.put(meta.sha256.toLowerCase(), bytes);
    } catch {
      // The cache is an optimisation: a full disk must not fail the load.
    }
  };

  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < plan.length) {
      const index = next++;
      await one(index);
    }
  };
  try {
    const lanes = Array.from({ length: Math.max(1, Math.min(options.concurrency ?? DEFAULT_CONCURRENCY, plan.length)) }, lane);
    const settled = await Promise.allSettled(lanes.map((p) => p.catch((error: unknown) => {
      inner.abort(error);
      throw error;
    })));
    if (options.signal?.aborted) throw cancelled();
    // Report the failure that caused the others, not the cancellations it triggered.
    const failures = settled.flatMap((s) => (s.status === 'rejected' ? [s.reason as unknown] : []));
    const root = failures.find((f) => !(f instanceof PackageLoadError && f.kind === 'cancelled')) ?? failures[0];
    if (root !== undefined) throw root;
    return results;
  } finally {
    options.signal?.removeEventListener('abort', onOuterAbort);
  }
}

async function fromCache(cache: PackageCache | undefined, meta: LockPackage): Promise<Uint8Array | undefined> {
  if (!cache) return undefined;
  try {
    const bytes = await cache.get(meta.sha256.toLowerCase());
    // A cache can be damaged or edited: trust it only when the bytes still hash right.
    if (bytes && (await sha256Hex(bytes)) === meta.sha256.toLowerCase()) return bytes;
  } catch {
    // An unreadable cache means a download, not a failure.
  }
  return undefined;
}

async function fetchBytes(
  doFetch: typeof fetch,
  meta: LockPackage,
  url: string,
  signal: AbortSignal,
  maxBytes: number,
  progress: (loaded: number, total: number | null) => void,
): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await doFetch(url, { signal, credentials: 'omit', redirect: 'error' });
  } catch (error) {
    throw networkError(error, meta, url, signal);
  }
  if (response.status === 404) {
    await response.body?.cancel().catch(() => undefined);
    throw new PackageLoadError('not-found', `Package "${meta.name}" is not at ${url}; check the package source in Settings.`, meta.name, url);
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw new PackageLoadError(
      'http',
      `Package "${meta.name}" could not be downloaded from ${url} (HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}); try again later or check the package source in Settings.`,
      meta.name,
      url,
    );
  }
  const announced = Number(response.headers.get('content-length'));
  const total = Number.isFinite(announced) && announced > 0 && !response.headers.get('content-encoding') ? announced : null;
  const tooLarge = () =>
    new PackageLoadError('too-large', `Package "${meta.name}" at ${url} is larger than ${Math.round(maxBytes / 1024 / 1024)} MB; refusing it.`, meta.name, url);
  if (total !== null && total > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }

  const chunks: Uint8Array[] = [];
  let loaded = 0;
  progress(0, total);
  try {
    if (!response.body) {
      const whole = new Uint8Array(await response.arrayBuffer());
      chunks.push(whole);
      loaded = whole.byteLength;
      progress(loaded, total);
    } else {
      const reader = response.body.getReader();
      try {
        for (;;) {
          if (signal.aborted) throw signal.reason;
          const { done, value } = await reader.read();
          if (done) break;
          chunks.push(value);
          loaded += value.byteLength;
          if (loaded > maxBytes) throw tooLarge();
          progress(loaded, total);
        }
      } finally {
        reader.cancel().catch(() => undefined);
      }
    }
  } catch (error) {
    if (error instanceof PackageLoadError) throw error;
    throw networkError(error, meta, url, signal);
  }
  if (total !== null && loaded !== total) {
    throw new PackageLoadError('network', `The download of package "${meta.name}" from ${url} stopped early (${loaded} of ${total} bytes); try again.`, meta.name, url);
  }
  return concat(chunks, loaded);
}

function networkError(error: unknown, meta: LockPackage, url: string, signal: AbortSignal): PackageLoadError {
  // Stopped by the caller, or by us because another package failed (that failure is reported instead).
  if (signal.aborted) return cancelled(meta.name);
  const cause = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
  return new PackageLoadError(
    'network',
    `Package "${meta.name}" could not be downloaded from ${url}: the server could not be reached (${cause}). Check the network connection and the package source in Settings.`,
    meta.name,
    url,
  );
}

function cancelled(packageName?: string): PackageLoadError {
  return new PackageLoadError('cancelled', 'Loading Python packages was cancelled.', packageName);
}

function concat(chunks: Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}
