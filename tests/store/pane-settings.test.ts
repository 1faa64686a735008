/**
 * The pane's settings in the one settings store: the form maps to the stored settings
 * and back, a half-typed value is never saved over a good one, and what an earlier
 * version kept in localStorage is moved into the store once, then removed there.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getSettings, listAudit, updateSettings } from '../../src/store';
import { DEFAULT_SETTINGS, loadPaneSettings, paneSettingsOf, savePaneSettings, storedSettingsOf, type PaneSettings } from '../../src/conversation/pane-settings';
import { freshStore } from './fresh';

/** localStorage as the browser has it (Node has none). */
class MemoryStorage {
  private readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
  get keys(): string[] {
    return [...this.items.keys()];
  }
}

let storage: MemoryStorage;
beforeEach(() => {
  storage = new MemoryStorage();
  Object.defineProperty(globalThis, 'localStorage', { value: storage, configurable: true });
});
afterEach(() => {
  Reflect.deleteProperty(globalThis, 'localStorage');
});

const LOCAL: PaneSettings = {
  ...DEFAULT_SETTINGS,
  provider: 'openai',
  model: 'llama3.1',
  baseUrl: 'http://127.0.0.1:11434/v1',
  timeoutS: 300,
  memoryMb: 1024,
  autoApproveLowRisk: true,
  serverUrl: 'http://127.0.0.1:8787',
  offloadThresholdMb: 20,
  offloadThresholdRows: 250_000,
  packageSource: 'http://127.0.0.1:8080/pyodide/',
};

describe('the pane settings in the settings store', () => {
  it('keeps every field of the form, and reads it back the same', async () => {
    const { db } = await freshStore();
    await savePaneSettings(db, LOCAL);
    expect(paneSettingsOf(await getSettings(db))).toEqual(LOCAL);
    expect(await getSettings(db)).toMatchObject({ baseUrl: 'http://127.0.0.1:11434/v1', limits: { timeoutS: 300, memoryMb: 1024 }, packageSource: { kind: 'self-hosted' } });
    expect(paneSettingsOf(await getSettings((await freshStore()).db))).toEqual(DEFAULT_SETTINGS);
    expect(storedSettingsOf(DEFAULT_SETTINGS).packageSource).toMatchObject({ kind: 'pyodide-cdn' });
    // Saving as the user types is not a settings change per keystroke: the pane logs one per visit.
    expect(await listAudit(db)).toEqual([]);
  });

  it('does not save a half-typed URL over a good one, and saves the other fields', async () => {
    const { db } = await freshStore();
    await savePaneSettings(db, LOCAL);
    await savePaneSettings(db, { ...LOCAL, baseUrl: 'http://', model: 'qwen2.5' });
    expect(await getSettings(db)).toMatchObject({ baseUrl: 'http://127.0.0.1:11434/v1', model: 'qwen2.5' });
  });

  it('moves the settings an earlier version kept in localStorage into the store, once', async () => {
    const { db } = await freshStore();
    storage.setItem('excel-ai.settings', JSON.stringify({ provider: 'openai', model: 'llama3.1', baseUrl: 'http://127.0.0.1:11434/v1', timeoutS: 300 }));
    expect(await loadPaneSettings(db)).toMatchObject({ provider: 'openai', model: 'llama3.1', baseUrl: 'http://127.0.0.1:11434/v1', timeoutS: 300, memoryMb: 2048 });
    expect(storage.keys).toEqual([]);
    expect((await getSettings(db)).provider).toBe('openai');
    // Settings already in the store win over a stale localStorage copy, which is removed all the same.
    await updateSettings(db, { model: 'mistral' });
    storage.setItem('excel-ai.settings', JSON.stringify({ model: 'stale' }));
    expect((await loadPaneSettings(db)).model).toBe('mistral');
    expect(storage.keys).toEqual([]);
  });

  it('starts from the defaults when localStorage holds something unreadable', async () => {
    const { db } = await freshStore();
    storage.setItem('excel-ai.settings', '{not json');
    expect(await loadPaneSettings(db)).toEqual(DEFAULT_SETTINGS);
  });
});
