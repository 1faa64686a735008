/** History: one entry per request, updated as the request moves from plan to result. */
import { sha256Hex } from '../../workers/sha256';
import type { ExcelAiDb } from './db';
import { readSecrets, redact } from './redact';
import type { FileDigest, HistoryEntry } from './types';
import { write, type StoreResult } from './write';

export type NewHistoryEntry = Pick<HistoryEntry, 'request' | 'provider' | 'model'> & Partial<HistoryEntry>;

/** A fresh entry with an id, a date and empty fields, ready for putHistory. */
export function newHistoryEntry(fields: NewHistoryEntry, now = Date.now()): HistoryEntry {
  return {
    id: crypto.randomUUID(),
    createdAt: now,
    plan: null,
    code: null,
    inputs: [],
    outputs: [],
    outcome: { status: 'pending', message: '' },
    timings: {},
    ...fields,
  };
}

/** Stores the entry (insert or replace). Saved API keys found anywhere in it are redacted. */
export async function putHistory(db: ExcelAiDb, entry: HistoryEntry): Promise<StoreResult<HistoryEntry>> {
  return write(db, ['settings', 'history'], async (tx) => {
    const clean = redact(entry, await readSecrets(tx));
    await tx.objectStore('history').put(clean);
    return clean;
  });
}

export function getHistory(db: ExcelAiDb, id: string): Promise<HistoryEntry | undefined> {
  return db.get('history', id);
}

/** Newest first; `before` pages back from a date (exclusive). */
export async function listHistory(db: ExcelAiDb, options: { limit?: number; before?: number } = {}): Promise<HistoryEntry[]> {
  const limit = options.limit ?? 50;
  const range = options.before === undefined ? undefined : IDBKeyRange.upperBound(options.before, true);
  const out: HistoryEntry[] = [];
  let cursor = await db.transaction('history').store.index('by-createdAt').openCursor(range, 'prev');
  while (cursor && out.length < limit) {
    out.push(cursor.value);
    cursor = await cursor.continue();
  }
  return out;
}

export async function deleteHistory(db: ExcelAiDb, id: string): Promise<StoreResult<void>> {
  return write(db, ['history'], (tx) => tx.objectStore('history').delete(id));
}

/** What History keeps of a file: its name, size and sha256, never its contents. */
export async function fileDigest(name: string, bytes: ArrayBuffer | Uint8Array): Promise<FileDigest> {
  return { name, sha256: await sha256Hex(bytes), size: bytes.byteLength };
}
