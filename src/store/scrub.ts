/**
 * Rewrites the stored history, recipes and audit log with every saved secret
 * redacted: for a key saved after a text that contains it was written (pasted
 * into a request, say). Reads and exports already redact against the secrets
 * saved at that moment; this removes the key from the database itself.
 *
 * This is the one change the append-only audit log allows besides retention
 * and clearing: an entry may lose a secret, nothing else about it changes.
 * Call it when the user is done typing a key (leaving Settings), not on every
 * keystroke: a half-typed key would redact its prefix out of ordinary text and
 * leave the rest of the key readable.
 */
import type { ExcelAiDb } from './db';
import { readSecrets, redact } from './redact';
import { write, type StoreResult } from './write';

export interface ScrubReport {
  history: number;
  recipes: number;
  audit: number;
}

export async function redactStoredSecrets(db: ExcelAiDb): Promise<StoreResult<ScrubReport>> {
  return write(db, ['settings', 'history', 'recipes', 'audit'], async (tx) => {
    const secrets = await readSecrets(tx);
    const report: ScrubReport = { history: 0, recipes: 0, audit: 0 };
    if (!secrets.length) return report;
    for (const name of ['history', 'recipes', 'audit'] as const) {
      const store = tx.objectStore(name);
      let cursor = await store.openCursor();
      while (cursor) {
        const clean = redact(cursor.value, secrets);
        if (JSON.stringify(clean) !== JSON.stringify(cursor.value)) {
          await cursor.update(clean as typeof cursor.value);
          report[name]++;
        }
        cursor = await cursor.continue();
      }
    }
    return report;
  });
}
