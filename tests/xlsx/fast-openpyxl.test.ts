/**
 * Model code reading workbooks in the sandbox gets the fast reader's rows where openpyxl's
 * read-only rows were asked for, and the very values plain openpyxl gives: the same
 * script runs in the Node sandbox (Pyodide, openpyxl patched by workers/python/
 * fast_openpyxl.py) and in native CPython with plain openpyxl, and every row's repr must
 * match, on the generated and the real-world workbooks, data_only on and off, with bounds,
 * after reset_dimensions, and from bytes (not served: openpyxl reads it). The reader's
 * module cannot be imported by the code.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxClient } from '../../src/sandbox/sandbox-client';
import { startedNodeSandbox } from '../helpers/node-sandbox';
import { NATIVE_PYTHON, ROOT } from '../helpers/python';
import { plainOpenpyxlLines, readAllScript, readSpeeds, speedScript } from './read-all';

const HERE = join(ROOT, 'tests', 'corpus', 'real-world');
let sandbox: SandboxClient;
let workbooks: string[] = [];

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'fast-openpyxl-'));
  execFileSync(NATIVE_PYTHON, [join(HERE, 'make_reader_cases.py'), dir]);
  workbooks = readdirSync(dir).filter((f) => f.endsWith('.xlsx')).map((f) => join(dir, f));
  const real = execFileSync('bash', [join(HERE, 'fetch.sh'), '--where'], { encoding: 'utf8' }).trim();
  workbooks.push(...readdirSync(real).filter((f) => f.endsWith('.xlsx')).map((f) => join(real, f)));
  // Tables as programs write them (full rectangles: read a column at a time), with dates, ints and floats in one column, booleans.
  const stacks = mkdtempSync(join(tmpdir(), 'stack-cases-'));
  execFileSync(NATIVE_PYTHON, [join(ROOT, 'tests', 'bench', 'make_stack_inputs.py'), stacks, '500'], { stdio: 'ignore' });
  workbooks.push(...readdirSync(stacks).map((f) => join(stacks, f)));
  sandbox = await startedNodeSandbox();
}, 180_000);

afterAll(() => sandbox?.dispose());

describe('openpyxl in the sandbox, served by the fast reader', () => {
  it('gives the rows plain openpyxl gives, line for line, on every test workbook', async () => {
    expect(workbooks.length).toBeGreaterThanOrEqual(20);
    const inputs = workbooks.map((p) => ({ name: basename(p), bytes: readFileSync(p).buffer.slice(0) as ArrayBuffer }));
    const ran = await sandbox.run({ code: readAllScript('/input'), inputs, limits: { timeoutMs: 600_000 } });
    expect(ran.ok, ran.ok ? '' : ran.error.message).toBe(true);
    if (!ran.ok) return;
    const got = ran.stdout.split('\n');
    const want = plainOpenpyxlLines(workbooks);
    expect(got.length).toBe(want.length);
    const differ = want.flatMap((line, i) => (line === got[i] ? [] : [`${line.slice(0, 160)}\n  got: ${(got[i] ?? '').slice(0, 160)}`]));
    expect(differ).toEqual([]);
    expect(want.filter((l) => / error /.test(l)).length).toBeLessThan(want.length / 10);
  }, 900_000);

  it('is in use: reading by path takes a fraction of what openpyxl alone takes on the same file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'speed-'));
    execFileSync(NATIVE_PYTHON, [join(ROOT, 'tests', 'bench', 'make_stack_inputs.py'), dir, '30000'], { stdio: 'ignore' });
    const ran = await sandbox.run({ code: speedScript('/input/north.xlsx'), inputs: [{ name: 'north.xlsx', bytes: readFileSync(join(dir, 'north.xlsx')).buffer.slice(0) as ArrayBuffer }], limits: { timeoutMs: 300_000 } });
    expect(ran.ok, ran.ok ? '' : ran.error.message).toBe(true);
    if (!ran.ok) return;
    const speed = readSpeeds(ran.stdout);
    expect(speed.rows).toBe(30_001);
    expect(speed.path).toBeLessThan(speed.bytes / 3);
  }, 300_000);

  it('keeps the reader out of reach of the code', async () => {
    const ran = await sandbox.run({ code: 'import _xlsx_reader_js', inputs: [] });
    expect(ran.ok).toBe(false);
    if (!ran.ok) expect(ran.error.message).toMatch(/_xlsx_reader_js.*not (allowed|available)/);
  }, 120_000);
});
