import { describe, expect, it } from 'vitest';
import { visibleWindow } from './SheetGrid';
import { formatCell } from './cell-format';

describe('visibleWindow', () => {
  it('renders the rows in view plus a margin, never past the ends', () => {
    expect(visibleWindow(0, 1_000_000)).toEqual({ first: 0, last: 16 });
    expect(visibleWindow(24 * 500, 1_000_000)).toEqual({ first: 494, last: 516 });
    expect(visibleWindow(24 * 999_995, 1_000_000)).toEqual({ first: 999_989, last: 1_000_000 });
    expect(visibleWindow(0, 3)).toEqual({ first: 0, last: 3 });
  });

  it('treats a negative (elastic) scroll as the top', () => {
    expect(visibleWindow(-50, 100).first).toBe(0);
  });
});

describe('formatCell', () => {
  it('shows empty cells as blank and numbers without float noise', () => {
    expect(formatCell(null)).toBe('');
    expect(formatCell(undefined)).toBe('');
    expect(formatCell(1200)).toBe('1200');
    expect(formatCell(true)).toBe('true');
    expect(formatCell(0.1 + 0.2)).not.toContain('0000000');
  });
});
