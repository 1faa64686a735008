/**
 * The audit log: what was asked, approved, run, written and undone. Append
 * only: there is no update and no single-entry delete. Entries leave only
 * through `clearAll` (the user's choice, itself logged), `clearAllData` and
 * retention (retention.ts).
 */
import type { IDBPTransaction } from 'idb';
import type { ExcelAiDb, ExcelAiSchema, StoreName } from './db';
import { readSecrets, redact, redactText } from './redact';
import type { AuditAction, AuditEntry, JsonValue } from './types';
import { write, type StoreResult, type WriteTransaction } from './write';

/** A transaction over (at least) the audit store to write and settings, to read the keys to redact. */
type CanAppend<N extends StoreName[]> = 'audit' extends N[number] ? ('settings' extends N[number] ? WriteTransaction<N> : never) : never;

/** Appends inside the caller's transaction, so the entry commits (or not) with the change it records. */
export async function appendAuditIn<N extends StoreName[]>(
  tx: CanAppend<N>,
  action: AuditAction,
  details: Record<string, JsonValue>,
  at: number,
  extraSecrets: readonly string[],
): Promise<AuditEntry> {
  const auditTx = tx as unknown as IDBPTransaction<ExcelAiSchema, ['settings', 'audit'], 'readwrite'>;
  const secrets = [...(await readSecrets(auditTx)), ...extraSecrets];
  const entry: AuditEntry = { at, action, details: redact(details, secrets) };
  const id = await auditTx.objectStore('audit').add(entry);
  return { ...entry, id };
}

export async function appendAudit(db: ExcelAiDb, action: AuditAction, details: Record<string, JsonValue> = {}, at = Date.now()): Promise<StoreResult<AuditEntry>> {
  return write(db, ['settings', 'audit'], (tx) => appendAuditIn(tx, action, details, at, []));
}

/** Entries in the order they were written, optionally only those at or after `since`. */
export async function listAudit(db: ExcelAiDb, options: { since?: number; limit?: number } = {}): Promise<AuditEntry[]> {
  if (options.since === undefined) return db.getAll('audit', undefined, options.limit);
  const entries = await db.getAllFromIndex('audit', 'by-at', IDBKeyRange.lowerBound(options.since), options.limit);
  return entries.sort((a, b) => (a.id ?? 0) - (b.id ?? 0));
}

/** Empties the audit log, then records that it was cleared: the log never silently loses its past. */
export async function clearAll(db: ExcelAiDb, at = Date.now()): Promise<StoreResult<void>> {
  return write(db, ['settings', 'audit'], async (tx) => {
    await tx.objectStore('audit').clear();
    await appendAuditIn(tx, 'data-cleared', { stores: ['audit'] }, at, []);
  });
}

export type AuditExportFormat = 'json' | 'csv';

/**
 * The whole log as text for the user to save. Saved API keys are redacted
 * again here, in case an entry was written before the key was saved.
 */
export async function exportAudit(db: ExcelAiDb, format: AuditExportFormat, exportedAt = Date.now()): Promise<string> {
  const tx = db.transaction(['settings', 'audit'], 'readonly');
  const [secrets, entries] = await Promise.all([readSecrets(tx), tx.objectStore('audit').getAll()]);
  await tx.done;
  const clean = entries.map((e) => redact(e, secrets));
  const text = format === 'json' ? auditJson(clean, exportedAt) : auditCsv(clean);
  return redactText(text, secrets);
}

function auditJson(entries: AuditEntry[], exportedAt: number): string {
  const rows = entries.map((e) => ({ id: e.id ?? null, at: new Date(e.at).toISOString(), action: e.action, details: e.details }));
  return `${JSON.stringify({ kind: 'excel-ai-audit-log', version: 1, exportedAt: new Date(exportedAt).toISOString(), entries: rows }, null, 2)}\n`;
}

const CSV_COLUMNS = ['id', 'at', 'action', 'details'] as const;

/** RFC 4180 CSV (CRLF line ends), one row per entry, details as JSON. */
function auditCsv(entries: AuditEntry[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const e of entries) {
    lines.push([String(e.id ?? ''), new Date(e.at).toISOString(), e.action, JSON.stringify(e.details)].map(csvField).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * Quotes a field when it holds a comma, quote or line break, doubling quotes.
 * A field that Excel would read as a formula (=, +, -, @, tab, CR first) is
 * prefixed with an apostrophe: the log holds user and model text, and this
 * file is likely to be opened in Excel.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
