/**
 * The pane's settings path (src/ui/pane-settings.ts, what App.tsx calls): settings
 * and secrets are kept in the store, never in localStorage, and what an older pane
 * left in localStorage is moved once (or, if that fails, left in place and used).
 */
import { describe, expect, it } from 'vitest';
import { getApiKey, getServerToken, getSettings, listAudit, type ExcelAiDb } from '../../src/store';
import {
  DEFAULT_SETTINGS,
  LEGACY_SERVER_TOKEN_KEY,
  LEGACY_SETTINGS_KEY,
  legacyApiKeyName,
  loadPaneSettings,
  savePaneApiKey,
  savePaneSettings,
} from '../../src/ui/pane-settings';
import { freshStore } from './fresh';

/** A localStorage stand-in with the same interface. */
class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();
  get length(): number {
    return this.items.size;
  }
  clear(): void {
    this.items.clear();
  }
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  key(index: number): string | null {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
  keys(): string[] {
    return [...this.items.keys()];
  }
}

const OLD_KEY = 'sk-old-format-0123456789abcdef';
const OLD_TOKEN = 'old-server-token-42424242';

function oldPaneStorage(): MemoryStorage {
  const storage = new MemoryStorage();
  storage.setItem(LEGACY_SETTINGS_KEY, JSON.stringify({ provider: 'openai', model: 'llama3.1', baseUrl: 'http://127.0.0.1:11434/v1', timeoutS: 300, memoryMb: 1024, autoApproveLowRisk: true, serverUrl: 'http://127.0.0.1:8787', offloadThresholdMb: 5, offloadThresholdRows: 1000, packageSource: '' }));
  storage.setItem(legacyApiKeyName('openai'), OLD_KEY);
  storage.setItem(LEGACY_SERVER_TOKEN_KEY, OLD_TOKEN);
  storage.setItem('unrelated', 'stays');
  return storage;
}

/** The same database, with every write refused (as a full disk or a broken profile would). */
function refusingWrites(db: ExcelAiDb): ExcelAiDb {
  return new Proxy(db, {
    get(target, prop, receiver) {
      if (prop === 'transaction') {
        return (stores: never, mode?: IDBTransactionMode) => {
          if (mode === 'readwrite') throw new DOMException('The disk is full', 'QuotaExceededError');
          return target.transaction(stores, mode);
        };
      }
      const value: unknown = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

describe("the pane's settings", () => {
  it('are saved in the store as typed, secrets apart, and nothing in localStorage', async () => {
    const { db } = await freshStore();
    const storage = new MemoryStorage();
    const next = { ...DEFAULT_SETTINGS, provider: 'openai' as const, model: 'gpt-x', baseUrl: 'http://127.0.0.1:9/v1', serverUrl: 'http://127.0.0.1:8787', packageSource: 'http://127.0.0.1:7/pkgs/' };
    expect((await savePaneSettings(db, next)).ok).toBe(true);
    expect((await savePaneApiKey(db, 'openai', '  sk-typed-key-123456  ')).ok).toBe(true);
    const loaded = await loadPaneSettings(db, storage);
    expect(loaded.settings).toEqual(next);
    expect(loaded.apiKeys).toEqual({ gemini: '', openai: 'sk-typed-key-123456' });
    expect(JSON.stringify(await getSettings(db))).not.toContain('sk-typed');
    expect(storage.keys()).toEqual([]);
    // Saving as the user types logs nothing per keystroke (App logs once per visit to Settings).
    expect(await listAudit(db)).toEqual([]);
  });

  it('keep the stored value of a field that is not valid yet, and save the rest', async () => {
    const { db } = await freshStore();
    await savePaneSettings(db, { ...DEFAULT_SETTINGS, baseUrl: 'http://127.0.0.1:1/v1' });
    await savePaneSettings(db, { ...DEFAULT_SETTINGS, baseUrl: 'htt', model: 'other-model' });
    const s = await getSettings(db);
    expect(s.baseUrl).toBe('http://127.0.0.1:1/v1');
    expect(s.model).toBe('other-model');
  });

  it('an empty key deletes the saved one', async () => {
    const { db } = await freshStore();
    await savePaneApiKey(db, 'gemini', 'AIza-0123456789');
    await savePaneApiKey(db, 'gemini', '');
    expect(await getApiKey(db, 'gemini')).toBeUndefined();
  });
});

describe('moving what an older pane kept in localStorage', () => {
  it('moves settings and secrets into the store, removes them from localStorage, and logs field names only', async () => {
    const { db } = await freshStore();
    const storage = oldPaneStorage();
    const loaded = await loadPaneSettings(db, storage);
    expect(loaded.problem).toBeUndefined();
    expect(loaded.settings).toMatchObject({ provider: 'openai', model: 'llama3.1', baseUrl: 'http://127.0.0.1:11434/v1', timeoutS: 300, memoryMb: 1024, autoApproveLowRisk: true, serverUrl: 'http://127.0.0.1:8787', offloadThresholdMb: 5, offloadThresholdRows: 1000 });
    expect(loaded.apiKeys.openai).toBe(OLD_KEY);
    expect(loaded.serverToken).toBe(OLD_TOKEN);
    expect(await getApiKey(db, 'openai')).toBe(OLD_KEY);
    expect(await getServerToken(db)).toBe(OLD_TOKEN);
    expect((await getSettings(db)).limits).toEqual({ timeoutS: 300, memoryMb: 1024 });
    expect(storage.keys()).toEqual(['unrelated']);
    const log = await listAudit(db);
    expect(log).toHaveLength(1);
    expect(log[0]?.details).toMatchObject({ movedFrom: 'local storage', changed: expect.arrayContaining(['provider', 'model', 'apiKey', 'serverToken']) });
    expect(JSON.stringify(log)).not.toContain(OLD_KEY);
    expect(JSON.stringify(log)).not.toContain(OLD_TOKEN);
    // The next start finds nothing to move and reads the same values.
    expect(await loadPaneSettings(db, storage)).toEqual(loaded);
  });

  it('keeps what it can of unreadable or mistyped old settings', async () => {
    const { db } = await freshStore();
    const storage = new MemoryStorage();
    storage.setItem(LEGACY_SETTINGS_KEY, JSON.stringify({ provider: 'openai', timeoutS: 'soon', model: 42, baseUrl: 'not a url' }));
    const loaded = await loadPaneSettings(db, storage);
    expect(loaded.settings).toMatchObject({ provider: 'openai', timeoutS: 120, model: DEFAULT_SETTINGS.model, baseUrl: '' });
    storage.setItem(LEGACY_SETTINGS_KEY, '{not json');
    expect((await loadPaneSettings(db, storage)).problem).toBeUndefined();
    expect(storage.keys()).toEqual([]);
  });

  it('when the move fails, leaves localStorage as it was, uses its values and says so', async () => {
    const { db } = await freshStore();
    const storage = oldPaneStorage();
    const before = storage.keys().map((k) => [k, storage.getItem(k)]);
    const loaded = await loadPaneSettings(refusingWrites(db), storage);
    expect(loaded.problem).toMatch(/could not be moved .* They were left where they were and are used for now/);
    expect(loaded.settings).toMatchObject({ provider: 'openai', model: 'llama3.1', timeoutS: 300 });
    expect(loaded.apiKeys.openai).toBe(OLD_KEY);
    expect(loaded.serverToken).toBe(OLD_TOKEN);
    expect(storage.keys().map((k) => [k, storage.getItem(k)])).toEqual(before);
    expect(await getApiKey(db, 'openai')).toBeUndefined();
  });
});
