/** The fake workbook's contents: plain data the proxies read at sync and write when queued actions run. */
import { MAX_COLUMNS, type Area } from '../../../src/excel/ops/a1';

export type CellValue = string | number | boolean;

export interface Border {
  style: string;
  color: string;
}

export interface Font {
  bold: boolean;
  italic: boolean;
  color: string;
  size: number;
  name: string;
}

export interface Cell {
  value: CellValue;
  formula: string | null;
  numberFormat: string;
  font: Font;
  /** null: no fill (Excel reports it as #FFFFFF with pattern None). */
  fill: string | null;
  borders: { top: Border | null; bottom: Border | null; left: Border | null; right: Border | null };
  /** A data validation rule as JSON (Excel.DataValidationRule), or null. */
  validation: string | null;
}

export const DEFAULT_FONT: Font = { bold: false, italic: false, color: '#000000', size: 11, name: 'Calibri' };
export const DEFAULT_COLUMN_WIDTH = 48;
export const DEFAULT_ROW_HEIGHT = 15;

export function emptyCell(): Cell {
  return { value: '', formula: null, numberFormat: 'General', font: { ...DEFAULT_FONT }, fill: null, borders: { top: null, bottom: null, left: null, right: null }, validation: null };
}

export function isDefaultCell(c: Cell): boolean {
  const b = c.borders;
  return (
    c.value === '' && c.formula === null && c.numberFormat === 'General' && c.fill === null && c.validation === null &&
    !b.top && !b.bottom && !b.left && !b.right && JSON.stringify(c.font) === JSON.stringify(DEFAULT_FONT)
  );
}

export interface ConditionalFormatState {
  id: string;
  type: string;
  area: Area;
  /** Everything set on it (rule, criteria, format...), as JSON. */
  settings: Record<string, unknown>;
}

export interface ChartState {
  id: string;
  name: string;
  type: string;
  source: string;
  seriesBy: string;
  title: string;
  position: { start: string; end: string } | null;
}

export interface SheetState {
  id: string;
  name: string;
  visibility: string;
  /** Key: row * MAX_COLUMNS + column. Only non-default cells are kept. */
  cells: Map<number, Cell>;
  freeze: { rows: number; columns: number };
  columnWidths: Map<number, number>;
  rowHeights: Map<number, number>;
  conditionalFormats: ConditionalFormatState[];
  charts: ChartState[];
}

export interface TableState {
  id: string;
  name: string;
  sheetId: string;
  /** Header row included when showHeaders. */
  area: Area;
  showHeaders: boolean;
  style: string;
  /** Column index → Excel.FilterCriteria as JSON. */
  filters: Map<number, string>;
}

export interface NameState {
  name: string;
  formula: string;
  comment: string;
}

export interface PivotState {
  id: string;
  name: string;
  sheetId: string;
  source: string;
  destination: string;
  /** The source's header names. */
  fields: string[];
  rows: string[];
  values: { name: string; summarizeBy: string }[];
}

export class WorkbookState {
  sheets: SheetState[] = [];
  tables: TableState[] = [];
  names: NameState[] = [];
  pivots: PivotState[] = [];
  /** The selected cells (tests set it with FakeExcel.select); null means A1 of the first sheet, as in a new workbook. */
  selection: { sheetId: string; area: Area } | null = null;
  private nextId = 1;

  newId(prefix: string): string {
    return `{${prefix}-${this.nextId++}}`;
  }

  addSheet(name: string): SheetState {
    const sheet: SheetState = {
      id: this.newId('sheet'), name, visibility: 'Visible', cells: new Map(), freeze: { rows: 0, columns: 0 },
      columnWidths: new Map(), rowHeights: new Map(), conditionalFormats: [], charts: [],
    };
    this.sheets.push(sheet);
    return sheet;
  }

  sheetByName(name: string): SheetState | undefined {
    const lower = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === lower);
  }

  sheetById(id: string): SheetState | undefined {
    return this.sheets.find((s) => s.id === id);
  }

  tableByName(name: string): TableState | undefined {
    const lower = name.toLowerCase();
    return this.tables.find((t) => t.name.toLowerCase() === lower);
  }
}

export const cellKey = (row: number, column: number): number => row * MAX_COLUMNS + column;

export function getCell(sheet: SheetState, row: number, column: number): Cell {
  return sheet.cells.get(cellKey(row, column)) ?? emptyCell();
}

/** Stores a cell, dropping it when it is back to the default so the used range shrinks like Excel's. */
export function putCell(sheet: SheetState, row: number, column: number, cell: Cell): void {
  if (isDefaultCell(cell)) sheet.cells.delete(cellKey(row, column));
  else sheet.cells.set(cellKey(row, column), cell);
}

export function updateCell(sheet: SheetState, row: number, column: number, change: (cell: Cell) => void): void {
  const cell = structuredClone(getCell(sheet, row, column));
  change(cell);
  putCell(sheet, row, column, cell);
}

/** Bounding box of cells with values (valuesOnly) or of any non-default cell; null when there are none. */
export function usedArea(sheet: SheetState, valuesOnly: boolean): Area | null {
  let r0 = Infinity, c0 = Infinity, r1 = -1, c1 = -1;
  for (const [key, cell] of sheet.cells) {
    if (valuesOnly && cell.value === '' && cell.formula === null) continue;
    const r = Math.floor(key / MAX_COLUMNS);
    const c = key % MAX_COLUMNS;
    r0 = Math.min(r0, r); c0 = Math.min(c0, c); r1 = Math.max(r1, r); c1 = Math.max(c1, c);
  }
  if (r1 < 0) return null;
  return { row: r0, column: c0, rowCount: r1 - r0 + 1, columnCount: c1 - c0 + 1, kind: 'cells' };
}
