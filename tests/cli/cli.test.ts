/** `excel-ai` as a user runs it: a real process, real Pyodide, files on disk, exit codes. */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, makeFixtures, readWorkbook } from '../helpers/python';

const run = promisify(execFile);
let fixtures: string;

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [join(ROOT, 'bin', 'excel-ai.mjs'), ...args], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

beforeAll(() => {
  fixtures = makeFixtures();
});

describe('excel-ai run', () => {
  it('stacks the three generated workbooks into DIR/result.xlsx, every row present', async () => {
    const out = mkdtempSync(join(tmpdir(), 'excel-ai-out-'));
    const inputs = ['north.xlsx', 'south.xlsx', 'west.xlsx'].flatMap((n) => ['--input', join(fixtures, 'stack', n)]);
    const result = await cli(['run', join(ROOT, 'tests', 'jobs', 'stack_basesheet.py'), ...inputs, '--out', out, '--json']);
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as { ok: boolean; outputs: { name: string; path: string }[]; stdout: string };
    expect(report.ok).toBe(true);
    expect(report.outputs.map((o) => o.name)).toEqual(['result.xlsx']);
    const [header, ...rows] = readWorkbook(join(out, 'result.xlsx')).Stacked!.rows;
    const expected = JSON.parse(readFileSync(join(fixtures, 'stack', 'expected.json'), 'utf8')) as Record<string, unknown>[];
    const columns = header!.map(String);
    const asKey = (r: Record<string, unknown>) =>
      [r.SourceFile, r.Region, String(r.Date).slice(0, 10), r.Product, r.Sales, r.Units, r.Channel ?? null].join('|');
    const got = rows.map((row) => Object.fromEntries(columns.map((c, i) => [c, row[i] ?? null])));
    expect(got.map(asKey).sort()).toEqual(expected.map(asKey).sort());
  });

  it('takes several files after one --input, and repeated --input flags', async () => {
    const out = mkdtempSync(join(tmpdir(), 'excel-ai-out-'));
    const [north, south, west] = ['north.xlsx', 'south.xlsx', 'west.xlsx'].map((n) => join(fixtures, 'stack', n));
    const result = await cli(['run', join(ROOT, 'tests', 'jobs', 'stack_basesheet.py'), '--input', north!, south!, '--out', out, '-i', west!, '--json']);
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as { ok: boolean; stdout: string };
    expect(report.ok).toBe(true);
    const [header, ...rows] = readWorkbook(join(out, 'result.xlsx')).Stacked!.rows;
    const column = header!.map(String).indexOf('SourceFile');
    const sources = new Set(rows.map((row) => String(row[column])));
    expect([...sources].sort()).toEqual(['north.xlsx', 'south.xlsx', 'west.xlsx']);
  });

  it('warns about outputs that reach the network when Excel opens them, in words and in --json, and still writes them', async () => {
    const code = join(mkdtempSync(join(tmpdir(), 'excel-ai-code-')), 'rates.py');
    writeFileSync(code, [
      'import csv',
      'import openpyxl',
      'wb = openpyxl.Workbook()',
      'wb.active["A1"] = \'=WEBSERVICE("https://rates.example/?c="&B1)\'',
      'wb.save("/output/rates.xlsx")',
      'with open("/output/rates.csv", "w", newline="") as f:',
      '    csv.writer(f).writerows([["Currency", "Rate"], ["EUR", \'=IMAGE("https://x.example/i.png")\'], ["USD", -1.5]])',
      'with open("/output/clean.csv", "w", newline="") as f:',
      '    csv.writer(f).writerows([["Currency", "Rate"], ["USD", -1.5]])',
    ].join('\n'));
    const out = mkdtempSync(join(tmpdir(), 'excel-ai-out-'));
    const text = await cli(['run', code, '--out', out]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stderr).toContain('warning: 1 formula in rates.xlsx may reach the network or another program when Excel calculates, e.g. Sheet!A1 (WEBSERVICE).');
    expect(text.stderr).toContain('warning: 1 formula in rates.csv may reach the network or another program when Excel calculates, e.g. line 2, field 2 (IMAGE).');
    expect(text.stderr).not.toContain('clean.csv may');
    expect(readFileSync(join(out, 'rates.csv'), 'utf8')).toContain('=IMAGE');

    const json = await cli(['run', code, '--out', mkdtempSync(join(tmpdir(), 'excel-ai-out-')), '--json']);
    expect(json.code, json.stderr).toBe(0);
    const report = JSON.parse(json.stdout) as { check: { ok: boolean; warnings: { file: string; warnings: string[] }[] } };
    expect(report.check.ok).toBe(true);
    expect(report.check.warnings.map((w) => w.file).sort()).toEqual(['rates.csv', 'rates.xlsx']);
  });

  it('exits 1 with a precheck error as JSON when the code imports subprocess', async () => {
    const code = join(mkdtempSync(join(tmpdir(), 'excel-ai-code-')), 'bad.py');
    writeFileSync(code, 'import subprocess\nsubprocess.run(["ls", "/"])\n');
    const result = await cli(['run', code, '--out', mkdtempSync(join(tmpdir(), 'excel-ai-out-')), '--json']);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { ok: boolean; error: { kind: string; line: number } };
    expect(report).toMatchObject({ ok: false, error: { kind: 'precheck', line: 1 } });
  });

  it('exits 1 and names the line when the code raises', async () => {
    const code = join(mkdtempSync(join(tmpdir(), 'excel-ai-code-')), 'fails.py');
    writeFileSync(code, 'total = 0\nfor v in [1, "x"]:\n    total += v\n');
    const result = await cli(['run', code, '--out', mkdtempSync(join(tmpdir(), 'excel-ai-out-'))]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/error \[python\] \(line 3\): .*TypeError/);
  });

  it('exits 1 with kind timeout when the code runs past --timeout', async () => {
    const code = join(mkdtempSync(join(tmpdir(), 'excel-ai-code-')), 'loop.py');
    writeFileSync(code, 'while True:\n    pass\n');
    const result = await cli(['run', code, '--out', mkdtempSync(join(tmpdir(), 'excel-ai-out-')), '--timeout', '2', '--json']);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: false, error: { kind: 'timeout' } });
  });

  it.each([
    [['run'], /needs a CODE\.py/],
    [['run', 'missing.py', '--out', '/tmp/x'], /code file not found/],
    [['run', join(ROOT, 'tests', 'jobs', 'stack_basesheet.py'), '--out', '/tmp/x', '--input', 'nope.xlsx'], /input file not found/],
    [['run', join(ROOT, 'tests', 'jobs', 'stack_basesheet.py'), '--bogus'], /Unknown option/],
    [['run', join(ROOT, 'tests', 'jobs', 'stack_basesheet.py'), '--out', '/tmp/x', '--timeout', 'soon'], /--timeout needs a positive number/],
    [['frobnicate'], /unknown command/],
  ])('exits 2 with a one-line message for a usage error: %j', async (args, message) => {
    const result = await cli(args);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(message);
  });
});

describe('excel-ai profile', () => {
  it('prints sheets, tables and the detected header row as JSON', async () => {
    const result = await cli(['profile', join(fixtures, 'stack', 'west.xlsx'), '--json']);
    expect(result.code, result.stderr).toBe(0);
    const [file] = JSON.parse(result.stdout) as { sheets: { headerRow: number; tables: { name: string }[] }[] }[];
    const sheet = file!.sheets.find((s) => s.tables.some((t) => t.name === 'Basesheet'));
    expect(sheet?.headerRow).toBe(3);
  });

  it('takes files after --input too, several after one flag', async () => {
    const result = await cli(['profile', '--input', join(fixtures, 'stack', 'north.xlsx'), join(fixtures, 'stack', 'south.xlsx'), '--json']);
    expect(result.code, result.stderr).toBe(0);
    expect((JSON.parse(result.stdout) as { name: string }[]).map((f) => f.name)).toEqual(['north.xlsx', 'south.xlsx']);
  });

  it('describes the file in words without --json', async () => {
    const result = await cli(['profile', join(fixtures, 'stack', 'south.xlsx')]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/table Basesheet .*Channel/);
  });

  it('counts data rows as the pane does, the header and title rows said apart', async () => {
    const result = await cli(['profile', '--input', join(fixtures, 'stack', 'north.xlsx'), join(fixtures, 'stack', 'west.xlsx')]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('sheet "Data": 40 data rows × 5 columns, plus a header row; range A1:E41');
    expect(result.stdout).toContain('sheet "Data": 40 data rows × 5 columns, plus 2 title rows and a header row; range A1:E43');
    expect(result.stdout).toMatch(/table Basesheet A1:E41: 40 data rows;/);
    expect(result.stdout).not.toMatch(/\b4[13] rows\b/);
  });
});
