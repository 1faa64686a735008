/**
 * npm run bench: measured figures, not pass/fail tests. Prints a Markdown table.
 *   - Node sandbox cold start (child process + Pyodide + Python bundle)
 *   - profile and stack of 3 workbooks on Pyodide vs native CPython (same runner.py,
 *     same job file, same machine, same run), at 40 rows and at N rows per file
 * Usage: npm run bench [-- --rows 10000,100000]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { createNodeSandbox } from '../../cli/node-sandbox';
import type { InputFile } from '../../workers/api';
import { NATIVE_PYTHON, ROOT } from '../helpers/python';

const rowsArg = process.argv.indexOf('--rows');
const SIZES = rowsArg > 0 ? (process.argv[rowsArg + 1] ?? '10000').split(',').map(Number) : [10_000, 100_000];
const STACK_JOB = join(ROOT, 'tests', 'jobs', 'stack_basesheet.py');
const NAMES = ['north.xlsx', 'south.xlsx', 'west.xlsx'];

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

/** The same job on native CPython: runner.py (pre-check, guard, audit wall) with /input and /output as real folders. */
function nativeRun(inputDir: string): number {
  const out = mkdtempSync(join(tmpdir(), 'excel-ai-bench-out-'));
  const code = readFileSync(STACK_JOB, 'utf8').replaceAll('/input/', `${inputDir}/`).replaceAll('/output/', `${out}/`);
  const codeFile = join(out, '..', `bench-${Date.now()}.py`);
  execFileSync(NATIVE_PYTHON, ['-c', `open(${JSON.stringify(codeFile)}, "w").write(${JSON.stringify(code)})`]);
  const began = performance.now();
  const run = spawnSync(NATIVE_PYTHON, [join(ROOT, 'workers', 'python', 'runner.py'), codeFile, '--input-dir', inputDir, '--output-dir', out, '--no-precheck'], { encoding: 'utf8' });
  const ms = performance.now() - began;
  if (run.status !== 0) throw new Error(`native run failed: ${run.stdout} ${run.stderr}`);
  return ms;
}

function nativeProfile(inputDir: string): number {
  const began = performance.now();
  execFileSync(NATIVE_PYTHON, [join(ROOT, 'workers', 'python', 'profile.py'), ...NAMES.map((n) => join(inputDir, n))], { stdio: 'ignore' });
  return performance.now() - began;
}

async function main(): Promise<void> {
  const rows: string[][] = [];
  const coldStarts: number[] = [];
  for (let i = 0; i < 3; i++) {
    const began = performance.now();
    const sandbox = await createNodeSandbox();
    const started = await sandbox.start();
    if (!started.ok) throw new Error(started.error.message);
    coldStarts.push(performance.now() - began);
    sandbox.dispose();
  }
  rows.push(['Node sandbox cold start (process + Pyodide + bundle)', `${median(coldStarts).toFixed(0)} ms`, '', '']);

  const sandbox = await createNodeSandbox();
  await sandbox.start();
  for (const size of [40, ...SIZES]) {
    const dir = mkdtempSync(join(tmpdir(), `excel-ai-bench-${size}-`));
    execFileSync(NATIVE_PYTHON, [join(ROOT, 'tests', 'bench', 'make_stack_inputs.py'), dir, String(size)]);
    const inputBytes = NAMES.reduce((n, name) => n + statSync(join(dir, name)).size, 0);
    const code = readFileSync(STACK_JOB, 'utf8');
    const runs = size > 50_000 ? 1 : 3;
    const py: number[] = [];
    const prof: number[] = [];
    let outBytes = 0;
    for (let i = 0; i < runs; i++) {
      const began = performance.now();
      const result = await sandbox.run({ code, inputs: readInputs(dir), limits: { timeoutMs: 1_800_000 } });
      py.push(performance.now() - began);
      if (!result.ok) throw new Error(`${size} rows: ${result.error.message}`);
      outBytes = result.outputs.reduce((n, o) => n + o.bytes.byteLength, 0);
      const p0 = performance.now();
      const profile = await sandbox.profile(readInputs(dir));
      prof.push(performance.now() - p0);
      if (!profile.ok) throw new Error(profile.error.message);
    }
    const native = Array.from({ length: runs }, () => nativeRun(dir));
    const nativeProf = Array.from({ length: runs }, () => nativeProfile(dir));
    const label = `${(size * 3).toLocaleString('en')} rows (3 × ${size.toLocaleString('en')})`;
    rows.push([`stack, ${label}`, `${median(py).toFixed(0)} ms`, `${median(native).toFixed(0)} ms`, `${(median(py) / median(native)).toFixed(2)}×`]);
    rows.push([`profile, ${label}`, `${median(prof).toFixed(0)} ms`, `${median(nativeProf).toFixed(0)} ms`, `${(median(prof) / median(nativeProf)).toFixed(2)}×`]);
    rows.push([`bytes to / from the sandbox, ${label}`, `${(inputBytes / 1024).toFixed(0)} KiB in, ${(outBytes / 1024).toFixed(0)} KiB out`, '', '']);
  }
  sandbox.dispose();

  const python = execFileSync(NATIVE_PYTHON, ['-c', 'import sys, openpyxl; print(sys.version.split()[0], openpyxl.__version__)'], { encoding: 'utf8' }).trim();
  console.log(`\nMachine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; Node ${process.versions.node}; native CPython/openpyxl ${python}; ${new Date().toISOString().slice(0, 10)}\n`);
  console.log('| measure | Pyodide (Node sandbox) | native CPython | ratio |');
  console.log('|---|---|---|---|');
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
}

await main();
