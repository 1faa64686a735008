/**
 * How long the pane remembers, and forgetting everything on request.
 *
 * Decision: the audit log follows retention like everything else. It holds the
 * users' requests and file names, which should not outlive the history they
 * describe; a user who must keep it longer exports it (JSON or CSV) before it
 * ages out. Recipes themselves are kept (the user saved them on purpose); only
 * their run records (lastRunAt) age out.
 *
 * Each function is one transaction: it all happens, or none of it does.
 */
import { ALL_STORES, type ExcelAiDb } from './db';
import { appendAuditIn } from './audit';
import { write, type StoreResult } from './write';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface RetentionReport {
  /** Records older than this (epoch ms) were removed. */
  cutoff: number;
  history: number;
  undo: number;
  audit: number;
  recipeRuns: number;
}

/** Deletes history, undo snapshots, audit entries and recipe run records older than `days` days before `now`. */
export async function applyRetention(db: ExcelAiDb, days: number, now = Date.now()): Promise<StoreResult<RetentionReport>> {
  if (!Number.isInteger(days) || days < 1) {
    return { ok: false, error: { kind: 'invalid', message: 'Keep data for at least one whole day.' } };
  }
  const cutoff = now - days * DAY_MS;
  const older = IDBKeyRange.upperBound(cutoff, true);
  return write(db, ['settings', 'history', 'undo', 'audit', 'recipes'], async (tx) => {
    const report: RetentionReport = { cutoff, history: 0, undo: 0, audit: 0, recipeRuns: 0 };

    const historyKeys = await tx.objectStore('history').index('by-createdAt').getAllKeys(older);
    for (const key of historyKeys) await tx.objectStore('history').delete(key);
    report.history = historyKeys.length;

    const undoKeys = await tx.objectStore('undo').index('by-createdAt').getAllKeys(older);
    for (const key of undoKeys) await tx.objectStore('undo').delete(key);
    report.undo = undoKeys.length;

    const auditKeys = await tx.objectStore('audit').index('by-at').getAllKeys(older);
    for (const key of auditKeys) await tx.objectStore('audit').delete(key);
    report.audit = auditKeys.length;

    for (const recipe of await tx.objectStore('recipes').getAll()) {
      if (recipe.lastRunAt !== null && recipe.lastRunAt < cutoff) {
        await tx.objectStore('recipes').put({ ...recipe, lastRunAt: null });
        report.recipeRuns++;
      }
    }

    if (report.history + report.undo + report.audit + report.recipeRuns > 0) {
      await appendAuditIn(
        tx,
        'data-cleared',
        { reason: 'retention', days, olderThan: new Date(cutoff).toISOString(), history: report.history, undo: report.undo, audit: report.audit, recipeRuns: report.recipeRuns },
        now,
        [],
      );
    }
    return report;
  });
}

/**
 * Empties every store (settings and API keys included), then records one
 * 'data-cleared' entry in the fresh audit log, so the log shows when it began.
 */
export async function clearAllData(db: ExcelAiDb, now = Date.now()): Promise<StoreResult<void>> {
  return write(db, [...ALL_STORES], async (tx) => {
    for (const name of ALL_STORES) await tx.objectStore(name).clear();
    await appendAuditIn(tx, 'data-cleared', { stores: [...ALL_STORES] }, now, []);
  });
}
