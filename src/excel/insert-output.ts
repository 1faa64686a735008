/**
 * The pane's two workbook round trips, composed from the pieces in this folder:
 * "Use the open workbook" (read it, make it an .xlsx input) and "Insert into workbook"
 * (an output's first sheet into a new sheet as a table, undoable). Both answer with a
 * sentence for the user and report progress as { done, total, label }.
 */
import type { InputFile, OutputFile } from '../../workers/api';
import { deleteUndo, getUndo, putUndo, type ExcelAiDb, type JsonValue } from '../store';
import { describeExcelError, type ChunkProgress, type RunExcel } from './chunks';
import { inspectCellInput } from '../results/formula-guard';
import { outputToRows, type OutputRows } from '../results/output-rows';
import { describeRisks } from '../results/output-risks';
import type { WorkbookPython } from '../sandbox/sandbox-client';
import { openAsNewWorkbook, type OfficeHost } from './open-workbook';
import { readWorkbook, snapshotToInput, type ReadScope } from './read-workbook';
import { previewWrite, undoWrite, writeResult, type ResultRows, type WriteTarget, type WriteUndo } from './write-result';

export interface LabelledProgress {
  done: number;
  total: number;
  /** e.g. "Reading Sales (40,000 of 200,000 rows)". */
  label: string;
}

export type Answer<T = object> = ({ ok: true; message: string } & T) | { ok: false; message: string };

const count = (n: number) => n.toLocaleString('en-US');

function labelled(verb: string, onProgress?: (p: LabelledProgress) => void) {
  return (p: ChunkProgress) => onProgress?.({ done: p.rowsDone, total: p.totalRows, label: `${verb} ${p.sheet} (${count(p.rowsDone)} of ${count(p.totalRows)} rows)` });
}

/** What writeResult needs from an output's rows. */
export function toResultRows(rows: OutputRows): ResultRows {
  return { headers: rows.headers, rowCount: rows.rowCount, pages: rows.pages(), numberFormats: rows.numberFormats };
}

/** The open workbook (or a scope of it) as an input file named "Open workbook.xlsx". */
export async function readOpenWorkbookAsInput(
  runExcel: RunExcel,
  sandbox: WorkbookPython,
  options: { scope?: ReadScope; onProgress?: (p: LabelledProgress) => void; signal?: AbortSignal } = {},
): Promise<Answer<{ file: InputFile }>> {
  const read = await readWorkbook(runExcel, { scope: options.scope ?? { kind: 'all' }, onProgress: labelled('Reading', options.onProgress), ...(options.signal ? { signal: options.signal } : {}) });
  if (!read.ok) return { ok: false, message: read.error.message };
  const rows = read.value.sheets.reduce((n, s) => n + s.values.length, 0);
  options.onProgress?.({ done: rows, total: rows, label: 'Making a file of the workbook for Python' });
  const converted = await snapshotToInput(sandbox, read.value, options.signal ? { signal: options.signal } : {});
  if (!converted.ok) return { ok: false, message: converted.error.message };
  return { ok: true, file: converted.file, message: `Read ${read.value.sheets.length} sheet${read.value.sheets.length === 1 ? '' : 's'} (${count(rows)} rows) from the open workbook.` };
}

/**
 * What the undo store keeps for an insert (src/store/undo.ts putUndo's `data`), beside the
 * `kind: 'workbook-ops'` data of undo-store.ts: "Undo last change" looks at the latest snapshot's kind.
 */
export function undoData(undo: WriteUndo): JsonValue {
  // A plain JSON copy: WriteUndo is JSON by construction (strings, numbers, booleans, nulls, arrays).
  return { kind: 'write-result', version: 1, undo: JSON.parse(JSON.stringify(undo)) as JsonValue };
}

/** The WriteUndo inside undo-store data written by undoData, or null for any other data. */
export function writeUndoFrom(data: JsonValue): WriteUndo | null {
  if (typeof data !== 'object' || data === null || Array.isArray(data) || data.kind !== 'write-result' || data.version !== 1) return null;
  const undo = data.undo;
  if (typeof undo !== 'object' || undo === null || Array.isArray(undo) || (undo.kind !== 'new-sheet' && undo.kind !== 'range')) return null;
  return undo as unknown as WriteUndo;
}

/**
 * The first cell the formula guard objects to, as a sentence; null when there is none. The
 * Python report already caught plain cases; this pass also sees disguised ones (full-width
 * letters, invisible characters) and the guard's longer list, with the same rules as workbook operations.
 */
function firstRiskyCell(rows: OutputRows): string | null {
  let row = rows.headerRow ?? 1;
  for (const page of rows.pages()) {
    for (const values of page) {
      row += 1;
      for (let c = 0; c < values.length; c += 1) {
        const finding = inspectCellInput(values[c])[0];
        if (finding) return `row ${row} of ${rows.sheet}, column “${rows.headers[c] ?? c + 1}”, holds a formula Excel would run: ${finding.message}`;
      }
    }
  }
  return null;
}

export interface InsertOptions {
  onProgress?: (p: LabelledProgress) => void;
  signal?: AbortSignal;
  saveUndo?: (undo: WriteUndo) => Promise<{ ok: true } | { ok: false; message: string }>;
  /** The user saw describeRisks() and still wants formulas that reach the network in the workbook. */
  allowRiskyFormulas?: boolean;
  /** Where: a new sheet (the default), or from the top-left cell of the current selection. */
  at?: 'new-sheet' | 'selection';
  /** The user saw which non-empty cells the write replaces and agreed. */
  approvedOverwrite?: boolean;
}

/** Answered instead of writing when the place holds data the user has not agreed to replace. */
export interface OverwriteQuestion {
  cells: number;
  address: string;
  examples: string[];
}

/**
 * An output's first sheet into a new sheet of the open workbook, as a table. Refuses, unless
 * allowed, when its formulas would reach the network once they are live in the workbook.
 */
export async function insertOutput(runExcel: RunExcel, sandbox: WorkbookPython, output: OutputFile, options: InsertOptions = {}): Promise<Answer<{ undo: WriteUndo }> & { overwrite?: OverwriteQuestion }> {
  const name = output.name.split('/').pop() ?? output.name;
  if (!/\.xls[xm]$/i.test(name)) return { ok: false, message: `${name} is not a workbook; only .xlsx results can be inserted. Download it instead.` };
  options.onProgress?.({ done: 0, total: 0, label: `Reading ${name}` });
  const rows = await outputToRows(sandbox, output, undefined, options.signal ? { signal: options.signal } : {});
  if (!rows.ok) return { ok: false, message: rows.error.message };
  const { report } = rows.value;
  if (report.networkFormulaCount > 0 && options.allowRiskyFormulas !== true) {
    return { ok: false, message: `Nothing was inserted: ${describeRisks(report).find((l) => l.includes('formula'))} Download the file and review it in Excel instead.` };
  }
  const disguised = options.allowRiskyFormulas === true ? null : firstRiskyCell(rows.value);
  if (disguised) return { ok: false, message: `Nothing was inserted: ${disguised} Download the file and review it in Excel instead.` };
  if (rows.value.headers.length === 0) return { ok: false, message: `The sheet ${rows.value.sheet} in ${name} is empty, so there is nothing to insert.` };
  let target: WriteTarget = { kind: 'new-sheet', sheetName: rows.value.sheet };
  if (options.at === 'selection') {
    const selected = await selectionTopLeft(runExcel);
    if (!selected.ok) return selected;
    target = { kind: 'existing', sheetName: selected.sheetName, topLeft: selected.topLeft };
    const preview = await previewWrite(runExcel, target, { rows: rows.value.rowCount, columns: rows.value.headers.length }, options.signal ? { signal: options.signal } : {});
    if (!preview.ok) return { ok: false, message: preview.error.message };
    const place = `${preview.value.sheetName}!${preview.value.address}`;
    if (preview.value.nonEmptyCells > 0 && options.approvedOverwrite !== true) {
      const examples = preview.value.examples.map((e) => `${e.address}: ${JSON.stringify(e.value)}`);
      return {
        ok: false,
        overwrite: { cells: preview.value.nonEmptyCells, address: place, examples },
        message: `Nothing was written yet: the result needs ${place}, where ${count(preview.value.nonEmptyCells)} cell${preview.value.nonEmptyCells === 1 ? ' holds' : 's hold'} data (${examples.join(', ')}). Replace them (Undo puts them back), or select an empty place.`,
      };
    }
  }
  const written = await writeResult(runExcel, target, toResultRows(rows.value), {
    onProgress: labelled('Writing', options.onProgress),
    ...(options.approvedOverwrite ? { approvedOverwrite: true } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.saveUndo ? { saveUndo: options.saveUndo } : {}),
  });
  if (!written.ok) return { ok: false, message: written.error.message };
  const w = written.value;
  const where = target.kind === 'new-sheet' ? `into the new sheet “${w.sheetName}”` : `at ${w.sheetName}!${w.address}`;
  return { ok: true, undo: w.undo, message: `Inserted ${count(w.rowsWritten)} rows ${where} as the table ${w.tableName}. Undo ${target.kind === 'new-sheet' ? 'removes it' : 'puts back what was there'}.` };
}

/** The sheet and first cell of the user's selection, e.g. { sheetName: "Sales", topLeft: "B2" }. */
async function selectionTopLeft(runExcel: RunExcel): Promise<{ ok: true; sheetName: string; topLeft: string } | { ok: false; message: string }> {
  try {
    return await runExcel(async (context) => {
      const range = context.workbook.getSelectedRange();
      range.load('address');
      await context.sync();
      const bang = range.address.lastIndexOf('!');
      const sheetName = range.address.slice(0, bang).replace(/^'(.*)'$/, '$1').replace(/''/g, "'");
      const topLeft = range.address.slice(bang + 1).split(':')[0]!.replace(/\$/g, '');
      return { ok: true as const, sheetName, topLeft };
    });
  } catch (e) {
    return { ok: false, message: `${describeExcelError(e, 'reading the selection').message} Select one cell where the result should start, then try again.` };
  }
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The pane's Excel actions that move whole workbooks (src/ui/excel-actions.ts: readOpenWorkbook,
 * insertResult, openAsNewWorkbook), with each insert's undo kept in IndexedDB. `undoInsert`
 * restores one from its undo record; "Undo last change" calls it when the latest record is ours.
 */
export function workbookIoActions(runExcel: RunExcel, sandbox: WorkbookPython, db: ExcelAiDb, host: OfficeHost | null) {
  return {
    async readOpenWorkbook(onProgress: (p: LabelledProgress) => void, signal?: AbortSignal): Promise<Answer<{ file: File }>> {
      const read = await readOpenWorkbookAsInput(runExcel, sandbox, { onProgress, ...(signal ? { signal } : {}) });
      return read.ok ? { ok: true, message: read.message, file: new File([read.file.bytes], read.file.name, { type: XLSX_TYPE }) } : read;
    },

    async insertResult(
      output: OutputFile,
      onProgress: (p: LabelledProgress) => void,
      signal?: AbortSignal,
      options: Pick<InsertOptions, 'allowRiskyFormulas' | 'at' | 'approvedOverwrite'> = {},
    ): Promise<Answer & { overwrite?: OverwriteQuestion }> {
      const inserted = await insertOutput(runExcel, sandbox, output, {
        onProgress,
        ...(signal ? { signal } : {}),
        ...options,
        saveUndo: async (undo) => {
          const saved = await putUndo(db, { label: undo.label, data: undoData(undo) });
          return saved.ok ? { ok: true } : { ok: false, message: saved.error.message };
        },
      });
      return inserted.ok ? { ok: true, message: inserted.message } : inserted;
    },

    async openAsNewWorkbook(output: OutputFile): Promise<Answer> {
      const opened = await openAsNewWorkbook(output, host);
      const name = output.name.split('/').pop() ?? output.name;
      return opened.ok ? { ok: true, message: `Opened ${name} in a new Excel window; this workbook is unchanged.` } : { ok: false, message: opened.error.message };
    },

    /** Restores an insert from its undo record id; false when the record is not an insert's. */
    async undoInsert(id: string): Promise<Answer> {
      const record = await getUndo(db, id);
      const undo = record ? writeUndoFrom(record.data) : null;
      if (!record || !undo) return { ok: false, message: 'There is no insert to undo: its undo record is gone (cleared history?). Remove the inserted sheet or table by hand.' };
      const undone = await undoWrite(runExcel, undo);
      if (!undone.ok) return { ok: false, message: undone.error.message };
      await deleteUndo(db, id);
      return { ok: true, message: `Undid: ${record.label}.` };
    },
  };
}
