/**
 * Puts the product's SandboxClient into a Chromium page, over the built pane's
 * worker script (assets/python.worker-*.js, served with its CSP). The client and
 * comlink are bundled with esbuild into one script evaluated in the page (page
 * evaluation is not subject to the page's script policy; the worker keeps its own).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

/** The worker script of a build, as a path under the served root. */
export function builtWorkerPath(outDir: string): string {
  const name = readdirSync(join(outDir, 'assets')).find((f) => /^python\.worker-[\w-]+\.js$/.test(f));
  if (!name) throw new Error(`no python.worker-*.js in ${outDir}/assets: did the build change its worker name?`);
  return `assets/${name}`;
}

let bundled: Promise<string> | undefined;

async function bundle(): Promise<string> {
  const { build } = await import('esbuild');
  const result = await build({
    stdin: {
      contents: "import { installPageSandbox } from './page-sandbox-entry';\nglobalThis.installPageSandbox = installPageSandbox;\n",
      resolveDir: import.meta.dirname,
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.text;
  if (!code) throw new Error('could not bundle the page sandbox');
  return code;
}

/**
 * Installs `globalThis.pageSandbox` in the page; `baseUrl` is the served pane's root.
 * `wallsOff` starts its workers with the test-only ?test-walls-off=1 (walls 1-3 off).
 */
export async function installInPage(page: Page, baseUrl: string, outDir: string, options: { wallsOff?: boolean } = {}): Promise<void> {
  const code = await (bundled ??= bundle());
  const workerUrl = new URL(builtWorkerPath(outDir) + (options.wallsOff ? '?test-walls-off=1' : ''), baseUrl).href;
  await page.evaluate(code);
  await page.evaluate(([w, b]) => {
    const install = (globalThis as unknown as { installPageSandbox: (w: string, b: string) => unknown }).installPageSandbox;
    install(w, b);
  }, [workerUrl, baseUrl] as const);
}
