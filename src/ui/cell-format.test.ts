import { describe, expect, it } from 'vitest';
import { formatCell, isDateFormat, serialToText } from './cell-format';

describe('one formatting of cell values for every view', () => {
  it('shows a date column of serial numbers as dates, as the preview shows them', () => {
    expect(formatCell(45292, 'yyyy-mm-dd')).toBe('2024-01-01');
    expect(formatCell(45292, 'mm-dd-yy')).toBe('2024-01-01');
    expect(formatCell(45292.5625, 'yyyy-mm-dd h:mm')).toBe('2024-01-01 13:30:00');
    // openpyxl writes every datetime with 'yyyy-mm-dd h:mm:ss': at midnight it is a date, shown as the preview shows it.
    expect(formatCell(45292, 'yyyy-mm-dd h:mm:ss')).toBe('2024-01-01');
    expect(formatCell('2024-01-01', null)).toBe('2024-01-01');
  });

  it('writes numbers without grouping and without float noise, like the preview', () => {
    expect(formatCell(1980.17, 'General')).toBe('1980.17');
    expect(formatCell(1980.17, '#,##0.00')).toBe('1980.17');
    expect(formatCell(0.1 + 0.2, null)).toBe('0.3');
    expect(formatCell(1200)).toBe('1200');
  });

  it('tells date formats from number formats', () => {
    expect(isDateFormat('dd/mm/yyyy')).toBe(true);
    expect(isDateFormat('[$-409]mmmm d, yyyy')).toBe(true);
    expect(isDateFormat('General')).toBe(false);
    expect(isDateFormat('0.00%')).toBe(false);
    expect(isDateFormat('[$€-407]#,##0.00')).toBe(false);
    expect(isDateFormat('"days" 0')).toBe(false);
  });

  it("keeps Excel's 1900 date system, its fictitious leap day included", () => {
    expect(serialToText(1, false)).toBe('1900-01-01');
    expect(serialToText(59, false)).toBe('1900-02-28');
    expect(serialToText(61, false)).toBe('1900-03-01');
  });

  it('shows empty cells as blank and booleans as text', () => {
    expect(formatCell(null)).toBe('');
    expect(formatCell(undefined)).toBe('');
    expect(formatCell(true)).toBe('true');
  });
});
