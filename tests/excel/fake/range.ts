/** Excel.Range: cell values, formulas, number formats, text, clears, sub-ranges, per-cell properties. */
import { cellCount, formatAddress, type Area } from '../../../src/excel/ops/a1';
import { FakeObject, type FakeContext } from './context';
import { invalidArgument, invalidOperation, notFound } from './errors';
import { getCell, putCell, updateCell, usedArea, emptyCell, type Cell, type CellValue, type SheetState } from './state';
import { FakeRangeFormat } from './format';
import { FakeConditionalFormatCollection, FakeDataValidation, FakeRangeSort } from './range-extras';
import type { FakeWorksheet } from './worksheet';

export const MAX_CELLS_PER_REQUEST = 5_000_000;

export interface RangeTarget {
  sheet: SheetState;
  area: Area;
}

type Grid<T> = T[][];

const CELL_LEVEL = new Set(['values', 'formulas', 'numberFormat', 'text', 'valueTypes']);

export class FakeRange extends FakeObject {
  protected readonly typeName = 'Range';
  protected readonly scalarProperties = ['address', 'values', 'formulas', 'numberFormat', 'text', 'rowCount', 'columnCount', 'cellCount', 'rowIndex', 'columnIndex', 'valueTypes'] as const;
  private resolved: RangeTarget | null = null;

  constructor(
    context: FakeContext,
    private readonly resolveTarget: () => RangeTarget | null,
    private readonly worksheetProxy: () => FakeWorksheet,
  ) {
    super(context);
  }

  /** The sheet and area, fixed at first use like an Excel range object. Throws ItemNotFound for a null object. */
  target(location = 'Range'): RangeTarget {
    if (!this.resolved) this.resolved = this.resolveTarget();
    if (!this.resolved) throw notFound('The range does not exist.', location);
    return this.resolved;
  }

  get address(): string { return this.get('address'); }
  get values(): Grid<CellValue> { return this.get('values'); }
  set values(v: Grid<CellValue | null> | CellValue) { this.set('values', v, () => this.writeCells('values', v, (cell, x) => assignValue(cell, x))); }
  get formulas(): Grid<CellValue> { return this.get('formulas'); }
  set formulas(v: Grid<CellValue | null> | CellValue) { this.set('formulas', v, () => this.writeCells('formulas', v, (cell, x) => assignValue(cell, x))); }
  get numberFormat(): Grid<string> { return this.get('numberFormat'); }
  set numberFormat(v: Grid<string | null> | string) { this.set('numberFormat', v, () => this.writeCells('numberFormat', v, (cell, x) => { cell.numberFormat = String(x); })); }
  get text(): Grid<string> { return this.get('text'); }
  get valueTypes(): Grid<string> { return this.get('valueTypes'); }
  get rowCount(): number { return this.get('rowCount'); }
  get columnCount(): number { return this.get('columnCount'); }
  get cellCount(): number { return this.get('cellCount'); }
  get rowIndex(): number { return this.get('rowIndex'); }
  get columnIndex(): number { return this.get('columnIndex'); }
  get isNullObject(): boolean { return this.get('isNullObject'); }

  get worksheet(): FakeWorksheet { return this.worksheetProxy(); }
  get format(): FakeRangeFormat { return this.child('format', () => new FakeRangeFormat(this.context, this)); }
  get conditionalFormats(): FakeConditionalFormatCollection { return this.child('conditionalFormats', () => new FakeConditionalFormatCollection(this.context, this)); }
  get dataValidation(): FakeDataValidation { return this.child('dataValidation', () => new FakeDataValidation(this.context, this)); }
  get sort(): FakeRangeSort { return this.child('sort', () => new FakeRangeSort(this.context, this)); }

  private readonly children = new Map<string, unknown>();
  private child<T>(name: string, make: () => T): T {
    let c = this.children.get(name);
    if (!c) this.children.set(name, (c = make()));
    return c as T;
  }

  protected override navigate(name: string): FakeObject | undefined {
    if (name === 'format') return this.format;
    if (name === 'worksheet') return this.worksheet;
    if (name === 'dataValidation') return this.dataValidation;
    if (name === 'conditionalFormats') return this.conditionalFormats;
    return undefined;
  }

  protected readProperty(name: string): unknown {
    if (name === 'isNullObject') {
      if (!this.resolved) this.resolved = this.resolveTarget();
      return this.resolved === null;
    }
    if (!this.resolved) this.resolved = this.resolveTarget();
    if (!this.resolved) return null;
    const { sheet, area } = this.resolved;
    if (CELL_LEVEL.has(name)) {
      // Unbounded ranges ("A:C", "2:5") answer null for cell-level properties, as documented for Excel.
      if (area.kind !== 'cells') return null;
      checkCellCount(area, `Range.${name}`);
      return grid(area, (r, c) => cellProperty(getCell(sheet, r, c), name));
    }
    switch (name) {
      case 'address': return formatAddress(sheet.name, area);
      case 'rowCount': return area.rowCount;
      case 'columnCount': return area.columnCount;
      case 'cellCount': return cellCount(area);
      case 'rowIndex': return area.row;
      case 'columnIndex': return area.column;
      default: throw invalidArgument(`Range has no property "${name}"`, 'Range.load');
    }
  }

  private writeCells<T>(property: string, input: Grid<T | null> | T, assign: (cell: Cell, value: T) => void): void {
    const { sheet, area } = this.target(`Range.${property}`);
    if (area.kind !== 'cells') throw invalidOperation('Cell-level properties cannot be set on whole rows or columns', `Range.${property}`);
    checkCellCount(area, `Range.${property}`);
    const scalar = !Array.isArray(input);
    if (!scalar) {
      const rows = input as Grid<T | null>;
      if (rows.length !== area.rowCount || rows.some((row) => !Array.isArray(row) || row.length !== area.columnCount)) {
        throw invalidArgument("The number of rows or columns in the input array doesn't match the size or dimensions of the range", `Range.${property}`);
      }
    }
    for (let i = 0; i < area.rowCount; i++) {
      for (let j = 0; j < area.columnCount; j++) {
        const value = scalar ? (input as T) : (input as Grid<T | null>)[i]?.[j];
        // A null in the input leaves that cell unchanged, as in Office.js.
        if (value === null || value === undefined) continue;
        updateCell(sheet, area.row + i, area.column + j, (cell) => assign(cell, value));
      }
    }
  }

  clear(applyTo: string = 'All'): void {
    this.call('clear', { applyTo }, () => {
      const { sheet, area } = this.target('Range.clear');
      forEachCell(area, (r, c) => updateCell(sheet, r, c, (cell) => {
        if (applyTo === 'All' || applyTo === 'Contents') { cell.value = ''; cell.formula = null; }
        if (applyTo === 'All' || applyTo === 'Formats') {
          const blank = emptyCell();
          cell.numberFormat = blank.numberFormat; cell.font = blank.font; cell.fill = null; cell.borders = blank.borders;
        }
      }));
    });
  }

  /** Shifts the cells at and below (Down) or right of (Right) this range to make room. */
  insert(shift: 'Down' | 'Right'): FakeRange {
    this.call('insert', { shift }, () => {
      const { sheet, area } = this.target('Range.insert');
      shiftCells(sheet, area, shift === 'Down' ? 'down' : 'right');
    });
    return this.sub((t) => t.area);
  }

  /** Removes the cells and shifts the ones below up (Up) or right of it left (Left). */
  delete(shift: 'Up' | 'Left'): void {
    this.call('delete', { shift }, () => {
      const { sheet, area } = this.target('Range.delete');
      shiftCells(sheet, area, shift === 'Up' ? 'up' : 'left');
    });
  }

  getCell(row: number, column: number): FakeRange {
    return this.sub((t) => ({ row: t.area.row + row, column: t.area.column + column, rowCount: 1, columnCount: 1, kind: 'cells' }));
  }

  getRow(row: number): FakeRange {
    return this.sub((t) => ({ ...t.area, row: t.area.row + row, rowCount: 1, kind: 'cells' }));
  }

  getColumn(column: number): FakeRange {
    return this.sub((t) => ({ ...t.area, column: t.area.column + column, columnCount: 1, kind: 'cells' }));
  }

  getResizedRange(deltaRows: number, deltaColumns: number): FakeRange {
    return this.sub((t) => ({ ...t.area, rowCount: t.area.rowCount + deltaRows, columnCount: t.area.columnCount + deltaColumns, kind: 'cells' }));
  }

  getOffsetRange(rowOffset: number, columnOffset: number): FakeRange {
    return this.sub((t) => ({ ...t.area, row: t.area.row + rowOffset, column: t.area.column + columnOffset }));
  }

  getUsedRange(valuesOnly = false): FakeRange {
    return this.sub((t) => clip(usedArea(t.sheet, valuesOnly), t.area) ?? thrown(notFound('There are no used cells in the range.', 'Range.getUsedRange')));
  }

  getUsedRangeOrNullObject(valuesOnly = false): FakeRange {
    return new FakeRange(this.context, () => {
      const t = this.target();
      const a = clip(usedArea(t.sheet, valuesOnly), t.area);
      return a ? { sheet: t.sheet, area: a } : null;
    }, this.worksheetProxy);
  }

  /** Per-cell formats (ExcelApi 1.9). Only the parts the fake models: font, fill, borders. */
  getCellProperties(_select: unknown): { value: Grid<CellPropertiesJson> } & ReturnType<FakeObject['toJSON']> {
    return this.callWithResult('getCellProperties', _select, () => {
      const { sheet, area } = this.target('Range.getCellProperties');
      checkCellCount(area, 'Range.getCellProperties');
      return grid(area, (r, c) => cellProperties(getCell(sheet, r, c)));
    }) as unknown as { value: Grid<CellPropertiesJson> } & ReturnType<FakeObject['toJSON']>;
  }

  setCellProperties(values: Grid<CellPropertiesJson>): void {
    this.call('setCellProperties', values, () => {
      const { sheet, area } = this.target('Range.setCellProperties');
      if (values.length !== area.rowCount || values.some((row) => row.length !== area.columnCount)) {
        throw invalidArgument("The number of rows or columns in the input array doesn't match the size or dimensions of the range", 'Range.setCellProperties');
      }
      forEachCell(area, (r, c) => updateCell(sheet, r, c, (cell) => applyCellProperties(cell, values[r - area.row]?.[c - area.column])));
    });
  }

  private sub(areaOf: (t: RangeTarget) => Area): FakeRange {
    return new FakeRange(this.context, () => {
      const t = this.target();
      return { sheet: t.sheet, area: areaOf(t) };
    }, this.worksheetProxy);
  }
}

export interface CellPropertiesJson {
  format?: {
    font?: Partial<{ bold: boolean; italic: boolean; color: string; size: number; name: string }>;
    fill?: Partial<{ color: string; pattern: string }>;
    borders?: Partial<Record<'top' | 'bottom' | 'left' | 'right', Partial<{ style: string; color: string }>>>;
  };
}

function cellProperties(cell: Cell): CellPropertiesJson {
  const border = (b: { style: string; color: string } | null) => b ?? { style: 'None', color: '#000000' };
  return {
    format: {
      font: { ...cell.font },
      fill: cell.fill ? { color: cell.fill, pattern: 'Solid' } : { color: '#FFFFFF', pattern: 'None' },
      borders: { top: border(cell.borders.top), bottom: border(cell.borders.bottom), left: border(cell.borders.left), right: border(cell.borders.right) },
    },
  };
}

function applyCellProperties(cell: Cell, props: CellPropertiesJson | undefined): void {
  const f = props?.format;
  if (!f) return;
  if (f.font) Object.assign(cell.font, f.font);
  if (f.fill) {
    if (f.fill.pattern === 'None') cell.fill = null;
    else if (f.fill.color) cell.fill = f.fill.color.toUpperCase();
  }
  for (const side of ['top', 'bottom', 'left', 'right'] as const) {
    const b = f.borders?.[side];
    if (!b) continue;
    cell.borders[side] = !b.style || b.style === 'None' ? null : { style: b.style, color: (b.color ?? '#000000').toUpperCase() };
  }
}

function assignValue(cell: Cell, value: CellValue): void {
  if (typeof value === 'string' && value.startsWith('=') && value.length > 1) {
    // The fake does not calculate: a formula cell's value reads back as its formula text.
    cell.formula = value;
    cell.value = value;
  } else {
    cell.formula = null;
    cell.value = value;
  }
}

function cellProperty(cell: Cell, name: string): unknown {
  switch (name) {
    case 'values': return cell.value;
    case 'formulas': return cell.formula ?? cell.value;
    case 'numberFormat': return cell.numberFormat;
    case 'text': return typeof cell.value === 'boolean' ? (cell.value ? 'TRUE' : 'FALSE') : String(cell.value);
    case 'valueTypes': return cell.value === '' ? 'Empty' : typeof cell.value === 'number' ? 'Double' : typeof cell.value === 'boolean' ? 'Boolean' : 'String';
    default: return null;
  }
}

export function checkCellCount(area: Area, location: string): void {
  if (cellCount(area) > MAX_CELLS_PER_REQUEST) {
    throw invalidOperation(`The range has ${cellCount(area).toLocaleString('en-US')} cells; a single request can read or write at most 5,000,000`, location);
  }
}

export function grid<T>(area: Area, cell: (row: number, column: number) => T): Grid<T> {
  return Array.from({ length: area.rowCount }, (_, i) => Array.from({ length: area.columnCount }, (_, j) => cell(area.row + i, area.column + j)));
}

export function forEachCell(area: Area, fn: (row: number, column: number) => void): void {
  for (let i = 0; i < area.rowCount; i++) for (let j = 0; j < area.columnCount; j++) fn(area.row + i, area.column + j);
}

function clip(a: Area | null, within: Area): Area | null {
  if (!a) return null;
  const r0 = Math.max(a.row, within.row), c0 = Math.max(a.column, within.column);
  const r1 = Math.min(a.row + a.rowCount, within.row + within.rowCount), c1 = Math.min(a.column + a.columnCount, within.column + within.columnCount);
  return r1 > r0 && c1 > c0 ? { row: r0, column: c0, rowCount: r1 - r0, columnCount: c1 - c0, kind: 'cells' } : null;
}

function thrown(e: Error): never {
  throw e;
}

/** Moves whole cells so an area opens (down/right) or closes (up/left), like Excel's insert and delete. */
function shiftCells(sheet: SheetState, area: Area, direction: 'down' | 'right' | 'up' | 'left'): void {
  const vertical = direction === 'down' || direction === 'up';
  const moved: [number, number, Cell][] = [];
  const remove: [number, number][] = [];
  for (const [key] of sheet.cells) {
    const r = Math.floor(key / 16384), c = key % 16384;
    const inBand = vertical ? c >= area.column && c < area.column + area.columnCount : r >= area.row && r < area.row + area.rowCount;
    if (!inBand) continue;
    const pos = vertical ? r : c;
    const start = vertical ? area.row : area.column;
    const size = vertical ? area.rowCount : area.columnCount;
    if (pos < start) continue;
    const cell = getCell(sheet, r, c);
    remove.push([r, c]);
    if (direction === 'down' || direction === 'right') moved.push(vertical ? [r + size, c, cell] : [r, c + size, cell]);
    else if (pos >= start + size) moved.push(vertical ? [r - size, c, cell] : [r, c - size, cell]);
  }
  for (const [r, c] of remove) sheet.cells.delete(r * 16384 + c);
  for (const [r, c, cell] of moved) putCell(sheet, r, c, cell);
}
