/**
 * A conversation of three turns in the pane, in real Chromium, as a user holds it: drop
 * three workbooks, ask, approve; "now sort that by Sales"; "add a running Total". Both
 * SDKs against local mock servers (no real model is reachable here); the Pyodide worker
 * and the browser are real. Each turn's download is checked row by row, the earlier
 * results stay downloadable in the thread until "New conversation", and the follow-ups'
 * prompts carry the earlier result's profile. Fails if any request leaves localhost.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAndServe, launchChromium, watchRequests } from '../helpers/browser';
import { ROOT, makeFixtures, readWorkbook } from '../helpers/python';
import { startMockGemini } from '../mock-models/mock-gemini';
import { startMockOpenAI } from '../mock-models/mock-openai';
import type { MockServer } from '../mock-models/scenario';
import { CONVERSATION_REQUESTS, CONVERSATION_STEPS } from '../mock-models/stack-steps';

const KEY = 'pane-conversation-key-9012';
let browser: Browser;
let server: PreviewServer;
let url: string;
let fixtures: string;
const mocks: MockServer[] = [];

beforeAll(async () => {
  fixtures = makeFixtures();
  const served = await buildAndServe();
  server = served.server;
  url = served.url;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await Promise.all(mocks.map((m) => m.close()));
});

type Row = Record<string, unknown>;
const key = (r: Row): string => [r.SourceFile, r.Region, String(r.Date).slice(0, 10), r.Product, r.Sales, r.Units, r.Channel ?? null].join('|');
const expected = (): Row[] => (JSON.parse(readFileSync(join(fixtures, 'stack', 'expected.json'), 'utf8')) as Row[]).filter((r) => Number(r.Sales) > 1000);

async function downloadRows(page: Page, link: Locator, name: string): Promise<Row[]> {
  const [file] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const saved = join(fixtures, name);
  await file.saveAs(saved);
  const [header, ...rows] = readWorkbook(saved).Stacked!.rows;
  return rows.map((row) => Object.fromEntries(header!.map((h, i) => [String(h), row[i] ?? null])));
}

describe.each(['openai', 'gemini'] as const)('a three-turn conversation in the pane through %s', (provider) => {
  it('stacks, sorts that, adds a running total; earlier results stay downloadable until a new conversation', async () => {
    const mock = provider === 'openai' ? await startMockOpenAI({ apiKey: KEY, steps: CONVERSATION_STEPS }) : await startMockGemini({ apiKey: KEY, steps: CONVERSATION_STEPS });
    mocks.push(mock);
    // A fresh browser profile per provider: its own store and audit log.
    const own = await browser.newContext({ acceptDownloads: true });
    const ownRequests = watchRequests(own);
    const page = await own.newPage();
    await page.setViewportSize({ width: 450, height: 900 });
    await page.goto(url);
    await page.getByTestId('runtime-status').filter({ hasText: /ready/ }).waitFor({ timeout: 90_000 });
    await page.getByTestId('settings-tab').click();
    await page.getByTestId('provider').selectOption(provider);
    await page.getByTestId('base-url').fill(provider === 'openai' ? `${mock.url}/v1` : mock.url);
    await page.getByTestId('model').fill(provider === 'openai' ? 'llama3.1' : 'gemini-2.5-flash');
    await page.getByTestId('api-key').fill(KEY);
    await page.getByRole('tab', { name: 'Work' }).click();
    await page.getByTestId('file-input').setInputFiles(['north.xlsx', 'south.xlsx', 'west.xlsx'].map((n) => join(fixtures, 'stack', n)));
    await page.getByTestId('insights').waitFor({ timeout: 30_000 });

    const results: Row[][] = [];
    for (const [i, request] of CONVERSATION_REQUESTS.entries()) {
      await page.getByTestId('request').fill(request);
      await page.getByTestId('request').press('Enter');
      await page.getByTestId('approve').click({ timeout: 60_000 });
      const link = page.getByTestId('result').getByTestId('download');
      await link.filter({ hasText: 'Download result.xlsx' }).waitFor({ timeout: 90_000 });
      results.push(await downloadRows(page, link, `pane-conversation-${provider}-${i + 1}.xlsx`));
      // The turns before the current one are in the thread, folded.
      await expect(page.getByTestId('earlier-turn').count()).resolves.toBe(i);
    }
    const [stacked, sorted, totalled] = results as [Row[], Row[], Row[]];
    expect(stacked.map(key).sort()).toEqual(expected().map(key).sort());
    expect(sorted.map(key).sort()).toEqual(expected().map(key).sort());
    const sales = sorted.map((r) => Number(r.Sales));
    expect(sales).toEqual([...sales].sort((a, b) => b - a));
    expect(totalled.map(key)).toEqual(sorted.map(key));
    let running = 0;
    for (const row of totalled) {
      running = Math.round((running + Number(row.Sales)) * 100) / 100;
      expect(row.Total).toBeCloseTo(running, 2);
    }
    // A failed try of turn 2 (the model read "Sheet1") was told in words, and corrected.
    const plans = mock.requests.map((r) => JSON.stringify(r.body)).filter((text) => text.includes('You plan spreadsheet work'));
    expect(plans).toHaveLength(3);
    for (const prompt of plans.slice(1)) expect(prompt).toMatch(new RegExp(`result\\.xlsx.{0,400}Stacked.{0,400}${expected().length} `));

    // The first turn's result, unfolded in the thread, is still the first result.
    await page.getByTestId('earlier-turn').first().getByRole('button').first().click();
    const earlier = page.getByTestId('earlier-result').getByTestId('download');
    await earlier.filter({ hasText: 'Download result.xlsx' }).waitFor({ timeout: 30_000 });
    expect((await downloadRows(page, earlier, `pane-conversation-${provider}-again.xlsx`)).map(key)).toEqual(stacked.map(key));
    await page.screenshot({ path: join(ROOT, 'tests', 'artifacts', `pane-conversation-${provider}-450.png`), fullPage: true });

    // The audit log has the downloads and the failed try, each in its place.
    await page.getByTestId('history-tab').click();
    await page.locator('[data-action="result-downloaded"]').first().waitFor();
    const actions = await page.getByTestId('audit-entry').evaluateAll((els) => els.map((el) => el.getAttribute('data-action')));
    expect(actions.filter((a) => a === 'result-downloaded')).toHaveLength(4);
    expect(actions.filter((a) => a === 'try')).toHaveLength(4);
    await expect(page.getByTestId('audit').textContent()).resolves.not.toContain(KEY);

    await page.getByRole('tab', { name: 'Work' }).click();
    await page.getByTestId('new-conversation').click();
    // A new conversation starts from the files alone: no earlier turn, no result left.
    await page.getByTestId('conversation-thread').waitFor({ state: 'detached' });
    await expect(page.getByTestId('result').count()).resolves.toBe(0);
    await expect(page.getByTestId('file-list').locator('li').count()).resolves.toBe(3);
    await own.close();
    expect(ownRequests.offHost).toEqual([]);
  });
});
