/** Pure planning behind chunked reads and writes: no Excel involved. */
import { describe, expect, it } from 'vitest';
import { describeExcelError, rowBytes, rowsForNextRead, rowsThatFit } from '../../src/excel/chunks';
import { FormatRuns, isMeaningfulFormat } from '../../src/excel/number-formats';
import { areaAddress, localAddress } from '../../src/excel/read-workbook';
import { asExcelInput, cleanSheetName, cleanTableName, parseCell, uniqueName } from '../../src/excel/write-result';

describe('chunk planning', () => {
  const limits = { payloadBytes: 1000, maxCells: 50 };

  it('packs rows into one write up to the byte budget, never past it', () => {
    const rows = Array.from({ length: 100 }, (_, i) => [`row ${i}`, i, i * 1.5]);
    const count = rowsThatFit(rows, 0, 3, { payloadBytes: 1000, maxCells: 1e6 });
    const bytes = 2 + rows.slice(0, count).reduce((n, r) => n + rowBytes(r), 0);
    expect(bytes).toBeLessThanOrEqual(1000);
    expect(bytes + rowBytes(rows[count]!)).toBeGreaterThan(1000);
    expect(JSON.stringify(rows.slice(0, count)).length).toBeLessThanOrEqual(1000);
  });

  it('caps a write by cells as well as bytes', () => {
    const rows = Array.from({ length: 100 }, () => [1, 2, 3, 4, 5]);
    expect(rowsThatFit(rows, 0, 5, limits)).toBe(10);
    expect(rowsThatFit(rows, 95, 5, limits)).toBe(5);
  });

  it('counts what travels with each row (number formats) against the budget', () => {
    const rows = Array.from({ length: 100 }, () => [1]);
    expect(rowsThatFit(rows, 0, 1, { payloadBytes: 1000, maxCells: 1e6 }, 96)).toBeLessThan(rowsThatFit(rows, 0, 1, { payloadBytes: 1000, maxCells: 1e6 }));
  });

  it('always moves forward with at least one row, even one over budget', () => {
    expect(rowsThatFit([['x'.repeat(5000)]], 0, 1, limits)).toBe(1);
    expect(rowsForNextRead(1e9, 1, 10, limits)).toBe(1);
  });

  it('sizes reads at half the budget by what rows cost so far, within the cell cap and what is left', () => {
    expect(rowsForNextRead(10, 2, 1000, { payloadBytes: 1000, maxCells: 1e6 })).toBe(50);
    expect(rowsForNextRead(1, 10, 1000, limits)).toBe(5);
    expect(rowsForNextRead(1, 1, 3, limits)).toBe(3);
  });

  it('turns Excel errors into sentences with what to do', () => {
    const notFound = describeExcelError(Object.assign(new Error('The requested resource does not exist.'), { code: 'ItemNotFound' }), 'reading the workbook');
    expect(notFound.kind).toBe('not-found');
    expect(notFound.message).toMatch(/renamed or deleted/);
    const other = describeExcelError(Object.assign(new Error('Busy'), { code: 'GeneralException' }), 'inserting the result');
    expect(other.kind).toBe('excel');
    expect(other.message).toMatch(/while inserting the result: Busy/);
    expect(other.detail).toBe('GeneralException: Busy');
  });
});

describe('number formats kept in a snapshot', () => {
  it('keeps dates, times, percentages and currency; drops General, text and plain numbers', () => {
    for (const f of ['yyyy-mm-dd', 'dd/mm/yyyy hh:mm', '[h]:mm:ss', 'mmm-yy', '0.0%', '$#,##0.00', '[$€-2] #,##0', '#,##0 [$USD]']) expect(isMeaningfulFormat(f), f).toBe(true);
    for (const f of ['General', '@', '0.00', '#,##0', '0.00E+00', '[Red]0.00', '"days" 0', '']) expect(isMeaningfulFormat(f), f).toBe(false);
  });

  it('compresses a uniform column to one format and keeps only the rows that differ', () => {
    const runs = new FormatRuns(3);
    runs.add(0, ['Date', 'Share', 'Name'], ['General', 'General', 'General']);
    for (let r = 1; r <= 1000; r++) runs.add(r, [45000 + r, 0.5, 'x'], [r === 500 ? 'yyyy-mm-dd hh:mm' : 'yyyy-mm-dd', '0%', 'General']);
    runs.add(1001, [null, null, null], ['General', 'General', 'General']);
    expect(runs.result()).toEqual({
      columns: ['yyyy-mm-dd', '0%', null],
      runs: [
        [0, 0, 0, null],
        [500, 500, 0, 'yyyy-mm-dd hh:mm'],
        [0, 0, 1, null],
      ],
    });
  });
});

describe('places and names', () => {
  it('reads and writes A1 addresses', () => {
    expect(parseCell('B2')).toEqual({ row: 1, column: 1 });
    expect(parseCell('$AA$10')).toEqual({ row: 9, column: 26 });
    expect(parseCell('B2:C3')).toBeNull();
    expect(parseCell('XFE1')).toBeNull();
    expect(areaAddress({ row: 2, column: 1, rowCount: 4, columnCount: 27 })).toBe('B3:AB6');
    expect(areaAddress({ row: 0, column: 0, rowCount: 1, columnCount: 1 })).toBe('A1');
    expect(localAddress("'My sheet'!B3:F120")).toBe('B3:F120');
  });

  it('makes sheet and table names Excel accepts, unique in the workbook', () => {
    expect(cleanSheetName('Q3: sales/returns [draft]')).toBe('Q3  sales returns  draft');
    expect(cleanSheetName('x'.repeat(40))).toHaveLength(31);
    expect(uniqueName('Result', ['result', 'Result (2)'], 31)).toBe('Result (3)');
    expect(uniqueName('y'.repeat(31), ['y'.repeat(31)], 31)).toBe(`${'y'.repeat(27)} (2)`);
    expect(cleanTableName('Stacked result 2024')).toBe('Stacked_result_2024');
    expect(cleanTableName('2024 sales')).toBe('_sales');
    expect(cleanTableName('AB12')).toBe('Result_AB12');
  });

  it('keeps text that Excel would turn into a number, date or boolean as text', () => {
    expect(asExcelInput('00123')).toBe("'00123");
    expect(asExcelInput('1,5')).toBe("'1,5");
    expect(asExcelInput('2024-01-05')).toBe("'2024-01-05");
    expect(asExcelInput('TRUE')).toBe("'TRUE");
    expect(asExcelInput('1e5')).toBe("'1e5");
    expect(asExcelInput('12:30')).toBe("'12:30");
    expect(asExcelInput('Room 12')).toBe('Room 12');
    expect(asExcelInput('North')).toBe('North');
    expect(asExcelInput('=SUM(A1:A3)')).toBe('=SUM(A1:A3)');
    expect(asExcelInput(null)).toBe('');
    expect(asExcelInput(12.5)).toBe(12.5);
  });
});
