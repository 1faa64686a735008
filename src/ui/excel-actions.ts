/**
 * What the pane can do with the open workbook, inside Excel. The pane only sees this
 * interface: src/excel/ implements it with Office.js, tests with a fake, and in a plain
 * browser there is none, so the Excel-only buttons are not shown at all.
 */
import type { OutputFile } from '../../workers/api';
import type { WorkbookPort } from '../agent/workbook-change';

export type ExcelActionResult =
  | { ok: true; message: string }
  /** `overwrite`: nothing was written because the place holds data; ask, then call again with approvedOverwrite. */
  | { ok: false; message: string; overwrite?: { cells: number; address: string } };

export interface InsertOptions {
  allowRiskyFormulas?: boolean;
  /** A new sheet (default), or from the first cell of the current selection. */
  at?: 'new-sheet' | 'selection';
  approvedOverwrite?: boolean;
}

export interface ExcelProgress {
  done: number;
  total: number;
  /** e.g. "Reading Sales (40,000 of 200,000 rows)". */
  label: string;
}

export interface ExcelActions {
  /** Requests that only change the open workbook go through typed operations on this port. */
  workbook: WorkbookPort;
  /** The open workbook (all sheets) as an input file for the sandbox. */
  readOpenWorkbook(onProgress: (p: ExcelProgress) => void, signal?: AbortSignal): Promise<{ ok: true; file: File } | { ok: false; message: string }>;
  /**
   * Writes the first sheet of an output as an Excel table, into a new sheet or at the
   * selection; undoable. Refused when it holds formulas that reach the network unless the
   * user allowed them, and never writes over data before the user agreed (see `overwrite`).
   */
  insertResult(output: OutputFile, onProgress: (p: ExcelProgress) => void, signal?: AbortSignal, options?: InsertOptions): Promise<ExcelActionResult>;
  /** Opens an output file as a new Excel workbook. */
  openAsNewWorkbook(output: OutputFile): Promise<ExcelActionResult>;
  /** Restores what the last change (operations or an insert) replaced. */
  undoLast(): Promise<ExcelActionResult>;
  /** The label of the change "Undo" would restore, or null when there is none. */
  lastChange(): Promise<string | null>;
}
