/**
 * Model code writing workbooks in the sandbox with openpyxl's write-only mode gets its rows
 * written by the fast writer (workers/python/fast_write_only.py, workers/xlsx/) and the very
 * file plain openpyxl writes: the same script (tests/xlsx/write_cases.py) runs in the Node
 * sandbox and in native CPython with plain openpyxl and lxml, and every file both write is
 * read back by native openpyxl and compared cell by cell (value, type, number format, bold,
 * comment, hyperlink), with sizes, widths, heights, panes and tables. Inputs for the copies:
 * the generated reader cases and the real-world workbooks.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxClient } from '../../src/sandbox/sandbox-client';
import { startedNodeSandbox } from '../helpers/node-sandbox';
import { NATIVE_PYTHON, ROOT } from '../helpers/python';

const HERE = join(ROOT, 'tests', 'xlsx');
const REAL_WORLD = join(ROOT, 'tests', 'corpus', 'real-world');
// A damaged file is a reading case (Python 3.14's zipfile and 3.11's name its damage differently).
const NOT_COPIED = new Set(['raw-truncated.xlsx']);

let sandbox: SandboxClient;
let work: string;
let inputs: { name: string; bytes: ArrayBuffer }[] = [];

function dump(dir: string): string[] {
  return execFileSync(NATIVE_PYTHON, [join(HERE, 'dump_workbook.py'), dir], { encoding: 'utf8', maxBuffer: 256 << 20 }).split('\n');
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'fast-write-'));
  const cases = join(work, 'in');
  mkdirSync(cases);
  execFileSync(NATIVE_PYTHON, [join(REAL_WORLD, 'make_reader_cases.py'), cases]);
  const real = execFileSync('bash', [join(REAL_WORLD, 'fetch.sh'), '--where'], { encoding: 'utf8' }).trim();
  const files = [...readdirSync(cases).map((f) => join(cases, f)), ...readdirSync(real).map((f) => join(real, f))];
  inputs = files.filter((f) => f.endsWith('.xlsx') && !NOT_COPIED.has(f.split('/').pop()!)).map((f) => ({ name: f.split('/').pop()!, bytes: readFileSync(f).buffer.slice(0) as ArrayBuffer }));
  sandbox = await startedNodeSandbox();
}, 180_000);

afterAll(() => sandbox?.dispose());

describe('write-only openpyxl in the sandbox, served by the fast writer', () => {
  it('writes the files plain openpyxl writes, cell for cell, and raises its errors', async () => {
    expect(inputs.length).toBeGreaterThanOrEqual(20);
    const ran = await sandbox.run({ code: readFileSync(join(HERE, 'write_cases.py'), 'utf8'), inputs, limits: { timeoutMs: 600_000 } });
    expect(ran.ok, ran.ok ? '' : ran.error.message).toBe(true);
    if (!ran.ok) return;
    const written = join(work, 'sandbox');
    mkdirSync(written);
    for (const file of ran.outputs) writeFileSync(join(written, file.name), new Uint8Array(file.bytes));

    const inputDir = join(work, 'copied');
    mkdirSync(inputDir);
    for (const file of inputs) writeFileSync(join(inputDir, file.name), new Uint8Array(file.bytes));
    const nativeDir = join(work, 'native');
    mkdirSync(nativeDir);
    const nativeLog = execFileSync(NATIVE_PYTHON, [join(HERE, 'write_cases.py'), inputDir, nativeDir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });

    const got = ran.stdout.trim().split('\n');
    const want = nativeLog.trim().split('\n');
    expect(got.length).toBeGreaterThan(30);
    expect(got).toEqual(want);
    expect(want).toContain("after_failure raised ['IllegalCharacterError', 'StopIteration']"); // at that append, then none taken
    expect(want.filter((l) => l.includes(' error ')).length).toBe(6); // the error cases, and nothing else

    const nativeCells = dump(nativeDir);
    const sandboxCells = dump(written);
    expect(sandboxCells.length).toBeGreaterThan(100_000);
    const differ = nativeCells.flatMap((line, i) => (line === sandboxCells[i] ? [] : [`${line.slice(0, 200)}\n  got: ${(sandboxCells[i] ?? '').slice(0, 200)}`]));
    expect(differ.slice(0, 20)).toEqual([]);
    expect(sandboxCells.length).toBe(nativeCells.length);
  }, 900_000);

  it('is in use: plain rows are written many times faster than rows openpyxl has to write', async () => {
    const job = (value: string): string => `
import openpyxl, time, decimal, datetime
wb = openpyxl.Workbook(write_only=True)
ws = wb.create_sheet("Out")
start = time.perf_counter()
for i in range(30000):
    ws.append([i, "row %d" % i, i * 0.25, datetime.date(2024, 1, 1), ${value}, "x", "y", i % 7, True, None])
wb.save("/output/out.xlsx")
print(time.perf_counter() - start)`;
    const seconds = async (value: string): Promise<number> => {
      const ran = await sandbox.run({ code: job(value), inputs: [], limits: { timeoutMs: 600_000 } });
      expect(ran.ok, ran.ok ? '' : ran.error.message).toBe(true);
      return ran.ok ? Number(ran.stdout.trim()) : NaN;
    };
    const fast = await seconds('i / 3');
    const openpyxl = await seconds('decimal.Decimal(i) / 3'); // a Decimal in every row: openpyxl writes each row
    expect(fast).toBeLessThan(openpyxl / 5);
  }, 900_000);

  it('keeps the writer out of reach of the code', async () => {
    const ran = await sandbox.run({ code: 'import _xlsx_writer_js', inputs: [] });
    expect(ran.ok).toBe(false);
    if (!ran.ok) expect(ran.error.message).toMatch(/_xlsx_writer_js.*not (allowed|available)/);
  }, 120_000);
});
