/**
 * The fast reader in the pane's worker: the built pane in Chromium reads every row of
 * three workbooks and keeps Sales > 1000 (tests/jobs/read-filter.ts), opened by path
 * (the fast reader serves openpyxl's read-only rows) and from bytes (openpyxl alone), and
 * native CPython runs the same job on the same files. The figure is the wall time from
 * the click on "Run this code" to the answer on screen (files already added); the pane's
 * main thread is watched throughout for tasks over 100 ms.
 *
 * Usage: npx tsx tests/bench/reader-in-chromium.ts [--rows 100000]   (rows per file)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { buildAndServe, launchChromium, watchRequests } from '../helpers/browser';
import { NATIVE_PYTHON, ROOT } from '../helpers/python';
import { readAndFilter } from '../jobs/read-filter';

const rowsArg = process.argv.indexOf('--rows');
const ROWS = rowsArg > 0 ? Number(process.argv[rowsArg + 1]) : 100_000;
const NAMES = ['north.xlsx', 'south.xlsx', 'west.xlsx'];

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'reader-bench-'));
  execFileSync(NATIVE_PYTHON, [join(ROOT, 'tests', 'bench', 'make_stack_inputs.py'), dir, String(ROWS)], { stdio: 'ignore' });
  const served = await buildAndServe();
  const browser = await launchChromium();
  const context = await browser.newContext();
  const requests = watchRequests(context);
  const page = await context.newPage();
  await page.setViewportSize({ width: 450, height: 900 });
  await page.goto(served.url);
  await page.getByTestId('runtime-status').filter({ hasText: /ready/ }).waitFor({ timeout: 120_000 });
  await page.getByTestId('file-input').setInputFiles(NAMES.map((n) => join(dir, n)));
  await page.getByTestId('insights').waitFor({ timeout: 300_000 });
  await page.evaluate(() => {
    const w = window as unknown as { longest: number };
    w.longest = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.longest = Math.max(w.longest, entry.duration);
    }).observe({ type: 'longtask', buffered: false });
  });
  const rows: string[] = [];
  const kept: string[] = [];
  for (const open of ['path', 'bytes'] as const) {
    await page.getByTestId('code').fill(readAndFilter(open));
    const began = performance.now();
    await page.getByTestId('run').click();
    const stdout = page.getByTestId('stdout');
    await stdout.waitFor({ timeout: 900_000 });
    const ms = performance.now() - began;
    kept.push(((await stdout.textContent()) ?? '').trim());
    rows.push(`| ${open === 'path' ? 'opened by path: the fast reader' : 'opened from bytes: openpyxl alone'} | ${Math.round(ms).toLocaleString('en')} ms |`);
    process.stderr.write(`${open}: ${Math.round(ms)} ms\n`);
    await page.getByTestId('code').fill('print("next")'); // the next run's result replaces this one's
    await page.getByTestId('run').click();
    await page.getByTestId('stdout').filter({ hasText: 'next' }).waitFor({ timeout: 60_000 });
  }
  const longest = await page.evaluate(() => (window as unknown as { longest: number }).longest);
  await browser.close();
  await served.server.close();

  const work = mkdtempSync(join(tmpdir(), 'reader-native-'));
  const script = join(work, 'job.py');
  writeFileSync(script, readAndFilter('path').replaceAll('/input/', `${dir}/`));
  const began = performance.now();
  const native = execFileSync(NATIVE_PYTHON, [script], { encoding: 'utf8' }).trim();
  const nativeMs = performance.now() - began;

  if (new Set([...kept, native]).size !== 1) throw new Error(`the runs disagree: ${[...kept, native].join(' / ')}`);
  if (requests.offHost.length) throw new Error(`requests left localhost: ${requests.offHost.join(', ')}`);
  console.log(`\nMachine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; Node ${process.versions.node}; ${new Date().toISOString().slice(0, 16)} UTC; 1-minute load average ${loadavg()[0]?.toFixed(1)}`);
  console.log(`3 × ${ROWS.toLocaleString('en')} rows; rows kept: ${native}\n`);
  console.log('| the job in the pane\'s worker (Chromium) | click to result |');
  console.log('|---|---|');
  for (const row of rows) console.log(row);
  console.log(`| native CPython + openpyxl (+ lxml), same job, same files | ${Math.round(nativeMs).toLocaleString('en')} ms |`);
  console.log(`\nLongest main-thread task while both ran: ${Math.round(longest)} ms`);
}

await main();
