/**
 * Writes a result (headers and rows) into the open workbook as a real Excel table: into a
 * new sheet, or at a chosen cell after the user approved overwriting what is there.
 * Rows go in slices under the payload limit, with progress and cancel. Before the first
 * cell changes, an undo snapshot is taken and handed to the caller to keep; if anything
 * fails half-way, what was written is removed again.
 */
import {
  DEFAULT_CHUNK_LIMITS,
  ExcelStop,
  INITIAL_BYTES_PER_CELL,
  describeExcelError,
  isPayloadError,
  failure,
  rowsForNextRead,
  rowsThatFit,
  throwIfCancelled,
  type CellValue,
  type ChunkLimits,
  type ChunkProgress,
  type ExcelResult,
  type RunExcel,
} from './chunks';
import { columnIndex } from './ops/a1';
import { areaAddress } from './read-workbook';

export type WriteTarget =
  /** A new sheet named after `sheetName` (made unique: "Result", "Result (2)"...). */
  | { kind: 'new-sheet'; sheetName?: string }
  /** At `topLeft` (e.g. "B2") on an existing sheet. */
  | { kind: 'existing'; sheetName: string; topLeft: string };

export interface ResultRows {
  headers: string[];
  /** Data rows, header excluded. */
  rowCount: number;
  /** The rows, page by page (read once). */
  pages: Iterable<CellValue[][]> | AsyncIterable<CellValue[][]>;
  /** A number format per column (dates, percentages), or null. */
  numberFormats?: (string | null)[];
}

interface Area {
  row: number;
  column: number;
  rowCount: number;
  columnCount: number;
}

export interface WritePlace {
  sheetName: string;
  /** Header row included, e.g. "B2:F1001". */
  address: string;
  area: Area;
  newSheet: boolean;
}

export interface WritePreview extends WritePlace {
  /** Cells in the place that hold a value or a formula now. */
  nonEmptyCells: number;
  /** A few of them, to show the user. */
  examples: { address: string; value: CellValue }[];
}

/** What "Undo" needs to put the workbook back. Plain JSON, kept in the undo store. */
export type WriteUndo =
  | { kind: 'new-sheet'; label: string; sheetName: string; tableName: string }
  | {
      kind: 'range';
      label: string;
      sheetName: string;
      address: string;
      area: Area;
      /** The table this write created there, removed first on undo. */
      tableName: string;
      /** What the cells held: formulas where there were formulas, values otherwise ("" when empty). */
      formulas: CellValue[][];
      numberFormats: string[][];
    };

export interface WriteOutcome {
  sheetName: string;
  address: string;
  tableName: string;
  rowsWritten: number;
  undo: WriteUndo;
}

export interface WriteOptions {
  /** Must be true to write over cells that hold data (see previewWrite). */
  approvedOverwrite?: boolean;
  /** Wanted table name; made unique and valid. Default: the sheet name. */
  tableName?: string;
  onProgress?: (progress: ChunkProgress) => void;
  signal?: AbortSignal;
  limits?: ChunkLimits;
  /** Keeps the undo snapshot (e.g. in IndexedDB); nothing is written if it fails. */
  saveUndo?: (undo: WriteUndo) => Promise<{ ok: true } | { ok: false; message: string }>;
}

const MAX_ROWS = 1_048_576;
const MAX_COLUMNS = 16_384;
const EXAMPLES = 5;

/** "B2" → { row: 1, column: 1 }; null when it is not a single cell. */
export function parseCell(text: string): { row: number; column: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(text.trim());
  if (!m) return null;
  const row = Number(m[2]) - 1;
  const column = columnIndex(m[1] ?? '');
  return row >= 0 && row < MAX_ROWS && column < MAX_COLUMNS ? { row, column } : null;
}

/** Excel's sheet-name rules: ≤ 31 characters, none of : \ / ? * [ ], not blank, no edge apostrophes. */
export function cleanSheetName(wanted: string): string {
  const cleaned = wanted.replace(/[:\\/?*[\]]/g, ' ').replace(/^'+|'+$/g, '').trim().slice(0, 31).trim();
  return cleaned === '' ? 'Result' : cleaned;
}

export function uniqueName(wanted: string, taken: readonly string[], maxLength: number): string {
  const lower = new Set(taken.map((t) => t.toLowerCase()));
  if (!lower.has(wanted.toLowerCase())) return wanted;
  for (let n = 2; ; n += 1) {
    const suffix = ` (${n})`;
    const name = wanted.slice(0, maxLength - suffix.length).trimEnd() + suffix;
    if (!lower.has(name.toLowerCase())) return name;
  }
}

/** Table names: a letter or underscore first, then letters, digits, _ or . (no spaces), not a cell address. */
export function cleanTableName(wanted: string): string {
  let name = wanted.replace(/[^A-Za-z0-9_.]+/g, '_').replace(/_+$/, '').replace(/^[^A-Za-z_]+/, '');
  if (name === '' || /^[A-Za-z]{1,3}\d+$/.test(name) || /^[RrCc]$/.test(name)) name = `Result_${name}`;
  return name.slice(0, 255);
}

function uniqueTableName(wanted: string, taken: readonly string[]): string {
  const lower = new Set(taken.map((t) => t.toLowerCase()));
  const base = cleanTableName(wanted);
  if (!lower.has(base.toLowerCase())) return base;
  for (let n = 2; ; n += 1) if (!lower.has(`${base}_${n}`.toLowerCase())) return `${base}_${n}`;
}

/** Rows a table of `dataRows` takes: its header, and at least one data row (Excel adds a blank one to an empty table). */
const tableRows = (dataRows: number): number => Math.max(1, dataRows) + 1;

const overlaps = (a: Area, b: Area): boolean =>
  a.row < b.row + b.rowCount && b.row < a.row + a.rowCount && a.column < b.column + b.columnCount && b.column < a.column + a.columnCount;

type AreaProxy = Pick<Excel.Range, 'rowIndex' | 'columnIndex' | 'rowCount' | 'columnCount'>;
const areaOf = (r: AreaProxy): Area => ({ row: r.rowIndex, column: r.columnIndex, rowCount: r.rowCount, columnCount: r.columnCount });

/** Where a result of `rows` × `columns` (header included) would go; refuses places Excel cannot take. */
async function resolvePlace(runExcel: RunExcel, target: WriteTarget, rows: number, columns: number): Promise<WritePlace> {
  if (columns < 1) throw new ExcelStop({ kind: 'invalid', message: 'The result has no columns, so there is nothing to insert.' });
  return runExcel(async (context) => {
    const sheets = context.workbook.worksheets.load('items/name');
    await context.sync();
    const names = sheets.items.map((s) => s.name);
    if (target.kind === 'new-sheet') {
      const sheetName = uniqueName(cleanSheetName(target.sheetName ?? 'Result'), names, 31);
      const area = { row: 0, column: 0, rowCount: rows, columnCount: columns };
      if (rows > MAX_ROWS || columns > MAX_COLUMNS) throw new ExcelStop({ kind: 'invalid', message: `The result has ${rows - 1} rows and ${columns} columns; a sheet holds at most ${MAX_ROWS - 1} rows and ${MAX_COLUMNS} columns. Download it instead.` });
      return { sheetName, address: areaAddress(area), area, newSheet: true };
    }
    const sheetName = names.find((n) => n.toLowerCase() === target.sheetName.toLowerCase());
    if (!sheetName) throw new ExcelStop({ kind: 'not-found', message: `This workbook has no sheet named “${target.sheetName}”. Its sheets are: ${names.join(', ')}.` });
    const cell = parseCell(target.topLeft);
    if (!cell) throw new ExcelStop({ kind: 'invalid', message: `“${target.topLeft}” is not a cell such as B2. Give the top-left cell where the result should start.` });
    const area = { ...cell, rowCount: rows, columnCount: columns };
    if (area.row + rows > MAX_ROWS || area.column + columns > MAX_COLUMNS) {
      throw new ExcelStop({ kind: 'invalid', message: `The result (${rows} rows with its header, ${columns} columns) does not fit below and to the right of ${target.topLeft}. Choose a cell higher up or further left, or insert it into a new sheet.` });
    }
    const tables = context.workbook.worksheets.getItem(sheetName).tables.load('items/name');
    await context.sync();
    const ranges = tables.items.map((t) => ({ name: t.name, range: t.getRange().load('rowIndex,columnIndex,rowCount,columnCount') }));
    await context.sync();
    const hit = ranges.find((t) => overlaps(areaOf(t.range), area));
    if (hit) throw new ExcelStop({ kind: 'invalid', message: `The result would overlap the table “${hit.name}” on ${sheetName}, and Excel tables cannot overlap. Choose another cell or insert it into a new sheet.` });
    return { sheetName, address: areaAddress(area), area, newSheet: false };
  });
}

/** Reads a place in row slices: what Undo needs to restore it, and what is there now. */
async function readPlace(runExcel: RunExcel, place: WritePlace, limits: ChunkLimits, signal: AbortSignal | undefined) {
  const formulas: CellValue[][] = [];
  const numberFormats: string[][] = [];
  const { area } = place;
  let offset = 0;
  while (offset < area.rowCount) {
    throwIfCancelled(signal, 'Checking the place to write');
    let rows = rowsForNextRead(area.columnCount * INITIAL_BYTES_PER_CELL, area.columnCount, area.rowCount - offset, limits);
    let slice: { formulas: CellValue[][]; numberFormats: string[][] } | undefined;
    while (!slice) {
      try {
        slice = await runExcel(async (context) => {
          const range = context.workbook.worksheets.getItem(place.sheetName).getRangeByIndexes(area.row + offset, area.column, rows, area.columnCount).load('formulas,numberFormat');
          await context.sync();
          return { formulas: range.formulas as CellValue[][], numberFormats: range.numberFormat as string[][] };
        });
      } catch (e) {
        // Long text made the answer too large: read half as many rows.
        if (!isPayloadError(e) || rows === 1) throw e;
        rows = Math.ceil(rows / 2);
      }
    }
    formulas.push(...slice.formulas);
    numberFormats.push(...slice.numberFormats);
    offset += rows;
  }
  return { formulas, numberFormats };
}

function summarize(place: WritePlace, formulas: CellValue[][]): WritePreview {
  let nonEmptyCells = 0;
  const examples: WritePreview['examples'] = [];
  formulas.forEach((row, r) =>
    row.forEach((value, c) => {
      if (value === '' || value === null) return;
      nonEmptyCells += 1;
      if (examples.length < EXAMPLES) examples.push({ address: areaAddress({ row: place.area.row + r, column: place.area.column + c, rowCount: 1, columnCount: 1 }), value });
    }),
  );
  return { ...place, nonEmptyCells, examples };
}

/** Where the result would go and which non-empty cells it would overwrite. Changes nothing. */
export async function previewWrite(runExcel: RunExcel, target: WriteTarget, shape: { rows: number; columns: number }, options: { signal?: AbortSignal; limits?: ChunkLimits } = {}): Promise<ExcelResult<WritePreview>> {
  try {
    const place = await resolvePlace(runExcel, target, tableRows(shape.rows), shape.columns);
    if (place.newSheet) return { ok: true, value: { ...place, nonEmptyCells: 0, examples: [] } };
    const { formulas } = await readPlace(runExcel, place, options.limits ?? DEFAULT_CHUNK_LIMITS, options.signal);
    return { ok: true, value: summarize(place, formulas) };
  } catch (e) {
    return { ok: false, error: describeExcelError(e, 'checking where to write the result') };
  }
}

/**
 * Strings Excel would read as something else when written through `values` (numbers,
 * dates, TRUE) keep their text with a leading apostrophe, as when typed.
 */
export function asExcelInput(value: CellValue): string | number | boolean {
  if (value === null) return '';
  if (typeof value !== 'string') return value;
  if (/^\s*[-+]?[$€£¥]?\s*[\d.,]+(e[-+]?\d+)?\s*%?\s*$/i.test(value) && /\d/.test(value)) return `'${value}`;
  if (/^\s*\d{1,2}:\d{2}(:\d{2})?\s*([ap]m)?\s*$/i.test(value)) return `'${value}`;
  if (/^\s*\d{1,4}[-/.]\d{1,2}([-/.]\d{1,4})?(\s.*)?$/.test(value) || /^(true|false)$/i.test(value.trim()) || value.startsWith("'")) return `'${value}`;
  return value;
}

async function* pagesOf(pages: ResultRows['pages']): AsyncGenerator<CellValue[][]> {
  for await (const page of pages) yield page;
}

async function writeSlice(runExcel: RunExcel, sheetName: string, row: number, column: number, rows: CellValue[][], formats: (string | null)[]): Promise<void> {
  await runExcel(async (context) => {
    const ws = context.workbook.worksheets.getItem(sheetName);
    const width = rows[0]?.length ?? 0;
    formats.forEach((format, c) => {
      if (format) ws.getRangeByIndexes(row, column + c, rows.length, 1).numberFormat = rows.map(() => [format]);
    });
    ws.getRangeByIndexes(row, column, rows.length, width).values = rows.map((r) => r.map(asExcelInput));
    await context.sync();
  });
}

/** Rows of the result in slices under the limits; returns how many data rows went in. */
async function writeRows(runExcel: RunExcel, place: WritePlace, data: ResultRows, options: WriteOptions, limits: ChunkLimits): Promise<number> {
  const { area } = place;
  const width = data.headers.length;
  const formats = Array.from({ length: width }, (_, c) => data.numberFormats?.[c] ?? null);
  const formatBytes = formats.reduce((n, f) => n + (f ? f.length + 6 : 0), 0);
  const report = (done: number) => options.onProgress?.({ rowsDone: done, totalRows: data.rowCount, sheet: place.sheetName });
  await writeSlice(runExcel, place.sheetName, area.row, area.column, [data.headers], []);
  let done = 0;
  report(0);
  for await (const page of pagesOf(data.pages)) {
    let start = 0;
    while (start < page.length) {
      throwIfCancelled(options.signal, 'Inserting the result');
      const count = rowsThatFit(page, start, width, limits, formatBytes);
      if (done + count > data.rowCount) throw new ExcelStop({ kind: 'invalid', message: `The result has more rows than the ${data.rowCount} announced; nothing was kept. This is a bug in the add-in, please report it.` });
      const rows = page.slice(start, start + count).map((r) => Array.from({ length: width }, (_, c) => r[c] ?? null));
      await writeSlice(runExcel, place.sheetName, area.row + 1 + done, area.column, rows, formats);
      start += count;
      done += count;
      report(done);
    }
  }
  return done;
}

async function chooseTableName(runExcel: RunExcel, wanted: string): Promise<string> {
  return runExcel(async (context) => {
    const all = context.workbook.tables.load('items/name');
    await context.sync();
    return uniqueTableName(wanted, all.items.map((t) => t.name));
  });
}

async function makeTable(runExcel: RunExcel, place: WritePlace, rowsWritten: number, name: string): Promise<void> {
  await runExcel(async (context) => {
    const address = areaAddress({ ...place.area, rowCount: tableRows(rowsWritten) });
    const table = context.workbook.worksheets.getItem(place.sheetName).tables.add(address, true);
    table.name = name;
    await context.sync();
  });
}

/** Restores the cells of a range undo snapshot, in slices. */
async function restoreRange(runExcel: RunExcel, undo: Extract<WriteUndo, { kind: 'range' }>, limits: ChunkLimits): Promise<void> {
  await runExcel(async (context) => {
    // Excel tables cannot hold other tables, so a table of that name here is the one we made.
    const table = context.workbook.tables.getItemOrNullObject(undo.tableName).load('isNullObject');
    await context.sync();
    if (!table.isNullObject) table.delete();
    await context.sync();
  });
  let offset = 0;
  while (offset < undo.area.rowCount) {
    const count = rowsThatFit(undo.formulas, offset, undo.area.columnCount, { ...limits, payloadBytes: limits.payloadBytes / 2 });
    const formulas = undo.formulas.slice(offset, offset + count);
    const numberFormats = undo.numberFormats.slice(offset, offset + count);
    await runExcel(async (context) => {
      const range = context.workbook.worksheets.getItem(undo.sheetName).getRangeByIndexes(undo.area.row + offset, undo.area.column, count, undo.area.columnCount);
      range.numberFormat = numberFormats;
      range.formulas = formulas.map((r) => r.map((v) => v ?? ''));
      await context.sync();
    });
    offset += count;
  }
}

/** Puts the workbook back as it was before the write the snapshot belongs to. */
export async function undoWrite(runExcel: RunExcel, undo: WriteUndo, options: { limits?: ChunkLimits } = {}): Promise<ExcelResult<void>> {
  try {
    if (undo.kind === 'new-sheet') {
      await runExcel(async (context) => {
        const sheet = context.workbook.worksheets.getItemOrNullObject(undo.sheetName).load('isNullObject');
        await context.sync();
        if (!sheet.isNullObject) sheet.delete();
        await context.sync();
      });
    } else {
      await restoreRange(runExcel, undo, options.limits ?? DEFAULT_CHUNK_LIMITS);
    }
    return { ok: true, value: undefined };
  } catch (e) {
    return { ok: false, error: describeExcelError(e, `undoing “${undo.label}”`) };
  }
}

/** Writes the result as an Excel table; see the module comment for the guarantees. */
export async function writeResult(runExcel: RunExcel, target: WriteTarget, data: ResultRows, options: WriteOptions = {}): Promise<ExcelResult<WriteOutcome>> {
  const limits = options.limits ?? DEFAULT_CHUNK_LIMITS;
  let place: WritePlace;
  let undo: WriteUndo;
  let tableName: string;
  try {
    throwIfCancelled(options.signal, 'Inserting the result');
    place = await resolvePlace(runExcel, target, tableRows(data.rowCount), data.headers.length);
    tableName = await chooseTableName(runExcel, options.tableName ?? (place.newSheet ? place.sheetName : 'Result'));
    const label = `Inserted ${data.rowCount} rows into ${place.newSheet ? 'the new sheet ' : ''}${place.sheetName}!${place.address}`;
    if (place.newSheet) {
      undo = { kind: 'new-sheet', label, sheetName: place.sheetName, tableName };
    } else {
      const before = await readPlace(runExcel, place, limits, options.signal);
      const preview = summarize(place, before.formulas);
      if (preview.nonEmptyCells > 0 && options.approvedOverwrite !== true) {
        const shown = preview.examples.map((e) => `${e.address} (${JSON.stringify(e.value)})`).join(', ');
        return failure('overwrite-not-approved', `${preview.nonEmptyCells} cell${preview.nonEmptyCells === 1 ? '' : 's'} in ${place.sheetName}!${place.address} already hold data, e.g. ${shown}. Nothing was written: approve overwriting them, or insert into a new sheet.`);
      }
      undo = { kind: 'range', label, sheetName: place.sheetName, address: place.address, area: place.area, tableName, ...before };
    }
  } catch (e) {
    return { ok: false, error: describeExcelError(e, 'preparing to insert the result') };
  }
  if (options.saveUndo) {
    const saved = await options.saveUndo(undo);
    if (!saved.ok) return failure('excel', `The undo snapshot could not be saved (${saved.message}), so nothing was written. Free some browser storage or clear old history, then try again.`);
  }
  try {
    if (place.newSheet) {
      await runExcel(async (context) => {
        context.workbook.worksheets.add(place.sheetName);
        await context.sync();
      });
    }
    const rowsWritten = await writeRows(runExcel, place, data, options, limits);
    throwIfCancelled(options.signal, 'Inserting the result');
    await makeTable(runExcel, place, rowsWritten, tableName);
    const address = areaAddress({ ...place.area, rowCount: tableRows(rowsWritten) });
    return { ok: true, value: { sheetName: place.sheetName, address, tableName, rowsWritten, undo } };
  } catch (e) {
    const cause = describeExcelError(e, 'inserting the result');
    const rolledBack = await undoWrite(runExcel, undo, { limits });
    const after = rolledBack.ok
      ? 'What had been written was removed; the workbook is as it was.'
      : `Removing what had been written also failed (${rolledBack.error.message}); use Undo, or delete ${place.newSheet ? `the sheet ${place.sheetName}` : `the cells ${place.sheetName}!${place.address}`} by hand.`;
    return { ok: false, error: { ...cause, message: `${cause.message} ${after}` } };
  }
}
