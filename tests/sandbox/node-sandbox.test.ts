/**
 * The sandbox on Node, for real: Pyodide in a child process under Node's
 * permission model, started and driven through SandboxClient exactly as the CLI does.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InputFile, RunResult } from '../../workers/api';
import type { SandboxClient } from '../../src/sandbox/sandbox-client';
import { startedNodeSandbox } from '../helpers/node-sandbox';
import { makeFixtures, readWorkbook } from '../helpers/python';

let sandbox: SandboxClient;
let fixtures: string;

function input(path: string): InputFile {
  const bytes = readFileSync(path);
  return { name: path.split('/').pop() ?? path, bytes: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) };
}

function csv(name: string, text: string): InputFile {
  return { name, bytes: new TextEncoder().encode(text).buffer };
}

function expectFailure(result: RunResult) {
  if (result.ok) throw new Error(`expected a failure, got ok with stdout: ${result.stdout}`);
  return result.error;
}

beforeAll(async () => {
  fixtures = makeFixtures();
  sandbox = await startedNodeSandbox();
});

afterAll(() => sandbox.dispose());

describe('Node sandbox', () => {
  it('reports the Python version and the openpyxl it really has', async () => {
    const started = await sandbox.start();
    expect(started.ok).toBe(true);
    if (!started.ok) return;
    expect(started.info.pythonVersion).toMatch(/^3\.\d+/);
    expect(started.info.runtime).toMatch(/^pyodide 314\./);
    expect(started.info.packages.openpyxl).toBe('3.0.9');
  });

  it('stacks three Basesheet tables into /output/result.xlsx with every row right', async () => {
    const names = ['north.xlsx', 'south.xlsx', 'west.xlsx'];
    const result = await sandbox.run({
      code: readFileSync(join(import.meta.dirname, '..', 'jobs', 'stack_basesheet.py'), 'utf8'),
      inputs: names.map((n) => input(join(fixtures, 'stack', n))),
    });
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    expect(result.outputs.map((o) => o.name)).toEqual(['result.xlsx']);
    expect(result.stdout).toContain('stacked 120 rows');
    const out = join(fixtures, 'stacked-result.xlsx');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(out, new Uint8Array(result.outputs[0]!.bytes));
    const sheet = readWorkbook(out).Stacked!;
    const [header, ...rows] = sheet.rows;
    const expected = JSON.parse(readFileSync(join(fixtures, 'stack', 'expected.json'), 'utf8')) as Record<string, unknown>[];
    expect(rows).toHaveLength(expected.length);
    const key = (r: Record<string, unknown>) => JSON.stringify([r.SourceFile, r.Region, String(r.Date).slice(0, 10), r.Product, r.Sales, r.Units, r.Channel ?? null]);
    const got = rows.map((row) => Object.fromEntries(header!.map((h, i) => [String(h), row[i] ?? null])));
    expect(got.map(key).sort()).toEqual(expected.map(key).sort());
    expect(Object.keys(sheet.tables)).toEqual(['Stacked']);
  });

  it('rejects import subprocess before running anything, naming the rule, line and column', async () => {
    const error = expectFailure(await sandbox.run({ code: 'x = 1\nimport subprocess\nsubprocess.run(["rm", "/input/a.csv"])\n', inputs: [csv('a.csv', 'a\n1\n')] }));
    expect(error.kind).toBe('precheck');
    expect(error.violations?.[0]).toMatchObject({ rule: 'import-not-allowed', line: 2, column: 1 });
  });

  it('returns a Python error with the line in the user code, not in the runner', async () => {
    const error = expectFailure(await sandbox.run({ code: 'rows = [1, 2]\n\nvalue = rows[5]\n', inputs: [] }));
    expect(error.kind).toBe('python');
    expect(error.line).toBe(3);
    expect(error.message).toMatch(/IndexError/);
    expect(error.traceback ?? '').not.toMatch(/runner\.py|sandbox_entry/);
  });

  it('keeps inputs read-only at the file-system level, even without the pre-check', async () => {
    const code = [
      'import openpyxl',
      'wb = openpyxl.Workbook()',
      'try:',
      '    wb.save("/input/a.csv")',
      '    print("overwrote")',
      'except Exception as e:',
      '    print("refused", repr(e))',
    ].join('\n');
    const result = await sandbox.run({ code, inputs: [csv('a.csv', 'a\n1\n')], skipPrecheck: true });
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    expect(result.stdout).toMatch(/refused (PermissionError|OSError)/);
  });

  it('gives each run only its own inputs and a fresh /output', async () => {
    const first = await sandbox.run({ code: 'open("/output/first.txt", "w").write("1")', inputs: [csv('secret.csv', 'salary\n100\n')] });
    expect(first.ok).toBe(true);
    const listing = await sandbox.run({
      code: 'import openpyxl\ntry:\n    open("/input/secret.csv")\n    print("leaked")\nexcept FileNotFoundError:\n    print("gone")\n',
      inputs: [],
    });
    if (!listing.ok) throw new Error(JSON.stringify(listing.error));
    expect(listing.stdout.trim()).toBe('gone');
    expect(listing.outputs).toEqual([]);
  });

  it('caps captured stdout and says it was cut', async () => {
    const result = await sandbox.run({ code: 'for i in range(200000):\n    print("x" * 50)\n', inputs: [], limits: { maxStreamBytes: 10_000 } });
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    expect(result.streamsTruncated).toBe(true);
    expect(result.stdout.length).toBeLessThan(11_000);
  });

  it('stops an endless loop at the time limit, restarts, and the next run works', async () => {
    const stopped = await sandbox.run({ code: 'while True:\n    pass\n', inputs: [], limits: { timeoutMs: 3000 } });
    expect(expectFailure(stopped).kind).toBe('timeout');
    const next = await sandbox.run({ code: 'print(6 * 7)', inputs: [] });
    expect(next.ok && next.stdout.trim()).toBe('42');
  });

  it('ends a memory bomb as kind memory, and the next run works', async () => {
    const bomb = await sandbox.run({ code: 'chunks = []\nwhile True:\n    chunks.append(bytearray(50 * 1024 * 1024))\n', inputs: [], limits: { memoryMb: 512 } });
    expect(expectFailure(bomb).kind).toBe('memory');
    const next = await sandbox.run({ code: 'print("alive")', inputs: [] });
    expect(next.ok && next.stdout.trim()).toBe('alive');
  });

  it('refuses an input name that could escape /input', async () => {
    const error = expectFailure(await sandbox.run({ code: 'print(1)', inputs: [csv('../evil.csv', 'a\n')] }));
    expect(error.kind).toBe('input');
  });

  it('profiles the inputs: tables, header row and column types', async () => {
    const west = input(join(fixtures, 'stack', 'west.xlsx'));
    const before = createHash('sha256').update(new Uint8Array(west.bytes)).digest('hex');
    const result = await sandbox.profile([west]);
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    const [file] = result.files;
    expect(file?.format).toBe('xlsx');
    const data = file?.sheets.find((s) => s.tables.some((t) => t.name === 'Basesheet'));
    expect(data?.headerRow).toBe(3);
    expect(data?.columns.find((c) => c.name === 'Sales')?.type).toMatch(/integer|number/);
    expect(createHash('sha256').update(readFileSync(join(fixtures, 'stack', 'west.xlsx'))).digest('hex')).toBe(before);
  });
});
