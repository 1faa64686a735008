/**
 * Real Chromium (Debian's /usr/bin/chromium) driven by playwright-core, and the
 * built pane served by Vite's preview server on 127.0.0.1. Every request the
 * browser makes is recorded; tests assert none left loopback. Chromium's own
 * background traffic is switched off by flags, and the host resolver maps every
 * other name to nowhere, so nothing can reach another machine even by mistake.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { build, createServer, preview, type PreviewServer, type ViteDevServer } from 'vite';
import { ROOT } from './python';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM);
}

export async function launchChromium(): Promise<Browser> {
  if (!chromiumAvailable()) {
    throw new Error(`Chromium not found at ${CHROMIUM}. Install it with: apt-get install chromium (or set CHROMIUM_PATH).`);
  }
  // playwright-core gives every launch a fresh, empty profile (user-data-dir) of its own.
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
    ],
  });
}

/** Builds the pane into a temp folder and serves it on 127.0.0.1 with the production headers. */
export async function buildAndServe(): Promise<{ server: PreviewServer; url: string; outDir: string }> {
  const outDir = mkdtempSync(join(tmpdir(), 'excel-ai-dist-'));
  // vitest sets NODE_ENV=test, which would give a development build (React's dev mode, no
  // service worker): build exactly what users get.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ root: ROOT, mode: 'production', logLevel: 'warn', build: { outDir, emptyOutDir: true, sourcemap: false } });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  const server = await preview({ root: ROOT, logLevel: 'warn', build: { outDir }, preview: { host: '127.0.0.1', port: 0, strictPort: false } });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('preview server has no URL');
  return { server, url, outDir };
}

/** The README's `npm run dev` as a test starts it: Vite's dev server on 127.0.0.1 (React's dev mode, StrictMode). */
export async function startDevServer(): Promise<{ server: ViteDevServer; url: string }> {
  const server = await createServer({ root: ROOT, mode: 'development', logLevel: 'warn', server: { host: '127.0.0.1', port: 0, strictPort: false } });
  await server.listen();
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('dev server has no URL');
  return { server, url };
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Records every request of a context (pages and their workers) and which left loopback. */
export function watchRequests(context: BrowserContext): { all: string[]; offHost: string[] } {
  const seen = { all: [] as string[], offHost: [] as string[] };
  context.on('request', (request) => {
    const url = request.url();
    seen.all.push(url);
    if (/^(data|blob):/.test(url)) return;
    if (!LOOPBACK.has(new URL(url).hostname)) seen.offHost.push(url);
  });
  return seen;
}

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Serious or critical axe-core violations on the page (or inside one element), each as
 * "rule (nodes): targets". Motion is off first: an audit taken mid-transition would
 * measure colours that never stay on screen. Fluent UI's focus manager (tabster) adds
 * invisible <i data-tabster-dummy tabindex=0 aria-hidden> sentinels that hand focus on
 * and are never announced; axe cannot know that, so they are left out.
 */
export async function axeViolations(page: Page, include?: string): Promise<string[]> {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.waitForTimeout(300);
  await page.addScriptTag({ content: AXE });
  return page.evaluate(async (within) => {
    interface Violation { id: string; impact: string; nodes: { target: unknown }[] }
    const axe = (window as unknown as { axe: { run(context: unknown): Promise<{ violations: Violation[] }> } }).axe;
    const { violations } = await axe.run({ ...(within ? { include: [[within]] } : {}), exclude: [['[data-tabster-dummy]']] });
    return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.nodes.length}): ${JSON.stringify(v.nodes.map((n) => n.target)).slice(0, 300)}`);
  }, include ?? null);
}

/**
 * Words where two sentences run together as the page reads ("only.No"): an inline caption
 * beside an inline message, with no space or break between. Code (the editor, pre) is left out.
 */
export async function sentencesRunTogether(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const code = [...document.querySelectorAll<HTMLElement>('.cm-editor, pre, code')];
    // CodeMirror's editor is display: flex !important, so only an important rule hides it.
    code.forEach((el) => el.style.setProperty('display', 'none', 'important'));
    const text = document.body.innerText;
    code.forEach((el) => el.style.removeProperty('display'));
    return text.match(/\b\w*[a-z][.!?][A-Z][a-z]+\b/g) ?? [];
  });
}
