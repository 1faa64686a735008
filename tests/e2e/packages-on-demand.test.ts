/**
 * Packages on demand in the built pane, in Chromium: the package source is set
 * to a local wheel server in Settings, code run from the Code view imports
 * pandas, the pane shows the download in words and bytes, and the run
 * succeeds. Then the page is reloaded with the wheel server gone: pandas comes
 * from the browser's persistent cache and the run works offline.
 *
 * The test lock: the product reads only its own lock, from its own origin
 * (/pyodide/pyodide-lock.json). This test builds the pane with the build-time
 * define VITE_EXCEL_AI_PACKAGE_LOCK = "test-packages/pyodide-lock.json" and
 * emits that file into the build: the app's lock with pandas and its closure
 * pointing at test wheels (tests/packages/test-pandas.ts). It is still served by
 * the pane's own origin; the pane refuses a lock path that leads elsewhere and
 * never reads one from the package source. Real pandas cannot be downloaded here.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { build, preview, type PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, watchRequests } from '../helpers/browser';
import { ROOT } from '../helpers/python';
import { servePackages, type PackageServer } from '../packages/wheel-server';
import { TEST_VERSION, tamperedPandas, testPandas } from '../packages/test-pandas';

const TEST_LOCK_PATH = 'test-packages/pyodide-lock.json';
const CODE = 'import pandas\nprint(pandas.describe())\nopen("/output/who.txt", "w").write(pandas.VERSION)\n';
const pandas = testPandas();

let browser: Browser;
let context: BrowserContext;
let page: Page;
let paneUrl: string;
let pane: PreviewServer;
let wheels: PackageServer;
let requests: { all: string[]; offHost: string[] };
const seen = { progress: '', firstStdout: '', offlineStdout: '', wheelRequestsAfterReload: -1, packageRequestsFirst: 0 };

async function buildWithTestLock(): Promise<{ server: PreviewServer; url: string }> {
  const outDir = mkdtempSync(join(tmpdir(), 'excel-ai-dist-packages-'));
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      root: ROOT,
      mode: 'production',
      logLevel: 'warn',
      define: { 'import.meta.env.VITE_EXCEL_AI_PACKAGE_LOCK': JSON.stringify(TEST_LOCK_PATH) },
      plugins: [
        {
          name: 'excel-ai-test-package-lock',
          generateBundle() {
            this.emitFile({ type: 'asset', fileName: TEST_LOCK_PATH, source: JSON.stringify(pandas.lock) });
          },
        },
      ],
      build: { outDir, emptyOutDir: true, sourcemap: false },
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  const server = await preview({ root: ROOT, logLevel: 'warn', build: { outDir }, preview: { host: '127.0.0.1', port: 0, strictPort: false } });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('preview server has no URL');
  return { server, url };
}

async function setSource(url: string): Promise<void> {
  await page.getByTestId('settings-tab').click();
  await page.getByTestId('package-source-url').fill(url);
  await page.getByTestId('package-source-url').blur();
  await page.getByTestId('package-source-self-hosted').click();
}

async function runCode(): Promise<string> {
  await page.getByTestId('code').fill(CODE);
  await page.getByTestId('run').click();
  await page.getByTestId('stdout').waitFor({ timeout: 90_000 });
  return (await page.getByTestId('stdout').textContent()) ?? '';
}

async function waitReady(): Promise<void> {
  await page.getByTestId('runtime-status').filter({ hasText: /ready/ }).waitFor({ timeout: 120_000 });
}

beforeAll(async () => {
  const built = await buildWithTestLock();
  pane = built.server;
  paneUrl = built.url;
  // Slow enough that the progress is on screen for a while.
  wheels = await servePackages(pandas.files('pkgs/'), { cors: true, chunkBytes: 64, delayMs: 60 });
  browser = await launchChromium();
  context = await browser.newContext();
  requests = watchRequests(context);
  page = await context.newPage();
  await page.goto(built.url);
  await waitReady();

  await page.getByTestId('settings-tab').click();
  await page.getByTestId('package-source-url').fill(`${wheels.url}pkgs/`);
  await page.getByTestId('package-source-url').blur();
  await page.getByTestId('package-source-self-hosted').click();
  await page.getByRole('tab', { name: 'Work' }).click();

  await page.getByTestId('code').fill(CODE);
  await page.getByTestId('run').click();
  const progress = page.getByTestId('package-progress').filter({ hasText: /Downloading/ });
  await progress.waitFor({ timeout: 60_000 });
  seen.progress = (await progress.textContent()) ?? '';
  await page.getByTestId('stdout').waitFor({ timeout: 90_000 });
  seen.firstStdout = (await page.getByTestId('stdout').textContent()) ?? '';
  seen.packageRequestsFirst = wheels.requests.length;

  // The wheel server goes away; the pane (and its service worker) stays.
  await wheels.close();
  const before = wheels.requests.length;
  await page.reload();
  await waitReady();
  seen.offlineStdout = await runCode();
  seen.wheelRequestsAfterReload = wheels.requests.length - before;
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await pane?.close();
});

describe('pandas on demand in the pane', () => {
  it('shows what it downloads, with bytes, from the configured source', () => {
    expect(seen.progress).toMatch(new RegExp(`Downloading [\\w-]+ ${TEST_VERSION.replace('+', '\\+')} \\([\\d.]+ (of [\\d.]+ )?MB( so far)?\\) from 127\\.0\\.0\\.1:${new URL(wheels.url).port}`));
  });

  it('downloads pandas and its dependencies once, then runs the code that imports it', () => {
    expect(seen.firstStdout).toContain(`test pandas ${TEST_VERSION} with numpy ${TEST_VERSION}`);
    expect(seen.packageRequestsFirst).toBe(5);
  });

  it('runs again after a reload with the package server gone, from the persistent cache', () => {
    expect(seen.offlineStdout).toContain(`test pandas ${TEST_VERSION}`);
    expect(seen.wheelRequestsAfterReload).toBe(0);
  });

  it('sent no request off this machine', () => {
    expect(requests.offHost).toEqual([]);
  });
});

describe('package failures and offline download in a fresh browser profile', () => {
  const failure = { error: '', offlineStatus: '', stdout: '', tamperedRequests: 0 };
  let fresh: BrowserContext;

  beforeAll(async () => {
    const files = pandas.files('pkgs/');
    files.set(`pkgs/${pandas.lock.packages.pandas!.file_name}`, tamperedPandas(pandas));
    const tampered = await servePackages(files, { cors: true });
    const good = await servePackages(pandas.files('pkgs/'), { cors: true });
    // A new context is a new, empty profile: nothing cached from the tests above.
    fresh = await browser.newContext();
    const seenHere = watchRequests(fresh);
    page = await fresh.newPage();
    await page.goto(paneUrl);
    await waitReady();

    await setSource(`${tampered.url}pkgs/`);
    await page.getByRole('tab', { name: 'Work' }).click();
    await page.getByTestId('code').fill(CODE);
    await page.getByTestId('run').click();
    await page.getByTestId('package-error').waitFor({ timeout: 90_000 });
    failure.error = (await page.getByTestId('package-error').textContent()) ?? '';
    failure.tamperedRequests = tampered.requests.length;
    await tampered.close();

    await setSource(`${good.url}pkgs/`);
    await page.getByTestId('download-pandas').click();
    const offline = page.getByTestId('pandas-offline').filter({ hasText: /works offline/ });
    await offline.waitFor({ timeout: 90_000 });
    failure.offlineStatus = (await offline.textContent()) ?? '';
    await good.close();

    await page.getByRole('tab', { name: 'Work' }).click();
    failure.stdout = await runCode();
    requests.offHost.push(...seenHere.offHost);
  }, 600_000);

  afterAll(async () => {
    await fresh?.close();
  });

  it('shows a corrupt pandas as an error naming the package, the URL and the checksum; nothing runs', () => {
    expect(failure.error).toContain('"pandas"');
    expect(failure.error).toMatch(/http:\/\/127\.0\.0\.1:\d+\/pkgs\/pandas-/);
    expect(failure.error).toContain('checksum');
    expect(failure.tamperedRequests).toBeGreaterThan(0);
  });

  it('"Download pandas now" caches the closure, and code importing pandas then runs with the server gone', () => {
    expect(failure.offlineStatus).toContain('pandas is in this browser’s cache');
    expect(failure.stdout).toContain(`test pandas ${TEST_VERSION}`);
  });

  it('sent no request off this machine', () => {
    expect(requests.offHost).toEqual([]);
  });
});
