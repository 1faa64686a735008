/**
 * Which rows the full grid shows, in which order: those whose shown text contains the
 * search (any column, case and accents ignored), sorted by one column. Computed in
 * slices with a pause between them, so sorting or searching a million rows never holds
 * the pane's main thread for long, and a newer query can stop an older one.
 */
import type { CellValue } from '../../workers/api';
import { formatCell } from './cell-format';

export interface RowQuery {
  search: string;
  sort?: { column: number; descending: boolean };
}

/** Rows looked at (or moved) between two pauses. */
const SLICE = 20_000;

const pause = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** Text as compared: accents and case ignored ("Été" finds "ete"). */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * Indexes into `rows` for the query, or null when `signal` stopped it. Empty cells sort
 * last in both directions; equal values keep their order.
 */
export async function orderRows(rows: readonly CellValue[][], numberFormats: readonly (string | null)[] | undefined, query: RowQuery, signal?: AbortSignal): Promise<Int32Array | null> {
  const needle = foldText(query.search.trim());
  let order: Int32Array;
  if (!needle) {
    order = Int32Array.from({ length: rows.length }, (_, i) => i);
  } else {
    const kept: number[] = [];
    for (let start = 0; start < rows.length; start += SLICE) {
      for (let r = start; r < Math.min(rows.length, start + SLICE); r++) {
        const row = rows[r]!;
        if (row.some((value, c) => value !== null && foldText(formatCell(value, numberFormats?.[c])).includes(needle))) kept.push(r);
      }
      await pause();
      if (signal?.aborted) return null;
    }
    order = Int32Array.from(kept);
  }
  if (!query.sort) return order;
  return sortRows(rows, order, query.sort.column, query.sort.descending, signal);
}

/** Numbers, then text, then booleans; empty last. */
const RANK = { number: 0, text: 1, boolean: 2, empty: 3 } as const;

async function sortRows(rows: readonly CellValue[][], order: Int32Array, column: number, descending: boolean, signal?: AbortSignal): Promise<Int32Array | null> {
  // One key per row, made once: a rank, and a number or folded text to compare.
  const rank = new Uint8Array(rows.length);
  const numbers = new Float64Array(rows.length);
  const texts: string[] = new Array<string>(rows.length);
  for (let start = 0; start < order.length; start += SLICE) {
    for (let i = start; i < Math.min(order.length, start + SLICE); i++) {
      const r = order[i]!;
      const value = rows[r]![column] ?? null;
      if (typeof value === 'number' && Number.isFinite(value)) {
        rank[r] = RANK.number;
        numbers[r] = value;
      } else if (typeof value === 'boolean') {
        rank[r] = RANK.boolean;
        numbers[r] = value ? 1 : 0;
      } else if (value === null || value === '') {
        rank[r] = RANK.empty;
      } else {
        rank[r] = RANK.text;
        texts[r] = foldText(String(value));
      }
    }
    await pause();
    if (signal?.aborted) return null;
  }
  const direction = descending ? -1 : 1;
  const compare = (a: number, b: number): number => {
    const ra = rank[a]!;
    const rb = rank[b]!;
    if (ra !== rb) return ra === RANK.empty ? 1 : rb === RANK.empty ? -1 : (ra - rb) * direction;
    if (ra === RANK.text) {
      const ta = texts[a]!;
      const tb = texts[b]!;
      if (ta !== tb) return (ta < tb ? -1 : 1) * direction;
    } else if (ra !== RANK.empty && numbers[a] !== numbers[b]) {
      return (numbers[a]! < numbers[b]! ? -1 : 1) * direction;
    }
    return a - b;
  };
  // Sorted runs of SLICE rows, then merged pairwise: every step is a bounded piece of work.
  let runs: Int32Array[] = [];
  for (let start = 0; start < order.length; start += SLICE) {
    runs.push(order.slice(start, start + SLICE).sort(compare));
    await pause();
    if (signal?.aborted) return null;
  }
  while (runs.length > 1) {
    const merged: Int32Array[] = [];
    for (let i = 0; i < runs.length; i += 2) {
      const left = runs[i]!;
      const right = runs[i + 1];
      if (!right) {
        merged.push(left);
        continue;
      }
      const out = new Int32Array(left.length + right.length);
      let a = 0;
      let b = 0;
      let o = 0;
      while (a < left.length || b < right.length) {
        const end = Math.min(out.length, o + SLICE * 4);
        while (o < end) out[o++] = b >= right.length || (a < left.length && compare(left[a]!, right[b]!) <= 0) ? left[a++]! : right[b++]!;
        await pause();
        if (signal?.aborted) return null;
      }
      merged.push(out);
    }
    runs = merged;
  }
  return runs[0] ?? new Int32Array(0);
}
