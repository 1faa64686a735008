import { freshStore } from './fresh';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, clearApiKey, getApiKey, getSettings, listAudit, setApiKey, updateSettings } from '../../src/store';

describe('settings', () => {
  it('starts from defaults: Gemini, the public Pyodide CDN, approval required, 90 days', async () => {
    const { db } = await freshStore();
    const s = await getSettings(db);
    expect(s).toEqual(DEFAULT_SETTINGS);
    expect(s).toMatchObject({
      provider: 'gemini',
      limits: { timeoutS: 120, memoryMb: 2048 },
      packageSource: { kind: 'pyodide-cdn' },
      autoApproveLowRisk: false,
      retentionDays: 90,
    });
  });

  it('validates updates, stores them and logs which fields changed', async () => {
    const { db } = await freshStore();
    const result = await updateSettings(db, { provider: 'openai', model: 'llama3', baseUrl: 'http://127.0.0.1:11434/v1', packageSource: { kind: 'self-hosted', baseUrl: 'http://127.0.0.1:8080/pyodide/' } });
    expect(result.ok).toBe(true);
    expect(await getSettings(db)).toMatchObject({ provider: 'openai', model: 'llama3', packageSource: { kind: 'self-hosted' } });
    expect((await listAudit(db)).map((e) => e.details)).toEqual([{ changed: ['provider', 'model', 'baseUrl', 'packageSource'] }]);

    const bad = await updateSettings(db, { limits: { timeoutS: 0, memoryMb: 2048 } });
    expect(bad).toMatchObject({ ok: false, error: { kind: 'invalid' } });
    const notHttp = await updateSettings(db, { packageSource: { kind: 'self-hosted', baseUrl: 'file:///etc/' } });
    expect(notHttp.ok).toBe(false);
    expect((await getSettings(db)).limits.timeoutS).toBe(120);
  });

  it('keeps the valid fields of damaged stored settings', async () => {
    const { db } = await freshStore();
    await db.put('settings', { provider: 'openai', retentionDays: -4, limits: 'lots' }, 'settings');
    const s = await getSettings(db);
    expect(s.provider).toBe('openai');
    expect(s.retentionDays).toBe(90);
    expect(s.limits).toEqual(DEFAULT_SETTINGS.limits);
  });

  it('keeps API keys apart, per provider, and logs only that one changed', async () => {
    const { db } = await freshStore();
    await setApiKey(db, 'gemini', '  AIza-secret-gemini-key  ');
    expect(await getApiKey(db, 'gemini')).toBe('AIza-secret-gemini-key');
    expect(await getApiKey(db, 'openai')).toBeUndefined();
    expect(await db.get('settings', 'apiKey:gemini')).toBe('AIza-secret-gemini-key');
    expect(JSON.stringify(await getSettings(db))).not.toContain('AIza');
    expect((await setApiKey(db, 'openai', '   ')).ok).toBe(false);

    await clearApiKey(db, 'gemini');
    expect(await getApiKey(db, 'gemini')).toBeUndefined();
    const log = JSON.stringify(await listAudit(db));
    expect(log).not.toContain('AIza');
    expect((await listAudit(db)).map((e) => e.details)).toEqual([
      { changed: ['apiKey'], provider: 'gemini' },
      { changed: ['apiKey'], provider: 'gemini', cleared: true },
    ]);
  });
});
