/**
 * The workbook calls of the worker API: our own Python (snapshot_xlsx.py, sheet_rows.py and workbook_risks.py, through
 * sandbox_entry.py) called by name on files placed in /input, answers read back as
 * typed values. Never the runner: no model code is involved, so nothing here is
 * pre-checked or guarded as model code is; the files are still the model's outputs,
 * so Python opens them under the same zip and XML limits as a run does.
 */
import type { FileRiskReport, InputFile, OutputFile, SheetRows, WorkbookAnswer, WorkbookSnapshot } from '../api';
import { fileNameProblem } from '../api';
import { sandboxError } from './errors';
import { INPUT_DIR, OUTPUT_DIR, type VirtualFs } from './virtual-fs';

/** Calls a function of sandbox_entry.py with plain arguments; the answer is its JSON text. */
export type CallEntry = (fn: string, ...args: (string | number)[]) => string;

export interface Room {
  call: CallEntry;
  vfs: VirtualFs;
}

type PythonAnswer<T> = { ok: true; value: T } | { ok: false; message: string };

/** sandbox_entry's answer: a value, or a sentence about the file (an `input` error). */
function answerOf<T>(text: string): WorkbookAnswer<T> {
  const answer = JSON.parse(text) as PythonAnswer<T>;
  return answer.ok ? answer : { ok: false, error: sandboxError('input', answer.message) };
}

export function snapshotToXlsx(room: Room, snapshot: WorkbookSnapshot, name: string): WorkbookAnswer<OutputFile> {
  const problem = fileNameProblem(name);
  if (problem) return { ok: false, error: sandboxError('input', `The open workbook cannot be saved as "${name}": ${problem}.`) };
  room.vfs.prepare([]);
  const answer = answerOf<unknown>(room.call('snapshot_xlsx_json', JSON.stringify(snapshot), `${OUTPUT_DIR}/${name}`));
  if (!answer.ok) return answer;
  const file = room.vfs.collectOutputs().files.find((f) => f.name === name);
  return file ? { ok: true, value: file } : { ok: false, error: sandboxError('internal', `Converting the open workbook produced no ${name}; this is a bug in the add-in, please report it.`) };
}

interface RowsAnswer extends Omit<SheetRows, 'pages'> {
  pages: { name: string; rows: number }[];
}

export function sheetRows(room: Room, file: InputFile, sheet: string | null, pageRows: number): WorkbookAnswer<SheetRows> {
  room.vfs.prepare([file]);
  const answer = answerOf<RowsAnswer>(room.call('sheet_rows_json', `${INPUT_DIR}/${file.name}`, sheet ?? '', OUTPUT_DIR, Math.max(1, Math.floor(pageRows))));
  if (!answer.ok) return answer;
  const written = new Map(room.vfs.collectOutputs().files.map((f) => [f.name, f.bytes]));
  const pages = answer.value.pages.map((p) => written.get(p.name));
  if (pages.some((p) => p === undefined)) return { ok: false, error: sandboxError('internal', 'Reading the result lost a page of rows; this is a bug in the add-in, please report it.') };
  return { ok: true, value: { ...answer.value, pages: pages as ArrayBuffer[] } };
}

export function inspectWorkbooks(room: Room, files: InputFile[]): WorkbookAnswer<FileRiskReport[]> {
  room.vfs.prepare(files);
  const answer = answerOf<FileRiskReport[]>(room.call('inspect_json', JSON.stringify(files.map((f) => `${INPUT_DIR}/${f.name}`))));
  if (answer.ok && answer.value.length !== files.length) return { ok: false, error: sandboxError('internal', 'Checking the results for risky content answered for the wrong files; this is a bug in the add-in, please report it.') };
  return answer;
}
