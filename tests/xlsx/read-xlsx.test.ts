/**
 * The fast xlsx reader against openpyxl, value for value: every sheet of generated
 * workbooks (every value type, both date systems, long and very wide sheets, and
 * hand-written SpreadsheetML that other tools write) and of real-world workbooks (the
 * example files R's readxl and openxlsx packages ship, fetched from Debian's archive by
 * tests/corpus/real-world/fetch.sh during setup). The reader's cells are turned into rows by
 * workers/python/xlsx_fast.py in CPython and compared with openpyxl's read-only rows.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { packCells } from '../../workers/xlsx/pack-cells';
import { openXlsx, XlsxReadError } from '../../workers/xlsx/read-xlsx';
import { ROOT } from '../helpers/python';

const PYTHON = '/usr/bin/python3';
const HERE = join(ROOT, 'tests', 'corpus', 'real-world');
let generated: string[] = [];
let realWorld: string[] = [];
let fetchProblem = '';

beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'reader-cases-'));
  execFileSync(PYTHON, [join(HERE, 'make_reader_cases.py'), dir]);
  generated = readdirSync(dir).filter((f) => f.endsWith('.xlsx')).map((f) => join(dir, f));
  try {
    const folder = execFileSync('bash', [join(HERE, 'fetch.sh'), '--where'], { encoding: 'utf8' }).trim();
    realWorld = readdirSync(folder).filter((f) => f.endsWith('.xlsx')).map((f) => join(folder, f));
  } catch (e) {
    fetchProblem = `the real-world workbooks are not here: run scripts/setup.sh (it fetches them from Debian's archive with tests/corpus/real-world/fetch.sh): ${String(e).slice(0, 200)}`;
  }
}, 120_000);

/** Reads every sheet with the fast reader and has CPython compare the rows with openpyxl's. */
function compare(path: string): { compared: number; fallbacks: number; differences: unknown[]; count: number; refused: string[] } {
  const book = openXlsx(new Uint8Array(readFileSync(path)));
  const dir = mkdtempSync(join(tmpdir(), 'reader-cells-'));
  // A sheet the reader refuses is openpyxl's to read: it is left out here, and named.
  const refused: string[] = [];
  const sheets = book.sheets.flatMap((s, i) => {
    const file = join(dir, `sheet${i}.bin`);
    try {
      writeFileSync(file, packCells(book.readSheet(s.path)));
    } catch (e) {
      if (!(e instanceof XlsxReadError)) throw e;
      refused.push(s.name);
      return [];
    }
    return [{ name: s.name, cells: file }];
  });
  const json = join(dir, 'cells.json');
  writeFileSync(json, JSON.stringify({ sheets, sharedStrings: book.sharedStrings }));
  const result = JSON.parse(execFileSync(PYTHON, [join(HERE, 'compare_reader.py'), path, json], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })) as Omit<ReturnType<typeof compare>, 'refused'>;
  return { ...result, refused };
}

describe('the fast xlsx reader gives openpyxl\'s values', () => {
  it('on generated workbooks: every value type, both date systems, long and wide sheets, other tools\' XML', () => {
    expect(generated.length).toBe(5);
    for (const path of generated) {
      const result = compare(path);
      expect(result.differences, path).toEqual([]);
      expect(result.compared, path).toBeGreaterThan(0);
      // Only the sheet cut off mid-row is refused (openpyxl raises an XML error on it).
      expect(result.refused, path).toEqual(path.endsWith('raw-truncated.xlsx') ? ['Cut'] : []);
    }
  }, 300_000);

  it('on real-world workbooks written by Excel and other tools (readxl and openxlsx examples)', () => {
    expect(fetchProblem, 'needs the real-world corpus').toBe('');
    expect(realWorld.length).toBeGreaterThanOrEqual(15);
    let compared = 0;
    for (const path of realWorld) {
      const result = compare(path);
      expect(result.differences, path).toEqual([]);
      expect(result.refused, path).toEqual([]);
      compared += result.compared;
    }
    expect(compared).toBeGreaterThan(10_000);
  }, 300_000);
});

describe('what the reader refuses', () => {
  it('says a file that is not a zip is not a valid .xlsx', () => {
    expect(() => openXlsx(new TextEncoder().encode('Region,Sales\nNorth,1\n'))).toThrow(XlsxReadError);
    expect(() => openXlsx(new TextEncoder().encode('Region,Sales\nNorth,1\n'))).toThrow(/not a valid \.xlsx.*save it again/);
  });

  it('refuses a part that would inflate past the limits, before inflating it', () => {
    const bomb = zipSync({ 'xl/workbook.xml': new Uint8Array(64 * 1024 * 1024).fill(32) }, { level: 9 });
    const started = performance.now();
    expect(() => openXlsx(bomb)).toThrow(/would expand from \d+ to 67108864 bytes, which is how zip bombs look/);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('says a zip without a workbook part is not a workbook', () => {
    expect(() => openXlsx(zipSync({ 'word/document.xml': new TextEncoder().encode('<w/>') }))).toThrow(/no workbook part/);
  });
});
