import { DAY, freshStore } from './fresh';
import { describe, expect, it } from 'vitest';
import {
  applyRetention,
  appendAudit,
  clearAllData,
  deleteUndo,
  getApiKey,
  getSettings,
  getUndo,
  latestUndo,
  listAudit,
  listHistory,
  markRecipeRun,
  newHistoryEntry,
  putHistory,
  putUndo,
  saveRecipe,
  setApiKey,
  updateSettings,
} from '../../src/store';

describe('undo snapshots', () => {
  it('stores opaque range data and finds the latest', async () => {
    const { db } = await freshStore();
    const a = await putUndo(db, { label: 'first', data: { sheet: 'S', values: [[1, 'a', null]] }, createdAt: 1 * DAY });
    const b = await putUndo(db, { label: 'second', data: { sheet: 'S', values: [[2]] }, createdAt: 2 * DAY });
    if (!a.ok || !b.ok) throw new Error('write failed');
    expect((await getUndo(db, a.value.id))?.data).toEqual({ sheet: 'S', values: [[1, 'a', null]] });
    expect((await latestUndo(db))?.label).toBe('second');
    await deleteUndo(db, b.value.id);
    expect((await latestUndo(db))?.label).toBe('first');
  });
});

describe('retention', () => {
  it('removes history, undo, audit and recipe run records older than the limit, in one go, and logs it', async () => {
    const { db } = await freshStore();
    const now = 100 * DAY;
    for (const age of [40, 31, 29, 1]) {
      await putHistory(db, newHistoryEntry({ request: `age ${age}`, provider: 'gemini', model: 'm' }, now - age * DAY));
      await putUndo(db, { label: `age ${age}`, data: null, createdAt: now - age * DAY });
      await appendAudit(db, 'request', { age }, now - age * DAY);
    }
    const old = await saveRecipe(db, { name: 'old run', request: 'r', code: 'pass', parameters: [] });
    const fresh = await saveRecipe(db, { name: 'fresh run', request: 'r', code: 'pass', parameters: [] });
    if (!old.ok || !fresh.ok) throw new Error('write failed');
    await markRecipeRun(db, old.value.id, now - 60 * DAY);
    await markRecipeRun(db, fresh.value.id, now - 2 * DAY);

    const result = await applyRetention(db, 30, now);
    expect(result).toMatchObject({ ok: true, value: { history: 2, undo: 2, audit: 2, recipeRuns: 1 } });
    expect((await listHistory(db)).map((e) => e.request)).toEqual(['age 1', 'age 29']);
    expect((await db.getAll('undo')).map((u) => u.label).sort()).toEqual(['age 1', 'age 29']);
    const audit = await listAudit(db);
    expect(audit.map((e) => e.details.age ?? e.details.reason)).toEqual([29, 1, 'retention']);
    const recipes = await db.getAll('recipes');
    expect(recipes.map((r) => [r.name, r.lastRunAt]).sort()).toEqual([['fresh run', now - 2 * DAY], ['old run', null]]);

    // Nothing left to remove: nothing removed, nothing logged.
    expect(await applyRetention(db, 30, now)).toMatchObject({ ok: true, value: { history: 0, undo: 0, audit: 0, recipeRuns: 0 } });
    expect(await listAudit(db)).toHaveLength(3);
    expect((await applyRetention(db, 0, now)).ok).toBe(false);
  });

  it('clears every store, API keys included, and then logs one data-cleared entry', async () => {
    const { db } = await freshStore();
    await updateSettings(db, { provider: 'openai' });
    await setApiKey(db, 'openai', 'sk-clear-me-0123456789');
    await putHistory(db, newHistoryEntry({ request: 'x', provider: 'openai', model: 'm' }));
    await putUndo(db, { label: 'u', data: [] });
    await saveRecipe(db, { name: 'r', request: 'r', code: 'pass', parameters: [] });
    await appendAudit(db, 'code-run', {});

    expect((await clearAllData(db, 7 * DAY)).ok).toBe(true);
    expect(await getApiKey(db, 'openai')).toBeUndefined();
    expect((await getSettings(db)).provider).toBe('gemini');
    for (const store of ['history', 'undo', 'recipes', 'settings'] as const) expect(await db.count(store)).toBe(0);
    const audit = await listAudit(db);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'data-cleared', at: 7 * DAY, details: { stores: ['settings', 'history', 'audit', 'undo', 'recipes'] } });
  });
});
