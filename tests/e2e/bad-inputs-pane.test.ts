/**
 * The bad-input corpus (tests/corpus/inputs/) dropped into the real pane in Chromium, all
 * at once: damaged, encrypted, bombs, a million rows, 16,384 columns, odd CSVs. Every file
 * gets its profile or a clear message in the file list, the pane and its worker keep
 * working, and nothing leaves 127.0.0.1. (The same files on the Node sandbox and CPython,
 * with hashes before and after: tests/corpus/bad-inputs-pyodide.test.ts, test_bad_inputs.py.)
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAndServe, launchChromium, watchRequests } from '../helpers/browser';
import { NATIVE_PYTHON, ROOT } from '../helpers/python';

interface ManifestEntry {
  file: string;
  outcome: 'works' | 'clear error';
  profile: { error?: string[] };
}

const CORPUS = execFileSync(NATIVE_PYTHON, [join(ROOT, 'tests', 'corpus', 'inputs', 'make_inputs.py'), '--cached'], { encoding: 'utf8', timeout: 600_000 }).trim();
const MANIFEST = (JSON.parse(readFileSync(join(CORPUS, 'manifest.json'), 'utf8')) as { files: ManifestEntry[] }).files;
/** What the pane accepts (src/conversation/file-set.ts); an .xls is turned away before any profiling. */
const accepted = (name: string) => /\.(xlsx|xlsm|csv)$/i.test(name);

let browser: Browser;
let context: BrowserContext;
let server: PreviewServer;
let page: Page;
let requests: ReturnType<typeof watchRequests>;

beforeAll(async () => {
  const served = await buildAndServe();
  server = served.server;
  browser = await launchChromium();
  context = await browser.newContext({ acceptDownloads: true });
  requests = watchRequests(context);
  page = await context.newPage();
  await page.setViewportSize({ width: 450, height: 900 });
  await page.goto(served.url);
  await page.getByTestId('runtime-status').filter({ hasText: /ready/ }).waitFor({ timeout: 120_000 });
  await page.getByTestId('file-input').setInputFiles(MANIFEST.map((m) => join(CORPUS, m.file)));
  await page.getByTestId('insights').waitFor({ timeout: 240_000 });
}, 420_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the bad-input corpus in the pane', () => {
  it('turns away the legacy .xls with what to do, and lists every other file', async () => {
    await expect(page.getByText(/legacy\.xls: only \.xlsx, \.xlsm, \.csv files can be added\. Save other formats as \.xlsx/).count()).resolves.toBe(1);
    await expect(page.getByTestId('file-list').locator('li').count()).resolves.toBe(MANIFEST.filter((m) => accepted(m.file)).length);
  });

  it.each(MANIFEST.filter((m) => accepted(m.file)).map((m) => [m.file, m] as const))('%s: its profile or a clear message', async (name, entry) => {
    const item = page.getByTestId('file-list').locator('li').filter({ hasText: name });
    const text = (await item.textContent()) ?? '';
    if (entry.outcome === 'works') {
      expect(text, text).toMatch(/data rows? × [\d,]+ columns?/);
      expect(text).not.toContain('⚠');
    } else {
      expect(text, text).toContain('⚠');
      for (const pattern of entry.profile.error ?? []) expect(text, `${name}: ${text}`).toMatch(new RegExp(pattern, 'i'));
    }
  });

  it('keeps working afterwards: the large-files offer explains the limit, the job runs here and its result downloads', async () => {
    await page.getByTestId('code').fill('import openpyxl\nwb = openpyxl.Workbook()\nwb.active.append(["still", "here"])\nwb.save("/output/alive.xlsx")\nprint("alive")');
    await page.getByTestId('run').click();
    // A million rows pass the large-files threshold: with no server set, the pane explains and offers this browser.
    const offer = page.getByTestId('server-offer');
    await offer.waitFor({ timeout: 30_000 });
    await expect(offer.textContent()).resolves.toMatch(/No server is configured/);
    await page.getByTestId('offer-browser').click();
    try {
      await page.getByTestId('download').waitFor({ timeout: 90_000 });
    } catch (error) {
      throw new Error(`no result; the pane says: ${(await page.locator('main').innerText()).slice(-3000)}`, { cause: error });
    }
    await expect(page.getByTestId('stdout').textContent()).resolves.toContain('alive');
  });

  it('never sent a request off localhost', () => {
    expect(requests.offHost).toEqual([]);
  });
});
