/**
 * The package loader against a real Pyodide in Node and a local package
 * server: wheels are verified before anything is installed, errors name the
 * package and the URL, progress streams, and no request leaves 127.0.0.1.
 */
import { fileURLToPath } from 'node:url';
import { loadPyodide, type PyodideAPI } from 'pyodide';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryPackageCache, PackageLoadError, downloadPackages, resolvePackages, type PackageProgress } from '../../src/packages/package-download';
import { loadPackages } from './load-packages';
import { lockOf, makeWheel, recordingFetch, servePackages, type PackageServer, type TestWheel } from './wheel-server';

const PYODIDE_DIR = fileURLToPath(new URL('../../node_modules/pyodide/', import.meta.url));

let pyodide: PyodideAPI;
const allUrls: string[] = [];
const realFetch = globalThis.fetch;
const servers: PackageServer[] = [];

async function serve(wheels: TestWheel[], options: Parameters<typeof servePackages>[1] = {}): Promise<PackageServer> {
  const server = await servePackages(new Map(wheels.map((w) => [`pkgs/${w.meta.file_name}`, w.bytes])), options);
  servers.push(server);
  return server;
}

function importable(module: string): boolean {
  return pyodide.runPython(`import importlib.util\nimportlib.util.find_spec(${JSON.stringify(module)}) is not None`) as boolean;
}

async function failure(promise: Promise<unknown>): Promise<PackageLoadError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof PackageLoadError) return error;
    throw error;
  }
  throw new Error('expected the load to fail');
}

beforeAll(async () => {
  // Every request made while these tests run, by us or by Pyodide, is recorded and must stay local.
  globalThis.fetch = (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    allUrls.push(url);
    if (new URL(url).hostname !== '127.0.0.1') return Promise.reject(new Error(`refused ${url}`));
    return realFetch(input, init);
  };
  pyodide = await loadPyodide({ indexURL: PYODIDE_DIR, packageBaseUrl: PYODIDE_DIR, stdout: () => undefined, stderr: () => undefined });
});

afterAll(async () => {
  globalThis.fetch = realFetch;
  await Promise.all(servers.map((s) => s.close()));
  expect(allUrls.every((u) => new URL(u).hostname === '127.0.0.1')).toBe(true);
});

describe('package loader in Pyodide', () => {
  it('installs a verified wheel that Python can import and call', async () => {
    const wheel = makeWheel('excel_ai_greet', 'def greet(name):\n    return "hello " + name\n');
    const server = await serve([wheel]);
    const recorder = recordingFetch();
    const result = await loadPackages(pyodide, lockOf([wheel]), ['excel-ai-greet'], { baseUrl: `${server.url}pkgs/`, fetch: recorder.fetch });

    expect(result.installed.map((p) => p.name)).toEqual(['excel_ai_greet']);
    expect(pyodide.runPython('import excel_ai_greet\nexcel_ai_greet.greet("sheet")')).toBe('hello sheet');
    expect(recorder.urls).toEqual([`${server.url}pkgs/${wheel.meta.file_name}`]);
    expect(pyodide.loadedPackages['excel_ai_greet']).toBeDefined();
  });

  it('installs dependencies before the package that needs them', async () => {
    // a imports b at import time, so a wrong order would still work in Python; the plan order is what we check.
    const b = makeWheel('excel_ai_dep_b', 'VALUE = 41\n');
    const a = makeWheel('excel_ai_dep_a', 'import excel_ai_dep_b\ndef answer():\n    return excel_ai_dep_b.VALUE + 1\n', ['excel_ai_dep_b']);
    const lock = lockOf([a, b]);
    expect(resolvePackages(lock, ['excel_ai_dep_a']).map((p) => p.name)).toEqual(['excel_ai_dep_b', 'excel_ai_dep_a']);

    const server = await serve([a, b]);
    const result = await loadPackages(pyodide, lock, ['excel_ai_dep_a'], { baseUrl: `${server.url}pkgs/`, fetch: recordingFetch().fetch, concurrency: 1 });
    expect(result.installed.map((p) => p.name)).toEqual(['excel_ai_dep_b', 'excel_ai_dep_a']);
    expect(server.requests).toEqual([`/pkgs/${b.meta.file_name}`, `/pkgs/${a.meta.file_name}`]);
    expect(pyodide.runPython('import excel_ai_dep_a\nexcel_ai_dep_a.answer()')).toBe(42);
  });

  it('refuses a wheel whose sha256 does not match and installs nothing, not even its verified dependency', async () => {
    const b = makeWheel('excel_ai_hash_b', 'X = 1\n');
    const a = makeWheel('excel_ai_hash_a', 'Y = 2\n', ['excel_ai_hash_b']);
    const tampered = makeWheel('excel_ai_hash_a', 'import os\nY = 3\n', ['excel_ai_hash_b']);
    const server = await serve([b, tampered]);

    const error = await failure(loadPackages(pyodide, lockOf([a, b]), ['excel_ai_hash_a'], { baseUrl: `${server.url}pkgs/`, fetch: recordingFetch().fetch }));
    expect(error.kind).toBe('integrity');
    expect(error.packageName).toBe('excel_ai_hash_a');
    expect(error.message).toContain('excel_ai_hash_a');
    expect(error.message).toContain('checksum');
    expect(importable('excel_ai_hash_a')).toBe(false);
    expect(importable('excel_ai_hash_b')).toBe(false);
  });

  it('says which package is missing and where it looked when the server answers 404', async () => {
    const wheel = makeWheel('excel_ai_missing', 'Z = 0\n');
    const server = await serve([]);
    const error = await failure(loadPackages(pyodide, lockOf([wheel]), ['excel_ai_missing'], { baseUrl: `${server.url}pkgs/`, fetch: recordingFetch().fetch }));
    expect(error.kind).toBe('not-found');
    expect(error.message).toBe(`Package "excel_ai_missing" is not at ${server.url}pkgs/${wheel.meta.file_name}; check the package source in Settings.`);
    expect(importable('excel_ai_missing')).toBe(false);
  });

  it('reports a server that cannot be reached as a network error naming the package', async () => {
    const wheel = makeWheel('excel_ai_offline', 'Z = 0\n');
    const server = await servePackages(new Map());
    const url = server.url;
    await server.close();
    const error = await failure(downloadPackages([wheel.meta], { baseUrl: `${url}pkgs/`, fetch: recordingFetch().fetch }));
    expect(error.kind).toBe('network');
    expect(error.message).toContain('"excel_ai_offline"');
    expect(error.message).toContain('could not be reached');
  });

  it('streams progress with growing byte counts from a slow chunked server', async () => {
    const wheel = makeWheel('excel_ai_slow', `DATA = ${JSON.stringify('x'.repeat(2000))}\n`);
    const server = await serve([wheel], { chunkBytes: 128, delayMs: 15 });
    const events: PackageProgress[] = [];
    await loadPackages(pyodide, lockOf([wheel]), ['excel_ai_slow'], {
      baseUrl: `${server.url}pkgs/`,
      fetch: recordingFetch().fetch,
      onProgress: (e) => events.push(e),
    });
    const downloading = events.filter((e) => e.phase === 'downloading' && e.loaded > 0);
    expect(downloading.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < downloading.length; i++) expect(downloading[i]!.loaded).toBeGreaterThan(downloading[i - 1]!.loaded);
    expect(downloading.every((e) => e.total === null)).toBe(true);
    const last = events.at(-1)!;
    expect(last).toMatchObject({ phase: 'verified', loaded: wheel.bytes.byteLength, packagesDone: 1, packagesTotal: 1 });
    expect(pyodide.runPython('import excel_ai_slow\nlen(excel_ai_slow.DATA)')).toBe(2000);
  });

  it('stops when the signal aborts mid-download and installs nothing', async () => {
    const wheel = makeWheel('excel_ai_aborted', `DATA = ${JSON.stringify('y'.repeat(4000))}\n`);
    const server = await serve([wheel], { chunkBytes: 64, delayMs: 50 });
    const controller = new AbortController();
    const error = await failure(
      loadPackages(pyodide, lockOf([wheel]), ['excel_ai_aborted'], {
        baseUrl: `${server.url}pkgs/`,
        fetch: recordingFetch().fetch,
        signal: controller.signal,
        onProgress: (e) => {
          if (e.loaded > 0) controller.abort();
        },
      }),
    );
    expect(error.kind).toBe('cancelled');
    expect(importable('excel_ai_aborted')).toBe(false);
  });

  it('installs from the cache without a request the second time', async () => {
    const wheel = makeWheel('excel_ai_cached', 'def f():\n    return 7\n');
    const server = await serve([wheel]);
    const cache = new MemoryPackageCache();
    await downloadPackages([wheel.meta], { baseUrl: `${server.url}pkgs/`, fetch: recordingFetch().fetch, cache });
    expect(cache.size).toBe(1);

    const offline = recordingFetch();
    const result = await loadPackages(pyodide, lockOf([wheel]), ['excel_ai_cached'], { baseUrl: `${server.url}pkgs/`, fetch: offline.fetch, cache });
    expect(result.installed).toHaveLength(1);
    expect(offline.urls).toEqual([]);
    expect(pyodide.runPython('import excel_ai_cached\nexcel_ai_cached.f()')).toBe(7);
  });

  it('unpacks a shared_library package into /usr/lib', async () => {
    const lib = makeWheel('excel_ai_libdata', '');
    // A shared-library package is a plain zip of files for /usr/lib; a text file stands in for a .so.
    const { makeZip } = await import('./wheel-server');
    const bytes = makeZip({ 'excel-ai-test-lib.txt': 'library' });
    const { createHash } = await import('node:crypto');
    const meta = { ...lib.meta, file_name: 'excel-ai-libdata-1.0.zip', install_dir: 'dynlib' as const, package_type: 'shared_library', sha256: createHash('sha256').update(bytes).digest('hex') };
    const server = await serve([{ meta, bytes }]);
    await loadPackages(pyodide, { packages: { [meta.name]: meta } }, [meta.name], { baseUrl: `${server.url}pkgs/`, fetch: recordingFetch().fetch });
    expect(pyodide.FS.readFile('/usr/lib/excel-ai-test-lib.txt', { encoding: 'utf8' })).toBe('library');
  });
});
