/**
 * Browser vs server on the same job: the stack of three workbooks
 * (tests/jobs/stack_basesheet.py, openpyxl, the same code on both sides), run from
 * the pane in Chromium: "Run in this browser" (Pyodide in the worker) against "Send
 * to server" (native CPython in bubblewrap, through the HTTP API: upload, queue,
 * run, download, delete). The figure is what the user waits: from the click on the
 * offer to the result on screen (both include profiling the output in the browser).
 * A second table splits the server's time with the pane's own client in Node.
 *
 * Usage: npx tsx tests/bench/browser-vs-server.ts [--rows 10000,100000]
 * Everything runs on 127.0.0.1; the pane calls the server cross-origin (--allow-origin), with the server's default job limits.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { preview } from 'vite';
import { ServerClient } from '../../src/backend/server-client';
import type { InputFile } from '../../workers/api';
import { buildAndServe, launchChromium, watchRequests } from '../helpers/browser';
import { NATIVE_PYTHON, ROOT } from '../helpers/python';
import { startServer, TOKEN } from '../server/harness';

const rowsArg = process.argv.indexOf('--rows');
const SIZES = rowsArg > 0 ? (process.argv[rowsArg + 1] ?? '10000').split(',').map(Number) : [10_000, 100_000];
const NAMES = ['north.xlsx', 'south.xlsx', 'west.xlsx'];
const CODE = readFileSync(join(ROOT, 'tests', 'jobs', 'stack_basesheet.py'), 'utf8');

function inputsOf(dir: string): InputFile[] {
  return NAMES.map((name) => {
    const bytes = readFileSync(join(dir, name));
    return { name, bytes: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer };
  });
}

/** The pane's client from Node, timing each part of a server run. */
async function serverParts(url: string, dir: string): Promise<{ upload: number; run: number; download: number; outBytes: number }> {
  const client = new ServerClient({ url, token: TOKEN });
  const t0 = performance.now();
  const upload = await client.upload(inputsOf(dir));
  if (!upload.ok) throw new Error(upload.error.message);
  const t1 = performance.now();
  const job = await client.submit(upload.value.uploadId, CODE);
  if (!job.ok) throw new Error(job.error.message);
  const final = await client.follow(job.value, () => undefined);
  if (!final.ok || !final.value.result?.ok) throw new Error(`server run failed: ${JSON.stringify(final)}`);
  const t2 = performance.now();
  let outBytes = 0;
  for (const output of final.value.result.outputs) {
    const bytes = await client.download(job.value, output.name);
    if (!bytes.ok) throw new Error(bytes.error.message);
    outBytes += bytes.value.byteLength;
  }
  const t3 = performance.now();
  await client.remove(job.value);
  return { upload: t1 - t0, run: t2 - t1, download: t3 - t2, outBytes };
}

async function main(): Promise<void> {
  const built = await buildAndServe();
  await built.server.close();
  const pane = await preview({ root: ROOT, logLevel: 'warn', build: { outDir: built.outDir }, preview: { host: '127.0.0.1', port: 0, strictPort: false } });
  const paneUrl = pane.resolvedUrls?.local[0] ?? '';
  // The server's own default job limits (server/config.ts), as an operator would run it.
  const jobServer = await startServer({ concurrency: 1, allowOrigins: [new URL(paneUrl).origin] });
  const loads: number[] = [];
  const sampler = setInterval(() => loads.push(loadavg()[0]!), 5000);
  const browser = await launchChromium();
  const context = await browser.newContext();
  const requests = watchRequests(context);
  // Every input crosses the threshold, so every run asks; the browser gets 30 minutes.
  const settings = { serverUrl: jobServer.url, offloadThresholdMb: 0.000001, offloadThresholdRows: 1, timeoutS: 1800 };
  await context.addInitScript(([s, t]) => {
    localStorage.setItem('excel-ai.settings', s!);
    localStorage.setItem('excel-ai.serverToken', t!);
  }, [JSON.stringify(settings), TOKEN]);
  const page = await context.newPage();
  await page.goto(paneUrl);
  await page.getByTestId('runtime-status').filter({ hasText: /ready/ }).waitFor({ timeout: 180_000 });

  const rows: string[][] = [];
  const parts: string[][] = [];
  for (const size of SIZES) {
    const dir = mkdtempSync(join(tmpdir(), `excel-ai-bvs-${size}-`));
    execFileSync(NATIVE_PYTHON, [join(ROOT, 'tests', 'bench', 'make_stack_inputs.py'), dir, String(size)]);
    const inputBytes = NAMES.reduce((n, name) => n + statSync(join(dir, name)).size, 0);
    console.error(`${size} rows per file: ${(inputBytes / 1024).toFixed(0)} KiB; adding the files`);
    await page.getByTestId('file-input').setInputFiles(NAMES.map((n) => join(dir, n)));
    await page.getByTestId('insights').waitFor({ timeout: 600_000 });
    await page.getByTestId('code').fill(CODE);
    // A side that fails is reported in the table with its error, not hidden.
    const timed = async (choice: 'offer-browser' | 'offer-send'): Promise<number | string> => {
      await page.getByTestId('run').click();
      await page.getByTestId('server-offer').waitFor({ timeout: 60_000 });
      const began = performance.now();
      await page.getByTestId(choice).click();
      await page.getByTestId('download').or(page.getByTestId('run-error')).first().waitFor({ timeout: 1_800_000 });
      const ms = performance.now() - began;
      if (await page.getByTestId('run-error').count()) return `failed after ${ms.toFixed(0)} ms: ${(await page.getByTestId('run-error').textContent())?.replace(/^The code did not finish|Details$/g, '')}`;
      const stdout = (await page.getByTestId('stdout').textContent()) ?? '';
      if (!stdout.includes(`stacked ${size * 3} rows`)) throw new Error(`${choice}: unexpected stdout ${stdout}`);
      return ms;
    };
    const browserMs = await timed('offer-browser');
    console.error(`browser: ${String(browserMs)}`);
    const serverMs = await timed('offer-send');
    const split = await serverParts(jobServer.url, dir).catch((error: unknown) => String(error));
    const label = `${(size * 3).toLocaleString('en')} rows (3 × ${size.toLocaleString('en')}), ${(inputBytes / 1024).toFixed(0)} KiB in`;
    const cell = (value: number | string): string => (typeof value === 'number' ? `${value.toFixed(0)} ms` : value);
    const ratio = typeof browserMs === 'number' && typeof serverMs === 'number' ? `${(browserMs / serverMs).toFixed(2)}×` : '';
    rows.push([`stack, ${label}`, cell(browserMs), cell(serverMs), ratio]);
    parts.push(typeof split === 'string' ? [label, split, '', ''] : [label, `${split.upload.toFixed(0)} ms`, `${split.run.toFixed(0)} ms`, `${split.download.toFixed(0)} ms (${(split.outBytes / 1024).toFixed(0)} KiB)`]);
    console.error(`measured: ${rows.at(-1)!.join(' | ')} || ${parts.at(-1)!.join(' | ')}`); // a long run shows its progress
  }
  if (requests.offHost.length) throw new Error(`requests left localhost: ${requests.offHost.join(', ')}`);
  await browser.close();
  await pane.close();
  await jobServer.stop();
  clearInterval(sampler);

  const chromium = execFileSync('/usr/bin/chromium', ['--version'], { encoding: 'utf8' }).trim();
  const python = execFileSync(NATIVE_PYTHON, ['-c', 'import sys, openpyxl; print(sys.version.split()[0], openpyxl.__version__)'], { encoding: 'utf8' }).trim();
  console.log(`\nMachine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; ${chromium}; Node ${process.versions.node}; server CPython/openpyxl ${python}; ${new Date().toISOString().slice(0, 10)}; 1-minute load average ${Math.min(...loads).toFixed(1)} to ${Math.max(...loads).toFixed(1)}; job limits ${JSON.stringify(jobServer.app.excelAi.config.defaultLimits)}\n`);
  console.log('| job (click → result on screen, one run each) | browser (Pyodide in Chromium) | server (native CPython, HTTP) | browser ÷ server |');
  console.log('|---|---|---|---|');
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
  console.log('\n| server run from Node, same inputs | upload | submit → done (queue + run) | download |');
  console.log('|---|---|---|---|');
  for (const row of parts) console.log(`| ${row.join(' | ')} |`);
}

await main();
