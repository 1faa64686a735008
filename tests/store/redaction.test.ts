/**
 * Redaction against the one place secrets live: every saved secret (API keys, the
 * server token), in whatever field and form it shows up, at write time and again
 * at read and export, whether it was saved before or after the text was written.
 * The secrets are saved the way the pane saves them (src/ui/pane-settings.ts).
 */
import { describe, expect, it } from 'vitest';
import {
  MIN_SECRET_LENGTH,
  REDACTED,
  exportAudit,
  getHistory,
  listAudit,
  listHistory,
  listRecipes,
  newHistoryEntry,
  putHistory,
  redactStoredSecrets,
  redactText,
  saveRecipe,
  type ExcelAiDb,
} from '../../src/store';
import { appendAudit } from '../../src/store/audit';
import { savePaneApiKey, savePaneServerToken } from '../../src/ui/pane-settings';
import { freshStore } from './fresh';

const KEY = 'AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY';
const OTHER = 'sk-proj-Q1w2E3r4T5y6U7i8O9p0';
const TOKEN = 'srv_tok_5b1e0c7d9a3f4e21';

/** Everything the database holds, as stored (no read-time redaction). */
async function rawDump(db: ExcelAiDb): Promise<string> {
  const [history, recipes, audit] = await Promise.all([db.getAll('history'), db.getAll('recipes'), db.getAll('audit')]);
  return JSON.stringify({ history, recipes, audit });
}

describe('redactText', () => {
  it('removes a key in the middle of a word, several times', () => {
    expect(redactText(`prefix${KEY}suffix and again:${KEY}.`, [KEY])).toBe(`prefix${REDACTED}suffix and again:${REDACTED}.`);
  });

  it('removes several keys, the longer first when one contains the other', () => {
    const inner = KEY.slice(0, 20);
    const text = `a ${KEY} b ${inner} c ${OTHER}`;
    const out = redactText(text, [inner, KEY, OTHER]);
    expect(out).toBe(`a ${REDACTED} b ${REDACTED} c ${REDACTED}`);
    expect(out).not.toContain(KEY.slice(20));
  });

  it('removes a key in its JSON-escaped, CSV-quoted and URL-encoded forms', () => {
    const odd = 'k3y/with"quote\\and+plus=';
    const forms = [JSON.stringify(odd), JSON.stringify(JSON.stringify(odd)), `"${odd.replace(/"/g, '""')}"`, encodeURIComponent(odd), JSON.stringify(odd).replace(/\//g, '\\/')];
    for (const form of forms) {
      const out = redactText(`x=${form};`, [odd]);
      expect(out, form).toContain(REDACTED);
      expect(out, form).not.toContain('with');
    }
  });

  it(`ignores empty and short secrets (under ${MIN_SECRET_LENGTH} characters) instead of redacting everything`, () => {
    const text = 'Sum the sales per region and sort them.';
    expect(redactText(text, ['', 'a', 'sales', 'x'.repeat(MIN_SECRET_LENGTH - 1)])).toBe(text);
    expect(redactText(`${'y'.repeat(MIN_SECRET_LENGTH)}!`, ['y'.repeat(MIN_SECRET_LENGTH)])).toBe(`${REDACTED}!`);
  });
});

describe('the store redacts every saved secret', () => {
  it('at write time, in every field of history, recipes and the audit log', async () => {
    const { db } = await freshStore();
    expect((await savePaneApiKey(db, 'gemini', KEY)).ok).toBe(true);
    expect((await savePaneApiKey(db, 'openai', OTHER)).ok).toBe(true);
    expect((await savePaneServerToken(db, TOKEN)).ok).toBe(true);
    const entry = newHistoryEntry({
      request: `use key${KEY}now`,
      provider: 'gemini',
      model: 'm',
      code: `print("${OTHER}")`,
      plan: { summary: `send ${TOKEN}`, steps: [{ text: JSON.stringify({ key: KEY }) }], [KEY]: 1 },
      outcome: { status: 'failed', message: `401 for ${OTHER}` },
    });
    expect((await putHistory(db, entry)).ok).toBe(true);
    expect((await saveRecipe(db, { name: 'r', request: `key ${KEY}`, code: `x = "${TOKEN}"\nprint(PARAMS["v"])`, parameters: [{ name: 'v', kind: 'text', value: `v${OTHER}`, description: '' }] })).ok).toBe(true);
    expect((await appendAudit(db, 'request', { request: `k=${KEY}`, error: `token ${TOKEN}`, values: { v: OTHER } })).ok).toBe(true);
    const raw = await rawDump(db);
    for (const secret of [KEY, OTHER, TOKEN]) expect(raw).not.toContain(secret);
    expect(raw).toContain(REDACTED);
  });

  it('at read and export time, for a key saved after the text was written', async () => {
    const { db } = await freshStore();
    const entry = newHistoryEntry({ request: `please use ${KEY}`, provider: 'gemini', model: 'm' });
    await putHistory(db, entry);
    await saveRecipe(db, { name: 'r', request: `key ${KEY}`, code: 'print(1)', parameters: [] });
    await appendAudit(db, 'request', { request: `please use ${KEY}` });
    // Before the key is saved, nothing marks it as a secret.
    expect(await rawDump(db)).toContain(KEY);

    await savePaneApiKey(db, 'gemini', KEY);
    expect((await getHistory(db, entry.id))?.request).toBe(`please use ${REDACTED}`);
    expect((await listHistory(db))[0]?.request).toBe(`please use ${REDACTED}`);
    expect((await listRecipes(db))[0]?.request).toBe(`key ${REDACTED}`);
    expect(JSON.stringify(await listAudit(db))).not.toContain(KEY);
    for (const format of ['json', 'csv'] as const) {
      const text = await exportAudit(db, format);
      expect(text).not.toContain(KEY);
      expect(text).toContain(REDACTED);
    }

    // And once the key is final, it leaves the database itself.
    const scrubbed = await redactStoredSecrets(db);
    expect(scrubbed).toMatchObject({ ok: true, value: { history: 1, recipes: 1, audit: 1 } });
    expect(await rawDump(db)).not.toContain(KEY);
  });

  it('the server token too, saved after, in a JSON-escaped plan', async () => {
    const { db } = await freshStore();
    const odd = 'tok/"quoted"/0123456789';
    await putHistory(db, newHistoryEntry({ request: 'r', provider: 'gemini', model: 'm', plan: { note: JSON.stringify({ token: odd }) } }));
    await savePaneServerToken(db, odd);
    const shown = JSON.stringify(await listHistory(db));
    expect(shown).not.toContain('0123456789');
    expect(shown).toContain(REDACTED);
  });

  it('a short key is saved but redacts nothing (the pane warns about it)', async () => {
    const { db } = await freshStore();
    await savePaneApiKey(db, 'openai', 'abc');
    await putHistory(db, newHistoryEntry({ request: 'abc abcdef', provider: 'openai', model: 'm' }));
    expect((await listHistory(db))[0]?.request).toBe('abc abcdef');
  });
});
