import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { makeZip } from '../../tests/packages/wheel-server';
import { MemoryPackageCache, PYODIDE_CDN_SOURCE, PYODIDE_VERSION, PackageLoadError, downloadPackages, packageUrl, resolvePackages, type LockPackage, type PackageLock } from './package-download';
import { listZipEntries, shouldLoadDynlib } from '../../workers/runtime/package-install';

const pyodideLock = JSON.parse(readFileSync(new URL('../../node_modules/pyodide/pyodide-lock.json', import.meta.url), 'utf8')) as PackageLock;

function meta(name: string, bytes: Uint8Array, depends: string[] = []): LockPackage {
  return {
    name,
    version: '1',
    file_name: `${name}-1-py3-none-any.whl`,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    depends,
    imports: [name],
    install_dir: 'site',
    package_type: 'package',
  };
}

/** A fetch that never touches the network: answers from a table and records each URL. */
function tableFetch(table: Record<string, Uint8Array | number>) {
  const urls: string[] = [];
  const fetch: typeof globalThis.fetch = (input) => {
    const url = String(input);
    urls.push(url);
    const answer = table[url];
    if (answer === undefined) return Promise.resolve(new Response('missing', { status: 404 }));
    if (typeof answer === 'number') return Promise.resolve(new Response('no', { status: answer, statusText: 'Service Unavailable' }));
    return Promise.resolve(new Response(answer as Uint8Array<ArrayBuffer>, { status: 200, headers: { 'content-length': String(answer.byteLength) } }));
  };
  return { fetch, urls };
}

const BASE = 'http://127.0.0.1:9/pkgs/';

describe('resolvePackages', () => {
  it('orders pandas after everything it depends on, using the real Pyodide lock', () => {
    const names = resolvePackages(pyodideLock, ['pandas', 'python-calamine']).map((p) => p.name);
    expect(names).toContain('numpy');
    expect(names.indexOf('numpy')).toBeLessThan(names.indexOf('pandas'));
    expect(names.indexOf('six')).toBeLessThan(names.indexOf('python-dateutil'));
    expect(names.indexOf('packaging')).toBeLessThan(names.indexOf('python-calamine'));
    expect(new Set(names).size).toBe(names.length);
  });

  it('accepts names written the un-normalised way', () => {
    expect(resolvePackages(pyodideLock, ['Python_Calamine']).at(-1)?.name).toBe('python-calamine');
  });

  it('names the chain that asked for an unknown package', () => {
    const a = meta('a', new Uint8Array([1]), ['b']);
    const b = meta('b', new Uint8Array([2]), ['ghost']);
    expect(() => resolvePackages({ packages: { a, b } }, ['a'])).toThrow('There is no package "ghost" in the package list (needed by a → b).');
  });

  it('survives a dependency cycle', () => {
    const a = meta('a', new Uint8Array([1]), ['b']);
    const b = meta('b', new Uint8Array([2]), ['a']);
    expect(resolvePackages({ packages: { a, b } }, ['a']).map((p) => p.name)).toEqual(['b', 'a']);
  });
});

describe('package source', () => {
  it('points the product default at the CDN folder of the Pyodide version we ship', () => {
    const installed = (JSON.parse(readFileSync(new URL('../../node_modules/pyodide/package.json', import.meta.url), 'utf8')) as { version: string }).version;
    expect(PYODIDE_VERSION).toBe(installed);
    expect(PYODIDE_CDN_SOURCE.baseUrl).toBe(`https://cdn.jsdelivr.net/pyodide/v${installed}/full/`);
  });

  it('refuses lock entries whose file would come from another host or folder', () => {
    const m = meta('x', new Uint8Array([1]));
    expect(packageUrl(BASE, m)).toBe(`${BASE}${m.file_name}`);
    expect(packageUrl('http://127.0.0.1:9/pkgs', m)).toBe(`${BASE}${m.file_name}`);
    for (const file_name of ['https://evil.example/x.whl', '//evil.example/x.whl', '../x.whl', '/x.whl', 'sub/x.whl']) {
      expect(() => packageUrl(BASE, { ...m, file_name })).toThrow(PackageLoadError);
    }
    expect(() => packageUrl('file:///etc/', m)).toThrow('must be an http(s) URL');
  });
});

describe('downloadPackages', () => {
  it('reports an HTTP error with its status and the URL', async () => {
    const m = meta('x', new Uint8Array([1]));
    const { fetch } = tableFetch({ [`${BASE}${m.file_name}`]: 503 });
    await expect(downloadPackages([m], { baseUrl: BASE, fetch })).rejects.toMatchObject({
      kind: 'http',
      message: expect.stringContaining(`(HTTP 503 Service Unavailable)`),
    });
  });

  it('reports the failing package, not the downloads it cancelled', async () => {
    const good = new Uint8Array(1000).fill(7);
    const a = meta('a', good);
    const bad = meta('bad', new Uint8Array([1]));
    const { fetch } = tableFetch({ [`${BASE}${a.file_name}`]: good, [`${BASE}${bad.file_name}`]: new Uint8Array([9]) });
    await expect(downloadPackages([a, bad], { baseUrl: BASE, fetch })).rejects.toMatchObject({ kind: 'integrity', packageName: 'bad' });
  });

  it('refuses a file larger than the limit', async () => {
    const bytes = new Uint8Array(2048);
    const m = meta('big', bytes);
    const { fetch } = tableFetch({ [`${BASE}${m.file_name}`]: bytes });
    await expect(downloadPackages([m], { baseUrl: BASE, fetch, maxPackageBytes: 1024 })).rejects.toMatchObject({ kind: 'too-large' });
  });

  it('ignores a damaged cache entry and downloads the file again', async () => {
    const bytes = new Uint8Array([1, 2, 3]);
    const m = meta('c', bytes);
    const cache = new MemoryPackageCache();
    await cache.put(m.sha256, new Uint8Array([6, 6, 6]));
    const { fetch, urls } = tableFetch({ [`${BASE}${m.file_name}`]: bytes });
    const [got] = await downloadPackages([m], { baseUrl: BASE, fetch, cache });
    expect(got?.fromCache).toBe(false);
    expect(Array.from(got?.bytes ?? [])).toEqual([1, 2, 3]);
    expect(urls).toHaveLength(1);
    expect(Array.from((await cache.get(m.sha256)) ?? [])).toEqual([1, 2, 3]);
  });

  it('does not start when the signal is already aborted', async () => {
    const m = meta('x', new Uint8Array([1]));
    const { fetch, urls } = tableFetch({});
    await expect(downloadPackages([m], { baseUrl: BASE, fetch, signal: AbortSignal.abort() })).rejects.toMatchObject({ kind: 'cancelled' });
    expect(urls).toEqual([]);
  });
});

describe('archives', () => {
  it('lists the files of a zip from its central directory', () => {
    const zip = makeZip({ 'pkg/__init__.py': '', 'pkg/_ext.cpython-314-wasm32-emscripten.so': 'x', 'pkg-1.dist-info/METADATA': 'Name: pkg' });
    expect(listZipEntries(zip).sort()).toEqual(['pkg-1.dist-info/METADATA', 'pkg/__init__.py', 'pkg/_ext.cpython-314-wasm32-emscripten.so']);
    expect(() => listZipEntries(new Uint8Array(100))).toThrow('no zip end record');
  });

  it('picks the shared libraries Pyodide would load', () => {
    expect(shouldLoadDynlib('pkg/_ext.cpython-314-wasm32-emscripten.so')).toBe(true);
    expect(shouldLoadDynlib('lib/libopenblas.so')).toBe(true);
    expect(shouldLoadDynlib('libz.so.1')).toBe(true);
    expect(shouldLoadDynlib('pkg/_ext.abi3.so')).toBe(true);
    expect(shouldLoadDynlib('pkg/_ext.cpython-311-x86_64-linux-gnu.so')).toBe(false);
    expect(shouldLoadDynlib('pkg/module.py')).toBe(false);
  });
});
