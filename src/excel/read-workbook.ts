/**
 * Reads the open workbook (every sheet, chosen sheets, or the selection) into a
 * WorkbookSnapshot, in row slices small enough for Office.js's payload limit, and turns
 * the snapshot into an ordinary .xlsx input for the sandbox (our own Python makes it:
 * the worker's snapshotToXlsx call).
 */
import type { CellValue, InputFile, SandboxError, SnapshotSheet, SnapshotTable, WorkbookSnapshot } from '../../workers/api';
import type { WorkbookPython } from '../sandbox/sandbox-client';
import {
  DEFAULT_CHUNK_LIMITS,
  ExcelStop,
  INITIAL_BYTES_PER_CELL,
  describeExcelError,
  isPayloadError,
  rowsForNextRead,
  throwIfCancelled,
  type ChunkLimits,
  type ChunkProgress,
  type ExcelResult,
  type RunExcel,
} from './chunks';
import { FormatRuns } from './number-formats';
import { columnLetters } from './ops/a1';

export type ReadScope = { kind: 'all' } | { kind: 'sheets'; names: string[] } | { kind: 'selection' };

export interface ReadOptions {
  scope?: ReadScope;
  onProgress?: (progress: ChunkProgress) => void;
  signal?: AbortSignal;
  limits?: ChunkLimits;
}

interface Area {
  row: number;
  column: number;
  rowCount: number;
  columnCount: number;
}

interface SheetPlan {
  name: string;
  area: Area | null;
  tables: SnapshotTable[];
}

/** "Sheet1!B3:F120" or "'My sheet'!B3" → "B3:F120" / "B3". */
export function localAddress(address: string): string {
  const bang = address.lastIndexOf('!');
  return bang < 0 ? address : address.slice(bang + 1);
}

export function areaAddress(area: Area): string {
  const first = `${columnLetters(area.column)}${area.row + 1}`;
  const last = `${columnLetters(area.column + area.columnCount - 1)}${area.row + area.rowCount}`;
  return first === last ? first : `${first}:${last}`;
}

function intersect(a: Area, b: Area): Area | null {
  const row = Math.max(a.row, b.row);
  const column = Math.max(a.column, b.column);
  const rowEnd = Math.min(a.row + a.rowCount, b.row + b.rowCount);
  const columnEnd = Math.min(a.column + a.columnCount, b.column + b.columnCount);
  return rowEnd > row && columnEnd > column ? { row, column, rowCount: rowEnd - row, columnCount: columnEnd - column } : null;
}

const inside = (inner: Area, outer: Area): boolean => {
  const both = intersect(inner, outer);
  return both !== null && both.rowCount === inner.rowCount && both.columnCount === inner.columnCount;
};

type AreaProxy = Pick<Excel.Range, 'rowIndex' | 'columnIndex' | 'rowCount' | 'columnCount'>;
const areaOf = (r: AreaProxy): Area => ({ row: r.rowIndex, column: r.columnIndex, rowCount: r.rowCount, columnCount: r.columnCount });

/** Sheets to read, their used (or selected) areas and their tables: one batch, no cell data. */
async function planSheets(runExcel: RunExcel, scope: ReadScope): Promise<SheetPlan[]> {
  return runExcel(async (context) => {
    const sheets = context.workbook.worksheets.load('items/name');
    const selection = scope.kind === 'selection' ? context.workbook.getSelectedRange().load('rowIndex,columnIndex,rowCount,columnCount') : null;
    const selectedSheet = selection ? selection.worksheet.load('name') : null;
    await context.sync();
    const all = sheets.items.map((s) => s.name);
    let names = all;
    if (scope.kind === 'sheets') {
      const missing = scope.names.filter((n) => !all.some((a) => a.toLowerCase() === n.toLowerCase()));
      if (missing.length > 0) {
        throw new ExcelStop({ kind: 'not-found', message: `This workbook has no sheet named ${missing.map((m) => `“${m}”`).join(', ')}. Its sheets are: ${all.join(', ')}.` });
      }
      names = all.filter((a) => scope.names.some((n) => n.toLowerCase() === a.toLowerCase()));
    }
    if (selectedSheet) names = [selectedSheet.name];
    const found = names.map((name) => {
      const ws = context.workbook.worksheets.getItem(name);
      return {
        name,
        used: ws.getUsedRangeOrNullObject(true).load('isNullObject,rowIndex,columnIndex,rowCount,columnCount'),
        tables: ws.tables.load('items/name,items/showHeaders'),
      };
    });
    await context.sync();
    const tableRanges = found.map((f) =>
      f.tables.items.map((t) => ({
        name: t.name,
        range: t.getRange().load('address,rowIndex,columnIndex,rowCount,columnCount'),
        header: t.showHeaders ? t.getHeaderRowRange().load('values') : null,
      })),
    );
    await context.sync();
    return found.map((f, i): SheetPlan => {
      let area = f.used.isNullObject ? null : areaOf(f.used);
      const tables = (tableRanges[i] ?? []).map((t) => ({
        name: t.name,
        address: localAddress(t.range.address),
        headers: (t.header?.values[0] ?? []).map((h) => String(h)),
        area: areaOf(t.range),
      }));
      if (selection) area = area ? intersect(area, areaOf(selection)) : null;
      const kept = tables.filter((t) => area !== null && inside(t.area, area));
      return { name: f.name, area, tables: kept.map(({ name, address, headers }) => ({ name, address, headers })) };
    });
  });
}

/** One row slice: values and number formats, in a batch of its own. */
async function readSlice(runExcel: RunExcel, sheet: string, area: Area, offset: number, rows: number) {
  return runExcel(async (context) => {
    const range = context.workbook.worksheets
      .getItem(sheet)
      .getRangeByIndexes(area.row + offset, area.column, rows, area.columnCount)
      .load('values,numberFormat');
    await context.sync();
    return { values: range.values as unknown[][], formats: range.numberFormat as unknown[][] };
  });
}

function cellValue(v: unknown): CellValue {
  if (v === '' || v === undefined || v === null) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return String(v);
}

async function readSheet(runExcel: RunExcel, plan: SheetPlan, options: Required<Pick<ReadOptions, 'limits'>> & ReadOptions, progress: { done: number; total: number }): Promise<SnapshotSheet> {
  const { area } = plan;
  const sheet: SnapshotSheet = { name: plan.name, address: area ? areaAddress(area) : null, startRow: area?.row ?? 0, startColumn: area?.column ?? 0, values: [], formats: { columns: [], runs: [] }, tables: plan.tables };
  if (!area) return sheet;
  const formats = new FormatRuns(area.columnCount);
  let bytesPerRow = area.columnCount * INITIAL_BYTES_PER_CELL;
  let offset = 0;
  while (offset < area.rowCount) {
    throwIfCancelled(options.signal, 'Reading the workbook');
    let rows = rowsForNextRead(bytesPerRow, area.columnCount, area.rowCount - offset, options.limits);
    let slice: Awaited<ReturnType<typeof readSlice>> | undefined;
    while (!slice) {
      try {
        slice = await readSlice(runExcel, plan.name, area, offset, rows);
      } catch (e) {
        // The estimate was too low for these rows (long text): read half as many.
        if (!isPayloadError(e) || rows === 1) throw e;
        rows = Math.ceil(rows / 2);
      }
    }
    const bytes = JSON.stringify(slice.values).length + JSON.stringify(slice.formats).length;
    bytesPerRow = Math.max(bytesPerRow / 2, bytes / rows);
    slice.values.forEach((row, i) => {
      const values = row.map(cellValue);
      sheet.values.push(values);
      formats.add(offset + i, values, slice.formats[i] ?? []);
    });
    offset += rows;
    progress.done += rows;
    options.onProgress?.({ rowsDone: progress.done, totalRows: progress.total, sheet: plan.name });
  }
  sheet.formats = formats.result();
  return sheet;
}

/** The open workbook as a snapshot; failures (including a cancel) come back as values. */
export async function readWorkbook(runExcel: RunExcel, options: ReadOptions = {}): Promise<ExcelResult<WorkbookSnapshot>> {
  const settings = { ...options, limits: options.limits ?? DEFAULT_CHUNK_LIMITS };
  try {
    throwIfCancelled(options.signal, 'Reading the workbook');
    const plans = await planSheets(runExcel, options.scope ?? { kind: 'all' });
    const progress = { done: 0, total: plans.reduce((n, p) => n + (p.area?.rowCount ?? 0), 0) };
    const sheets: SnapshotSheet[] = [];
    for (const plan of plans) sheets.push(await readSheet(runExcel, plan, settings, progress));
    return { ok: true, value: { version: 1, sheets } };
  } catch (e) {
    return { ok: false, error: describeExcelError(e, 'reading the workbook') };
  }
}

// ---------------------------------------------------------------------------
// Snapshot → .xlsx in the sandbox

export const OPEN_WORKBOOK_NAME = 'Open workbook.xlsx';

/**
 * The snapshot as an .xlsx the sandbox sees like any other input file
 * (tables with their names, number formats, dates as dates).
 */
export async function snapshotToInput(python: WorkbookPython, snapshot: WorkbookSnapshot, options: { name?: string; signal?: AbortSignal } = {}): Promise<{ ok: true; file: InputFile } | { ok: false; error: SandboxError }> {
  const name = options.name ?? OPEN_WORKBOOK_NAME;
  const made = await python.snapshotToXlsx(snapshot, name, options.signal ? { signal: options.signal } : {});
  if (!made.ok) return { ok: false, error: { ...made.error, message: `The open workbook could not be turned into a file for Python: ${made.error.message}` } };
  return { ok: true, file: { name, bytes: made.value.bytes } };
}
