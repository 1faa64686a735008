/**
 * After the first load the pane works without a network: the service worker serves
 * the pane, the worker (with its CSP), Pyodide and the Python bundle from its cache,
 * and Python starts from the memory snapshot the first start left in Cache Storage.
 * The later loads happen with the server gone: nothing answers on the network at all.
 *
 * Timing: first loads are each in a fresh browser context (empty caches, no
 * snapshot); second loads are reloads of the last one, offline. Several of each,
 * medians reported, because the machine is shared and its load varies.
 */
import { loadavg } from 'node:os';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAndServe, launchChromium } from '../helpers/browser';

const COLD_RUNS = 3;
const WARM_RUNS = 3;

let browser: Browser;
const contexts: BrowserContext[] = [];
const coldMs: number[] = [];
const warmMs: number[] = [];
const coldStartedFrom: (string | null)[] = [];
const warmStartedFrom: (string | null)[] = [];
let offlineOutput = '';
let offlineStatus = '';
let snapshotBytes = 0;

/** Loads (or reloads) the pane and waits until Python is ready; returns the time and how Python started. */
async function timeToReady(page: Page, load: () => Promise<unknown>): Promise<{ ms: number; startedFrom: string | null }> {
  const t0 = Date.now();
  await load();
  const status = page.getByTestId('runtime-status');
  await status.filter({ hasText: /ready|could not start/ }).waitFor({ timeout: 120_000 });
  return { ms: Date.now() - t0, startedFrom: await status.getAttribute('data-started-from') };
}

/** The size of the snapshot in this page's Cache Storage, once the background save has finished. */
async function storedSnapshotBytes(page: Page): Promise<number> {
  return page.evaluate(async () => {
    for (let i = 0; i < 600; i++) {
      const cache = await caches.open('excel-ai-python-snapshot');
      const hit = (await cache.keys())[0];
      if (hit) return (await (await cache.match(hit))?.arrayBuffer())?.byteLength ?? 0;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return 0;
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

beforeAll(async () => {
  const served = await buildAndServe();
  browser = await launchChromium();
  const loadBefore = loadavg()[0] ?? 0;

  let page: Page | undefined;
  for (let i = 0; i < COLD_RUNS; i++) {
    const context = await browser.newContext();
    contexts.push(context);
    page = await context.newPage();
    const current = page;
    const cold = await timeToReady(current, () => current.goto(served.url));
    coldMs.push(cold.ms);
    coldStartedFrom.push(cold.startedFrom);
  }
  if (!page) throw new Error('no page');
  const last = page;
  // The service worker is active once it has precached everything; the snapshot is saved after the start.
  await last.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  snapshotBytes = await storedSnapshotBytes(last);

  // The server goes away for good: nothing answers on the network any more.
  await Promise.race([served.server.close(), new Promise((resolve) => setTimeout(resolve, 5000))]);
  for (let i = 0; i < WARM_RUNS; i++) {
    const warm = await timeToReady(last, () => last.reload());
    warmMs.push(warm.ms);
    warmStartedFrom.push(warm.startedFrom);
  }
  offlineStatus = (await last.getByTestId('runtime-status').textContent()) ?? '';
  await last.getByTestId('code').fill('import openpyxl\nwb = openpyxl.Workbook()\nwb.active["A1"] = "offline"\nwb.save("/output/offline.xlsx")\nprint("saved offline")');
  await last.getByTestId('run').click();
  await last.getByTestId('stdout').waitFor({ timeout: 60_000 });
  offlineOutput = (await last.getByTestId('stdout').textContent()) ?? '';
  const loadAfter = loadavg()[0] ?? 0;
  console.log(
    `pane + Python ready: first load (network, empty cache) median ${median(coldMs)} ms [${coldMs.join(', ')}]; ` +
      `second load (offline, service worker + Python snapshot of ${(snapshotBytes / 1024 / 1024).toFixed(1)} MiB) median ${median(warmMs)} ms [${warmMs.join(', ')}]; ` +
      `1-min load average ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after (2 cores)`,
  );
}, 600_000);

afterAll(async () => {
  await browser?.close();
});

describe('offline after the first load', () => {
  it('starts Python from scratch on a first load, and keeps a snapshot of it in Cache Storage', () => {
    expect(coldStartedFrom).toEqual(Array(COLD_RUNS).fill('fresh'));
    expect(snapshotBytes).toBeGreaterThan(10 * 1024 * 1024);
  });

  it('starts the pane and Python with the server gone, from the snapshot', () => {
    expect(offlineStatus).toMatch(/Python 3\.\d+.* ready/);
    expect(warmStartedFrom).toEqual(Array(WARM_RUNS).fill('snapshot'));
  });

  it('is ready in under half the time of a first load', () => {
    expect(median(warmMs)).toBeLessThan(median(coldMs) / 2);
  });

  it('runs code in the worker offline, behind the same walls', () => {
    expect(offlineOutput).toContain('saved offline');
  });
});
