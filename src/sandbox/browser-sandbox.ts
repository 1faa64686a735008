/** Connects the pane to the Pyodide worker (browser), with packages loaded on demand. */
import { wrap } from 'comlink';
import type { PythonWorkerApi, StartOptions } from '../../workers/api';
import { MemoryPackageCache, type PackageLock } from '../packages/package-download';
import { CacheStoragePackageCache } from '../packages/package-cache';
import { PackageManager, type PersistentPackageCache } from '../packages/package-manager';
import { CacheStorageSnapshotStore } from './cache-snapshot-store';
import { SandboxClient, type SandboxConnection, type SandboxEvent } from './sandbox-client';

export function connectWorker(): SandboxConnection {
  const worker = new Worker(new URL('../../workers/python.worker.ts', import.meta.url), { type: 'module', name: 'python-sandbox' });
  const exited = new Promise<string>((resolve) => {
    worker.addEventListener('error', (event) => resolve(event.message || 'the Python worker failed to load'));
  });
  return { api: wrap<PythonWorkerApi>(worker), terminate: () => worker.terminate(), exited };
}

/** Runtime files are served by our own origin, next to the pane. */
export function browserStartOptions(base: string = import.meta.env.BASE_URL): StartOptions {
  const root = new URL(base, self.location.href);
  return { indexURL: new URL('pyodide/', root).href, bundleURL: new URL('python/bundle.zip', root).href };
}

/**
 * The lock that says which files packages are and what they hash to: the app's
 * own copy, from our origin, never from the package source. A test build may
 * name another path with the build-time define VITE_EXCEL_AI_PACKAGE_LOCK (see
 * tests/e2e/packages-on-demand.test.ts); it is still resolved against our
 * origin and refused if it leads anywhere else.
 */
export function packageLockUrl(base: string = import.meta.env.BASE_URL): string {
  const root = new URL(base, self.location.href);
  const override = import.meta.env.VITE_EXCEL_AI_PACKAGE_LOCK as string | undefined;
  const url = new URL(override || 'pyodide/pyodide-lock.json', root);
  if (url.origin !== root.origin) throw new Error(`the package list must come from this app's own origin, not ${url.origin}`);
  return url.href;
}

async function loadOwnLock(): Promise<PackageLock> {
  const url = packageLockUrl();
  const response = await fetch(url, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}`);
  return (await response.json()) as PackageLock;
}

/** Cache Storage when the browser allows it (see package-cache.ts); otherwise this page's memory. */
function packageCache(): PersistentPackageCache {
  if (typeof caches !== 'undefined') return new CacheStoragePackageCache();
  const memory = new MemoryPackageCache();
  return { get: (s) => memory.get(s), put: (s, b) => memory.put(s, b), has: async (s) => (await memory.get(s)) !== undefined };
}

const managers = new WeakMap<SandboxClient, PackageManager>();

/** The package manager of a sandbox made by createBrowserSandbox (for progress and Settings); undefined for others. */
export function packagesOf(sandbox: SandboxClient): PackageManager | undefined {
  return managers.get(sandbox);
}

export function createBrowserSandbox(onEvent?: (event: SandboxEvent) => void): SandboxClient {
  const packages = new PackageManager({ loadLock: loadOwnLock, cache: packageCache() });
  // Without Cache Storage (an insecure context) every start is fresh: correct, only slower.
  const snapshots = typeof caches !== 'undefined' ? new CacheStorageSnapshotStore() : undefined;
  const sandbox = new SandboxClient({ connect: connectWorker, startOptions: browserStartOptions(), onEvent, packages, snapshots });
  managers.set(sandbox, packages);
  return sandbox;
}
