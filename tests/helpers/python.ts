/** Native CPython for tests: fixture generation and reading results back (Debian's python3 + openpyxl). */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const NATIVE_PYTHON = process.env.EXCEL_AI_TEST_PYTHON ?? (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');

/** Generates the fixture workbooks into a fresh temp folder (see tests/fixtures/README.md). */
export function makeFixtures(): string {
  const dir = mkdtempSync(join(tmpdir(), 'excel-ai-fixtures-'));
  execFileSync(NATIVE_PYTHON, [join(ROOT, 'tests', 'fixtures', 'make_fixtures.py'), dir], { stdio: 'pipe' });
  return dir;
}

const DUMP = String.raw`
import json, sys, datetime, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
out = {}
for ws in wb.worksheets:
    rows = []
    for row in ws.iter_rows(values_only=True):
        rows.append([v.isoformat() if isinstance(v, (datetime.date, datetime.datetime)) else v for v in row])
    out[ws.title] = {"rows": rows, "tables": {name: (t if isinstance(t, str) else t.ref) for name, t in ws.tables.items()}}
print(json.dumps(out))
`;

export interface DumpedSheet {
  rows: (string | number | boolean | null)[][];
  tables: Record<string, string>;
}

/** Reads every sheet of an xlsx with openpyxl on native CPython. */
export function readWorkbook(path: string): Record<string, DumpedSheet> {
  return JSON.parse(execFileSync(NATIVE_PYTHON, ['-c', DUMP, path], { encoding: 'utf8' })) as Record<string, DumpedSheet>;
}
