/**
 * Every row of an output sheet for the preview grid, read by our own Python in the
 * worker (sheetRows; the pane never parses .xlsx itself) and handed out a page at a time.
 */
import type { OutputFile } from '../../workers/api';
import { outputToRows } from '../results/output-rows';
import type { WorkbookPython } from '../sandbox/sandbox-client';
import type { CellValue } from '../../workers/api';
import type { SheetRows } from './SheetGrid';

export async function loadSheetRows(sandbox: WorkbookPython, output: OutputFile, sheet: string): Promise<{ ok: true; rows: SheetRows } | { ok: false; message: string }> {
  const read = await outputToRows(sandbox, output, sheet);
  if (!read.ok) return { ok: false, message: `${read.error.message} Download the file to see every row.` };
  const pages: CellValue[][][] = [...read.value.pages()];
  const pageSize = pages[0]?.length || 1;
  return {
    ok: true,
    rows: {
      columns: read.value.headers,
      numberFormats: read.value.numberFormats,
      rowCount: read.value.rowCount,
      page: (start, count) => Promise.resolve(rowsBetween(pages, pageSize, start, start + count)),
      all: pages.flat(),
    },
  };
}

/** Rows [from, to) out of fixed-size pages (the last page may be shorter). */
export function rowsBetween(pages: CellValue[][][], pageSize: number, from: number, to: number): CellValue[][] {
  const rows: CellValue[][] = [];
  for (let r = from; r < to; r++) {
    const row = pages[Math.floor(r / pageSize)]?.[r % pageSize];
    if (!row) break;
    rows.push(row);
  }
  return rows;
}
