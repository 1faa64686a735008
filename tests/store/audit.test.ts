import { freshStore } from './fresh';
import { describe, expect, it } from 'vitest';
import * as audit from '../../src/store/audit';
import { appendAudit, clearAll, exportAudit, getApiKey, listAudit, newHistoryEntry, putHistory, setApiKey, updateSettings } from '../../src/store';

/** A tiny RFC 4180 reader, to check the export round-trips. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') endField();
    else if (c === '\r' && text[i + 1] === '\n') {
      endField();
      rows.push(row);
      row = [];
      i++;
    } else field += c;
  }
  return rows;
}

describe('audit log', () => {
  it('offers no way to change or delete single entries', () => {
    const names = Object.keys(audit);
    expect(names.filter((n) => /update|delete|remove|edit|put/i.test(n))).toEqual([]);
    expect(names).toContain('clearAll');
  });

  it('appends in order and filters by date', async () => {
    const { db } = await freshStore();
    await appendAudit(db, 'request', { request: 'a' }, 1000);
    await appendAudit(db, 'plan-approved', {}, 2000);
    await appendAudit(db, 'code-run', { ok: true }, 3000);
    expect((await listAudit(db)).map((e) => [e.id, e.action])).toEqual([[1, 'request'], [2, 'plan-approved'], [3, 'code-run']]);
    expect((await listAudit(db, { since: 2000 })).map((e) => e.action)).toEqual(['plan-approved', 'code-run']);
  });

  it('exports CSV that quotes commas, quotes and line breaks and defuses formulas', async () => {
    const { db } = await freshStore();
    await appendAudit(db, 'request', { request: 'sum "Q1", then\nsort' }, Date.UTC(2026, 0, 2));
    await appendAudit(db, 'result-written', { range: '=HYPERLINK("http://x")' }, Date.UTC(2026, 0, 3));
    const csv = await exportAudit(db, 'csv');
    expect(csv.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual(['id', 'at', 'action', 'details']);
    expect(rows[1]).toEqual(['1', '2026-01-02T00:00:00.000Z', 'request', JSON.stringify({ request: 'sum "Q1", then\nsort' })]);
    expect(JSON.parse(rows[2]![3]!)).toEqual({ range: '=HYPERLINK("http://x")' });
    expect(audit.csvField('=1+1')).toBe("'=1+1");
    expect(audit.csvField('-5,3')).toBe(`"'-5,3"`);
    expect(audit.csvField('plain')).toBe('plain');
  });

  it('exports JSON with dates as ISO text', async () => {
    const { db } = await freshStore();
    await appendAudit(db, 'undo', { snapshot: 'u1' }, Date.UTC(2026, 4, 1));
    const json = JSON.parse(await exportAudit(db, 'json', Date.UTC(2026, 4, 2))) as { kind: string; exportedAt: string; entries: unknown[] };
    expect(json.kind).toBe('excel-ai-audit-log');
    expect(json.exportedAt).toBe('2026-05-02T00:00:00.000Z');
    expect(json.entries).toEqual([{ id: 1, at: '2026-05-01T00:00:00.000Z', action: 'undo', details: { snapshot: 'u1' } }]);
  });

  it('never exports the API key, even where an entry or history quoted it', async () => {
    const { db } = await freshStore();
    const key = 'sk-test-9f8e7d6c5b4a3210';
    // Written before the key was saved: only the export-time pass can catch this one.
    await appendAudit(db, 'request', { request: `use key ${key}` });
    expect((await setApiKey(db, 'openai', key)).ok).toBe(true);
    expect(await getApiKey(db, 'openai')).toBe(key);
    await appendAudit(db, 'settings-changed', { apiKey: key, note: `key=${key}`, nested: [{ token: 'abc' }] });
    await updateSettings(db, { provider: 'openai', apiKey: key } as never);
    await putHistory(db, newHistoryEntry({ request: `please use ${key}`, provider: 'openai', model: 'm' }));

    for (const format of ['json', 'csv'] as const) {
      const text = await exportAudit(db, format);
      expect(text).not.toContain(key);
      expect(text).not.toContain(key.slice(3));
      expect(text).toContain('[redacted]');
    }
    const stored = JSON.stringify(await listAudit(db));
    expect(stored).not.toContain('sk-test-9f8e7d6c5b4a3210","note'); // the field itself was redacted at append time
    expect((await listAudit(db)).find((e) => e.details.note)?.details).toEqual({ apiKey: '[redacted]', note: 'key=[redacted]', nested: [{ token: '[redacted]' }] });
    const history = await db.getAll('history');
    expect(JSON.stringify(history)).not.toContain(key);
    expect(JSON.stringify(await db.get('settings', 'settings'))).not.toContain(key);
  });

  it('clears everything and leaves one entry saying so', async () => {
    const { db } = await freshStore();
    await appendAudit(db, 'request', {});
    await appendAudit(db, 'code-run', {});
    expect((await clearAll(db, 5000)).ok).toBe(true);
    const left = await listAudit(db);
    expect(left).toHaveLength(1);
    expect(left[0]).toMatchObject({ action: 'data-cleared', at: 5000, details: { stores: ['audit'] } });
  });
});
