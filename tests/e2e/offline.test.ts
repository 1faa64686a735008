/**
 * After the first load the pane works without a network: the service worker serves
 * the pane, the worker (with its CSP), Pyodide and the Python bundle from its cache.
 * The second load happens with the server gone: nothing answers on the network at all.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAndServe, launchChromium } from '../helpers/browser';

let browser: Browser;
let context: BrowserContext;
let url: string;
let coldMs = 0;
let warmMs = 0;
let offlineOutput = '';
let offlineStatus = '';

beforeAll(async () => {
  const served = await buildAndServe();
  url = served.url;
  browser = await launchChromium();
  context = await browser.newContext();
  const page = await context.newPage();

  const t0 = Date.now();
  await page.goto(url);
  await page.getByTestId('runtime-status').filter({ hasText: /ready/ }).waitFor({ timeout: 90_000 });
  coldMs = Date.now() - t0;
  // The service worker is active once it has precached everything.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });

  // The server goes away for good: nothing answers on the network any more.
  await Promise.race([served.server.close(), new Promise((resolve) => setTimeout(resolve, 5000))]);
  const t1 = Date.now();
  await page.reload();
  await page.getByTestId('runtime-status').filter({ hasText: /ready|could not start/ }).waitFor({ timeout: 90_000 });
  warmMs = Date.now() - t1;
  offlineStatus = (await page.getByTestId('runtime-status').textContent()) ?? '';
  await page.getByTestId('code').fill('import openpyxl\nwb = openpyxl.Workbook()\nwb.active["A1"] = "offline"\nwb.save("/output/offline.xlsx")\nprint("saved offline")');
  await page.getByTestId('run').click();
  await page.getByTestId('stdout').waitFor({ timeout: 60_000 });
  offlineOutput = (await page.getByTestId('stdout').textContent()) ?? '';
  console.log(`pane + Python ready: first load ${coldMs} ms, second load (offline, from the service worker) ${warmMs} ms`);
});

afterAll(async () => {
  await browser?.close();
});

describe('offline after the first load', () => {
  it('starts the pane and Python with the server gone', () => {
    expect(offlineStatus).toMatch(/Python 3\.\d+.* ready/);
  });

  it('runs code in the worker offline, behind the same walls', () => {
    expect(offlineOutput).toContain('saved offline');
  });
});
