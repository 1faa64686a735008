/** Each test gets its own in-memory IndexedDB (fake-indexeddb), so tests share nothing. */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { openStore, type ExcelAiDb } from '../../src/store';

export async function freshStore(): Promise<{ db: ExcelAiDb; factory: IDBFactory }> {
  const factory = new IDBFactory();
  return { db: await openStore('excel-ai-test', factory), factory };
}

export const DAY = 24 * 60 * 60 * 1000;
