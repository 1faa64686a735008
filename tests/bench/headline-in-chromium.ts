/**
 * The headline job at scale in the pane's worker: the built pane in Chromium stacks the
 * Basesheet tables of three workbooks, keeps Sales > 1000 and writes the result as an
 * Excel table (tests/jobs/stack_filter_table.py, its TABLES line from the pane's own file
 * profiles), and native CPython with openpyxl and lxml runs the same job on the same files.
 * The figure is the wall time from the click on "Run this code" to the result on screen
 * (files already added, Python started); the job's own split (read, transform, write) is
 * printed by it. The pane's main thread is watched throughout for tasks over 100 ms, and
 * every request must stay on localhost.
 *
 * Usage: npx tsx tests/bench/headline-in-chromium.ts [--rows 100000] [--inputs DIR]
 *   (rows per file; DIR: inputs already made by make_stack_inputs.py with that many rows)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { buildAndServe, launchChromium, watchRequests } from '../helpers/browser';
import { NATIVE_PYTHON, ROOT } from '../helpers/python';
import { FILTER_TABLE_JOB, streamingStackJob } from '../jobs/streaming-job';

const arg = (name: string): string | undefined => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
};
const ROWS = Number(arg('--rows') ?? 100_000);
const NAMES = ['north.xlsx', 'south.xlsx', 'west.xlsx'];
// make_stack_inputs.py: north and west have 10 columns, south 11, a header row each.
const TABLES = new Map<string, [string, string]>([
  ['north.xlsx', ['Data', `A1:J${ROWS + 1}`]],
  ['south.xlsx', ['Data', `A1:K${ROWS + 1}`]],
  ['west.xlsx', ['Data', `A1:J${ROWS + 1}`]],
]);

/** "kept N rows of M" and the job's "read X s, transform Y s, write Z s". */
function report(stdout: string): { kept: string; split: string } {
  const lines = stdout.trim().split('\n');
  return { kept: lines.find((l) => l.startsWith('kept')) ?? '?', split: lines.find((l) => l.startsWith('read')) ?? '?' };
}

async function main(): Promise<void> {
  let dir = arg('--inputs');
  if (!dir) {
    dir = mkdtempSync(join(tmpdir(), 'headline-bench-'));
    execFileSync(NATIVE_PYTHON, [join(ROOT, 'tests', 'bench', 'make_stack_inputs.py'), dir, String(ROWS)], { stdio: 'ignore' });
  }
  const code = streamingStackJob(TABLES, FILTER_TABLE_JOB);

  const served = await buildAndServe();
  const browser = await launchChromium();
  const context = await browser.newContext({ acceptDownloads: true });
  const requests = watchRequests(context);
  const page = await context.newPage();
  await page.setViewportSize({ width: 450, height: 900 });
  await page.goto(served.url);
  await page.getByTestId('runtime-status').filter({ hasText: /ready/ }).waitFor({ timeout: 120_000 });
  await page.getByTestId('file-input').setInputFiles(NAMES.map((n) => join(dir, n)));
  await page.getByTestId('insights').waitFor({ timeout: 600_000 });
  // The pane's own profile found the tables where the job looks for them.
  await page.evaluate(() => {
    const w = window as unknown as { longest: number };
    w.longest = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.longest = Math.max(w.longest, entry.duration);
    }).observe({ type: 'longtask', buffered: false });
  });
  await page.getByTestId('code').fill(code);
  const began = performance.now();
  await page.getByTestId('run').click();
  const stdout = page.getByTestId('stdout');
  await stdout.waitFor({ timeout: 1_800_000 });
  const paneMs = performance.now() - began;
  const pane = report((await stdout.textContent()) ?? '');
  const longest = await page.evaluate(() => (window as unknown as { longest: number }).longest);
  await browser.close();
  await served.server.close();

  const work = mkdtempSync(join(tmpdir(), 'headline-native-'));
  mkdirSync(join(work, 'output'));
  const script = join(work, 'job.py');
  writeFileSync(script, code.replaceAll('/input/', `${dir}/`).replaceAll('/output/', `${work}/output/`));
  const nativeBegan = performance.now();
  const native = report(execFileSync(NATIVE_PYTHON, [script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
  const nativeMs = performance.now() - nativeBegan;

  if (pane.kept !== native.kept) throw new Error(`the runs disagree: ${pane.kept} / ${native.kept}`);
  if (requests.offHost.length) throw new Error(`requests left localhost: ${requests.offHost.join(', ')}`);
  console.log(`\nMachine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; Node ${process.versions.node}; ${new Date().toISOString().slice(0, 16)} UTC; 1-minute load average ${loadavg()[0]?.toFixed(1)}`);
  console.log(`3 × ${ROWS.toLocaleString('en')} rows; ${native.kept}\n`);
  console.log('| the headline job | inputs to result | the job\'s own split | ratio to native |');
  console.log('|---|---|---|---|');
  console.log(`| the pane's worker (Chromium), click to result on screen | ${Math.round(paneMs).toLocaleString('en')} ms | ${pane.split} | ${(nativeMs / paneMs).toFixed(1)}× faster |`);
  console.log(`| native CPython + openpyxl + lxml, same job, same files | ${Math.round(nativeMs).toLocaleString('en')} ms | ${native.split} | 1× |`);
  console.log(`\nLongest main-thread task while it ran: ${Math.round(longest)} ms`);
}

await main();
