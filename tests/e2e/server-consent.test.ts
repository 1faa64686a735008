/**
 * Large files and the user's consent, in real Chromium: the pane (production build)
 * is configured with a large-job server and a tiny threshold, so the fixture
 * workbooks cross it. The offer card must name the server and the files, and the
 * server must see no request at all before "Send to server"; after it, the job runs
 * there on native CPython with pandas and the result is shown and downloadable.
 * "Run in this browser" runs in Pyodide and the server sees nothing.
 *
 * Real: Chromium, the Pyodide worker, the server (server/app.ts on 127.0.0.1 with
 * bubblewrap; on the host, as there is no Docker engine here). Fake: the model, a
 * local mock of the OpenAI-compatible API (no model is reachable from this machine).
 *
 * The pane calls the server directly, cross-origin (pane and server on different
 * ports), as in Excel: the server is started with --allow-origin <the pane's
 * origin>. A second server on the same machine that does not allow this origin is
 * refused by the browser itself (CORS), and Settings says so. The offer card and
 * the server settings pass an axe-core audit (no serious or critical violations).
 * Fails if any request leaves localhost.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { preview, type PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { axeViolations, buildAndServe, launchChromium, watchRequests } from '../helpers/browser';
import { ROOT, makeFixtures, readWorkbook } from '../helpers/python';
import { startMockOpenAI } from '../mock-models/mock-openai';
import type { MockServer, MockStep } from '../mock-models/scenario';
import { startServer, TOKEN, type TestServer } from '../server/harness';

const NAMES = ['north.xlsx', 'south.xlsx', 'west.xlsx'];
const code = (text: string): MockStep => ({ text: `\`\`\`python\n${text}\`\`\`` });
const plan = (engine: 'pandas' | 'openpyxl', rows: 'all-input-rows' | 'fewer-than-input'): MockStep => ({
  json: {
    kind: 'plan',
    summary: rows === 'all-input-rows' ? 'Every Basesheet row in one sheet' : 'Basesheet rows with Sales > 1000 in one sheet',
    steps: ['Read the Basesheet table of each workbook', 'Match columns by name', 'Write result.xlsx'],
    inputs: NAMES.map((file) => ({ file, tables: ['Basesheet'] })),
    outputs: [{ file: 'result.xlsx', sheets: [{ name: 'Stacked', columns: ['Region', 'Sales', 'SourceFile'], rows }] }],
    dropsRows: rows === 'fewer-than-input',
    engine,
    engineReason: engine === 'pandas' ? 'large data on the server' : 'the browser has openpyxl',
    risk: 'low',
  },
});

let browser: Browser;
let context: BrowserContext;
let pane: PreviewServer;
let paneUrl: string;
let jobServer: TestServer;
/** Started without --allow-origin for the pane: same-origin only. */
let closedServer: TestServer;
let model: MockServer;
let fixtures: string;
let requests: ReturnType<typeof watchRequests>;
/** Every request the job server received, from its own log (method and URL only). */
const serverSaw: string[] = [];

beforeAll(async () => {
  fixtures = makeFixtures();
  const log = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
        const entry = JSON.parse(line) as { msg?: string; req?: { method: string; url: string } };
        if (entry.msg === 'incoming request' && entry.req) serverSaw.push(`${entry.req.method} ${entry.req.url}`);
      }
      done();
    },
  });
  model = await startMockOpenAI({
    steps: [
      plan('pandas', 'all-input-rows'),
      code(readFileSync(join(ROOT, 'tests', 'server', 'jobs', 'stack_pandas.py'), 'utf8')),
      plan('openpyxl', 'fewer-than-input'),
      code(readFileSync(join(ROOT, 'tests', 'agent', 'answers', 'stack_filter.py'), 'utf8')),
    ],
  });
  // Build once and serve the build; the job server then allows the pane's origin, and only it.
  const built = await buildAndServe();
  await built.server.close();
  pane = await preview({ root: ROOT, logLevel: 'warn', build: { outDir: built.outDir }, preview: { host: '127.0.0.1', port: 0, strictPort: false } });
  paneUrl = pane.resolvedUrls?.local[0] ?? '';
  jobServer = await startServer({ log, allowOrigins: [new URL(paneUrl).origin] });
  closedServer = await startServer({ allowOrigins: ['https://localhost:3000'] });
  browser = await launchChromium();
  context = await browser.newContext({ acceptDownloads: true });
  requests = watchRequests(context);
  // Settings as a user would have saved them: the model, the server and its token, and a 10 kB threshold.
  const settings = {
    provider: 'openai',
    model: 'llama3.1',
    baseUrl: `${model.url}/v1`,
    serverUrl: jobServer.url,
    offloadThresholdMb: 0.01,
    offloadThresholdRows: 1_000_000,
  };
  await context.addInitScript(
    ([s, token]) => {
      if (localStorage.getItem('excel-ai.settings') === null) localStorage.setItem('excel-ai.settings', s!);
      if (localStorage.getItem('excel-ai.serverToken') === null) localStorage.setItem('excel-ai.serverToken', token!);
    },
    [JSON.stringify(settings), TOKEN],
  );
});

afterAll(async () => {
  await browser?.close();
  await pane?.close();
  await model?.close();
  await jobServer?.stop();
  await closedServer?.stop();
});

async function openPane(): Promise<Page> {
  const page = await context.newPage();
  await page.setViewportSize({ width: 450, height: 900 });
  await page.goto(paneUrl);
  await page.getByTestId('runtime-status').filter({ hasText: /ready/ }).waitFor({ timeout: 120_000 });
  await page.getByTestId('file-input').setInputFiles(NAMES.map((n) => join(fixtures, 'stack', n)));
  await page.getByTestId('insights').waitFor({ timeout: 60_000 });
  return page;
}

async function ask(page: Page, text: string): Promise<void> {
  await page.getByTestId('request').fill(text);
  await page.getByTestId('request').press('Enter');
}

async function downloadRows(page: Page, saveAs: string): Promise<unknown[][]> {
  const link = page.getByTestId('download');
  await link.waitFor({ timeout: 120_000 });
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const saved = join(fixtures, saveAs);
  await download.saveAs(saved);
  return readWorkbook(saved).Stacked!.rows.slice(1);
}

describe('large files: the server only with the user\'s consent', () => {
  let page: Page;

  it('offers the server, naming it and every file, and sends nothing before the click', async () => {
    page = await openPane();
    await ask(page, 'Stack these 3 workbooks with Basesheet tables');
    const offer = page.getByTestId('server-offer');
    await offer.waitFor({ timeout: 30_000 });
    await expect(offer.getAttribute('data-kind')).resolves.toBe('server');
    await expect(page.getByTestId('offer-server').textContent()).resolves.toBe(jobServer.url);
    const listed = await page.getByTestId('offer-files').locator('li').allTextContents();
    expect(listed).toHaveLength(3);
    for (const [i, name] of NAMES.entries()) expect(listed[i]).toMatch(new RegExp(`^${name.replace('.', '\\.')}: \\d+\\.\\d kB`));
    expect(await axeViolations(page, '[data-testid="server-offer"]')).toEqual([]);
    // Give a premature request time to arrive: the server must have seen nothing at all.
    await page.waitForTimeout(1000);
    expect(serverSaw).toEqual([]);
  });

  it('after "Send to server", runs the job there with pandas, shows the result and offers it for download', async () => {
    await page.getByTestId('offer-send').click();
    await page.getByTestId('approve').click({ timeout: 90_000 });
    const rows = await downloadRows(page, 'server-result.xlsx');
    expect(rows).toHaveLength(120);
    await expect(page.getByTestId('stdout').textContent()).resolves.toContain('stacked 120 rows');
    await expect(page.getByTestId('result').textContent()).resolves.toMatch(/sheet "Stacked" has the planned columns/);
    const routes = serverSaw.map((r) => r.replace(/[0-9a-f-]{36}/g, ':id'));
    expect(routes).toEqual(expect.arrayContaining(['GET /health', 'POST /uploads', 'POST /jobs', 'GET /jobs/:id/events', 'GET /jobs/:id/outputs/result.xlsx', 'DELETE /jobs/:id']));
    // The job was deleted on the server once the result was back.
    expect((await jobServer.api.fetch(`/jobs/${/[0-9a-f-]{36}/.exec(serverSaw.find((r) => r.startsWith('DELETE'))!)![0]}`)).status).toBe(404);
  });

  it('records the choice in the audit log, with the server and the files, never the token', async () => {
    await page.getByTestId('history-tab').click();
    const entry = page.getByTestId('audit-entry').filter({ hasText: 'where-to-run' }).first();
    await entry.waitFor({ timeout: 30_000 });
    const text = (await entry.textContent()) ?? '';
    expect(text).toContain('server');
    expect(text).toContain('north.xlsx');
    expect(text).not.toContain(TOKEN);
    await page.getByRole('tab', { name: 'Work' }).click();
  });

  it('"Run in this browser" runs in Pyodide, and the server sees nothing', async () => {
    const before = serverSaw.length;
    await ask(page, 'Stack and keep Sales > 1000');
    await page.getByTestId('server-offer').waitFor({ timeout: 30_000 });
    await page.getByTestId('offer-browser').click();
    await page.getByTestId('approve').click({ timeout: 90_000 });
    const rows = await downloadRows(page, 'browser-result.xlsx');
    const expected = (JSON.parse(readFileSync(join(fixtures, 'stack', 'expected.json'), 'utf8')) as { Sales: number }[]).filter((r) => r.Sales > 1000);
    expect(rows).toHaveLength(expected.length);
    await expect(page.getByTestId('stdout').textContent()).resolves.toMatch(/kept \d+ of 120 rows/);
    expect(serverSaw.slice(before)).toEqual([]);
  });

  it('shows a server run\'s progress, and Cancel stops the job on the server', async () => {
    await page.locator('section[aria-labelledby="code-heading"]').getByRole('button', { name: 'Edit', exact: true }).click();
    await page.getByTestId('code').fill('print("spinning")\nwhile True:\n    pass\n');
    await page.getByTestId('run').click();
    await page.getByTestId('server-offer').waitFor({ timeout: 30_000 });
    await page.getByTestId('offer-send').click();
    await page.getByTestId('server-progress').filter({ hasText: 'Running on the server' }).waitFor({ timeout: 60_000 });
    await page.getByTestId('cancel').click();
    const error = page.getByTestId('run-error');
    await error.waitFor({ timeout: 30_000 });
    await expect(error.getAttribute('data-kind')).resolves.toBe('cancelled');
    await vi.waitFor(() => expect(serverSaw.filter((r) => r.startsWith('DELETE'))).toHaveLength(2), { timeout: 10_000 });
    const jobId = /[0-9a-f-]{36}/.exec(serverSaw.filter((r) => r.startsWith('DELETE')).at(-1)!)![0];
    await expect(jobServer.api.status(jobId)).resolves.toMatchObject({ state: 'cancelled', result: { ok: false, error: { kind: 'cancelled' } } });
  });

  it('tests the server from Settings; without a server, explains the limit and what to do, and runs only if asked', async () => {
    await page.getByTestId('settings-tab').click();
    expect(await axeViolations(page, '[data-testid="server-settings"]')).toEqual([]);
    // "Test server" asks only when clicked: the versions with a good token, a clear refusal with a wrong one.
    await page.getByTestId('test-server').click();
    await page.getByTestId('server-test-result').filter({ hasText: /Connected: Python 3\.\d+\.\d+ with pandas 1\.5\.3/ }).waitFor({ timeout: 30_000 });
    await page.getByTestId('server-token').fill('wrong-token-0123456789');
    await page.getByTestId('test-server').click();
    await page.getByTestId('server-test-result').filter({ hasText: /refused the token \(Wrong token\.\)/ }).waitFor({ timeout: 30_000 });
    // A server that does not allow this pane's origin: it answers (from Node), but the browser refuses to hand the answer over.
    expect((await fetch(`${closedServer.url}/health`)).status).toBe(200);
    const direct = await page.evaluate(async (url) => fetch(`${url}/health`).then((r) => `answered ${r.status}`, (e: unknown) => `refused: ${String(e)}`), closedServer.url);
    expect(direct).toMatch(/^refused: TypeError/);
    await page.getByTestId('server-token').fill(TOKEN);
    await page.getByTestId('server-url').fill(closedServer.url);
    await page.getByTestId('test-server').click();
    const origin = new URL(paneUrl).origin.replace(/\./g, '\\.');
    await page.getByTestId('server-test-result').filter({ hasText: new RegExp(`did not answer.*start it with --allow-origin ${origin}`) }).waitFor({ timeout: 30_000 });
    await page.getByTestId('server-url').fill('');
    await page.getByRole('tab', { name: 'Work' }).click();
    const before = serverSaw.length;
    await ask(page, 'Stack them');
    const offer = page.getByTestId('server-offer');
    await offer.waitFor({ timeout: 30_000 });
    await expect(offer.getAttribute('data-kind')).resolves.toBe('no-server');
    await expect(offer.textContent()).resolves.toMatch(/No server is configured\..*Settings → Large-job server; or use smaller files/);
    await expect(page.getByTestId('offer-send').count()).resolves.toBe(0);
    await page.getByTestId('offer-cancel').click();
    await page.getByTestId('cancelled').waitFor({ timeout: 30_000 });
    expect(serverSaw.slice(before)).toEqual([]);
    await page.close();
  });

  it('never sent a request off localhost', () => {
    expect(requests.offHost).toEqual([]);
    expect(requests.all.length).toBeGreaterThan(0);
  });
});
