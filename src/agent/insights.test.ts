import { describe, expect, it } from 'vitest';
import type { ColumnProfile, FileProfile, SheetProfile } from '../../workers/api';
import { computeInsights } from './insights';

const col = (name: string, extra: Partial<ColumnProfile> = {}): ColumnProfile => ({ name, index: 0, letter: 'A', type: 'text', nonEmpty: 10, missing: 0, ...extra });

function sheet(name: string, columns: ColumnProfile[], extra: Partial<SheetProfile> = {}): SheetProfile {
  return { name, state: 'visible', dimensions: 'A1:E11', rowCount: 11, columnCount: columns.length, headerRow: 1, columns, sampleRows: [], tables: [], mergedCells: [], formulaCount: 0, scannedRows: 10, duplicateRows: 0, ...extra };
}

const file = (name: string, sheets: SheetProfile[]): FileProfile => ({ name, size: 100, format: 'xlsx', sheets, warnings: [] });

const base = [col('Region'), col('Sales', { type: 'integer', mean: 1234.4, outliers: 1 }), col('Date', { type: 'date' })];
const table = (columns: string[]) => [{ name: 'Basesheet', ref: 'A1:E11', columns, rowCount: 10 }];

describe('computeInsights', () => {
  const files = [
    file('north.xlsx', [sheet('Data', base, { tables: table(['Region', 'Sales', 'Date']), duplicateRows: 2 })]),
    file('south.xlsx', [sheet('Data', [...base, col('Channel', { missing: 3, nonEmpty: 7 })], { tables: table(['Sales', 'Region', 'Date', 'Channel']) })]),
    file('codes.xlsx', [sheet('Codes', [col('Customer ID', { unique: false, distinct: 4 }), col('Amount', { type: 'mixed', typeCounts: { number: 8, text: 2 } })])]),
  ];
  const { findings, suggestions } = computeInsights(files);
  const text = findings.map((f) => `${f.file}: ${f.message}`).join('\n');

  it('finds missing values, mixed types, outliers, duplicate rows and repeated keys', () => {
    expect(text).toMatch(/south\.xlsx: "Channel" is empty in 3 of 10 rows/);
    expect(text).toMatch(/"Amount" mixes types \(8 number, 2 text\)/);
    expect(text).toMatch(/"Sales" has 1 value far from the rest/);
    expect(text).toMatch(/north\.xlsx: 2 rows repeat an earlier row/);
    expect(text).toMatch(/"Customer ID" looks like a key but has repeated values/);
  });

  it('notices look-alike tables whose columns differ between files', () => {
    expect(text).toMatch(/north\.xlsx: "Basesheet" lacks "Channel"/);
    expect(text).toMatch(/different orders across files/);
  });

  it('suggests three requests that fit these files', () => {
    expect(suggestions).toHaveLength(3);
    expect(suggestions[0]).toBe('Stack the "Basesheet" tables of these 2 workbooks into one sheet');
    expect(suggestions[1]).toBe('Keep only rows where Sales > 1234');
    expect(suggestions[2]).toBe('Total Sales by month of Date');
  });
});

describe('look-alike tables are grouped by their columns and names, not by identical names', () => {
  const notes = sheet('Notes', [col('Note')], { rowCount: 1, headerRow: null, dimensions: 'A1:A1' });
  const quarter = (q: string, columns: string[]) =>
    file(`Q${q} sales.xlsx`, [
      sheet('Data', columns.map((c) => col(c, c === 'Sales' ? { type: 'number', mean: 800 } : {})), { tables: [{ name: `Basesheet_Q${q}`, ref: 'A1:E401', columns, rowCount: 400 }] }),
      notes,
    ]);
  const files = [
    quarter('1', ['Region', 'Date', 'Product', 'Sales', 'Units']),
    quarter('2', ['Date', 'Region', 'Channel', 'Product', 'Units', 'Sales']),
    quarter('3', ['Product', 'Sales', 'Region', 'Units', 'Date']),
  ];
  const { findings, suggestions } = computeInsights(files);
  const text = findings.map((f) => `${f.file}: ${f.message}`).join('\n');

  it('suggests stacking the Basesheet_Q1/Q2/Q3 tables, never the one-cell Notes sheet', () => {
    expect(suggestions[0]).toBe('Stack the "Basesheet" (Basesheet_Q1, Basesheet_Q2, Basesheet_Q3) tables of these 3 workbooks into one sheet');
    expect(suggestions.join('\n')).not.toMatch(/Notes/);
  });

  it("says that Q2 has an extra column and that the column orders differ", () => {
    expect(text).toMatch(/Q1 sales\.xlsx: "Basesheet_Q1" lacks "Channel"/);
    expect(text).toMatch(/Q3 sales\.xlsx: "Basesheet_Q3" lacks "Channel"/);
    expect(text).toMatch(/"Basesheet" \(Basesheet_Q1, Basesheet_Q2, Basesheet_Q3\) have their columns in different orders/);
  });
});
