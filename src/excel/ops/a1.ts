/** A1 addresses: parse, format and measure rectangular ranges on one sheet. Pure; shared by validation, preview and the fake Excel. */

export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

/** A rectangle of cells, zero-based and inclusive. Whole columns or rows are marked so callers can refuse them. */
export interface Area {
  row: number;
  column: number;
  rowCount: number;
  columnCount: number;
  /** 'columns' for "A:C", 'rows' for "2:5", 'cells' otherwise. */
  kind: 'cells' | 'columns' | 'rows';
}

export interface SheetAddress {
  sheet: string | null;
  area: Area;
}

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;
const COLUMN = /^\$?([A-Za-z]{1,3})$/;
const ROW = /^\$?(\d{1,7})$/;

/** "A" → 0, "Z" → 25, "AA" → 26. */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** 0 → "A", 26 → "AA". */
export function columnLetters(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

export function cellName(row: number, column: number): string {
  return `${columnLetters(column)}${row + 1}`;
}

/** Parses "B2", "B2:C4", "A:C", "2:5" (no sheet part). Returns a problem sentence when it is not a valid range. */
export function parseArea(text: string): { ok: true; area: Area } | { ok: false; problem: string } {
  const parts = text.trim().split(':');
  if (parts.length > 2 || parts.some((p) => p === '')) return { ok: false, problem: `"${text}" is not an A1 range such as B2 or B2:D10.` };
  const [a, b = a] = parts as [string, string?];
  const ca = CELL.exec(a);
  const cb = CELL.exec(b ?? a);
  if (ca && cb) {
    const r0 = Number(ca[2]) - 1;
    const r1 = Number(cb[2]) - 1;
    const c0 = columnIndex(ca[1] ?? '');
    const c1 = columnIndex(cb[1] ?? '');
    return checked({ row: Math.min(r0, r1), column: Math.min(c0, c1), rowCount: Math.abs(r1 - r0) + 1, columnCount: Math.abs(c1 - c0) + 1, kind: 'cells' }, text);
  }
  const colA = COLUMN.exec(a);
  const colB = COLUMN.exec(b ?? a);
  if (colA && colB && parts.length === 2) {
    const c0 = columnIndex(colA[1] ?? '');
    const c1 = columnIndex(colB[1] ?? '');
    return checked({ row: 0, column: Math.min(c0, c1), rowCount: MAX_ROWS, columnCount: Math.abs(c1 - c0) + 1, kind: 'columns' }, text);
  }
  const rowA = ROW.exec(a);
  const rowB = ROW.exec(b ?? a);
  if (rowA && rowB && parts.length === 2) {
    const r0 = Number(rowA[1]) - 1;
    const r1 = Number(rowB[1]) - 1;
    return checked({ row: Math.min(r0, r1), column: 0, rowCount: Math.abs(r1 - r0) + 1, columnCount: MAX_COLUMNS, kind: 'rows' }, text);
  }
  return { ok: false, problem: `"${text}" is not an A1 range such as B2 or B2:D10.` };
}

function checked(area: Area, text: string): { ok: true; area: Area } | { ok: false; problem: string } {
  if (area.row < 0 || area.column < 0) return { ok: false, problem: `"${text}" names row 0; rows start at 1.` };
  if (area.row + area.rowCount > MAX_ROWS || area.column + area.columnCount > MAX_COLUMNS) {
    return { ok: false, problem: `"${text}" is outside the sheet (at most ${MAX_ROWS.toLocaleString('en-US')} rows and ${MAX_COLUMNS.toLocaleString('en-US')} columns, XFD).` };
  }
  return { ok: true, area };
}

/** Splits "Sheet 1!A1:B2" or "'My sheet'!A1" into sheet and area. External references ("[Book.xlsx]Sheet!A1") are refused. */
export function parseAddress(text: string): { ok: true; address: SheetAddress } | { ok: false; problem: string } {
  if (/[[\]]/.test(text)) return { ok: false, problem: `"${text}" refers to another workbook; only ranges in this workbook can be used.` };
  const bang = text.lastIndexOf('!');
  let sheet: string | null = null;
  let rest = text;
  if (bang >= 0) {
    sheet = text.slice(0, bang);
    rest = text.slice(bang + 1);
    if (sheet.startsWith("'") && sheet.endsWith("'") && sheet.length >= 2) sheet = sheet.slice(1, -1).replace(/''/g, "'");
    if (sheet === '') return { ok: false, problem: `"${text}" has an empty sheet name before "!".` };
  }
  const parsed = parseArea(rest);
  return parsed.ok ? { ok: true, address: { sheet, area: parsed.area } } : parsed;
}

/** "B2:C4", or "B2" for a single cell, "A:C" / "2:5" for whole columns or rows. */
export function formatArea(area: Area): string {
  if (area.kind === 'columns') return `${columnLetters(area.column)}:${columnLetters(area.column + area.columnCount - 1)}`;
  if (area.kind === 'rows') return `${area.row + 1}:${area.row + area.rowCount}`;
  const first = cellName(area.row, area.column);
  if (area.rowCount === 1 && area.columnCount === 1) return first;
  return `${first}:${cellName(area.row + area.rowCount - 1, area.column + area.columnCount - 1)}`;
}

/** Quotes a sheet name when Excel would: anything but letters, digits, underscore and dot. */
export function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !CELL.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

export function formatAddress(sheet: string, area: Area): string {
  return `${quoteSheet(sheet)}!${formatArea(area)}`;
}

export function cellCount(area: Area): number {
  return area.rowCount * area.columnCount;
}

export function areasIntersect(a: Area, b: Area): boolean {
  return a.row < b.row + b.rowCount && b.row < a.row + a.rowCount && a.column < b.column + b.columnCount && b.column < a.column + a.columnCount;
}

export function areaContains(outer: Area, inner: Area): boolean {
  return inner.row >= outer.row && inner.column >= outer.column && inner.row + inner.rowCount <= outer.row + outer.rowCount && inner.column + inner.columnCount <= outer.column + outer.columnCount;
}

export function cellArea(row: number, column: number, rowCount = 1, columnCount = 1): Area {
  return { row, column, rowCount, columnCount, kind: 'cells' };
}
