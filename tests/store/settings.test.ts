import { freshStore } from './fresh';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, appendAudit, clearApiKey, getApiKey, getSecret, getSettings, listAudit, listHistory, newHistoryEntry, putHistory, setApiKey, setSecret, updateSettings } from '../../src/store';

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
    expect(await db.get('settings', 'secret:apiKey.gemini')).toBe('AIza-secret-gemini-key');
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

  it('redacts history and the audit log against secrets saved the way the pane saves them', async () => {
    const { db } = await freshStore();
    const token = 'srv-token-0123456789abcdef';
    const key = 'sk-pane-typed-0123456789';
    // The pane's path (src/conversation/settings-state.ts): setSecret as the user types, no audit entry per keystroke.
    expect((await setSecret(db, 'serverToken', `  ${token} `)).ok).toBe(true);
    expect((await setSecret(db, 'apiKey.openai', key)).ok).toBe(true);
    expect(await getSecret(db, 'serverToken')).toBe(token);
    expect(await listAudit(db)).toEqual([]);

    await putHistory(db, newHistoryEntry({ request: `send to the server with ${token}, key ${key}`, provider: 'openai', model: 'm' }));
    await appendAudit(db, 'request', { request: `token ${token}` });
    const stored = JSON.stringify([await listHistory(db), await listAudit(db)]);
    expect(stored).not.toContain(token);
    expect(stored).not.toContain(key);
    expect(stored).toContain('with [redacted], key [redacted]');

    // An empty value removes the secret.
    await setSecret(db, 'serverToken', '');
    expect(await getSecret(db, 'serverToken')).toBeUndefined();
  });
});
