/**
 * The pane's memory snapshot in real Chromium: kept in Cache Storage, checked
 * against its sha256 on every start, and never a way around a wall. Two hosts
 * serve the same build: the preview server with the worker's CSP, and a bare
 * static server without it (a host that forgot the header).
 */
import type { Browser, Page } from 'playwright-core';
import type { Server } from 'node:http';
import type { PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAndServe, launchChromium, watchRequests } from '../helpers/browser';
import { serveStatic } from '../helpers/static-server';

const LONG = 240_000;

let browser: Browser;
let preview: PreviewServer;
let previewUrl: string;
let bare: Server;
let bareUrl: string;

async function ready(page: Page, load: () => Promise<unknown>): Promise<string | null> {
  await load();
  const status = page.getByTestId('runtime-status');
  await status.filter({ hasText: /ready|could not start/ }).waitFor({ timeout: 120_000 });
  return status.getAttribute('data-started-from');
}

/** The stored snapshot's record (key, sha256, size), once the background save has landed. */
async function storedRecord(page: Page, notSha?: string): Promise<{ sha256: string; bytes: number }> {
  return page.evaluate(async (notSha) => {
    for (let i = 0; i < 600; i++) {
      const cache = await caches.open('excel-ai-python-snapshot');
      const [request] = await cache.keys();
      const response = request && (await cache.match(request));
      const record = response ? (JSON.parse(response.headers.get('x-excel-ai-snapshot') ?? 'null') as { sha256: string; bytes: number } | null) : null;
      if (record && record.sha256 !== notSha) return record;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('no snapshot was stored within 60 s');
  }, notSha);
}

beforeAll(async () => {
  const built = await buildAndServe();
  preview = built.server;
  previewUrl = built.url;
  const served = await serveStatic(built.outDir);
  bare = served.server;
  bareUrl = served.url;
  browser = await launchChromium();
}, LONG);

afterAll(async () => {
  await browser?.close();
  bare?.close();
  await preview?.close();
});

describe('the pane’s Python snapshot in Chromium', () => {
  it('starts fresh when the stored snapshot is damaged, and stores a sound one in its place', async () => {
    const context = await browser.newContext();
    const requests = watchRequests(context);
    const page = await context.newPage();
    expect(await ready(page, () => page.goto(previewUrl))).toBe('fresh');
    const first = await storedRecord(page);
    expect(await ready(page, () => page.reload())).toBe('snapshot');

    // One byte flipped in the middle; the record beside it still claims the old sha256.
    await page.evaluate(async () => {
      const cache = await caches.open('excel-ai-python-snapshot');
      const [request] = await cache.keys();
      const response = request && (await cache.match(request));
      if (!request || !response) throw new Error('no snapshot stored');
      const bytes = new Uint8Array(await response.arrayBuffer());
      const middle = bytes.length >> 1;
      bytes[middle] = (bytes[middle] ?? 0) ^ 0xff;
      await cache.put(request, new Response(bytes, { headers: response.headers }));
    });
    expect(await ready(page, () => page.reload())).toBe('fresh');
    const replaced = await storedRecord(page);
    expect(replaced.bytes).toBeGreaterThan(10 * 1024 * 1024);
    expect(await ready(page, () => page.reload())).toBe('snapshot');
    await page.getByTestId('code').fill('print(6 * 7)');
    await page.getByTestId('run').click();
    await page.getByTestId('stdout').filter({ hasText: '42' }).waitFor({ timeout: 60_000 });
    expect(first.bytes).toBeGreaterThan(10 * 1024 * 1024);
    expect(requests.offHost).toEqual([]);
    await context.close();
  }, LONG);

  it('still refuses to run code after a restore on a host without the worker CSP', async () => {
    const context = await browser.newContext();
    const requests = watchRequests(context);
    const page = await context.newPage();
    expect(await ready(page, () => page.goto(bareUrl))).toBe('fresh');
    await storedRecord(page);
    expect(await ready(page, () => page.reload())).toBe('snapshot');
    await page.getByTestId('code').fill('print("hello")');
    await page.getByTestId('run').click();
    const error = page.getByTestId('run-error');
    await error.waitFor({ timeout: 30_000 });
    expect(await error.getAttribute('data-kind')).toBe('internal');
    const message = (await error.textContent()) ?? '';
    expect(message).toMatch(/safety wall is missing/);
    expect(message).toMatch(/Content-Security-Policy/);
    expect(requests.offHost).toEqual([]);
    await context.close();
  }, LONG);
});
