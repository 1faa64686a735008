/**
 * Loads Python packages (pandas, numpy, python-calamine...) from a package
 * source the user configured, without Pyodide's own loadPackage: that one
 * falls back to the public CDN when a file is missing, and we want every byte
 * to come from the one base URL in Settings (or from the local cache).
 *
 * The lock file says what to fetch and what each file must hash to. It ships
 * with the app (the copy in node_modules/pyodide); it is never fetched from the
 * package source, or a tampered source could vouch for its own files.
 *
 * Order of work: resolve the dependency closure, download and verify every
 * file, and only then install. A bad file therefore installs nothing.
 */
import type { PyodideAPI } from 'pyodide';
import type { PackageMeta } from '../api';
import { describeError } from '../api';

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

export type PackageLoadErrorKind =
  /** The lock file names no such package. */
  | 'unknown-package'
  /** The server answered 404: the file is not at the package source. */
  | 'not-found'
  /** The server answered with another error status. */
  | 'http'
  /** The server could not be reached, or the connection broke. */
  | 'network'
  /** The bytes do not hash to the lock file's sha256. */
  | 'integrity'
  /** The file is larger than we accept. */
  | 'too-large'
  /** A lock entry or base URL would make us fetch from somewhere else. */
  | 'bad-source'
  /** The caller's signal aborted the load. */
  | 'cancelled'
  /** Unpacking into Python failed. */
  | 'install';

export class PackageLoadError extends Error {
  override readonly name = 'PackageLoadError';
  constructor(
    readonly kind: PackageLoadErrorKind,
    message: string,
    readonly packageName?: string,
    readonly url?: string,
  ) {
    super(message);
  }
}

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
/** Where Pyodide puts shared libraries (`install_dir: "dynlib"`); on its default LD_LIBRARY_PATH. */
const DYNLIB_DIR = '/usr/lib';

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

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

// ---------------------------------------------------------------------------
// Installing into Pyodide.

/** What installWheel needs of Pyodide; a narrow slice so it is easy to fake. */
export type InstallTarget = Pick<PyodideAPI, 'unpackArchive' | 'runPython' | 'loadedPackages'>;

/**
 * Pyodide internals used to preload shared libraries, as Pyodide's own
 * loadPackage does. Not public API: `_api.loadDynlib` may change between
 * Pyodide versions, so it is feature-detected. Without it, an extension
 * module's .so is still loaded by Python's import (a synchronous dlopen, which
 * works in workers and Node, not on a browser's main thread for large files);
 * libraries of `shared_library` packages are then found through
 * LD_LIBRARY_PATH (/usr/lib) when a dependent module is loaded.
 */
interface PyodideInternals {
  _api?: { loadDynlib?: (path: string, global: boolean) => Promise<void>; sitepackages?: string };
}

export interface InstallOptions {
  /** Python's site-packages; asked from Python when not given. */
  sitePackages?: string;
  /** Recorded in `pyodide.loadedPackages`, so Pyodide's loadPackage will not reinstall it. */
  source?: string;
}

export interface InstallResult {
  /** Where the archive was unpacked. */
  extractDir: string;
  /** Shared libraries in the archive, as absolute paths. */
  dynlibs: string[];
  /** True when they were preloaded through Pyodide's internal loadDynlib. */
  dynlibsPreloaded: boolean;
}

/**
 * Unpacks one verified package file into Pyodide's file system (site-packages
 * for wheels, /usr/lib for shared libraries) and preloads its shared libraries.
 */
export async function installWheel(pyodide: InstallTarget, bytes: Uint8Array, meta: LockPackage, options: InstallOptions = {}): Promise<InstallResult> {
  const extractDir = meta.install_dir === 'dynlib' ? DYNLIB_DIR : (options.sitePackages ?? sitePackagesOf(pyodide));
  const format = archiveFormat(meta.file_name);
  let entries: string[];
  try {
    entries = listZipEntries(bytes);
  } catch (error) {
    throw new PackageLoadError('install', `Package "${meta.name}" is not a readable archive (${describeError(error)}).`, meta.name);
  }
  try {
    pyodide.unpackArchive(bytes, format, { extractDir });
  } catch (error) {
    throw new PackageLoadError('install', `Package "${meta.name}" could not be unpacked: ${describeError(error)}`, meta.name);
  }
  const dynlibs = entries.filter(shouldLoadDynlib).map((entry) => `${extractDir.replace(/\/$/, '')}/${entry}`);
  const loadDynlib = (pyodide as InstallTarget & PyodideInternals)._api?.loadDynlib;
  let dynlibsPreloaded = false;
  if (dynlibs.length && typeof loadDynlib === 'function') {
    for (const lib of dynlibs) {
      try {
        // Shared libraries are loaded globally so the extension modules that need them can link.
        await loadDynlib(lib, meta.install_dir === 'dynlib');
      } catch (error) {
        throw new PackageLoadError('install', `Package "${meta.name}": the library ${lib} could not be loaded (${describeError(error)}).`, meta.name);
      }
    }
    dynlibsPreloaded = true;
  }
  pyodide.runPython('import importlib\nimportlib.invalidate_caches()');
  pyodide.loadedPackages[meta.name] = options.source ?? 'excel-ai package source';
  return { extractDir, dynlibs, dynlibsPreloaded };
}

export interface LoadPackagesOptions extends DownloadOptions, InstallOptions {}

/**
 * The whole job: resolve, download and verify everything, then install in
 * dependency order. Packages Pyodide already has are skipped.
 */
export async function loadPackages(
  pyodide: InstallTarget,
  lock: PackageLock,
  names: readonly string[],
  options: LoadPackagesOptions,
): Promise<{ installed: LockPackage[]; skipped: LockPackage[] }> {
  const plan = resolvePackages(lock, names);
  const skipped = plan.filter((p) => pyodide.loadedPackages[p.name] !== undefined);
  const todo = plan.filter((p) => pyodide.loadedPackages[p.name] === undefined);
  const files = await downloadPackages(todo, options);
  const sitePackages = options.sitePackages ?? sitePackagesOf(pyodide);
  for (const file of files) {
    if (options.signal?.aborted) throw cancelled(file.meta.name);
    await installWheel(pyodide, file.bytes, file.meta, { sitePackages, source: options.source ?? options.baseUrl });
  }
  return { installed: todo, skipped };
}

function sitePackagesOf(pyodide: InstallTarget): string {
  const internal = (pyodide as InstallTarget & PyodideInternals)._api?.sitepackages;
  if (typeof internal === 'string') return internal;
  return String(pyodide.runPython('import site\nsite.getsitepackages()[0]'));
}

function archiveFormat(fileName: string): string {
  if (fileName.endsWith('.whl')) return 'whl';
  if (fileName.endsWith('.zip')) return 'zip';
  throw new PackageLoadError('install', `The package file "${fileName}" is neither a wheel nor a zip archive.`);
}

/**
 * Mirrors Pyodide's rule (pyodide/_package_loader.py `should_load_dynlib`):
 * a .so (optionally versioned) whose tag is ours or is no interpreter's tag.
 */
export function shouldLoadDynlib(path: string): boolean {
  const name = path.split('/').pop() ?? '';
  if (!/\.so(\.\d+)*$/.test(name)) return false;
  const parts = name.split('.');
  const soAt = parts.lastIndexOf('so');
  const tag = soAt > 1 ? `.${parts[soAt - 1]}` : '';
  if (/^\.cpython-\d+-wasm32-emscripten$/.test(tag) || tag === '.abi3') return true;
  return !/^\.(cpython|pypy|jython)-[0-9]{2,}[a-z]*(-[a-z0-9_-]*)?/.test(tag);
}

/** File names in a zip archive, from its central directory (zip64 included). Folders are left out. */
export function listZipEntries(bytes: Uint8Array): string[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const EOCD = 0x06054b50;
  let eocd = -1;
  // The end record sits in the last 22 bytes plus a comment of at most 64 KiB.
  for (let i = bytes.byteLength - 22; i >= Math.max(0, bytes.byteLength - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('no zip end record');
  let count = view.getUint16(eocd + 10, true);
  let offset = view.getUint32(eocd + 16, true);
  if ((count === 0xffff || offset === 0xffffffff) && eocd >= 20 && view.getUint32(eocd - 20, true) === 0x07064b50) {
    const zip64 = Number(view.getBigUint64(eocd - 12, true));
    if (view.getUint32(zip64, true) !== 0x06064b50) throw new Error('bad zip64 end record');
    count = Number(view.getBigUint64(zip64 + 32, true));
    offset = Number(view.getBigUint64(zip64 + 48, true));
  }
  const decoder = new TextDecoder();
  const names: string[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.byteLength || view.getUint32(at, true) !== 0x02014b50) throw new Error('bad zip central directory');
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    if (!name.endsWith('/')) names.push(name);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}
