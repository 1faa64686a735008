/**
 * Chunked Office.js I/O: how many rows go into one sync, progress, cancellation, and
 * Excel's errors turned into values. Shared by reading the workbook and writing results.
 *
 * Excel refuses a request or a response above 5 MB (Excel on the web) and a range above
 * 5,000,000 cells, so big sheets are read and written in row slices under a smaller budget.
 */

/** `Excel.run` in Excel; a fake in tests (the one type, from office.ts). */
export type { RunExcel } from './office';

export interface ChunkLimits {
  /** Budget for one sync's payload, in bytes of JSON (Excel's limit is 5 MB; we keep a margin). */
  payloadBytes: number;
  /** Most cells in one range read or write. */
  maxCells: number;
}

export const DEFAULT_CHUNK_LIMITS: ChunkLimits = { payloadBytes: 4 * 1024 * 1024, maxCells: 5_000_000 };

export type { CellValue } from '../../workers/api';

export interface ChunkProgress {
  rowsDone: number;
  totalRows: number;
  /** The sheet being read or written. */
  sheet: string;
}

export type ExcelFailureKind =
  /** The user (or the caller) stopped it. */
  | 'cancelled'
  /** A sheet, table or range named by the caller is not there. */
  | 'not-found'
  /** The place to write holds data and the overwrite was not approved. */
  | 'overwrite-not-approved'
  /** The caller asked for something Excel cannot do (bad address, table overlap, too large). */
  | 'invalid'
  /** This Excel lacks an API the feature needs. */
  | 'unsupported'
  /** Excel refused or failed a request. */
  | 'excel';

export interface ExcelFailure {
  kind: ExcelFailureKind;
  /** What happened and what to do, in a sentence or two. */
  message: string;
  /** Excel's own error code and message, for the details fold. */
  detail?: string;
}

export type ExcelResult<T> = { ok: true; value: T } | { ok: false; error: ExcelFailure };

export const failure = (kind: ExcelFailureKind, message: string, detail?: string): { ok: false; error: ExcelFailure } =>
  ({ ok: false, error: detail === undefined ? { kind, message } : { kind, message, detail } });

/** Thrown inside a batch loop to carry a failure out; caught by the module that threw it. */
export class ExcelStop extends Error {
  constructor(readonly failure: ExcelFailure) {
    super(failure.message);
  }
}

export function throwIfCancelled(signal: AbortSignal | undefined, what: string): void {
  if (signal?.aborted) throw new ExcelStop({ kind: 'cancelled', message: `${what} was cancelled.` });
}

/** Bytes one row adds to a JSON payload (its values, the comma before it). */
export function rowBytes(row: readonly unknown[]): number {
  return JSON.stringify(row).length + 1;
}

/**
 * How many rows, from `start`, fit in one write: under the byte budget and the cell cap,
 * at least one (a single row over budget is Excel's to refuse, with its own message).
 * `extraBytesPerRow` covers what travels with each row besides its values (number formats).
 */
export function rowsThatFit(rows: readonly (readonly unknown[])[], start: number, columns: number, limits: ChunkLimits, extraBytesPerRow = 0): number {
  const maxRows = Math.max(1, Math.floor(limits.maxCells / Math.max(1, columns)));
  let bytes = 2;
  let count = 0;
  for (let i = start; i < rows.length && count < maxRows; i += 1) {
    const next = rowBytes(rows[i] ?? []) + extraBytesPerRow;
    if (count > 0 && bytes + next > limits.payloadBytes) break;
    bytes += next;
    count += 1;
  }
  return count;
}

/**
 * Rows for the next read, from what rows have cost so far. Reads cannot be measured before
 * they happen, so the estimate is doubled; a read that still overflows is split (see isPayloadError).
 */
export function rowsForNextRead(bytesPerRow: number, columns: number, remaining: number, limits: ChunkLimits): number {
  const byCells = Math.max(1, Math.floor(limits.maxCells / Math.max(1, columns)));
  const byBytes = Math.max(1, Math.floor(limits.payloadBytes / Math.max(1, bytesPerRow * 2)));
  return Math.max(1, Math.min(remaining, byCells, byBytes));
}

/** A first guess at a row's cost before anything was read: a short value and a format per cell. */
export const INITIAL_BYTES_PER_CELL = 40;

interface OfficeErrorLike {
  code?: unknown;
  message?: unknown;
  debugInfo?: { errorLocation?: unknown };
}

function officeError(e: unknown): OfficeErrorLike {
  return typeof e === 'object' && e !== null ? (e as OfficeErrorLike) : { message: String(e) };
}

/** Excel refused a request or an answer as too large. */
export function isPayloadError(e: unknown): boolean {
  const code = officeError(e).code;
  return code === 'RequestPayloadSizeLimitExceeded' || code === 'ResponsePayloadSizeLimitExceeded';
}

/** An error from Office.js (or anything thrown in a batch) as a failure value. */
export function describeExcelError(e: unknown, doing: string): ExcelFailure {
  if (e instanceof ExcelStop) return e.failure;
  const err = officeError(e);
  const code = typeof err.code === 'string' ? err.code : '';
  const message = typeof err.message === 'string' ? err.message : String(e);
  const detail = [code, message].filter(Boolean).join(': ');
  if (code === 'ItemNotFound') return { kind: 'not-found', message: `Excel could not find something needed while ${doing}; the sheet or table may have been renamed or deleted. Check the workbook and try again.`, detail };
  if (isPayloadError(e)) return { kind: 'excel', message: `Excel refused the data while ${doing} because one request was too large. Try a smaller range.`, detail };
  return { kind: 'excel', message: `Excel reported an error while ${doing}: ${message} Check that the workbook is not being edited (a cell in edit mode blocks add-ins) and try again.`, detail };
}
