import { describe, expect, it } from 'vitest';
import { countOf, dataRows, describeSheetSize } from './counts';

describe('sizes as the pane says them', () => {
  it('gets plural forms right', () => {
    expect(countOf(1, 'row')).toBe('1 row');
    expect(countOf(0, 'row')).toBe('0 rows');
    expect(countOf(1_000_000, 'row')).toBe('1,000,000 rows');
  });

  it('counts data rows, not the header', () => {
    expect(dataRows({ rowCount: 401, headerRow: 1 })).toBe(400);
    expect(dataRows({ rowCount: 303, headerRow: 3 })).toBe(300);
    expect(dataRows({ rowCount: 5, headerRow: null })).toBe(5);
    expect(describeSheetSize({ rowCount: 401, headerRow: 1, columnCount: 5 })).toBe('400 data rows × 5 columns, plus a header row');
    expect(describeSheetSize({ rowCount: 303, headerRow: 3, columnCount: 5 })).toBe('300 data rows × 5 columns, plus 2 title rows and a header row');
    expect(describeSheetSize({ rowCount: 1, headerRow: null, columnCount: 1 })).toBe('1 data row × 1 column');
    expect(describeSheetSize({ rowCount: 0, headerRow: null, columnCount: 0 })).toBe('0 data rows × 0 columns');
  });
});
