import { DAY, freshStore } from './fresh';
import { describe, expect, it } from 'vitest';
import { deleteHistory, fileDigest, getHistory, listHistory, newHistoryEntry, putHistory } from '../../src/store';

describe('history', () => {
  it('stores a request with its plan, code, file digests, outcome and timings and reads it back', async () => {
    const { db } = await freshStore();
    const input = await fileDigest('sales.xlsx', new TextEncoder().encode('abc'));
    expect(input).toEqual({ name: 'sales.xlsx', sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad', size: 3 });

    const entry = newHistoryEntry({ request: 'total by region', provider: 'gemini', model: 'gemini-2.5-flash' }, 5 * DAY);
    expect(entry.outcome.status).toBe('pending');
    expect((await putHistory(db, entry)).ok).toBe(true);

    const done = {
      ...entry,
      plan: { summary: 'Totals per region', steps: ['group', 'sum'] },
      code: 'import pandas as pd\n',
      inputs: [input],
      outputs: [await fileDigest('result.xlsx', new Uint8Array([1, 2]))],
      outcome: { status: 'success' as const, message: 'Wrote result.xlsx' },
      timings: { planMs: 1200, runMs: 800, totalMs: 2500 },
    };
    expect((await putHistory(db, done)).ok).toBe(true);
    expect(await getHistory(db, entry.id)).toEqual(done);
  });

  it('lists newest first and pages back by date', async () => {
    const { db } = await freshStore();
    for (let day = 1; day <= 5; day++) await putHistory(db, newHistoryEntry({ request: `r${day}`, provider: 'openai', model: 'm' }, day * DAY));
    const first = await listHistory(db, { limit: 2 });
    expect(first.map((e) => e.request)).toEqual(['r5', 'r4']);
    const next = await listHistory(db, { limit: 2, before: first.at(-1)!.createdAt });
    expect(next.map((e) => e.request)).toEqual(['r3', 'r2']);

    expect((await deleteHistory(db, first[0]!.id)).ok).toBe(true);
    expect((await listHistory(db)).map((e) => e.request)).toEqual(['r4', 'r3', 'r2', 'r1']);
  });
});
