import { describe, expect, it } from 'vitest';
import type { CellValue } from '../../workers/api';
import { foldText, orderRows } from './row-order';

const ROWS: CellValue[][] = [
  ['Été', 45292, 10],
  ['north', 45293, null],
  ['Nord', 45294, 2.5],
  [null, 45295, -1],
  ['ete', 45296, 10],
  ['zebra', 45297, ''],
];
const FORMATS = [null, 'yyyy-mm-dd', null];

const shown = async (query: Parameters<typeof orderRows>[2]) => Array.from((await orderRows(ROWS, FORMATS, query)) ?? []);

describe('which rows the grid shows', () => {
  it('searches the shown text of every column, case and accents ignored', async () => {
    expect(foldText('Été')).toBe('ete');
    expect(await shown({ search: 'ETE' })).toEqual([0, 4]);
    // Dates are found as they are shown, not as serial numbers.
    expect(await shown({ search: '2024-01-03' })).toEqual([2]);
    expect(await shown({ search: '45294' })).toEqual([]);
    expect(await shown({ search: '  ' })).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('sorts numbers and text in either direction, empty cells last, equal values in sheet order', async () => {
    expect(await shown({ search: '', sort: { column: 2, descending: false } })).toEqual([3, 2, 0, 4, 1, 5]);
    expect(await shown({ search: '', sort: { column: 2, descending: true } })).toEqual([0, 4, 2, 3, 1, 5]);
    expect(await shown({ search: '', sort: { column: 0, descending: false } })).toEqual([0, 4, 2, 1, 5, 3]);
    expect(await shown({ search: 'n', sort: { column: 0, descending: true } })).toEqual([1, 2]);
  });

  it('sorts a quarter of a million rows exactly as a plain sort does, in slices', async () => {
    const big: CellValue[][] = Array.from({ length: 250_000 }, (_, i) => [`item ${(i * 7919) % 1000}`, (i * 104_729) % 99_991, i % 13 === 0 ? null : i % 5]);
    const order = await orderRows(big, undefined, { search: '', sort: { column: 1, descending: true } });
    const expected = big.map((_, i) => i).sort((a, b) => (big[b]![1] as number) - (big[a]![1] as number) || a - b);
    expect(Array.from(order ?? [])).toEqual(expected);
    const byText = await orderRows(big, undefined, { search: 'item 99', sort: { column: 0, descending: false } });
    const texts = Array.from(byText ?? [], (i) => big[i]![0] as string);
    expect(texts.length).toBeGreaterThan(0);
    expect(texts.every((t) => t.startsWith('item 99'))).toBe(true);
    expect([...texts].sort()).toEqual(texts);
  });

  it('stops when a newer query takes over', async () => {
    const stop = new AbortController();
    const big: CellValue[][] = Array.from({ length: 100_000 }, (_, i) => [i]);
    const pending = orderRows(big, undefined, { search: '', sort: { column: 0, descending: true } }, stop.signal);
    stop.abort();
    expect(await pending).toBeNull();
  });
});
