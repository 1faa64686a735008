/**
 * The code editor as a user meets it, in real Chromium: CodeMirror with line numbers,
 * a monospace font, no spell-check, Python highlighting, Tab that indents and Esc+Tab
 * that leaves, the line a run failed on marked, colours that follow the pane's light
 * and dark themes, and no serious accessibility violations. On the built pane and on
 * the dev server (React's StrictMode mounts the editor twice there).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { PreviewServer, ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, buildAndServe, launchChromium, startDevServer, watchRequests } from '../helpers/browser';


let browser: Browser;
let context: BrowserContext;
let built: PreviewServer;
let dev: ViteDevServer;
const urls: Record<string, string> = {};
let requests: ReturnType<typeof watchRequests>;

beforeAll(async () => {
  const served = await buildAndServe();
  built = served.server;
  urls.built = served.url;
  const started = await startDevServer();
  dev = started.server;
  urls.dev = started.url;
  browser = await launchChromium();
  context = await browser.newContext();
  requests = watchRequests(context);
});

afterAll(async () => {
  await browser?.close();
  await built?.close();
  await dev?.close();
});

async function openPane(url: string, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const page = await context.newPage();
  await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
  await page.setViewportSize({ width: 360, height: 800 });
  await page.goto(url);
  await page.getByTestId('runtime-status').filter({ hasText: /ready/ }).waitFor({ timeout: 120_000 });
  return page;
}

const FAILS_ON_LINE_3 = 'rows = [1, 2, 3]\ntotal = sum(rows)\nprint(totl)\n';

describe.each(['built', 'dev'])('the code editor (%s pane)', (which) => {
  it('is a code editor: line numbers, monospace, no spell-check, Python highlighted', async () => {
    const page = await openPane(urls[which]!);
    const editor = page.getByTestId('code');
    await editor.fill('import openpyxl\n# a comment\nwb = openpyxl.Workbook()\nprint("done")');
    expect(await page.locator('.cm-lineNumbers .cm-gutterElement').allTextContents()).toEqual(expect.arrayContaining(['1', '2', '3', '4']));
    const look = await editor.evaluate((el) => ({ font: getComputedStyle(el).fontFamily, spellcheck: el.getAttribute('spellcheck'), editable: el.getAttribute('contenteditable') }));
    expect(look.font).toMatch(/mono|consolas|courier|menlo/i);
    expect(look).toMatchObject({ spellcheck: 'false', editable: 'true' });
    // Keywords, comments and strings are coloured apart from plain names.
    const colours = await page.evaluate(() => {
      const colourOf = (text: string) => {
        const span = [...document.querySelectorAll('.cm-line span')].find((s) => s.textContent === text);
        return span ? getComputedStyle(span).color : null;
      };
      const plain = getComputedStyle(document.querySelector('.cm-content')!).color;
      return { plain, keyword: colourOf('import'), comment: colourOf('# a comment'), string: colourOf('"done"') };
    });
    expect(colours.keyword).not.toBeNull();
    expect(new Set([colours.plain, colours.keyword, colours.comment, colours.string]).size).toBe(4);
    await page.close();
  });

  it('marks the line a run failed on, and says which', async () => {
    const page = await openPane(urls[which]!);
    await page.getByTestId('code').fill(FAILS_ON_LINE_3);
    await page.getByTestId('run').click();
    await page.getByTestId('run-error').waitFor({ timeout: 60_000 });
    const marked = page.locator('.cm-failing-line');
    await marked.waitFor();
    expect(await marked.textContent()).toBe('print(totl)');
    expect(await page.locator('.cm-line').nth(2).evaluate((el) => el.classList.contains('cm-failing-line'))).toBe(true);
    await expect.poll(() => page.locator('#code-heading ~ p').first().textContent()).toMatch(/failed on line 3/);
    await page.close();
  });

  it('works from the keyboard: Tab indents inside, Esc then Tab moves on', async () => {
    const page = await openPane(urls[which]!);
    const editor = page.getByTestId('code');
    await editor.fill('for row in rows:\n');
    await editor.press('End');
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Tab');
    await page.keyboard.type('print(row)');
    expect(await editor.evaluate((el) => el.textContent)).toMatch(/for row in rows:\s+print\(row\)/);
    expect(await page.locator('.cm-line').nth(1).textContent()).toMatch(/^\s{2,}print\(row\)$/);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => !!document.activeElement?.closest('.cm-editor'))).toBe(false);
    await page.close();
  });
});

describe('the code editor in the pane\'s themes', () => {
  it('follows dark mode and stays clean for axe, with a failing line marked', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      const page = await openPane(urls.built!, scheme);
      await page.getByTestId('code').fill(FAILS_ON_LINE_3);
      await page.getByTestId('run').click();
      await page.locator('.cm-failing-line').waitFor({ timeout: 60_000 });
      const backgrounds = await page.evaluate(() => ({
        editor: getComputedStyle(document.querySelector('.cm-editor')!).backgroundColor,
        pane: getComputedStyle(document.querySelector('main')!.closest('.fui-FluentProvider')!).backgroundColor,
      }));
      expect(backgrounds.editor).toBe(backgrounds.pane);
      const [r, g, b] = (backgrounds.editor.match(/\d+/g) ?? []).map(Number);
      if (scheme === 'dark') expect((r! + g! + b!) / 3).toBeLessThan(80);
      else expect((r! + g! + b!) / 3).toBeGreaterThan(200);
      expect(await axeViolations(page)).toEqual([]);
      await page.close();
    }
    expect(requests.offHost).toEqual([]);
  });
});
