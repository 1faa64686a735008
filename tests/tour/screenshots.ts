/**
 * A tour of every state of the pane, photographed at 320, 360 and 450 px in light and
 * dark, for a person to look at (npm run screenshots). Real Chromium, the built pane and
 * the mock OpenAI-compatible model, as in the end-to-end tests. Each state is saved as
 * tests/artifacts/tour/<state>-<width>-<scheme>.png, and a contact sheet per state puts the
 * six side by side (<state>.png). Any state wider than its pane, or with two sentences run
 * together ("only.No"), is reported and fails the run.
 * `--docs` also refreshes the README's screenshots in docs/.
 */
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { buildAndServe, launchChromium, sentencesRunTogether, watchRequests } from '../helpers/browser';
import { ROOT, makeFixtures } from '../helpers/python';
import { startMockOpenAI } from '../mock-models/mock-openai';
import { STACK_PLAN, codeAnswer } from '../mock-models/stack-steps';

const OUT = join(ROOT, 'tests', 'artifacts', 'tour');
const WIDTHS = [320, 360, 450] as const;
const SCHEMES = ['light', 'dark'] as const;
const FAILS_ON_LINE_3 = 'import openpyxl\nwb = openpyxl.load_workbook("/input/north.xlsx")\nprint(wb["Data"]["Z1"].value + 1)\n';

/** The states in the order a user meets them; each step leaves the pane in the state it names. */
const TOUR: { state: string; step(page: Page): Promise<void> }[] = [
  { state: 'start', step: async () => {} },
  {
    state: 'files',
    step: async (page) => {
      await page.getByTestId('file-input').setInputFiles(['north.xlsx', 'south.xlsx', 'west.xlsx'].map((n) => join(fixtures, 'stack', n)));
      await page.getByTestId('insights').waitFor({ timeout: 60_000 });
    },
  },
  {
    state: 'plan',
    step: async (page) => {
      await page.getByTestId('request').fill('Stack the Basesheet tables and keep Sales > 1000');
      await page.getByTestId('request').press('Enter');
      await page.getByTestId('approve').waitFor({ timeout: 60_000 });
    },
  },
  {
    state: 'result',
    step: async (page) => {
      await page.getByTestId('approve').click();
      await page.getByTestId('download').waitFor({ timeout: 60_000 });
    },
  },
  {
    state: 'chart',
    step: async (page) => {
      await page.getByTestId('show-chart').first().click();
      await page.getByTestId('result-chart').first().waitFor({ timeout: 60_000 });
    },
  },
  {
    state: 'grid',
    step: async (page) => {
      await page.getByTestId('show-chart').first().click();
      await page.getByTestId('show-all-rows').first().click();
      await page.getByTestId('sheet-grid').first().waitFor({ timeout: 60_000 });
    },
  },
  {
    state: 'code-error',
    step: async (page) => {
      await page.getByRole('button', { name: 'Edit', exact: true }).click(); // the model's code is read-only until Edit
      await page.getByTestId('code').fill(FAILS_ON_LINE_3);
      await page.getByTestId('run').click();
      await page.getByTestId('run-error').waitFor({ timeout: 60_000 });
    },
  },
  { state: 'history', step: (page) => page.getByTestId('history-tab').click() },
  { state: 'recipes', step: (page) => page.getByTestId('recipes-tab').click() },
  { state: 'settings', step: (page) => page.getByTestId('settings-tab').click() },
];

let fixtures = '';

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  fixtures = makeFixtures();
  const served = await buildAndServe();
  const browser = await launchChromium();
  const context = await browser.newContext();
  const requests = watchRequests(context);
  const problems: string[] = [];
  try {
    for (const width of WIDTHS) {
      for (const scheme of SCHEMES) {
        const mock = await startMockOpenAI({ steps: [STACK_PLAN, codeAnswer('stack_filter_wrong_column'), codeAnswer('stack_filter')] });
        const page = await context.newPage();
        await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
        await page.setViewportSize({ width, height: 800 });
        await page.goto(served.url);
        await page.getByTestId('runtime-status').filter({ hasText: /ready/ }).waitFor({ timeout: 120_000 });
        await page.getByTestId('settings-tab').click();
        await page.getByTestId('provider').selectOption('openai');
        await page.getByTestId('base-url').fill(`${mock.url}/v1`);
        await page.getByTestId('model').fill('llama3.1');
        await page.getByRole('tab', { name: 'Work' }).click();
        for (const { state, step } of TOUR) {
          await step(page);
          await page.waitForTimeout(300);
          const wider = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          if (wider > 0) problems.push(`${state} at ${width} px (${scheme}): ${wider} px too wide`);
          const joined = await sentencesRunTogether(page);
          if (joined.length) problems.push(`${state} at ${width} px (${scheme}): sentences run together: ${joined.join(', ')}`);
          await page.screenshot({ path: join(OUT, `${state}-${width}-${scheme}.png`), fullPage: true });
          if (['history', 'recipes', 'settings'].includes(state)) await page.getByRole('tab', { name: 'Work' }).click();
        }
        await page.close();
        await mock.close();
      }
    }
    for (const { state } of TOUR) await contactSheet(context, state);
  } finally {
    await browser.close();
    await served.server.close();
  }
  if (process.argv.includes('--docs')) {
    for (const [from, to] of [['files-450-light', 'pane-files'], ['plan-450-light', 'pane-plan'], ['chart-450-light', 'pane-result'], ['grid-320-dark', 'pane-320-dark']] as const) {
      copyFileSync(join(OUT, `${from}.png`), join(ROOT, 'docs', `${to}.png`));
    }
  }
  console.log(`${TOUR.length * WIDTHS.length * SCHEMES.length} screenshots in ${OUT}`);
  if (requests.offHost.length) throw new Error(`requests left localhost: ${requests.offHost.join(', ')}`);
  if (problems.length) throw new Error(`seen on the tour:\n${problems.join('\n')}`);
}

/** The six shots of one state side by side, laid out and photographed by the same browser. */
async function contactSheet(context: BrowserContext, state: string): Promise<void> {
  const shots = WIDTHS.flatMap((w) => SCHEMES.map((s) => `${state}-${w}-${s}`));
  const page = await context.newPage();
  await page.setViewportSize({ width: 2400, height: 800 });
  const images = shots.map((name) => `<figure><figcaption>${name}</figcaption><img src="data:image/png;base64,${readFileSync(join(OUT, `${name}.png`)).toString('base64')}"></figure>`);
  await page.setContent(`<body style="margin:0;display:flex;gap:12px;align-items:flex-start;background:#888;font:12px sans-serif">${images.join('')}</body>`);
  await page.screenshot({ path: join(OUT, `${state}.png`), fullPage: true });
  await page.close();
}

await main();
