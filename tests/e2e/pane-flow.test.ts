/**
 * The flow of one request as a first-time user meets it on a narrow pane (360 × 800),
 * in real Chromium with the mock model: the plan comes into view with Approve focused,
 * one Cancel, "Edit request" puts the cursor back in the request box, and cards of an
 * earlier request go when the user runs code or changes the files. The full-rows grid
 * runs against the dev server too (React's StrictMode runs effects twice there).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { PreviewServer, ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAndServe, launchChromium, startDevServer, watchRequests } from '../helpers/browser';
import { makeFixtures } from '../helpers/python';
import { startMockOpenAI } from '../mock-models/mock-openai';
import type { MockServer, MockStep } from '../mock-models/scenario';
import { STACK_PLAN, codeAnswer } from '../mock-models/stack-steps';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let browser: Browser;
let context: BrowserContext;
let built: PreviewServer;
let dev: ViteDevServer;
let builtUrl: string;
let devUrl: string;
let fixtures: string;
let requests: ReturnType<typeof watchRequests>;
const mocks: MockServer[] = [];

beforeAll(async () => {
  fixtures = makeFixtures();
  const served = await buildAndServe();
  built = served.server;
  builtUrl = served.url;
  const started = await startDevServer();
  dev = started.server;
  devUrl = started.url;
  browser = await launchChromium();
  context = await browser.newContext({ acceptDownloads: true });
  requests = watchRequests(context);
});

afterAll(async () => {
  await browser?.close();
  await built?.close();
  await dev?.close();
  await Promise.all(mocks.map((m) => m.close()));
});

async function openPane(url: string, steps: MockStep[]): Promise<Page> {
  const mock = await startMockOpenAI({ steps });
  mocks.push(mock);
  const page = await context.newPage();
  await page.setViewportSize({ width: 360, height: 800 });
  await page.goto(url);
  await page.getByTestId('runtime-status').filter({ hasText: /ready/ }).waitFor({ timeout: 120_000 });
  await page.getByTestId('settings-tab').click();
  await page.getByTestId('provider').selectOption('openai');
  await page.getByTestId('base-url').fill(`${mock.url}/v1`);
  await page.getByTestId('model').fill('llama3.1');
  await page.getByRole('tab', { name: 'Work' }).click();
  await page.getByTestId('file-input').setInputFiles(['north.xlsx', 'south.xlsx', 'west.xlsx'].map((n) => join(fixtures, 'stack', n)));
  await page.getByTestId('insights').waitFor({ timeout: 60_000 });
  return page;
}

async function ask(page: Page, text: string): Promise<void> {
  await page.getByTestId('request').fill(text);
  await page.getByTestId('request').press('Enter');
}

const focusedTestId = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName);

describe('one request at 360 × 800', () => {
  it('brings the plan into view, focuses Approve, and shows one Cancel while it waits', async () => {
    const page = await openPane(builtUrl, [STACK_PLAN, codeAnswer('stack_filter')]);
    await ask(page, 'Stack the Basesheet tables and keep Sales > 1000');
    await page.getByTestId('approve').waitFor({ timeout: 60_000 });
    await expect.poll(() => focusedTestId(page), { timeout: 5_000 }).toBe('approve');
    await expect.poll(() => page.getByTestId('approve').evaluate((el) => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight; }), { timeout: 5_000 }).toBe(true);
    await expect(page.getByRole('button', { name: 'Cancel' }).count()).resolves.toBe(1);
    await page.keyboard.press('Enter');
    await page.getByTestId('download').waitFor({ timeout: 60_000 });
    await page.close();
  });

  it('"Edit request" leaves no card behind and puts the cursor in the request box, text kept', async () => {
    const page = await openPane(builtUrl, [STACK_PLAN]);
    await ask(page, 'Stack the Basesheet tables and keep Sales > 1000');
    await page.getByTestId('edit-request').click({ timeout: 60_000 });
    await page.getByTestId('plan-card').waitFor({ state: 'detached', timeout: 10_000 });
    await expect.poll(() => focusedTestId(page), { timeout: 5_000 }).toBe('request');
    await expect(page.getByTestId('request').inputValue()).resolves.toBe('Stack the Basesheet tables and keep Sales > 1000');
    await expect(page.getByTestId('cancelled').count()).resolves.toBe(0);
    await page.close();
  });

  it("drops an earlier request's plan and failed tries when the user runs code, and its result when the files change", async () => {
    const page = await openPane(builtUrl, [STACK_PLAN, codeAnswer('stack_filter_wrong_column'), codeAnswer('stack_filter')]);
    await ask(page, 'Stack the Basesheet tables and keep Sales > 1000');
    await page.getByTestId('approve').click({ timeout: 60_000 });
    await page.getByTestId('download').waitFor({ timeout: 60_000 });
    await expect(page.getByTestId('attempt-failed').count()).resolves.toBe(1);
    await page.getByTestId('run').click();
    await page.getByTestId('stdout').waitFor({ timeout: 60_000 });
    await expect(page.getByTestId('attempt-failed').count()).resolves.toBe(0);
    await expect(page.getByTestId('plan-card').count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Remove west.xlsx' }).click();
    await page.getByTestId('result').waitFor({ state: 'detached', timeout: 10_000 });
    await page.close();
  });
});

describe('the full-rows grid under the dev server (npm run dev)', () => {
  it('fills its first rows at once, with dates as dates', async () => {
    const page = await openPane(devUrl, [STACK_PLAN, codeAnswer('stack_filter')]);
    await ask(page, 'Stack the Basesheet tables and keep Sales > 1000');
    await page.getByTestId('approve').click({ timeout: 60_000 });
    await page.getByTestId('show-all-rows').first().click({ timeout: 60_000 });
    const grid = page.getByTestId('sheet-grid').first();
    await grid.waitFor({ timeout: 60_000 });
    const firstRow = grid.locator('[role=row][aria-rowindex="2"]');
    await expect.poll(() => firstRow.textContent(), { timeout: 15_000 }).not.toContain('…');
    // The preview's dates are ISO text; the grid's come as serial numbers with a date format.
    await expect(firstRow.textContent()).resolves.toMatch(/20\d\d-\d\d-\d\d/);
    await page.close();
  });

  it('searches and sorts every row of the result, the sheet\'s row numbers kept', async () => {
    const page = await openPane(devUrl, [STACK_PLAN, codeAnswer('stack_filter')]);
    await ask(page, 'Stack the Basesheet tables and keep Sales > 1000');
    await page.getByTestId('approve').click({ timeout: 60_000 });
    await page.getByTestId('show-all-rows').first().click({ timeout: 60_000 });
    const grid = page.getByTestId('sheet-grid').first();
    await grid.waitFor({ timeout: 60_000 });
    const total = Number((await page.getByTestId('grid-count').first().textContent())?.match(/^([\d,]+) rows$/)?.[1]?.replace(/,/g, ''));
    expect(total).toBeGreaterThan(10);
    const headers = await grid.locator('[role=columnheader]').allTextContents();
    const sales = headers.indexOf('Sales');
    const region = headers.indexOf('Region');
    expect(sales).toBeGreaterThan(0);

    await page.getByTestId('grid-search').first().fill('north');
    await expect.poll(() => page.getByTestId('grid-count').first().textContent(), { timeout: 15_000 }).toMatch(new RegExp(`^[\\d,]+ of ${total.toLocaleString('en-US')} rows$`));
    const firstRow = grid.locator('[role=row][aria-rowindex="2"]');
    await expect.poll(() => firstRow.locator('[role=gridcell]').nth(region - 1).textContent(), { timeout: 15_000 }).toBe('North');

    const salesHeader = grid.locator('[role=columnheader]').nth(sales);
    await salesHeader.getByRole('button').click();
    await salesHeader.getByRole('button').click();
    await expect.poll(() => salesHeader.getAttribute('aria-sort')).toBe('descending');
    const column = async () => {
      const values: number[] = [];
      for (let r = 2; r < 8; r++) values.push(Number(await grid.locator(`[role=row][aria-rowindex="${r}"] [role=gridcell]`).nth(sales - 1).textContent()));
      return values;
    };
    await expect.poll(async () => (await column()).every((v) => Number.isFinite(v) && v > 1000), { timeout: 15_000 }).toBe(true);
    const values = await column();
    expect([...values].sort((a, b) => b - a)).toEqual(values);
    // Row numbers are the sheet's, not the positions in the sorted view.
    const numbers = await grid.locator('[role=rowheader]').allTextContents();
    expect(numbers.slice(0, 6)).not.toEqual(['1', '2', '3', '4', '5', '6']);
    // The search box, the sort buttons and the sorted grid: no serious or critical accessibility violations.
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.addScriptTag({ content: AXE });
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(context: unknown): Promise<{ violations: { id: string; impact: string; nodes: { target: unknown }[] }[] }> } }).axe;
      return (await axe.run({ exclude: [['[data-tabster-dummy]']] })).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target)).slice(0, 300)}`);
    });
    expect(violations).toEqual([]);
    await page.close();
  });

  it('never sent a request off localhost', () => {
    expect(requests.offHost).toEqual([]);
  });
});
