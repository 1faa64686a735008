import { describe, expect, it } from 'vitest';
import type { FileProfile, SheetProfile } from '../../workers/api';
import type { Plan } from './plan';
import { plannedInputRows, verifyResult } from './verify';

function sheet(name: string, columns: string[], rowCount: number, extra: Partial<SheetProfile> = {}): SheetProfile {
  return {
    name,
    state: 'visible',
    dimensions: 'A1:C10',
    rowCount,
    columnCount: columns.length,
    headerRow: 1,
    columns: columns.map((c, index) => ({ name: c, index, letter: 'ABCDEFG'[index] ?? '', type: 'text', nonEmpty: rowCount - 1, missing: 0 })),
    sampleRows: [],
    tables: [],
    mergedCells: [],
    formulaCount: 0,
    scannedRows: rowCount,
    duplicateRows: 0,
    ...extra,
  };
}

function file(name: string, sheets: SheetProfile[]): FileProfile {
  return { name, size: 1000, format: 'xlsx', sheets, warnings: [] };
}

const plan: Plan = {
  kind: 'plan',
  summary: 'Stack',
  steps: ['stack'],
  inputs: [{ file: 'a.xlsx' }, { file: 'b.xlsx' }],
  outputs: [{ file: 'result.xlsx', sheets: [{ name: 'Stacked', columns: ['Region', 'Sales'], rows: 'all-input-rows' }] }],
  dropsRows: false,
  engine: 'openpyxl',
  engineReason: 'simple',
  risk: 'low',
};
const inputs = [file('a.xlsx', [sheet('Data', ['Region', 'Sales'], 11)]), file('b.xlsx', [sheet('Data', ['Sales', 'Region'], 6)])];

describe('verifyResult', () => {
  it('counts the data rows of the inputs the plan uses', () => {
    expect(plannedInputRows(plan, inputs)).toBe(15);
  });

  it('accepts a result with the planned sheet, columns and every row', () => {
    const result = verifyResult(plan, inputs, [file('result.xlsx', [sheet('Stacked', ['Region', 'Sales', 'Source'], 16)])]);
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('reports rows lost silently when the plan keeps every row', () => {
    const result = verifyResult(plan, inputs, [file('result.xlsx', [sheet('Stacked', ['Region', 'Sales'], 11)])]);
    expect(result.ok).toBe(false);
    expect(result.problems.join(' ')).toMatch(/5 rows were lost/);
  });

  it('reports a missing output file and a missing column', () => {
    expect(verifyResult(plan, inputs, []).problems[0]).toMatch(/was not written/);
    const noSales = verifyResult(plan, inputs, [file('result.xlsx', [sheet('Stacked', ['Region'], 16)])]);
    expect(noSales.problems.join(' ')).toMatch(/lacks the planned columns: Sales/);
  });

  it('reports a filter that removed nothing', () => {
    const filtered: Plan = { ...plan, dropsRows: true, outputs: [{ file: 'result.xlsx', sheets: [{ name: 'Stacked', columns: ['Sales'], rows: 'fewer-than-input' }] }] };
    expect(verifyResult(filtered, inputs, [file('result.xlsx', [sheet('Stacked', ['Sales'], 16)])]).ok).toBe(false);
    expect(verifyResult(filtered, inputs, [file('result.xlsx', [sheet('Stacked', ['Sales'], 8)])]).ok).toBe(true);
  });

  it('counts table rows rather than the sheet when the plan names a table', () => {
    const withTable = file('t.xlsx', [sheet('Data', ['A'], 50, { tables: [{ name: 'Basesheet', ref: 'A3:A23', columns: ['A'], rowCount: 20 }] })]);
    expect(plannedInputRows({ ...plan, inputs: [{ file: 't.xlsx', tables: ['Basesheet'] }] }, [withTable])).toBe(20);
  });
});
