/**
 * Packages on demand through the real wiring: SandboxClient + PackageManager on
 * the caller's side, the real Pyodide sandbox in a locked-down Node child
 * process, a file-system cache, and a local package server on 127.0.0.1 serving
 * test wheels (tests/packages/test-pandas.ts says why they carry pandas' names).
 */
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../workers/api';
import { prepareNodeSandbox, spawnNodeSandbox } from '../../workers/node/spawn-sandbox';
import { SandboxClient } from '../../src/sandbox/sandbox-client';
import { FsPackageCache } from '../../src/packages/fs-package-cache';
import { PackageManager, type PackageActivity } from '../../src/packages/package-manager';
import { recordingFetch, servePackages, type PackageServer } from './wheel-server';
import { TEST_VERSION, tamperedPandas, testPandas } from './test-pandas';

const pandas = testPandas();
const IMPORTS_PANDAS = 'import pandas\nprint(pandas.describe())\nopen("/output/who.txt", "w").write(pandas.VERSION)\n';
const clients: SandboxClient[] = [];
const servers: PackageServer[] = [];
const fetched = recordingFetch();

async function client(options: { baseUrl: string; cacheDir: string }): Promise<{ sandbox: SandboxClient; activity: PackageActivity[]; manager: PackageManager }> {
  const { startOptions } = await prepareNodeSandbox();
  const activity: PackageActivity[] = [];
  const manager = new PackageManager({ loadLock: () => Promise.resolve(pandas.lock), cache: new FsPackageCache(options.cacheDir), baseUrl: options.baseUrl, fetch: fetched.fetch });
  manager.subscribe((a) => activity.push(a));
  const sandbox = new SandboxClient({ connect: spawnNodeSandbox, startOptions, packages: manager });
  clients.push(sandbox);
  const started = await sandbox.start();
  if (!started.ok) throw new Error(started.error.message);
  return { sandbox, activity, manager };
}

async function serve(files: Map<string, Uint8Array>, options: Parameters<typeof servePackages>[1] = {}): Promise<PackageServer> {
  const server = await servePackages(files, options);
  servers.push(server);
  return server;
}

function expectOk(result: RunResult): Extract<RunResult, { ok: true }> {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.kind}: ${result.error.message}`);
  return result;
}

function expectError(result: RunResult) {
  if (result.ok) throw new Error(`expected a failure, got ok with stdout: ${result.stdout}`);
  return result.error;
}

const cacheDir = mkdtempSync(join(tmpdir(), 'excel-ai-pkg-cache-'));
let good: PackageServer;
let main: Awaited<ReturnType<typeof client>>;

beforeAll(async () => {
  good = await serve(pandas.files('pkgs/'));
  main = await client({ baseUrl: `${good.url}pkgs/`, cacheDir });
}, 120_000);

afterAll(async () => {
  for (const c of clients) c.dispose();
  await Promise.all(servers.map((s) => s.close()));
  // Nothing in these tests asked any host but 127.0.0.1 (recordingFetch refuses others, and records them).
  expect(fetched.urls.every((u) => new URL(u).hostname === '127.0.0.1')).toBe(true);
});

describe('packages on demand in the Node sandbox', () => {
  it('offers pandas on demand before it is loaded, so the model can be told', async () => {
    const started = await main.sandbox.start();
    if (!started.ok) throw new Error(started.error.message);
    expect(started.info.packages.pandas).toBeUndefined();
    expect(started.info.onDemandPackages).toMatchObject({ pandas: TEST_VERSION, numpy: TEST_VERSION });
  });

  it('runs code without on-demand imports without any download', async () => {
    const before = good.requests.length;
    expectOk(await main.sandbox.run({ code: 'import json, openpyxl\nprint(json.dumps([1]))', inputs: [] }));
    expect(good.requests.length).toBe(before);
  });

  it('downloads pandas with its dependency closure on first import, verifies, installs, then runs', async () => {
    const result = expectOk(await main.sandbox.run({ code: IMPORTS_PANDAS, inputs: [] }));
    expect(result.stdout).toContain(`test pandas ${TEST_VERSION} with numpy ${TEST_VERSION}`);
    expect(new TextDecoder().decode(result.outputs[0]?.bytes)).toBe(TEST_VERSION);
    expect([...good.requests].sort()).toEqual(pandas.wheels.map((w) => `/pkgs/${w.meta.file_name}`).sort());

    const downloading = main.activity.filter((a) => a.state === 'downloading');
    expect(downloading.some((a) => a.state === 'downloading' && a.text.startsWith(`Downloading pandas ${TEST_VERSION} (`) && a.text.includes(`from ${new URL(good.url).host}`))).toBe(true);
    expect(main.activity.at(-1)).toMatchObject({ state: 'ready', packages: ['numpy', 'six', 'python-dateutil', 'pytz', 'pandas'] });
    // Verified files are in the persistent cache, one per package.
    expect(readdirSync(cacheDir).filter((f) => f.endsWith('.pkg'))).toHaveLength(5);

    expect(main.sandbox.installedPackages()).toEqual(['numpy', 'six', 'python-dateutil', 'pytz', 'pandas']);
    // The interpreter after a run is a fresh one: pandas is offered again, and installs only when a run imports it.
    const started = await main.sandbox.start();
    if (!started.ok) throw new Error(started.error.message);
    expect(started.info.packages.pandas).toBeUndefined();
    expect(started.info.onDemandPackages?.pandas).toBe(TEST_VERSION);
  }, 60_000);

  it('imports pandas again in the next fresh interpreter from the cache, without a request', async () => {
    const before = good.requests.length;
    expectOk(await main.sandbox.run({ code: IMPORTS_PANDAS, inputs: [] }));
    expect(good.requests.length).toBe(before);
    expect(main.activity.at(-1)).toMatchObject({ state: 'ready', packages: ['numpy', 'six', 'python-dateutil', 'pytz', 'pandas'] });
  });

  it('does not install pandas into a fresh interpreter whose run does not import it', async () => {
    const installs = main.activity.filter((a) => a.state === 'installing').length;
    expect(expectOk(await main.sandbox.run({ code: 'print("no pandas here")', inputs: [] })).stdout).toContain('no pandas here');
    expect(main.activity.filter((a) => a.state === 'installing').length).toBe(installs);
  });

  it('reinstalls pandas from the cache into the fresh worker after a timeout restarted it', async () => {
    const timedOut = expectError(await main.sandbox.run({ code: 'while True:\n    pass\n', inputs: [], limits: { timeoutMs: 3000 } }));
    expect(timedOut.kind).toBe('timeout');
    const before = good.requests.length;
    const result = expectOk(await main.sandbox.run({ code: IMPORTS_PANDAS, inputs: [] }));
    expect(result.stdout).toContain('test pandas');
    expect(good.requests.length).toBe(before);
  }, 120_000);

  it('works offline from the persistent cache in a new sandbox (server gone)', async () => {
    const gone = await servePackages(new Map());
    await gone.close();
    const offline = await client({ baseUrl: `${gone.url}pkgs/`, cacheDir });
    const result = expectOk(await offline.sandbox.run({ code: IMPORTS_PANDAS, inputs: [] }));
    expect(result.stdout).toContain('test pandas');
    expect(offline.activity.some((a) => a.state === 'downloading')).toBe(false);
  }, 120_000);
});

describe('package failures are clear and install nothing', () => {
  let failing: Awaited<ReturnType<typeof client>>;
  beforeAll(async () => {
    failing = await client({ baseUrl: 'http://127.0.0.1:9/unused/', cacheDir: mkdtempSync(join(tmpdir(), 'excel-ai-pkg-cache-')) });
  }, 120_000);

  it('refuses a pandas whose sha256 does not match the app lock, naming the package and URL', async () => {
    const files = pandas.files('pkgs/');
    const pandasMeta = pandas.lock.packages.pandas!;
    files.set(`pkgs/${pandasMeta.file_name}`, tamperedPandas(pandas));
    const tampered = await serve(files);
    failing.manager.setSource(`${tampered.url}pkgs/`);
    const error = expectError(await failing.sandbox.run({ code: IMPORTS_PANDAS, inputs: [] }));
    expect(error.kind).toBe('package');
    expect(error.message).toContain('"pandas"');
    expect(error.message).toContain(`${tampered.url}pkgs/${pandasMeta.file_name}`);
    expect(error.message).toContain('checksum');
    expect(failing.activity.at(-1)).toMatchObject({ state: 'failed' });
    // Nothing was installed, not even the verified dependencies.
    expect(failing.sandbox.installedPackages()).toEqual([]);
    const started = await failing.sandbox.start();
    expect(started.ok && started.info.packages.numpy).toBe(undefined);
  }, 60_000);

  it('says which package is missing (404), where it looked, and what to do', async () => {
    // The dependencies verified in the test above are in the cache now; pandas itself never was.
    const files = pandas.files('pkgs/');
    const pandasMeta = pandas.lock.packages.pandas!;
    files.delete(`pkgs/${pandasMeta.file_name}`);
    const partial = await serve(files);
    failing.manager.setSource(`${partial.url}pkgs/`);
    const error = expectError(await failing.sandbox.run({ code: IMPORTS_PANDAS, inputs: [] }));
    expect(error.kind).toBe('package');
    expect(error.message).toContain(`Package "pandas" is not at ${partial.url}pkgs/${pandasMeta.file_name}; check the package source in Settings.`);
    expect(partial.requests).toEqual([`/pkgs/${pandasMeta.file_name}`]);
    expect(failing.sandbox.installedPackages()).toEqual([]);
  }, 60_000);

  it('streams progress from a slow server and stops when cancelled; nothing ran or installed', async () => {
    const slow = await serve(pandas.files('pkgs/'), { chunkBytes: 64, delayMs: 40 });
    failing.manager.setSource(`${slow.url}pkgs/`);
    const controller = new AbortController();
    const seen: string[] = [];
    const unsubscribe = failing.manager.subscribe((a) => {
      if (a.state !== 'downloading') return;
      seen.push(a.text);
      if (a.loaded > 200) controller.abort();
    });
    const error = expectError(await failing.sandbox.run({ code: IMPORTS_PANDAS, inputs: [] }, { signal: controller.signal }));
    unsubscribe();
    expect(error.kind).toBe('cancelled');
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect(seen.some((t) => / \(0\.0 MB so far\) from 127\.0\.0\.1:\d+/.test(t))).toBe(true);
    expect(failing.sandbox.installedPackages()).toEqual([]);

    // The same request, not cancelled, completes from the slow server.
    const done = expectOk(await failing.sandbox.run({ code: IMPORTS_PANDAS, inputs: [] }));
    expect(done.stdout).toContain('test pandas');
  }, 120_000);
});
