/**
 * Every write goes through `write()`: one transaction per logical change, so
 * either all of it is stored or none of it, and a failure comes back as a
 * value. The usual failure is the browser's storage quota.
 */
import type { IDBPTransaction } from 'idb';
import type { ExcelAiDb, ExcelAiSchema, StoreName } from './db';
import { describeError } from '../../workers/api';

export type StoreError =
  /** The browser refused to store more data. */
  | { kind: 'quota'; message: string }
  /** The value was not acceptable (a bad setting, an unknown recipe parameter...). */
  | { kind: 'invalid'; message: string }
  /** Anything else IndexedDB reported. */
  | { kind: 'failed'; message: string };

export type StoreResult<T> = { ok: true; value: T } | { ok: false; error: StoreError };

export const QUOTA_MESSAGE =
  'The browser refused to store more data: the storage it allows this add-in is full, so nothing was saved. ' +
  'Delete old history and undo snapshots (or lower "keep history for" in Settings), export the audit log if you need it, then try again.';

/** Thrown inside a write to reject the value; the transaction is aborted and the error returned. */
export class InvalidValue extends Error {
  override readonly name = 'InvalidValue';
}

export function isQuotaError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'name' in error && (error as { name: unknown }).name === 'QuotaExceededError';
}

export function toStoreError(error: unknown): StoreError {
  if (isQuotaError(error)) return { kind: 'quota', message: QUOTA_MESSAGE };
  if (error instanceof InvalidValue) return { kind: 'invalid', message: error.message };
  const message = describeError(error);
  return { kind: 'failed', message: `The pane could not save its data (${message}). Nothing was changed.` };
}

export type WriteTransaction<N extends StoreName[]> = IDBPTransaction<ExcelAiSchema, N, 'readwrite'>;

/**
 * Runs `work` in one readwrite transaction over `stores`. Inside `work`, await
 * only IndexedDB requests (any other await lets the transaction commit early).
 */
export async function write<const N extends StoreName[], T>(db: ExcelAiDb, stores: N, work: (tx: WriteTransaction<N>) => Promise<T>): Promise<StoreResult<T>> {
  let tx: WriteTransaction<N>;
  try {
    tx = db.transaction(stores, 'readwrite');
  } catch (error) {
    return { ok: false, error: toStoreError(error) };
  }
  // Awaited below on success; on failure this keeps the abort from surfacing as an unhandled rejection.
  tx.done.catch(() => undefined);
  try {
    const value = await work(tx);
    await tx.done;
    return { ok: true, value };
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // Already aborted by IndexedDB itself (the quota case) or finished.
    }
    return { ok: false, error: toStoreError(error) };
  }
}
