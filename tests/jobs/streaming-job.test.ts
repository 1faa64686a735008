/**
 * The streaming stack job (read-only in, write-only out) against the in-memory one, both
 * in the real Node sandbox (Pyodide, with the pre-check) on the fixture workbooks: same
 * header, same rows in the same order, a Stacked table over the whole result.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InputFile } from '../../workers/api';
import type { SandboxClient } from '../../src/sandbox/sandbox-client';
import { startedNodeSandbox } from '../helpers/node-sandbox';
import { NATIVE_PYTHON, makeFixtures, readWorkbook, type DumpedSheet } from '../helpers/python';
import { basesheetTables, streamingStackJob } from './streaming-job';

const NAMES = ['north.xlsx', 'south.xlsx', 'west.xlsx'];
let sandbox: SandboxClient;
let fixtures: string;

function inputs(): InputFile[] {
  return NAMES.map((name) => {
    const bytes = readFileSync(join(fixtures, 'stack', name));
    return { name, bytes: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) };
  });
}

async function stacked(code: string, label: string): Promise<{ sheet: DumpedSheet; stdout: string }> {
  const result = await sandbox.run({ code, inputs: inputs() });
  if (!result.ok) throw new Error(`${label}: ${JSON.stringify(result.error)}`);
  const path = join(fixtures, `${label}-result.xlsx`);
  writeFileSync(path, new Uint8Array(result.outputs[0]!.bytes));
  const sheet = readWorkbook(path).Stacked;
  if (!sheet) throw new Error(`${label}: no sheet named Stacked in the result`);
  return { sheet, stdout: result.stdout };
}

beforeAll(async () => {
  fixtures = makeFixtures();
  sandbox = await startedNodeSandbox();
}, 180_000);

afterAll(() => sandbox.dispose());

describe('streaming stack job', () => {
  it('passes the pre-check and gives the same rows, columns and table as the in-memory job', async () => {
    const profiled = await sandbox.profile(inputs());
    if (!profiled.ok) throw new Error(profiled.error.message);
    const tables = basesheetTables(profiled.files);
    if (tables instanceof Error) throw tables;
    // The west fixture has a title row above its table: the range must come from the profile.
    expect(tables.get('west.xlsx')?.[1]).toMatch(/^A3:/);

    const code = streamingStackJob(tables);
    const precheck = await sandbox.precheck(code);
    expect(precheck.ok).toBe(true);

    const normal = await stacked(readFileSync(join(import.meta.dirname, 'stack_basesheet.py'), 'utf8'), 'normal');
    const streaming = await stacked(code, 'streaming');
    expect(streaming.stdout).toContain('stacked 120 rows from 3 files');
    expect(streaming.sheet.rows[0]).toEqual(normal.sheet.rows[0]);
    expect(streaming.sheet.rows).toHaveLength(121);
    expect(streaming.sheet.rows).toEqual(normal.sheet.rows);
    expect(streaming.sheet.tables).toEqual(normal.sheet.tables);
    // Write-only tables get no column names from the cells; the job names them (Excel repairs a file without).
    const columns = execFileSync(NATIVE_PYTHON, ['-c', 'import sys, json, openpyxl; t = openpyxl.load_workbook(sys.argv[1])["Stacked"].tables["Stacked"]; print(json.dumps([[c.name for c in t.tableColumns], t.autoFilter.ref]))', join(fixtures, 'streaming-result.xlsx')], { encoding: 'utf8' });
    expect(JSON.parse(columns)).toEqual([normal.sheet.rows[0], normal.sheet.tables.Stacked]);
  }, 300_000);

  it('names the file when a Basesheet table is missing from the profile', () => {
    const found = basesheetTables([{ name: 'other.xlsx', size: 1, format: 'xlsx', sheets: [], warnings: [] }]);
    expect(found).toBeInstanceOf(Error);
    expect((found as Error).message).toContain('other.xlsx has no table named Basesheet');
  });
});
