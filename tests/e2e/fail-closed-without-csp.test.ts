/**
 * Served without the worker's Content-Security-Policy (a host that forgot the
 * header), the pane still starts Python but the sandbox refuses to run model
 * code and says which header is missing. Fail closed.
 */
import type { Browser } from 'playwright-core';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAndServe, launchChromium, watchRequests } from '../helpers/browser';
import { serveStatic } from '../helpers/static-server';

let browser: Browser;
let bare: Server;
let closePreview: () => Promise<void>;

beforeAll(async () => {
  const built = await buildAndServe();
  closePreview = () => built.server.close();
  const served = await serveStatic(built.outDir);
  bare = served.server;
  browser = await launchChromium();
  const context = await browser.newContext();
  const requests = watchRequests(context);
  const page = await context.newPage();
  await page.goto(served.url);
  await page.getByTestId('runtime-status').filter({ hasText: /ready|could not start/ }).waitFor({ timeout: 90_000 });
  await page.getByTestId('code').fill('print("hello")');
  await page.getByTestId('run').click();
  const error = page.getByTestId('run-error');
  await error.waitFor({ timeout: 30_000 });
  state = { message: (await error.textContent()) ?? '', kind: await error.getAttribute('data-kind'), offHost: requests.offHost };
});

let state: { message: string; kind: string | null; offHost: string[] };

afterAll(async () => {
  await browser?.close();
  bare?.close();
  await closePreview?.();
});

describe('a host without the worker CSP header', () => {
  it('refuses to run code and names the missing header', () => {
    expect(state.kind).toBe('internal');
    expect(state.message).toMatch(/safety wall is missing/);
    expect(state.message).toMatch(/Content-Security-Policy/);
  });

  it('still sends nothing off localhost', () => {
    expect(state.offHost).toEqual([]);
  });
});
