/**
 * npm run bench: measured figures, not pass/fail tests. Prints a Markdown table; progress
 * goes to stderr.
 *   - Node sandbox cold start (child process + Pyodide + Python bundle)
 *   - a tiny run right after another, with a fresh interpreter per run and with one kept
 *   - profile and stack of 3 workbooks on Pyodide vs native CPython (same runner.py, same
 *     job file, same machine, same run), two stack jobs: in-memory openpyxl and streaming
 *     (read-only in, write-only out), with wall time and peak memory of each run
 *   - the headline job: stack, keep Sales > 1000 and write the result as an Excel table, read
 *     through the sandbox's fast reader and written through its fast writer
 *   - reading every row and keeping Sales > 1000, opened by path (the sandbox's fast reader
 *     serves openpyxl's read-only rows) and from bytes (openpyxl alone), vs native CPython
 *   - with --chromium: the headline job in the pane's worker in Chromium, on the same
 *     inputs, for each size of 300,000 rows or more (tests/bench/headline-in-chromium.ts)
 * Sizes are total rows over the 3 files.
 * Usage: npm run bench [-- --rows 10000,100000,1000000] [--chromium] [--only headline]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { createNodeSandbox } from '../../cli/node-sandbox';
import { DEFAULT_LIMITS, type InputFile } from '../../workers/api';
import type { SandboxClient } from '../../src/sandbox/sandbox-client';
import { NATIVE_PYTHON, ROOT } from '../helpers/python';
import { basesheetTables, FILTER_TABLE_JOB, streamingStackJob } from '../jobs/streaming-job';
import { readAndFilter } from '../jobs/read-filter';

const rowsArg = process.argv.indexOf('--rows');
const SIZES = rowsArg > 0 ? (process.argv[rowsArg + 1] ?? '10000').split(',').map(Number) : [10_000, 100_000, 1_000_000];
const NAMES = ['north.xlsx', 'south.xlsx', 'west.xlsx'];
const BENCH = join(ROOT, 'tests', 'bench');
/** Native runs get an address-space cap too, so a runaway job cannot swap the shared machine. */
const NATIVE_CAP_MIB = 8192;
const RUN_TIMEOUT_MS = 1_800_000;

type Measured = { ok: true; ms: number; peakMib: number } | { ok: false; ms: number; peakMib: number; why: string };

function progress(text: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${text}\n`);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

function readInputs(dir: string): InputFile[] {
  return NAMES.map((name) => {
    const bytes = readFileSync(join(dir, name));
    return { name, bytes: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer };
  });
}

/**
 * Peak resident memory (VmHWM) of this process's sandbox children, in MiB. It is the
 * Node child as a whole: Node itself, Pyodide's WebAssembly linear memory (which only
 * grows, so it holds the interpreter's peak heap) and the input/output buffers.
 */
function sandboxPeakMib(): number {
  let peakKib = 0;
  for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      if (status.match(/^PPid:\s+(\d+)$/m)?.[1] !== String(process.pid)) continue;
      peakKib = Math.max(peakKib, Number(status.match(/^VmHWM:\s+(\d+) kB$/m)?.[1] ?? 0));
    } catch {
      // The process ended between listing and reading: not ours to measure any more.
    }
  }
  return peakKib / 1024;
}

/** Samples the peak while `work` runs, so a sandbox that dies of its memory cap still leaves its last figure. */
async function withPeak<T>(work: () => Promise<T>): Promise<{ value: T; peakMib: number }> {
  let peakMib = sandboxPeakMib();
  const timer = setInterval(() => (peakMib = Math.max(peakMib, sandboxPeakMib())), 250);
  try {
    const value = await work();
    return { value, peakMib: Math.max(peakMib, sandboxPeakMib()) };
  } finally {
    clearInterval(timer);
  }
}

async function freshSandbox(options: { freshPythonPerRun?: boolean } = {}): Promise<SandboxClient> {
  const sandbox = await createNodeSandbox(options);
  const started = await sandbox.start();
  if (!started.ok) throw new Error(`the sandbox did not start: ${started.error.message}`);
  return sandbox;
}

async function pyodideStack(sandbox: SandboxClient, code: string, dir: string): Promise<Measured & { outBytes: number }> {
  // The job alone: the fresh interpreter the last run left starting is ready first.
  await sandbox.start();
  const began = performance.now();
  const { value: result, peakMib } = await withPeak(() => sandbox.run({ code, inputs: readInputs(dir), limits: { timeoutMs: RUN_TIMEOUT_MS } }));
  const ms = performance.now() - began;
  if (result.ok) return { ok: true, ms, peakMib, outBytes: result.outputs.reduce((n, o) => n + o.bytes.byteLength, 0) };
  const why = result.error.kind === 'memory' ? `memory limit (${DEFAULT_LIMITS.memoryMb.toLocaleString('en')} MiB) reached` : `${result.error.kind}: ${result.error.message.split('\n').slice(-1)[0] ?? ''}`;
  return { ok: false, ms, peakMib, why, outBytes: 0 };
}

interface NativeReport { ms: number; maxRssKib: number; status: number; memoryError: boolean; tail: string }

function measureNative(args: string[]): Measured {
  const report = JSON.parse(execFileSync(NATIVE_PYTHON, [join(BENCH, 'measure_native.py'), String(NATIVE_CAP_MIB), NATIVE_PYTHON, ...args], { encoding: 'utf8', maxBuffer: 2 ** 26 })) as NativeReport;
  const peakMib = report.maxRssKib / 1024;
  if (report.status === 0) return { ok: true, ms: report.ms, peakMib };
  const why = report.memoryError ? `MemoryError at the ${NATIVE_CAP_MIB.toLocaleString('en')} MiB cap` : `exit ${report.status}: ${report.tail.trim().split('\n').slice(-1)[0] ?? ''}`;
  return { ok: false, ms: report.ms, peakMib, why };
}

/** The same job on native CPython: runner.py (guard, audit wall) with /input and /output as real folders. */
function nativeStack(code: string, inputDir: string): Measured {
  const work = mkdtempSync(join(tmpdir(), 'excel-ai-bench-native-'));
  const out = join(work, 'output');
  execFileSync('mkdir', [out]);
  const codeFile = join(work, 'job.py');
  writeFileSync(codeFile, code.replaceAll('/input/', `${inputDir}/`).replaceAll('/output/', `${out}/`));
  return measureNative([join(ROOT, 'workers', 'python', 'runner.py'), codeFile, '--input-dir', inputDir, '--output-dir', out, '--no-precheck']);
}

function nativeProfile(inputDir: string): Measured {
  return measureNative([join(ROOT, 'workers', 'python', 'input_profile'), ...NAMES.map((n) => join(inputDir, n))]);
}

function medianOf(runs: Measured[]): Measured {
  const failed = runs.find((r) => !r.ok);
  if (failed) return failed;
  return { ok: true, ms: median(runs.map((r) => r.ms)), peakMib: Math.max(...runs.map((r) => r.peakMib)) };
}

const ms = (m: Measured): string => (m.ok ? `${Math.round(m.ms).toLocaleString('en')} ms` : `${m.why} after ${(m.ms / 1000).toFixed(0)} s`);
const mib = (m: Measured): string => `${Math.round(m.peakMib).toLocaleString('en')} MiB`;
const ratio = (py: Measured, native: Measured): string => (py.ok && native.ok ? `${(py.ms / native.ms).toFixed(2)}×` : '–');

async function main(): Promise<void> {
  const rows: string[][] = [];
  const chromium: string[] = [];
  const loads: number[] = [];
  const coldStarts: number[] = [];
  let idlePeak = 0;
  for (let i = 0; i < 3; i++) {
    const began = performance.now();
    const sandbox = await freshSandbox();
    coldStarts.push(performance.now() - began);
    idlePeak = Math.max(idlePeak, sandboxPeakMib());
    sandbox.dispose();
  }
  progress(`cold start ${median(coldStarts).toFixed(0)} ms`);
  rows.push(['Node sandbox cold start (process + Pyodide + bundle), and its idle peak memory', `${Math.round(median(coldStarts)).toLocaleString('en')} ms`, `${Math.round(idlePeak)} MiB`, '', '', '']);

  // What a fresh interpreter per run costs: small runs back to back, each timed from call to
  // result, so a run that must wait for the replacement started after the last one pays for it.
  for (const freshPythonPerRun of [true, false]) {
    const sandbox = await freshSandbox({ freshPythonPerRun });
    const times: number[] = [];
    for (let i = 0; i < 7; i++) {
      const began = performance.now();
      const result = await sandbox.run({ code: 'import openpyxl\nprint(openpyxl.Workbook().active.title)', inputs: [] });
      if (!result.ok) throw new Error(`back-to-back run failed: ${result.error.message}`);
      times.push(performance.now() - began);
    }
    sandbox.dispose();
    const label = freshPythonPerRun ? 'a fresh interpreter for each run (the default)' : 'one interpreter kept between runs';
    progress(`back to back, ${label}: median ${median(times.slice(1)).toFixed(0)} ms`);
    rows.push([`tiny run right after another, ${label}; median of 6`, `${Math.round(median(times.slice(1))).toLocaleString('en')} ms`, '', '', '', '']);
  }

  for (const total of SIZES) {
    const perFile = Math.ceil(total / NAMES.length);
    const label = `${(perFile * NAMES.length).toLocaleString('en')} rows (3 × ${perFile.toLocaleString('en')})`;
    const dir = mkdtempSync(join(tmpdir(), `excel-ai-bench-${total}-`));
    progress(`${label}: writing inputs`);
    execFileSync(NATIVE_PYTHON, [join(BENCH, 'make_stack_inputs.py'), dir, String(perFile)], { stdio: 'ignore' });
    const inputBytes = NAMES.reduce((n, name) => n + statSync(join(dir, name)).size, 0);
    const runs = total > 50_000 ? 1 : 3;

    // Profile on Pyodide; its tables fill in the streaming job, as the pane's profile does for the model.
    let sandbox = await freshSandbox();
    const profiles: Measured[] = [];
    let streamingCode = '';
    let headlineCode = '';
    for (let i = 0; i < runs; i++) {
      const began = performance.now();
      const { value: profiled, peakMib } = await withPeak(() => sandbox.profile(readInputs(dir)));
      if (!profiled.ok) throw new Error(`${label}: profile failed: ${profiled.error.message}`);
      profiles.push({ ok: true, ms: performance.now() - began, peakMib });
      const tables = basesheetTables(profiled.files);
      if (tables instanceof Error) throw tables;
      streamingCode = streamingStackJob(tables);
      headlineCode = streamingStackJob(tables, FILTER_TABLE_JOB);
    }
    sandbox.dispose();
    const pyProfile = medianOf(profiles);
    progress(`${label}: profile on Pyodide ${ms(pyProfile)}; on native CPython…`);
    const nativeProf = medianOf(Array.from({ length: runs }, () => nativeProfile(dir)));
    rows.push([`profile, ${label}`, ms(pyProfile), mib(pyProfile), ms(nativeProf), mib(nativeProf), ratio(pyProfile, nativeProf)]);

    let outBytes = 0;
    const jobs = [
      ['the headline job: stack, keep Sales > 1000, write an Excel table (read-only in, write-only out)', headlineCode],
      ['stack, in-memory openpyxl', readFileSync(join(ROOT, 'tests', 'jobs', 'stack_basesheet.py'), 'utf8')],
      ['stack, streaming openpyxl', streamingCode],
      ['read + keep Sales > 1000, read-only rows (fast reader in the sandbox)', readAndFilter('path')],
      ['the same job, workbooks opened from bytes (openpyxl alone)', readAndFilter('bytes')],
    ] as const;
    // --only headline: that job alone (the 1,000,000-row run without the jobs that take minutes there).
    for (const [job, code] of process.argv.includes('--only') ? jobs.slice(0, 1) : jobs) {
      // A fresh sandbox per job, so its peak memory is this job's alone.
      sandbox = await freshSandbox();
      const py: Measured[] = [];
      for (let i = 0; i < runs; i++) {
        progress(`${label}: ${job} on Pyodide, run ${i + 1}/${runs}`);
        const run = await pyodideStack(sandbox, code, dir);
        py.push(run);
        if (run.ok) outBytes = run.outBytes;
        else break;
      }
      sandbox.dispose();
      const pyRun = medianOf(py);
      progress(`${label}: ${job} on Pyodide ${ms(pyRun)}, peak ${mib(pyRun)}; on native CPython…`);
      const native: Measured[] = [];
      for (let i = 0; i < runs; i++) {
        const run = nativeStack(code, dir);
        native.push(run);
        if (!run.ok) break;
      }
      const nativeRun = medianOf(native);
      progress(`${label}: ${job} on native CPython ${ms(nativeRun)}, peak ${mib(nativeRun)}`);
      rows.push([`${job}, ${label}`, ms(pyRun), mib(pyRun), ms(nativeRun), mib(nativeRun), ratio(pyRun, nativeRun)]);
    }
    if (process.argv.includes('--chromium') && total >= 300_000) {
      progress(`${label}: the headline job in Chromium…`);
      chromium.push(execFileSync('npx', ['tsx', join(BENCH, 'headline-in-chromium.ts'), '--rows', String(perFile), '--inputs', dir], { encoding: 'utf8', maxBuffer: 2 ** 24 }));
    }
    rows.push([`bytes to / from the sandbox, ${label}`, `${Math.round(inputBytes / 1024).toLocaleString('en')} KiB in, ${Math.round(outBytes / 1024).toLocaleString('en')} KiB out`, '', '', '', '']);
    loads.push(loadavg()[0] ?? NaN);
  }

  const python = execFileSync(NATIVE_PYTHON, ['-c', 'import sys, openpyxl; print(sys.version.split()[0], openpyxl.__version__)'], { encoding: 'utf8' }).trim();
  console.log(`\nMachine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; Node ${process.versions.node}; native CPython/openpyxl ${python}; ${new Date().toISOString().slice(0, 16)} UTC`);
  console.log(`1-minute load average after each size: ${loads.map((l) => l.toFixed(1)).join(', ')}\n`);
  console.log('| measure | Pyodide (Node sandbox) | Pyodide peak memory | native CPython | native peak memory | ratio (time) |');
  console.log('|---|---|---|---|---|---|');
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
  for (const table of chromium) console.log(table);
}

await main();
