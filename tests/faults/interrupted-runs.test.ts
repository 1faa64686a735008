/**
 * A request cut off by a reload or a closed pane leaves its 'pending' History
 * entry; the next start marks it failed (interrupted), unless a live pane still
 * holds its run lock. The browser side is tests/e2e/fault-reload-mid-run.test.ts.
 */
import { freshStore } from '../store/fresh';
import { describe, expect, it } from 'vitest';
import { getHistory, newHistoryEntry, putHistory } from '../../src/store';
import { INTERRUPTED_MESSAGE, markInterruptedRuns, runLockName } from '../../src/conversation/memory';

describe('interrupted requests', () => {
  it('marks a pending entry failed with a message saying what happened and what to do', async () => {
    const { db } = await freshStore();
    const cut = newHistoryEntry({ request: 'stack the files', provider: 'openai', model: 'm' });
    const done = newHistoryEntry({ request: 'total by region', provider: 'openai', model: 'm', outcome: { status: 'success', message: '' } });
    await putHistory(db, cut);
    await putHistory(db, done);

    expect(await markInterruptedRuns(db, new Set())).toBe(1);
    expect((await getHistory(db, cut.id))?.outcome).toEqual({ status: 'failed', message: INTERRUPTED_MESSAGE });
    expect(INTERRUPTED_MESSAGE).toMatch(/nothing was written.*Run it again/);
    expect((await getHistory(db, done.id))?.outcome.status).toBe('success');
    // A second start finds nothing left to mark.
    expect(await markInterruptedRuns(db, new Set())).toBe(0);
  });

  it('leaves alone a request another open pane is still running', async () => {
    const { db } = await freshStore();
    const live = newHistoryEntry({ request: 'still running elsewhere', provider: 'openai', model: 'm' });
    await putHistory(db, live);
    expect(await markInterruptedRuns(db, new Set([runLockName(live.id)]))).toBe(0);
    expect((await getHistory(db, live.id))?.outcome.status).toBe('pending');
  });
});
