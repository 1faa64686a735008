/** Undo snapshots for workbook operations, stored through src/store (IndexedDB). */
import { deleteUndo, latestUndo, putUndo, toJsonValue, type ExcelAiDb, type JsonValue, type StoreResult, type UndoSnapshot } from '../store';
import type { UndoStep } from './ops/snapshot';

/** What UndoSnapshot.data holds for workbook operations. Steps are restored last to first. */
export interface UndoData {
  kind: 'workbook-ops';
  version: 1;
  summary: string;
  steps: UndoStep[];
}

export interface StoredUndo {
  id: string;
  createdAt: number;
  label: string;
  data: UndoData;
}

export function saveUndo(db: ExcelAiDb, record: { id: string; label: string; data: UndoData; createdAt?: number }): Promise<StoreResult<UndoSnapshot>> {
  return putUndo(db, { id: record.id, label: record.label, data: toJsonValue(record.data), ...(record.createdAt ? { createdAt: record.createdAt } : {}) });
}

/** The most recent snapshot, if it is one of ours. */
export async function latestWorkbookUndo(db: ExcelAiDb): Promise<StoredUndo | undefined> {
  const snapshot = await latestUndo(db);
  if (!snapshot || !isUndoData(snapshot.data)) return undefined;
  return { id: snapshot.id, createdAt: snapshot.createdAt, label: snapshot.label, data: snapshot.data };
}

export function removeUndo(db: ExcelAiDb, id: string): Promise<StoreResult<void>> {
  return deleteUndo(db, id);
}

function isUndoData(data: JsonValue): data is JsonValue & UndoData {
  return typeof data === 'object' && data !== null && !Array.isArray(data) && data.kind === 'workbook-ops' && data.version === 1 && Array.isArray(data.steps);
}
