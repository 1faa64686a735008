import './fresh';
import { IDBFactory } from 'fake-indexeddb';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { DB_VERSION, MIGRATIONS, openStore } from '../../src/store';

/**
 * The version 1 schema exactly as it shipped, written out here rather than
 * taken from MIGRATIONS[1], so the test notices if anyone edits a shipped step.
 * Opened with idb against the global (fake) indexedDB, as the first release did.
 */
function openVersion1(name: string) {
  return openDB(name, 1, {
    upgrade(db) {
      db.createObjectStore('settings');
      db.createObjectStore('history', { keyPath: 'id' }).createIndex('by-createdAt', 'createdAt');
      db.createObjectStore('audit', { keyPath: 'id', autoIncrement: true });
    },
  });
}

describe('database migrations', () => {
  it('numbers its migrations 1..DB_VERSION without gaps', () => {
    expect(Object.keys(MIGRATIONS).map(Number)).toEqual(Array.from({ length: DB_VERSION }, (_, i) => i + 1));
    expect(DB_VERSION).toBe(2);
  });

  it('upgrades a version 1 database with data to version 2, keeping the data and adding the new stores', async () => {
    const v1 = await openVersion1('legacy');
    await v1.put('settings', { provider: 'openai', model: 'gpt-4.1-mini' }, 'settings');
    await v1.put('history', { id: 'h1', createdAt: 1000, request: 'stack the sheets', plan: null, code: 'print(1)', inputs: [], outputs: [], outcome: { status: 'success', message: '' }, timings: {}, provider: 'openai', model: 'gpt-4.1-mini' });
    await v1.add('audit', { at: 1000, action: 'request', details: { request: 'stack the sheets' } });
    await v1.add('audit', { at: 2000, action: 'code-run', details: {} });
    v1.close();
    const db = await openStore('legacy');

    expect(db.version).toBe(2);
    expect([...db.objectStoreNames].sort()).toEqual(['audit', 'history', 'recipes', 'settings', 'undo']);
    expect(await db.get('settings', 'settings')).toEqual({ provider: 'openai', model: 'gpt-4.1-mini' });
    expect((await db.get('history', 'h1'))?.request).toBe('stack the sheets');
    // The index added in version 2 covers entries written by version 1.
    const late = await db.getAllFromIndex('audit', 'by-at', IDBKeyRange.lowerBound(1500));
    expect(late.map((e) => e.action)).toEqual(['code-run']);
    // Auto-increment continues after the old entries.
    expect(await db.add('audit', { at: 3000, action: 'undo', details: {} })).toBe(3);
    await db.put('undo', { id: 'u1', createdAt: 3000, label: 'write', data: { cells: [[1]] } });
    expect((await db.get('undo', 'u1'))?.data).toEqual({ cells: [[1]] });
    db.close();
  });

  it('opens a given factory and creates the latest schema in a new database', async () => {
    const factory = new IDBFactory();
    const db = await openStore('new', factory);
    expect(db.version).toBe(DB_VERSION);
    expect([...db.transaction('audit').store.indexNames]).toEqual(['by-at']);
    db.close();
    const again = await openStore('new', factory);
    expect(again.version).toBe(DB_VERSION);
    again.close();
  });
});
