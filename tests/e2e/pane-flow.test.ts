/**
 * The flow of one request as a first-time user meets it on a narrow pane (360 × 800),
 * in real Chromium with the mock model: the plan comes into view with Approve focused,
 * one Cancel, "Edit request" puts the cursor back in the request box, and cards of an
 * earlier request go when the user runs code or changes the files. The full-rows grid
 * runs against the dev server too (React's StrictMode runs effects twice there).
 */
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { PreviewServer, ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, buildAndServe, launchChromium, startDevServer, watchRequests } from '../helpers/browser';
import { makeFixtures } from '../helpers/python';
import { startMockOpenAI } from '../mock-models/mock-openai';
import type { MockServer, MockStep } from '../mock-models/scenario';
import { STACK_PLAN, codeAnswer } from '../mock-models/stack-steps';

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

  it('makes Download the main action and keeps the first rows readable at 320 px', async () => {
    const page = await openPane(builtUrl, [STACK_PLAN, codeAnswer('stack_filter')]);
    await page.setViewportSize({ width: 320, height: 800 });
    await ask(page, 'Stack the Basesheet tables and keep Sales > 1000');
    await page.getByTestId('approve').click({ timeout: 60_000 });
    const download = page.getByTestId('download');
    await download.waitFor({ timeout: 60_000 });
    // A filled button, like the pane's other primary actions (Send), not a link.
    const looks = await download.evaluate((el) => {
      const send = document.querySelector('[data-testid="send"], button[type="submit"]') ?? el;
      return { tag: el.tagName, fill: getComputedStyle(el).backgroundColor, send: getComputedStyle(send).backgroundColor, page: getComputedStyle(document.body).backgroundColor };
    });
    expect(looks.tag).toBe('BUTTON');
    expect(looks.fill).not.toBe(looks.page);
    expect(looks.fill).not.toBe('rgba(0, 0, 0, 0)');
    // Every cell of the preview on one line, its text inside its own cell (cut with … if long), none running into the next.
    const cells = await page.getByRole('table', { name: /^Preview of / }).first().locator('th, td').evaluateAll((els) =>
      els.map((el) => {
        const style = getComputedStyle(el);
        return { text: el.textContent ?? '', fits: el.scrollWidth <= el.clientWidth || style.overflow === 'hidden', oneLine: el.getBoundingClientRect().height < 2.2 * parseFloat(style.lineHeight || '16') };
      }),
    );
    expect(cells.length).toBeGreaterThan(10);
    expect(cells.filter((c) => !c.fits || !c.oneLine)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
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
    // Once the result stands, what led to it folds: the plan to its summary, the failed try to one line.
    await expect(page.getByTestId('plan-card').getAttribute('data-folded')).resolves.toBe('true');
    await expect(page.getByTestId('approve').count()).resolves.toBe(0);
    await page.getByTestId('failed-tries').getByRole('button', { name: '1 try did not work before this result' }).click();
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
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('draws a chart of the result at 320 px, light and dark, with its values as text', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      const page = await openPane(devUrl, [STACK_PLAN, codeAnswer('stack_filter')]);
      await page.setViewportSize({ width: 320, height: 800 });
      await page.emulateMedia({ colorScheme: scheme });
      await ask(page, 'Stack the Basesheet tables and keep Sales > 1000');
      await page.getByTestId('approve').click({ timeout: 60_000 });
      await page.getByTestId('show-chart').first().click({ timeout: 60_000 });
      const chart = page.getByTestId('result-chart').first();
      await chart.waitFor({ timeout: 60_000 });
      // The stacked rows have dates: total Sales over time, as a line.
      await expect(chart.getAttribute('data-kind')).resolves.toBe('line');
      const canvas = chart.getByTestId('chart-canvas');
      await expect(canvas.getAttribute('aria-label')).resolves.toMatch(/^Line chart of total Sales by Date, \d+ points from 20\d\d-\d\d-\d\d [\d,]+ to 20\d\d-\d\d-\d\d [\d,]+\.$/);
      // Drawn (once Chart.js has loaded), and no wider than the pane.
      const measure = () => canvas.evaluate((el) => {
        const c = el as HTMLCanvasElement;
        const { data } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
        let painted = 0;
        for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) painted++;
        return { painted, width: c.getBoundingClientRect().width, page: document.documentElement.scrollWidth };
      });
      await expect.poll(async () => (await measure()).painted, { timeout: 15_000 }).toBeGreaterThan(500);
      const drawn = await measure();
      expect(drawn.width).toBeLessThanOrEqual(320);
      expect(drawn.page).toBeLessThanOrEqual(320);
      // The values drawn, as a table: every point is a day's total of rows that each have Sales > 1000.
      await chart.getByRole('button', { name: 'Values in the chart' }).click();
      const cells = await chart.getByTestId('chart-values').locator('tbody tr td:nth-child(2)').allTextContents();
      expect(cells.length).toBeGreaterThan(1);
      expect(cells.map((t) => Number(t.replace(/,/g, ''))).every((v) => v > 1000)).toBe(true);
      expect(await axeViolations(page)).toEqual([]);
      await page.getByTestId('show-chart').first().click();
      await chart.waitFor({ state: 'detached' });
      await page.close();
    }
  });

  it('never sent a request off localhost', () => {
    expect(requests.offHost).toEqual([]);
  });
});
