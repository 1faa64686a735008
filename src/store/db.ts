/**
 * The pane's IndexedDB database and its schema migrations.
 *
 * Migrations are an ordered list: MIGRATIONS[v] turns a version v-1 database
 * into version v, and upgrade() runs every step between the stored version and
 * DB_VERSION in order. A shipped step is never edited; a change is a new step.
 */
import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import { openDB, wrap } from 'idb';
import type { AuditEntry, HistoryEntry, Recipe, UndoSnapshot } from './types';

export interface ExcelAiSchema extends DBSchema {
  /** Key-value: 'settings' holds the Settings object; 'secret:<name>' each secret (secrets.ts). */
  settings: { key: string; value: unknown };
  history: { key: string; value: HistoryEntry; indexes: { 'by-createdAt': number } };
  /** Append-only; keys come from autoIncrement. */
  audit: { key: number; value: AuditEntry; indexes: { 'by-at': number } };
  undo: { key: string; value: UndoSnapshot; indexes: { 'by-createdAt': number } };
  recipes: { key: string; value: Recipe; indexes: { 'by-name': string } };
}

export type ExcelAiDb = IDBPDatabase<ExcelAiSchema>;
export type StoreName = StoreNames<ExcelAiSchema>;
export type UpgradeTransaction = IDBPTransaction<ExcelAiSchema, StoreName[], 'versionchange'>;
export type Migration = (db: ExcelAiDb, tx: UpgradeTransaction) => void;

export const DEFAULT_DB_NAME = 'excel-ai';

export const MIGRATIONS: Readonly<Record<number, Migration>> = {
  /** Version 1: settings, history by date, the audit log. */
  1: (db) => {
    db.createObjectStore('settings');
    const history = db.createObjectStore('history', { keyPath: 'id' });
    history.createIndex('by-createdAt', 'createdAt');
    db.createObjectStore('audit', { keyPath: 'id', autoIncrement: true });
  },
  /** Version 2: undo snapshots and recipes; the audit log gains a date index (for retention and export by range). */
  2: (db, tx) => {
    const undo = db.createObjectStore('undo', { keyPath: 'id' });
    undo.createIndex('by-createdAt', 'createdAt');
    const recipes = db.createObjectStore('recipes', { keyPath: 'id' });
    recipes.createIndex('by-name', 'name');
    // Indexing an existing store also indexes the entries version 1 wrote.
    tx.objectStore('audit').createIndex('by-at', 'at');
  },
};

export const DB_VERSION = Math.max(...Object.keys(MIGRATIONS).map(Number));

export const ALL_STORES: readonly StoreName[] = ['settings', 'history', 'audit', 'undo', 'recipes'];

function upgrade(db: ExcelAiDb, oldVersion: number, newVersion: number | null, tx: UpgradeTransaction): void {
  for (let version = oldVersion + 1; version <= (newVersion ?? DB_VERSION); version++) {
    const step = MIGRATIONS[version];
    if (!step) throw new Error(`No migration to database version ${version}.`);
    step(db, tx);
  }
}

/**
 * Opens (creating or upgrading) the pane's database. `factory` lets tests use
 * fake-indexeddb; the pane uses the browser's indexedDB.
 */
export async function openStore(name = DEFAULT_DB_NAME, factory?: IDBFactory): Promise<ExcelAiDb> {
  const db = factory ? await openWithFactory(factory, name) : await openDB<ExcelAiSchema>(name, DB_VERSION, { upgrade: (d, o, n, t) => upgrade(d, o, n, t) });
  // Another tab with a newer pane wants to upgrade: step aside rather than block it.
  db.addEventListener('versionchange', () => db.close());
  return db;
}

/** idb's openDB always uses the global indexedDB; this is the same, with a given factory. */
function openWithFactory(factory: IDBFactory, name: string): Promise<ExcelAiDb> {
  const request = factory.open(name, DB_VERSION);
  request.addEventListener('upgradeneeded', (event) => {
    const tx = request.transaction;
    if (!tx) return;
    upgrade(wrap(request.result) as ExcelAiDb, event.oldVersion, event.newVersion, wrap(tx) as unknown as UpgradeTransaction);
  });
  return wrap(request) as Promise<ExcelAiDb>;
}
