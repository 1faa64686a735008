import { freshStore } from './fresh';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { QUOTA_MESSAGE, getSettings, listAudit, newHistoryEntry, putHistory, updateSettings } from '../../src/store';
import { toStoreError } from '../../src/store/write';

/** Makes IndexedDB refuse writes to one store the way a full disk does. */
function fillStore(storeName: string) {
  for (const method of ['add', 'put'] as const) {
    const original = IDBObjectStore.prototype[method];
    vi.spyOn(IDBObjectStore.prototype, method).mockImplementation(function (this: IDBObjectStore, ...args: Parameters<typeof original>) {
      if (this.name === storeName) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return original.apply(this, args);
    });
  }
}

afterEach(() => vi.restoreAllMocks());

describe('storage quota', () => {
  it('turns a refused write into a quota error value', async () => {
    const { db } = await freshStore();
    fillStore('history');
    const result = await putHistory(db, newHistoryEntry({ request: 'x', provider: 'gemini', model: 'm' }));
    expect(result).toEqual({ ok: false, error: { kind: 'quota', message: QUOTA_MESSAGE } });
    vi.restoreAllMocks();
    expect(await db.count('history')).toBe(0);
  });

  it('writes nothing of a change when its audit entry is refused', async () => {
    const { db } = await freshStore();
    fillStore('audit');
    // The settings put succeeds first; the audit add in the same transaction then fails.
    const result = await updateSettings(db, { provider: 'openai' });
    expect(result).toMatchObject({ ok: false, error: { kind: 'quota' } });
    vi.restoreAllMocks();
    expect((await getSettings(db)).provider).toBe('gemini');
    expect(await listAudit(db)).toEqual([]);
    // The database still works afterwards.
    expect((await updateSettings(db, { provider: 'openai' })).ok).toBe(true);
  });

  it('recognises a quota failure reported when the transaction aborts', () => {
    expect(toStoreError(new DOMException('full', 'QuotaExceededError'))).toEqual({ kind: 'quota', message: QUOTA_MESSAGE });
    expect(toStoreError({ name: 'QuotaExceededError', message: 'full' }).kind).toBe('quota');
    expect(toStoreError(new Error('disk on fire')).kind).toBe('failed');
  });
});
