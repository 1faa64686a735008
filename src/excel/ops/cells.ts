/** Reading and writing cell grids in chunks under the 5 MB request limit: formulas, number formats, per-cell formats. */
import { cellArea, formatArea, type Area } from './a1';
import { CELLS_PER_REQUEST } from './limits';

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** A range's contents, enough to put it back: formulas (constants as values), number formats, and optionally formats. */
export interface CellsCopy {
  sheet: string;
  address: string;
  formulas: Json[][];
  numberFormat: string[][];
  /** Per-cell font/fill/borders as an index into a palette of distinct formats (most cells share a few). */
  formats: { palette: Json[]; grid: number[][] } | null;
}

/** What getCellProperties asks for: the formats our ops change. */
export const CELL_FORMAT_SELECT: Excel.CellPropertiesLoadOptions = {
  format: { font: { bold: true, italic: true, color: true, size: true, name: true }, fill: { color: true, pattern: true }, borders: { style: true, color: true } },
};

/** Row blocks of at most CELLS_PER_REQUEST cells. */
export function chunks(area: Area): Area[] {
  const rowsPer = Math.max(1, Math.floor(CELLS_PER_REQUEST / area.columnCount));
  const out: Area[] = [];
  for (let r = 0; r < area.rowCount; r += rowsPer) out.push(cellArea(area.row + r, area.column, Math.min(rowsPer, area.rowCount - r), area.columnCount));
  return out;
}

/** Keeps only the border sides getCellProperties returns for one cell, so restoring does not touch inside/diagonal edges. */
function trimFormats(props: Excel.CellProperties): Json {
  const f = props.format ?? {};
  const b = (f.borders ?? {}) as Record<string, { style?: string; color?: string } | undefined>;
  const side = (s: { style?: string; color?: string } | undefined): Json => ({ style: s?.style ?? 'None', color: s?.color ?? '#000000' });
  return {
    format: {
      font: { ...(f.font ?? {}) } as Json,
      fill: { ...(f.fill ?? {}) } as Json,
      borders: { top: side(b.top), bottom: side(b.bottom), left: side(b.left), right: side(b.right) },
    },
  };
}

export async function readCells(context: Excel.RequestContext, sheetName: string, area: Area, withFormats: boolean): Promise<CellsCopy> {
  const sheet = context.workbook.worksheets.getItem(sheetName);
  const copy: CellsCopy = { sheet: sheetName, address: formatArea(area), formulas: [], numberFormat: [], formats: withFormats ? { palette: [], grid: [] } : null };
  const seen = new Map<string, number>();
  for (const part of chunks(area)) {
    const range = sheet.getRangeByIndexes(part.row, part.column, part.rowCount, part.columnCount).load('formulas, numberFormat');
    const props = withFormats ? range.getCellProperties(CELL_FORMAT_SELECT) : null;
    await context.sync();
    copy.formulas.push(...(range.formulas as Json[][]));
    copy.numberFormat.push(...(range.numberFormat as string[][]));
    if (props && copy.formats) {
      for (const row of props.value) {
        copy.formats.grid.push(row.map((cell) => {
          const json = trimFormats(cell);
          const text = JSON.stringify(json);
          let index = seen.get(text);
          if (index === undefined) {
            index = copy.formats!.palette.length;
            copy.formats!.palette.push(json);
            seen.set(text, index);
          }
          return index;
        }));
      }
    }
  }
  return copy;
}

export async function writeCells(context: Excel.RequestContext, copy: CellsCopy, area: Area): Promise<void> {
  const sheet = context.workbook.worksheets.getItem(copy.sheet);
  for (const part of chunks(area)) {
    const from = part.row - area.row;
    const range = sheet.getRangeByIndexes(part.row, part.column, part.rowCount, part.columnCount);
    range.formulas = copy.formulas.slice(from, from + part.rowCount) as (string | number | boolean)[][];
    range.numberFormat = copy.numberFormat.slice(from, from + part.rowCount);
    if (copy.formats) {
      const palette = copy.formats.palette;
      range.setCellProperties(copy.formats.grid.slice(from, from + part.rowCount).map((row) => row.map((i) => palette[i] as Excel.SettableCellProperties)));
    }
    await context.sync();
  }
}

/** Writes a grid of values, formulas or number formats in chunks. */
export async function writeGrid(context: Excel.RequestContext, sheetName: string, area: Area, property: 'values' | 'formulas' | 'numberFormat', grid: (string | number | boolean)[][]): Promise<void> {
  const sheet = context.workbook.worksheets.getItem(sheetName);
  for (const part of chunks(area)) {
    const from = part.row - area.row;
    const range = sheet.getRangeByIndexes(part.row, part.column, part.rowCount, part.columnCount);
    const rows = grid.slice(from, from + part.rowCount);
    if (property === 'numberFormat') range.numberFormat = rows as string[][];
    else if (property === 'formulas') range.formulas = rows;
    else range.values = rows;
    await context.sync();
  }
}
