/** Undo snapshots: what a range held before the pane wrote into it. */
import type { ExcelAiDb } from './db';
import type { JsonValue, UndoSnapshot } from './types';
import { write, type StoreResult } from './write';

export async function putUndo(
  db: ExcelAiDb,
  snapshot: { label: string; data: JsonValue; id?: string; createdAt?: number },
): Promise<StoreResult<UndoSnapshot>> {
  const record: UndoSnapshot = { id: snapshot.id ?? crypto.randomUUID(), createdAt: snapshot.createdAt ?? Date.now(), label: snapshot.label, data: snapshot.data };
  return write(db, ['undo'], async (tx) => {
    await tx.objectStore('undo').put(record);
    return record;
  });
}

export function getUndo(db: ExcelAiDb, id: string): Promise<UndoSnapshot | undefined> {
  return db.get('undo', id);
}

/** The most recent snapshot, the one "Undo" restores. */
export async function latestUndo(db: ExcelAiDb): Promise<UndoSnapshot | undefined> {
  const cursor = await db.transaction('undo').store.index('by-createdAt').openCursor(null, 'prev');
  return cursor?.value;
}

export async function deleteUndo(db: ExcelAiDb, id: string): Promise<StoreResult<void>> {
  return write(db, ['undo'], (tx) => tx.objectStore('undo').delete(id));
}
