import { describe, expect, it } from 'vitest';
import { rowsBetween } from './output-preview';

describe('rowsBetween', () => {
  const pages = [
    [[1], [2], [3]],
    [[4], [5], [6]],
    [[7]],
  ];
  it('takes rows across page boundaries', () => {
    expect(rowsBetween(pages, 3, 2, 5)).toEqual([[3], [4], [5]]);
  });
  it('stops at the last row', () => {
    expect(rowsBetween(pages, 3, 5, 100)).toEqual([[6], [7]]);
    expect(rowsBetween(pages, 3, 7, 10)).toEqual([]);
  });
});
