import { describe, expect, it } from 'vitest';
import { downloadName } from './download-name';

describe('downloadName', () => {
  it("keeps the output's own name when nothing else is known", () => {
    expect(downloadName('/output/sales_over_1000.xlsx')).toBe('sales_over_1000.xlsx');
    expect(downloadName('report.csv', '  ')).toBe('report.csv');
  });

  it("puts the recipe and its values before the output's name", () => {
    expect(downloadName('/output/result.xlsx', 'Monthly stack (Sales limit 1000, Region North)')).toBe('Monthly stack (Sales limit 1000, Region North) - result.xlsx');
  });

  it('replaces characters file systems refuse, and stays short', () => {
    const name = downloadName('out.xlsx', 'Sales > 1000 / "North": Q3?\nnext');
    expect(name).toBe('Sales 1000 North Q3 next - out.xlsx');
    const long = downloadName('result.xlsx', 'x'.repeat(500));
    expect(long.length).toBeLessThanOrEqual(120);
    expect(long.endsWith('… - result.xlsx')).toBe(true);
  });
});
