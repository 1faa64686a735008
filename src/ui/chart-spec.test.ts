import { describe, expect, it } from 'vitest';
import { MAX_BARS, suggestChart } from './chart-spec';
import type { CellValue } from '../../workers/api';

const regions = ['North', 'South', 'East', 'West'];

/** Rows like the Basesheet tables: Region, Product, Date (Excel serial), Units, Sales. */
function basesheet(n: number): CellValue[][] {
  return Array.from({ length: n }, (_, i) => [regions[i % 4] ?? '', `P${i % 7}`, 45292 + (i % 30), (i % 9) + 1, 100 + ((i * 37) % 900) + 0.5]);
}

describe('suggestChart', () => {
  it('draws a line of total sales over time when the result has dates', () => {
    const spec = suggestChart(['Region', 'Product', 'Date', 'Units', 'Sales'], [null, null, 'yyyy-mm-dd', null, null], basesheet(300));
    expect(spec?.kind).toBe('line');
    expect(spec?.measure).toBe('Sales');
    expect(spec?.dimension).toBe('Date');
    expect(spec?.period).toBe('day');
    expect(spec?.points).toHaveLength(30);
    expect(spec?.points[0]?.label).toBe('2024-01-01');
    expect(spec?.points.map((p) => p.label)).toEqual([...(spec?.points.map((p) => p.label) ?? [])].sort());
    const total = basesheet(300).reduce((a, r) => a + (r[4] as number), 0);
    expect(spec?.points.reduce((a, p) => a + p.value, 0)).toBeCloseTo(total, 6);
    expect(spec?.description).toMatch(/^Line chart of total Sales by Date, 30 points from 2024-01-01 [\d,.]+ to 2024-01-30 [\d,.]+\.$/);
  });

  it('groups dates by month when there are too many days for one line', () => {
    const rows = Array.from({ length: 400 }, (_, i): CellValue[] => [45292 + i, i]);
    const spec = suggestChart(['Day', 'Amount'], ['m/d/yyyy', null], rows);
    expect(spec?.period).toBe('month');
    expect(spec?.points[0]).toMatchObject({ label: '2024-01', rows: 31 });
  });

  it('reads ISO date text as dates (the profile gives dates as text)', () => {
    const spec = suggestChart(['When', 'Revenue'], undefined, [['2024-03-01', 5], ['2024-02-01', 7], ['2024-03-01', 1]]);
    expect(spec).toMatchObject({ kind: 'line', points: [{ label: '2024-02-01', value: 7 }, { label: '2024-03-01', value: 6 }] });
  });

  it('without dates, draws a bar of totals per category, largest first, grouped by the column with fewest values', () => {
    const rows = basesheet(200).map((r) => [r[0], r[1], r[3], r[4]] as CellValue[]);
    const spec = suggestChart(['Region', 'Product', 'Units', 'Sales'], undefined, rows);
    expect(spec).toMatchObject({ kind: 'bar', measure: 'Sales', dimension: 'Region', summed: true });
    expect(spec?.points).toHaveLength(4);
    const values = spec?.points.map((p) => p.value) ?? [];
    expect(values).toEqual([...values].sort((a, b) => b - a));
    expect(spec?.description).toMatch(/^Bar chart of total Sales by Region: \w+ [\d,]+, \w+ [\d,]+, \w+ [\d,]+ and 1 more\.$/);
  });

  it('shows a summary table as it is: one bar per row, not called a total', () => {
    const spec = suggestChart(['Region', 'Total'], undefined, [['North', 10], ['South', 30], ['East', 20]]);
    expect(spec?.summed).toBe(false);
    expect(spec?.points.map((p) => p.label)).toEqual(['South', 'East', 'North']);
    expect(spec?.description).toBe('Bar chart of Total by Region: South 30, East 20, North 10.');
  });

  it('never adds up identifiers: an order number or a year is not the measure', () => {
    const rows = Array.from({ length: 50 }, (_, i): CellValue[] => [1000 + i, 2020 + (i % 3), regions[i % 4] ?? '', i % 5]);
    const spec = suggestChart(['OrderID', 'Year', 'Region', 'Qty'], undefined, rows);
    expect(spec?.measure).toBe('Qty');
    const onlyIds = suggestChart(['Order No', 'Region'], undefined, rows.map((r) => [r[0], r[2]] as CellValue[]));
    expect(onlyIds).toBeNull();
    const unnamedKey = suggestChart(['Ref', 'Region'], undefined, rows.map((r) => [r[0], r[2]] as CellValue[]));
    expect(unnamedKey).toBeNull(); // whole numbers, each different: a key, whatever its name
  });

  it('folds the long tail into one "Other" bar so the chart stays readable', () => {
    const rows = Array.from({ length: 300 }, (_, i): CellValue[] => [`Customer ${i % 40}`, (i % 40) + 1]);
    const spec = suggestChart(['Customer', 'Spend'], undefined, rows);
    expect(spec?.points).toHaveLength(MAX_BARS);
    expect(spec?.points.at(-1)?.label).toBe(`Other (${40 - MAX_BARS + 1})`);
    expect(spec?.points.reduce((a, p) => a + p.value, 0)).toBe(rows.reduce((a, r) => a + (r[1] as number), 0));
  });

  it('offers no chart when nothing helps: no numbers, nothing to group by, or one row', () => {
    expect(suggestChart(['Name', 'City'], undefined, [['a', 'x'], ['b', 'y']])).toBeNull();
    expect(suggestChart(['Sales'], undefined, [[1], [2], [3]])).toBeNull();
    expect(suggestChart(['Region', 'Sales'], undefined, [['North', 1]])).toBeNull();
    expect(suggestChart(['Region', 'Sales'], undefined, [['North', 1], ['North', 2]])).toBeNull();
  });

  it('leaves out rows without a number (blanks, text like "n/a") rather than counting them as zero', () => {
    const rows: CellValue[][] = [['North', 5], ['North', null], ['South', 'n/a'], ...Array.from({ length: 20 }, (_, i): CellValue[] => [regions[(i % 3) + 1] ?? '', 1]), ['North', 1]];
    const spec = suggestChart(['Region', 'Sales'], undefined, rows);
    expect(spec?.points.find((p) => p.label === 'North')).toEqual({ label: 'North', value: 6, rows: 2 });
  });
});
