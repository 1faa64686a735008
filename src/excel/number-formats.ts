/**
 * Which number formats a snapshot keeps, and how it keeps them small: one usual format per
 * column plus runs of rows where a column differs. Only formats that change what a value
 * means are kept: dates and times (the value is a serial number), percentages, currency.
 */
import type { SheetFormats } from '../../workers/api';

/** Quoted text, escaped characters and colour/condition brackets say nothing about the value's kind. */
function formatCode(format: string): string {
  return format.replace(/"[^"]*"/g, '').replace(/\\./g, '').replace(/\[(?!\$)[^\]]*\]/g, '');
}

export function isMeaningfulFormat(format: unknown): format is string {
  if (typeof format !== 'string' || format === '' || format === 'General' || format === '@') return false;
  const code = formatCode(format);
  return /[dmyhs]/i.test(code.replace(/General/gi, '')) || code.includes('%') || /[$€£¥₹]|\[\$/.test(format);
}

interface Run {
  first: number;
  last: number;
  format: string | null;
}

export class FormatRuns {
  private readonly runs: Run[][];
  private readonly counts: Map<string | null, number>[];

  constructor(columns: number) {
    this.runs = Array.from({ length: columns }, () => []);
    this.counts = Array.from({ length: columns }, () => new Map());
  }

  /** Notes one row's formats; empty cells are skipped (a format on an empty cell changes nothing). */
  add(row: number, values: readonly unknown[], formats: readonly unknown[]): void {
    for (let c = 0; c < this.runs.length; c += 1) {
      if (values[c] === null || values[c] === undefined) continue;
      const raw = formats[c];
      const format = isMeaningfulFormat(raw) ? raw : null;
      const runs = this.runs[c]!;
      const last = runs[runs.length - 1];
      if (last && last.format === format) last.last = row;
      else runs.push({ first: row, last: row, format });
      const counts = this.counts[c]!;
      counts.set(format, (counts.get(format) ?? 0) + 1);
    }
  }

  result(): SheetFormats {
    const columns = this.counts.map((counts) => {
      let best: string | null = null;
      let bestCount = -1;
      for (const [format, count] of counts) {
        if (count > bestCount) {
          best = format;
          bestCount = count;
        }
      }
      return best;
    });
    const runs: SheetFormats['runs'] = [];
    this.runs.forEach((list, c) => {
      for (const run of list) if (run.format !== columns[c]) runs.push([run.first, run.last, c, run.format]);
    });
    return { columns, runs };
  }
}
