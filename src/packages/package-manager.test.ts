import { describe, expect, it } from 'vitest';
import { MemoryPackageCache, type LockPackage, type PackageLock } from './package-download';
import { PackageManager, type PackageActivity } from './package-manager';
import { describeDownload } from './progress-text';

function meta(name: string, imports: string[], depends: string[] = []): LockPackage {
  return { name, version: '1.0', file_name: `${name}-1.0-py3-none-any.whl`, sha256: '0'.repeat(64), depends, imports, install_dir: 'site', package_type: 'package' };
}

const lock: PackageLock = {
  packages: {
    pandas: meta('pandas', ['pandas'], ['numpy', 'python-dateutil']),
    numpy: meta('numpy', ['numpy']),
    'python-dateutil': meta('python-dateutil', ['dateutil'], ['six']),
    six: meta('six', ['six']),
    requests: meta('requests', ['requests']),
  },
};

function manager(fetchImpl?: typeof fetch): PackageManager {
  const memory = new MemoryPackageCache();
  return new PackageManager({
    loadLock: () => Promise.resolve(lock),
    cache: { get: (s) => memory.get(s), put: (s, b) => memory.put(s, b), has: async (s) => (await memory.get(s)) !== undefined },
    baseUrl: 'http://127.0.0.1:9/pkgs/',
    fetch: fetchImpl,
  });
}

describe('PackageManager', () => {
  it('plans the dependency closure, dependencies first, for a missing on-demand import', async () => {
    expect((await manager().plan(['pandas'])).map((p) => p.name)).toEqual(['numpy', 'six', 'python-dateutil', 'pandas']);
  });

  it('never plans a download for modules it does not offer, even when the lock has them', async () => {
    expect(await manager().plan(['dateutil', 'requests', 'no_such_module'])).toEqual([]);
  });

  it('offers only the on-demand packages the lock really has, with versions', async () => {
    expect(await manager().onDemand()).toEqual({ pandas: '1.0', numpy: '1.0' });
  });

  it('turns a download failure into a package error naming the package and URL, and reports it', async () => {
    const m = manager(() => Promise.resolve(new Response('no', { status: 404 })));
    const activity: PackageActivity[] = [];
    m.subscribe((a) => activity.push(a));
    const result = await m.fetch([lock.packages.numpy!]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe('package');
    expect(result.error.message).toContain('Package "numpy" is not at http://127.0.0.1:9/pkgs/numpy-1.0-py3-none-any.whl; check the package source in Settings.');
    expect(activity.at(-1)).toEqual({ state: 'failed', error: result.error });
  });

  it('falls back to the public repository when the source is emptied', () => {
    const m = manager();
    m.setSource('  ');
    expect(m.source).toBe('https://cdn.jsdelivr.net/pyodide/v314.0.7/full/');
  });
});

describe('download progress in words', () => {
  it('says which package, how much of how much, and from which host', () => {
    const text = describeDownload({ package: 'pandas', loaded: 12.1 * 1024 * 1024, total: 14.8 * 1024 * 1024, packagesDone: 2, packagesTotal: 5 }, '3.0.2', 'https://cdn.jsdelivr.net/pyodide/v314.0.7/full/');
    expect(text).toBe('Downloading pandas 3.0.2 (12.1 of 14.8 MB) from cdn.jsdelivr.net; 2 of 5 packages done');
  });

  it('says how much so far when the server gives no size', () => {
    expect(describeDownload({ package: 'six', loaded: 1024 * 1024, total: null, packagesDone: 0, packagesTotal: 1 }, '1.17.0', 'http://127.0.0.1:8000/p/')).toBe('Downloading six 1.17.0 (1.0 MB so far) from 127.0.0.1:8000');
  });
});
