/**
 * A saved recipe runs with no network at all: the first load is online (the service
 * worker precaches the pane, the worker, Pyodide and the Python bundle) and the recipe
 * goes into the pane's IndexedDB; then the server is shut and the browser put offline,
 * the pane reloads, Python starts, and the recipe runs on files added again; its
 * result downloads and is checked row by row. No model is involved at any point.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proposeParameters, rewriteWithParameters, toRecipeParameter } from '../../src/conversation/recipe-parameters';
import type { Recipe } from '../../src/store';
import { buildAndServe, launchChromium, watchRequests } from '../helpers/browser';
import { ROOT, makeFixtures, readWorkbook } from '../helpers/python';

const STACK = readFileSync(join(ROOT, 'tests', 'agent', 'answers', 'stack_filter.py'), 'utf8');
const FILES = ['north.xlsx', 'south.xlsx', 'west.xlsx'];

/** The recipe "Save as recipe" makes from the stack job, with its threshold named `threshold`. */
function stackRecipe(): Recipe {
  const params = proposeParameters(STACK, FILES).map((p) => (p.kind === 'number' ? { ...p, name: 'threshold' } : p));
  return {
    id: 'offline-recipe',
    name: 'Stack big sales',
    request: 'Stack the three workbooks and keep Sales > 1000',
    code: rewriteWithParameters(STACK, params),
    parameters: params.map(toRecipeParameter),
    historyId: null,
    createdAt: Date.now(),
    lastRunAt: null,
  };
}

let browser: Browser;
let context: BrowserContext;
let page: Page;
let fixtures: string;
let requests: ReturnType<typeof watchRequests>;
let offlineStatus = '';

beforeAll(async () => {
  fixtures = makeFixtures();
  const served = await buildAndServe();
  browser = await launchChromium();
  context = await browser.newContext({ acceptDownloads: true });
  requests = watchRequests(context);
  page = await context.newPage();
  await page.goto(served.url);
  await page.getByTestId('runtime-status').filter({ hasText: /ready/ }).waitFor({ timeout: 90_000 });
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  // The pane has opened its database by now (History is read at start); put the recipe in it.
  await page.getByTestId('recipes-tab').click();
  await page.getByText('No recipes yet.').waitFor();
  await page.evaluate(async (recipe) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('excel-ai');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('recipes', 'readwrite');
      tx.objectStore('recipes').put(recipe);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  }, stackRecipe());

  // Every way out is closed: the server is gone and the browser is offline.
  await Promise.race([served.server.close(), new Promise((resolve) => setTimeout(resolve, 5000))]);
  await context.setOffline(true);
  await page.reload();
  await page.getByTestId('runtime-status').filter({ hasText: /ready|could not start/ }).waitFor({ timeout: 90_000 });
  offlineStatus = (await page.getByTestId('runtime-status').textContent()) ?? '';
});

afterAll(async () => {
  await browser?.close();
});

describe('a recipe, offline', () => {
  it('starts the pane and Python with no network', () => {
    expect(offlineStatus).toMatch(/Python 3\.\d+.* ready/);
  });

  it('says what to do when the recipe is run before its files are added', async () => {
    await page.getByTestId('recipes-tab').click();
    const recipe = page.getByTestId('recipe').filter({ hasText: 'Stack big sales' });
    await recipe.getByTestId('run-recipe').click();
    await expect(recipe.getByTestId('recipe-problem').textContent()).resolves.toBe('No file is chosen for "north_file". Add this run\'s files on the Work tab, then choose one here.');
    await page.getByRole('tab', { name: 'Work' }).click();
  });

  it('runs the saved recipe on files added again, and its result downloads with the right rows', async () => {
    await page.getByTestId('file-input').setInputFiles(FILES.map((n) => join(fixtures, 'stack', n)));
    await page.getByTestId('insights').waitFor({ timeout: 60_000 });
    await page.getByTestId('recipes-tab').click();
    const recipe = page.getByTestId('recipe').filter({ hasText: 'Stack big sales' });
    await expect(recipe.getByTestId('recipe-param-threshold').inputValue()).resolves.toBe('1000');
    await recipe.getByTestId('recipe-param-threshold').fill('1500');
    await recipe.getByTestId('run-recipe').click();
    await page.getByTestId('stdout').filter({ hasText: /kept \d+ of 120 rows/ }).waitFor({ timeout: 60_000 });

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download').click()]);
    const saved = join(fixtures, 'offline-recipe.xlsx');
    await download.saveAs(saved);
    const sheet = readWorkbook(saved).Stacked!;
    const sales = sheet.rows[0]!.indexOf('Sales');
    const expected = (JSON.parse(readFileSync(join(fixtures, 'stack', 'expected.json'), 'utf8')) as { Sales: number }[]).filter((r) => r.Sales > 1500);
    expect(sheet.rows.slice(1).map((r) => r[sales])).toEqual(expected.map((r) => r.Sales));
  });

  it('remembers the offline run in the audit log', async () => {
    await page.getByTestId('history-tab').click();
    // Newest first: the run's result, after the run itself (logged as it started).
    const actions = await page.getByTestId('audit-entry').evaluateAll((els) => els.map((el) => el.getAttribute('data-action')));
    expect(actions.indexOf('result-produced')).toBeLessThan(actions.indexOf('code-run'));
    await expect(page.locator('[data-action="code-run"]').first().textContent()).resolves.toContain('recipe: Stack big sales');
  });

  it('starts the next run from the values it last ran with, after a reload', async () => {
    await page.reload();
    await page.getByTestId('runtime-status').filter({ hasText: /ready/ }).waitFor({ timeout: 90_000 });
    await page.getByTestId('recipes-tab').click();
    const recipe = page.getByTestId('recipe').filter({ hasText: 'Stack big sales' });
    await expect(recipe.getByTestId('recipe-param-threshold').inputValue()).resolves.toBe('1500');
    await expect(recipe.getByTestId('recipe-last-run').textContent()).resolves.toMatch(/^Last run /);
  });

  it('never sent a request off localhost', () => {
    expect(requests.offHost).toEqual([]);
  });
});
