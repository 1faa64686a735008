/**
 * Recipes and the audit log in the real built pane, in Chromium, with the real Pyodide
 * worker. The model is a local mock of the OpenAI-compatible API (no real model is
 * reachable here): it answers the first request, and must see no request at all when
 * the saved recipe runs again. Fails if any request leaves localhost.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, buildAndServe, launchChromium, watchRequests } from '../helpers/browser';
import { ROOT, makeFixtures, readWorkbook } from '../helpers/python';
import { startMockOpenAI } from '../mock-models/mock-openai';
import type { MockServer } from '../mock-models/scenario';
import { STACK_PLAN, codeAnswer } from '../mock-models/stack-steps';

const ARTIFACTS = join(ROOT, 'tests', 'artifacts');
const API_KEY = 'sk-test-4f9c2e7a1b3d5f60';
const REQUEST = 'Stack these 3 workbooks with Basesheet tables and keep only rows where Sales > 1000';
const PLAN = STACK_PLAN;
const CODE = codeAnswer('stack_filter');

let browser: Browser;
let context: BrowserContext;
let server: PreviewServer;
let mock: MockServer;
let page: Page;
let fixtures: string;
let requests: ReturnType<typeof watchRequests>;
let expected: { Sales: number }[];

beforeAll(async () => {
  fixtures = makeFixtures();
  mkdirSync(ARTIFACTS, { recursive: true });
  expected = JSON.parse(readFileSync(join(fixtures, 'stack', 'expected.json'), 'utf8')) as { Sales: number }[];
  const served = await buildAndServe();
  server = served.server;
  mock = await startMockOpenAI({ steps: [PLAN, CODE] });
  browser = await launchChromium();
  context = await browser.newContext({ acceptDownloads: true });
  requests = watchRequests(context);
  page = await context.newPage();
  await page.setViewportSize({ width: 450, height: 900 });
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto(served.url);
  await page.getByTestId('runtime-status').filter({ hasText: /ready/ }).waitFor({ timeout: 90_000 });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await mock?.close();
});

async function addStackFiles(): Promise<void> {
  await page.getByRole('tab', { name: 'Work' }).click();
  await page.getByTestId('file-input').setInputFiles(['north.xlsx', 'south.xlsx', 'west.xlsx'].map((n) => join(fixtures, 'stack', n)));
  await page.getByTestId('insights').waitFor({ timeout: 30_000 });
}

/** The name the pane offered for the last download. */
let offeredName = '';

/** Clicks a download control and returns the saved file's path. */
async function download(control: ReturnType<Page['getByTestId']>, name: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), control.click()]);
  offeredName = file.suggestedFilename();
  const saved = join(fixtures, name);
  await file.saveAs(saved);
  return saved;
}

/** The data rows of the stacked result (header dropped), and the Sales column's index. */
function stackedRows(path: string): { rows: (string | number | boolean | null)[][]; sales: number } {
  const sheet = readWorkbook(path).Stacked!;
  return { rows: sheet.rows.slice(1), sales: sheet.rows[0]!.indexOf('Sales') };
}

/** Every IndexedDB store of the pane, raw (keys and values as JSON text), read beside the pane's own connection. */
async function storedText(): Promise<Record<string, string>> {
  return page.evaluate(async () => {
    const done = <T,>(req: IDBRequest<T>): Promise<T> => new Promise((resolve, reject) => {
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const db = await done(indexedDB.open('excel-ai'));
    const out: Record<string, string> = {};
    for (const name of Array.from(db.objectStoreNames)) {
      const store = db.transaction(name).objectStore(name);
      const [keys, values] = await Promise.all([done(store.getAllKeys()), done(store.getAll())]);
      out[name] = JSON.stringify(keys.map((key, i) => [key, values[i]]));
    }
    db.close();
    return out;
  });
}

async function secretsInLocalStorage(): Promise<string[]> {
  return page.evaluate(() => Object.keys(localStorage).filter((k) => /apikey|token/i.test(k)));
}

async function horizontalOverflow(): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

describe('recipes and the audit log', () => {
  it('asks the model once and saves the run as a recipe with a threshold parameter', async () => {
    await page.getByTestId('settings-tab').click();
    await page.getByTestId('provider').selectOption('openai');
    await page.getByTestId('base-url').fill(`${mock.url}/v1`);
    await page.getByTestId('model').fill('llama3.1');
    await page.getByTestId('api-key').fill(API_KEY);
    await addStackFiles();
    // The key typed into the request too: the audit export must still not contain it.
    await page.getByTestId('request').fill(`${REQUEST} (key ${API_KEY})`);
    await page.getByTestId('request').press('Enter');
    await page.getByTestId('approve').click({ timeout: 60_000 });
    await page.getByTestId('download').waitFor({ timeout: 60_000 });
    expect(mock.requests.length).toBeGreaterThanOrEqual(2);

    // Keyboard only: focus the action, open the dialog with Enter.
    await page.getByTestId('save-recipe').focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Save as recipe' });
    await dialog.waitFor();
    await expect(dialog.getByTestId('proposed-file').count()).resolves.toBe(3);
    const threshold = dialog.getByTestId('proposed-number');
    await expect(threshold.textContent()).resolves.toContain('now 1000');
    await dialog.getByTestId('recipe-name').fill('Monthly big sales');
    await threshold.getByTestId('param-name').fill('threshold');
    await page.setViewportSize({ width: 320, height: 800 });
    expect(await horizontalOverflow()).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(ARTIFACTS, 'recipe-save-320.png') });
    expect(await axeViolations(page)).toEqual([]);
    await dialog.getByTestId('confirm-save-recipe').click();
    await page.getByTestId('recipe-saved').filter({ hasText: 'Monthly big sales' }).waitFor();
    await page.setViewportSize({ width: 450, height: 900 });

    // The key typed in Settings lives in one place, the store's secret entry; what the
    // store wrote (History's request text, the audit log, the recipe) holds it redacted.
    const stored = await storedText();
    expect(stored.settings).toContain(JSON.stringify(['secret:apiKey.openai', API_KEY]));
    for (const name of ['history', 'audit', 'recipes']) expect(stored[name], name).not.toContain(API_KEY);
    expect(stored.history).toContain('(key [redacted])');
    expect(stored.audit).toContain('(key [redacted])');
    expect(await secretsInLocalStorage()).toEqual([]);
  });

  it('runs the recipe with 5000, then 2000, without the model, and downloads the right rows', async () => {
    const modelCalls = mock.requests.length;
    await page.getByTestId('recipes-tab').click();
    const recipe = page.getByTestId('recipe').filter({ hasText: 'Monthly big sales' });
    await expect(recipe.textContent()).resolves.toContain(REQUEST);
    await expect(recipe.getByTestId('recipe-param-north_file').inputValue()).resolves.toBe('north.xlsx');
    // Settings read as words; the identifiers the code uses stay out of sight.
    const shown = (await recipe.textContent()) ?? '';
    expect(shown).toContain('North file');
    expect(shown).toContain('Last used: north.xlsx');
    expect(shown).not.toMatch(/north_file|Letters, digits/);
    await page.setViewportSize({ width: 320, height: 800 });
    expect(await horizontalOverflow()).toBeLessThanOrEqual(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'recipes-320.png'), fullPage: true });
    await page.setViewportSize({ width: 450, height: 900 });

    for (const [threshold, name] of [[5000, 'recipe-5000.xlsx'], [2000, 'recipe-2000.xlsx']] as const) {
      await page.getByTestId('recipes-tab').click();
      await recipe.getByTestId('recipe-param-threshold').fill(String(threshold));
      await recipe.getByTestId('run-recipe').click();
      // The run shows on the Work tab, like any run.
      await page.getByTestId('stdout').filter({ hasText: /kept \d+ of 120 rows/ }).waitFor({ timeout: 60_000 });
      const { rows, sales } = stackedRows(await download(page.getByTestId('download'), name));
      const want = expected.filter((r) => r.Sales > threshold);
      expect(rows).toHaveLength(want.length);
      expect(rows.every((r) => (r[sales] as number) > threshold)).toBe(true);
      // The file says which recipe and values made it, before the output's own name.
      expect(offeredName).toBe(`Monthly big sales (threshold ${threshold}) - result.xlsx`);
    }
    expect(expected.filter((r) => r.Sales > 2000).length).toBeGreaterThan(0);
    expect(mock.requests.length).toBe(modelCalls);
    await page.getByTestId('recipes-tab').click();
    await expect(recipe.getByTestId('recipe-last-run').textContent()).resolves.toMatch(/^Last run /);
  });

  it('refuses a value that is not a number, saying so, and runs nothing', async () => {
    const recipe = page.getByTestId('recipe').filter({ hasText: 'Monthly big sales' });
    await recipe.getByTestId('recipe-param-threshold').fill('');
    await recipe.getByTestId('run-recipe').click();
    await expect(recipe.getByTestId('recipe-problem').textContent()).resolves.toBe('"threshold" must be a number. Change it in the recipe and run it again.');
  });

  it('lists the actions in the audit log, newest first', async () => {
    await page.getByTestId('history-tab').click();
    // The log is read when the tab opens: wait for it before reading the list.
    await page.locator('[data-action="plan-approved"]').waitFor();
    const actions = await page.getByTestId('audit-entry').evaluateAll((els) => els.map((el) => el.getAttribute('data-action')));
    // Newest first: the two recipe runs (each logged as it starts, then its result), then the request's own entries, then the settings change.
    const recipeRuns = actions.filter((a) => a !== 'result-downloaded').slice(0, 4);
    expect(recipeRuns).toEqual(['result-produced', 'code-run', 'result-produced', 'code-run']);
    expect(actions).toEqual(expect.arrayContaining(['request', 'plan-shown', 'plan-approved', 'try', 'result-produced', 'settings-changed']));
    // Older still, in this order: the plan approved, the request, the settings change before it.
    const order = ['plan-approved', 'request', 'settings-changed'].map((a) => actions.indexOf(a));
    expect(order[0]).toBeGreaterThan(1);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    await expect(page.locator('[data-action="code-run"]').first().textContent()).resolves.toMatch(/recipe: Monthly big sales · values: north_file = north\.xlsx, .*threshold = 2000/);
    await expect(page.locator('[data-action="plan-approved"]').textContent()).resolves.toContain('summary: Every Basesheet row with Sales > 1000 in one sheet');
    await page.screenshot({ path: join(ARTIFACTS, 'audit-450.png'), fullPage: true });
    await expect(page.getByTestId('audit').textContent()).resolves.not.toContain(API_KEY);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('exports the log as JSON and CSV with every action and without the API key', async () => {
    const json = readFileSync(await download(page.getByTestId('export-audit-json'), 'audit.json'), 'utf8');
    const csv = readFileSync(await download(page.getByTestId('export-audit-csv'), 'audit.csv'), 'utf8');
    const log = JSON.parse(json) as { kind: string; entries: { action: string; details: Record<string, unknown> }[] };
    expect(log.kind).toBe('excel-ai-audit-log');
    const actions = log.entries.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['settings-changed', 'request', 'plan-approved', 'code-run']));
    const recipeRuns = log.entries.filter((e) => e.action === 'code-run' && e.details.source === 'recipe');
    expect(recipeRuns.map((e) => (e.details.values as Record<string, unknown>).threshold)).toEqual(['5000', '2000']);
    // The plan as shown, then its approval, in that order.
    expect(log.entries.find((e) => e.action === 'plan-shown')?.details.plan).toMatchObject({ summary: 'Every Basesheet row with Sales > 1000 in one sheet' });
    expect(actions.indexOf('plan-shown')).toBeLessThan(actions.indexOf('plan-approved'));
    expect(log.entries.find((e) => e.action === 'settings-changed')?.details.changed).toEqual(expect.arrayContaining(['provider', 'baseUrl', 'model', 'apiKey']));
    expect(json).toContain('[redacted]');
    for (const text of [json, csv]) expect(text).not.toContain(API_KEY);
    const header = csv.split('\r\n')[0];
    expect(header).toBe('id,at,action,details');
    for (const action of ['settings-changed', 'request', 'plan-approved', 'code-run']) expect(csv).toContain(`,${action},`);
  });

  it('deletes a recipe after asking', async () => {
    await page.getByTestId('recipes-tab').click();
    await page.getByTestId('delete-recipe').click();
    await page.getByTestId('confirm-delete-recipe').click();
    await page.getByText('No recipes yet.').waitFor();
  });

  it('offers "Save as recipe" on the successful History entry too', async () => {
    await page.getByTestId('history-tab').click();
    await page.getByTestId('history').getByRole('button', { name: /Stack these 3 workbooks/ }).click();
    await page.getByTestId('history').getByTestId('save-recipe').click();
    const dialog = page.getByRole('dialog', { name: 'Save as recipe' });
    await expect(dialog.getByTestId('proposed-number').textContent()).resolves.toContain('now 1000');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  });

  it('keeps the key across a reload, and moves a key an earlier version left in localStorage into the store', async () => {
    const legacyKey = 'AIza-legacy-0123456789abcdef';
    await page.evaluate((key) => localStorage.setItem('excel-ai.apiKey.gemini', key), legacyKey);
    await page.reload();
    await page.getByTestId('runtime-status').filter({ hasText: /ready/ }).waitFor({ timeout: 90_000 });
    await page.getByTestId('settings-tab').click();
    await expect.poll(() => page.getByTestId('api-key').inputValue()).toBe(API_KEY);
    await expect.poll(async () => (await storedText()).settings).toContain(JSON.stringify(['secret:apiKey.gemini', legacyKey]));
    expect(await secretsInLocalStorage()).toEqual([]);
    await page.getByTestId('provider').selectOption('gemini');
    await expect.poll(() => page.getByTestId('api-key').inputValue()).toBe(legacyKey);
    await page.getByTestId('provider').selectOption('openai');
    await expect.poll(() => page.getByTestId('api-key').inputValue()).toBe(API_KEY);
  });

  it('keeps the settings in the settings store, not in localStorage, across a reload', async () => {
    await page.getByTestId('timeout-s').fill('300');
    await expect.poll(async () => (await storedText()).settings).toContain('"timeoutS":300');
    expect(await page.evaluate(() => localStorage.getItem('excel-ai.settings'))).toBeNull();
    await page.reload();
    await page.getByTestId('runtime-status').filter({ hasText: /ready/ }).waitFor({ timeout: 90_000 });
    await page.getByTestId('settings-tab').click();
    await expect.poll(() => page.getByTestId('timeout-s').inputValue()).toBe('300');
    await expect(page.getByTestId('provider').inputValue()).resolves.toBe('openai');
  });

  it('keeps data for the days chosen, and clears all of it after asking', async () => {
    await page.getByTestId('settings-tab').click();
    await page.getByTestId('retention-days').fill('30');
    await page.getByTestId('save-retention').click();
    await page.getByTestId('data-message').filter({ hasText: /^Kept for 30 days\. Removed now: 0 history entries/ }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 320, height: 800 });
    await page.screenshot({ path: join(ARTIFACTS, 'your-data-320.png'), fullPage: true });
    expect(await horizontalOverflow()).toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 450, height: 900 });
    // A downloaded package in the pane's package cache (Cache Storage), as "Download pandas now" leaves one.
    await page.evaluate(async () => (await caches.open('excel-ai-packages-v1')).put('/__packages__/test', new Response('wheel')));
    await page.getByTestId('clear-all-data').click();
    const dialog = page.getByRole('dialog', { name: 'Clear all your data?' });
    // A destructive action, not styled as the pane's blue main action.
    const confirmColor = await dialog.getByTestId('confirm-clear-all').evaluate((el) => getComputedStyle(el).backgroundColor);
    const primaryColor = await dialog.getByRole('button', { name: 'Keep my data' }).evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(confirmColor).toMatch(/^rgb\((\d+), (\d+), (\d+)\)$/);
    const [r, g, b] = confirmColor.match(/\d+/g)!.map(Number) as [number, number, number];
    expect(r > g + 60 && r > b + 60, `Clear everything is ${confirmColor}, not red`).toBe(true);
    expect(confirmColor).not.toBe(primaryColor);
    await expect(dialog.textContent()).resolves.toMatch(/your history, the audit log, your recipes, undo snapshots, your settings and saved API keys, and downloaded Python\s+packages/);
    expect(await axeViolations(page)).toEqual([]);
    await dialog.getByTestId('confirm-clear-all').click();
    await page.getByTestId('data-message').filter({ hasText: /^All your data in this pane was cleared/ }).waitFor();
    await expect(page.getByTestId('api-key').inputValue()).resolves.toBe('');
    await expect(page.evaluate(() => caches.has('excel-ai-packages-v1'))).resolves.toBe(false);
    await expect(page.getByTestId('provider').inputValue()).resolves.toBe('gemini');
    await expect(page.getByTestId('retention-days').inputValue()).resolves.toBe('90');
    expect(await secretsInLocalStorage()).toEqual([]);
    expect((await storedText()).settings).not.toContain('secret:');
    await page.getByTestId('history-tab').click();
    await page.getByText('No requests yet.').waitFor();
    await page.getByTestId('audit-entry').first().waitFor();
    const actions = await page.getByTestId('audit-entry').evaluateAll((els) => els.map((el) => el.getAttribute('data-action')));
    expect(actions).toEqual(['data-cleared']);
  });

  it('never sent a request off localhost', () => {
    expect(requests.offHost).toEqual([]);
  });
});
