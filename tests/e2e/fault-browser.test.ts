/**
 * Faults in real Chromium, on the built pane (one build, served on 127.0.0.1):
 *  - the Pyodide worker dies mid-run: the product's SandboxClient answers with a
 *    structured error, the next run works in a fresh worker, inputs are unchanged;
 *  - the tab is reloaded mid-run: the pane starts clean and History shows the
 *    request as interrupted (failed), with nothing written;
 *  - IndexedDB's quota is full: the result is still shown and downloadable, with a
 *    message saying it was not saved to History and what to do.
 * The model is the local mock of the OpenAI-compatible API (no real model is
 * reachable here); the worker, Pyodide, IndexedDB and the browser are real.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../workers/api';
import { buildAndServe, launchChromium, watchRequests } from '../helpers/browser';
import { makeFixtures, readWorkbook } from '../helpers/python';
import { startMockOpenAI } from '../mock-models/mock-openai';
import type { MockServer, MockStep } from '../mock-models/scenario';
import { STACK_PLAN, codeAnswer } from '../mock-models/stack-steps';
import { installInPage } from '../faults/page-sandbox';

const PLAN = STACK_PLAN;
const STACK = codeAnswer('stack_filter');
/** Writes a partial result, then spins until stopped. */
const HALF_THEN_SPIN = [
  'import openpyxl',
  'wb = openpyxl.Workbook()',
  'wb.active.append(["half", "written"])',
  'wb.save("/output/result.xlsx")',
  'while True:',
  '    pass',
].join('\n');

let browser: Browser;
let context: BrowserContext;
let server: PreviewServer;
let url: string;
let outDir: string;
let fixtures: string;
let requests: ReturnType<typeof watchRequests>;
const mocks: MockServer[] = [];
const STACK_FILES = ['north.xlsx', 'south.xlsx', 'west.xlsx'];

beforeAll(async () => {
  fixtures = makeFixtures();
  const served = await buildAndServe();
  server = served.server;
  url = served.url;
  outDir = served.outDir;
  browser = await launchChromium();
  context = await browser.newContext({ acceptDownloads: true });
  requests = watchRequests(context);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await Promise.all(mocks.map((m) => m.close()));
});

async function openPane(steps: MockStep[], onReady?: (page: Page) => Promise<void>, inContext: BrowserContext = context): Promise<Page> {
  const mock = await startMockOpenAI({ steps });
  mocks.push(mock);
  const page = await inContext.newPage();
  await page.goto(url);
  await page.getByTestId('runtime-status').filter({ hasText: /ready/ }).waitFor({ timeout: 90_000 });
  await onReady?.(page);
  await page.getByTestId('settings-tab').click();
  await page.getByTestId('provider').selectOption('openai');
  await page.getByTestId('base-url').fill(`${mock.url}/v1`);
  await page.getByTestId('model').fill('llama3.1');
  await page.getByRole('tab', { name: 'Work' }).click();
  await page.getByTestId('file-input').setInputFiles(STACK_FILES.map((n) => join(fixtures, 'stack', n)));
  await page.getByTestId('insights').waitFor({ timeout: 60_000 });
  return page;
}

async function askAndApprove(page: Page, text: string): Promise<void> {
  await page.getByTestId('request').fill(text);
  await page.getByTestId('request').press('Enter');
  await page.getByTestId('approve').click({ timeout: 60_000 });
}

describe('the Pyodide worker dies mid-run', () => {
  let page: Page;
  const book = (): Buffer => readFileSync(join(fixtures, 'stack', 'north.xlsx'));

  /** Starts a spinning run in the page’s sandbox, ends its worker 2.5 s in, and returns the run’s answer. */
  function crashDuringRun(report: boolean, timeoutMs: number): Promise<RunResult> {
    return page.evaluate(
      async ({ code, b64, report, timeoutMs }) => {
        const s = (globalThis as unknown as { pageSandbox: { start: () => Promise<unknown>; run: (r: unknown) => Promise<RunResult>; crashWorker: (r: boolean) => boolean } }).pageSandbox;
        const bytes = Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0)).buffer;
        // The fresh interpreter the last run left starting is ready first, so the crash below hits the run.
        await s.start();
        const running = s.run({ code, inputs: [{ name: 'north.xlsx', bytes }], limits: { timeoutMs } });
        await new Promise((resolve) => setTimeout(resolve, 2500));
        if (!s.crashWorker(report)) throw new Error('no live worker to crash');
        return running;
      },
      { code: HALF_THEN_SPIN, b64: book().toString('base64'), report, timeoutMs },
    );
  }

  /** The input as the sandbox sees it, in hex. */
  function dumpInput(): Promise<RunResult> {
    return page.evaluate(async (b64) => {
      const s = (globalThis as unknown as { pageSandbox: { run: (r: unknown) => Promise<RunResult> } }).pageSandbox;
      const bytes = Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0)).buffer;
      return s.run({ code: 'print(open("/input/north.xlsx", "rb").read().hex())', inputs: [{ name: 'north.xlsx', bytes }] });
    }, book().toString('base64'));
  }

  const workersStarted = (): Promise<number> =>
    page.evaluate(() => (globalThis as unknown as { pageSandbox: { workersStarted: () => number } }).pageSandbox.workersStarted());

  beforeAll(async () => {
    page = await context.newPage();
    // A document of the pane's origin that runs none of the pane's code: only the sandbox under test.
    await page.goto(new URL('icon-32.png', url).href);
    await installInPage(page, url, outDir);
    const started = (await page.evaluate(() => (globalThis as unknown as { pageSandbox: { start: () => Promise<unknown> } }).pageSandbox.start())) as { ok: boolean };
    expect(started.ok).toBe(true);
  }, 180_000);

  afterAll(() => page?.close());

  it('reported by the browser: a structured internal error at once, no outputs; the next run works on unchanged inputs', async () => {
    const workersBefore = await workersStarted();
    const began = Date.now();
    const crashed = await crashDuringRun(true, 60_000);
    expect(crashed.ok).toBe(false);
    if (crashed.ok) return;
    expect(crashed.error.kind).toBe('internal');
    expect(crashed.error.message).toMatch(/The sandbox crashed \(worker killed by the test\)\. It has been restarted; try again\./);
    expect(Date.now() - began).toBeLessThan(30_000);
    const next = await dumpInput();
    expect(next.ok, next.ok ? '' : next.error.message).toBe(true);
    expect(next.stdout.trim()).toBe(book().toString('hex'));
    // One replacement for the crashed worker, one fresh interpreter after the next run.
    await expect(workersStarted()).resolves.toBe(workersBefore + 2);
  }, 180_000);

  it('dying silently: the time limit still ends the run with a structured timeout, and the next run works', async () => {
    const workersBefore = await workersStarted();
    const crashed = await crashDuringRun(false, 8_000);
    expect(crashed.ok).toBe(false);
    if (crashed.ok) return;
    expect(crashed.error.kind).toBe('timeout');
    expect(crashed.error.message).toMatch(/ran longer than 8 s and was stopped/);
    const next = await dumpInput();
    expect(next.ok && next.stdout.trim()).toBe(book().toString('hex'));
    await expect(workersStarted()).resolves.toBe(workersBefore + 2);
  }, 180_000);
});

describe('the tab is reloaded mid-run', () => {
  it('starts clean and shows the request in History as interrupted, with nothing written', async () => {
    const page = await openPane([PLAN, { text: `\`\`\`python\n${HALF_THEN_SPIN}\n\`\`\`` }]);
    await askAndApprove(page, 'Stack the Basesheet tables (reloaded mid-run)');
    await page.getByTestId('progress').filter({ hasText: /Running/ }).waitFor({ timeout: 90_000 });
    await page.reload();
    await page.getByTestId('runtime-status').filter({ hasText: /ready/ }).waitFor({ timeout: 90_000 });
    // Clean: no progress, no result, no error carried over.
    for (const id of ['progress', 'download', 'run-error', 'result', 'attempt-failed']) {
      await expect(page.getByTestId(id).count(), id).resolves.toBe(0);
    }
    await page.getByTestId('history-tab').click();
    const history = page.getByTestId('history');
    await history.filter({ hasText: /reloaded mid-run/ }).waitFor({ timeout: 30_000 });
    await history.getByRole('button', { name: /reloaded mid-run/ }).click();
    const text = (await history.textContent()) ?? '';
    expect(text).toMatch(/failed/);
    expect(text).toMatch(/Interrupted: the pane was closed or reloaded while this request ran.*nothing was written\. Run it again\./);
    expect(text).not.toMatch(/pending/);
    await page.close();
  }, 300_000);
});

describe('IndexedDB is full', () => {
  it('still shows and downloads the result, and says it was not saved to History and what to do', async () => {
    let cdp: CDPSession | undefined;
    // A context of its own: storage the earlier tests left in the shared one (history, the
    // Python snapshot, packages) changes how Chromium applies a lowered quota.
    const fresh = await browser.newContext({ acceptDownloads: true });
    const freshRequests = watchRequests(fresh);
    const page = await openPane([PLAN, STACK], async (p) => {
      // The browser's own quota, lowered for this origin (DevTools protocol): every IndexedDB write is
      // refused. Set as soon as Python is ready: set after the pane's later writes, Chromium kept
      // accepting small writes in our runs.
      cdp = await fresh.newCDPSession(p);
      await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(url).origin, quotaSize: 1 });
    }, fresh);
    await askAndApprove(page, 'Stack and keep Sales > 1000 (storage full)');
    const link = page.getByTestId('download');
    await link.waitFor({ timeout: 90_000 });
    const warning = page.getByTestId('memory-problem');
    await warning.waitFor({ timeout: 30_000 });
    const message = (await warning.textContent()) ?? '';
    expect(message).toMatch(/not saved to History/);
    expect(message).toMatch(/storage it allows this add-in is full.*Delete old history/);
    expect(message).toMatch(/download it now/);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const saved = join(fixtures, 'quota-result.xlsx');
    await download.saveAs(saved);
    const rows = readWorkbook(saved).Stacked!.rows.slice(1);
    const expected = (JSON.parse(readFileSync(join(fixtures, 'stack', 'expected.json'), 'utf8')) as { Sales: number }[]).filter((r) => r.Sales > 1000);
    expect(rows).toHaveLength(expected.length);
    await cdp?.send('Storage.overrideQuotaForOrigin', { origin: new URL(url).origin });
    await page.close();
    await fresh.close();
    expect(freshRequests.offHost).toEqual([]);
  }, 300_000);
});

describe('network', () => {
  it('sent nothing off 127.0.0.1', () => {
    expect(requests.offHost).toEqual([]);
  });
});
