/**
 * What the pane remembers, in this browser's IndexedDB: every request in History
 * (pending while it runs, so a reload mid-run shows as interrupted at the next
 * start), the audit entries the conversation records as they happen, retention and
 * "Clear all my data". Nothing here is ever sent anywhere.
 */
import type { AgentOutcome } from '../agent/run-request';
import {
  appendAudit, applyRetention, toJsonValue, clearAllData, exportAudit, fileDigest, getSettings, listAudit, listHistory, newHistoryEntry, openStore, putHistory, updateSettings,
  type AuditAction, type AuditEntry, type AuditExportFormat, type ExcelAiDb, type HistoryEntry, type JsonValue,
} from '../store';
import { redactText, usableSecrets } from '../store/redact';
import type { ConversationFile, HistoryPort } from './conversation';
import { Observable } from './observable';
import { describeError } from '../../workers/api';

export const INTERRUPTED_MESSAGE = 'Interrupted: the pane was closed or reloaded while this request ran, so it did not finish and nothing was written. Run it again.';

/** Held (Web Locks, shared by every pane of this origin) while a request runs, so another pane never calls it interrupted. */
export const runLockName = (historyId: string): string => `excel-ai-run:${historyId}`;

/**
 * A request leaves a 'pending' History entry when it starts; one still pending at the
 * next start, with no live pane holding its lock, was cut off (reload, closed pane, crash).
 */
export async function markInterruptedRuns(db: ExcelAiDb, held: ReadonlySet<string>): Promise<number> {
  const cut = (await db.getAll('history')).filter((e) => e.outcome.status === 'pending' && !held.has(runLockName(e.id)));
  for (const entry of cut) await putHistory(db, { ...entry, outcome: { status: 'failed', message: INTERRUPTED_MESSAGE } });
  return cut.length;
}

function webLocks(): LockManager | undefined {
  return typeof navigator === 'undefined' ? undefined : navigator.locks;
}

async function heldRunLocks(): Promise<Set<string>> {
  const locks = webLocks();
  if (!locks) return new Set();
  const { held = [] } = await locks.query();
  return new Set(held.map((l) => l.name ?? ''));
}

export interface MemoryView {
  /** Undefined until the store opened, and for good when this browser refuses one. */
  db?: ExcelAiDb;
  history: HistoryEntry[];
  /** A sentence when something could not be kept (storage refused, quota full). */
  problem?: string;
  /** Goes up whenever the audit log grew, so its view reloads. */
  auditVersion: number;
}

export type ModelName = { provider: string; model: string };

export class Memory extends Observable<MemoryView> {
  /** Releases the run lock of each begun request, by History id. */
  private readonly running = new Map<string, () => void>();

  constructor() {
    super({ history: [], auditVersion: 0 });
  }

  /** Opens the store, drops what is older than the retention period and marks cut-off runs. */
  async open(open: () => Promise<ExcelAiDb> = () => openStore()): Promise<ExcelAiDb | undefined> {
    try {
      const db = await open();
      await applyRetention(db, (await getSettings(db)).retentionDays, Date.now());
      await markInterruptedRuns(db, await heldRunLocks());
      this.update({ db, history: await listHistory(db, { limit: 50 }) });
      return db;
    } catch (error) {
      this.update({ problem: `History is not available in this browser (${describeError(error)}). Everything else works.` });
      return undefined;
    }
  }

  /** History as the conversation writes it, with the model that answered. */
  historyPort(model: () => ModelName): HistoryPort {
    return {
      begin: (text, startedAt) => this.begin(text, model(), startedAt),
      record: (text, used, outcome, startedAt, id) => this.record(text, used, outcome, model(), startedAt, id),
    };
  }

  /** Records the request as pending before it runs, so a reload mid-run leaves a trace; returns its History id. */
  async begin(request: string, model: ModelName, startedAt: number): Promise<string | undefined> {
    const db = this.state.db;
    if (!db) return undefined;
    const entry = newHistoryEntry({ request, provider: model.provider, model: model.model }, startedAt);
    const locks = webLocks();
    if (locks) {
      const released = new Promise<void>((resolve) => this.running.set(entry.id, resolve));
      await new Promise<void>((taken) => {
        void locks.request(runLockName(entry.id), () => {
          taken();
          return released;
        });
      });
    }
    const saved = await putHistory(db, entry);
    if (saved.ok) return entry.id;
    this.release(entry.id);
    this.update({ problem: saved.error.message });
    return undefined;
  }

  async record(request: string, files: readonly ConversationFile[], outcome: AgentOutcome, model: ModelName, startedAt: number, pendingId?: string): Promise<void> {
    const db = this.state.db;
    if (!db) return this.release(pendingId);
    const inputs = await Promise.all(files.map(async (f) => fileDigest(f.name, await f.read())));
    const outputs = outcome.status === 'done' ? await Promise.all(outcome.result.outputs.map((o) => fileDigest(o.name, o.bytes))) : [];
    const plan = outcome.status === 'done' || outcome.status === 'applied' || (outcome.status === 'failed' && outcome.plan) ? toJsonValue(outcome.plan ?? null) : null;
    const code = outcome.status === 'done' ? outcome.code : outcome.status === 'failed' ? (outcome.lastCode ?? null) : null;
    const entry = newHistoryEntry({
      ...(pendingId ? { id: pendingId, createdAt: startedAt } : {}),
      request,
      provider: model.provider,
      model: model.model,
      plan,
      code,
      inputs,
      outputs,
      outcome: {
        status: outcome.status === 'done' || outcome.status === 'applied' ? 'success' : outcome.status === 'question' ? 'cancelled' : outcome.status,
        message: outcome.status === 'failed' ? outcome.message : outcome.status === 'question' ? `Question: ${outcome.question}` : outcome.status === 'applied' ? outcome.label : '',
      },
      timings: { totalMs: Date.now() - startedAt },
    });
    const saved = await putHistory(db, entry);
    // The entry is final (or could not be saved): no pane may call it interrupted any more.
    this.release(pendingId);
    // A later save that works (space was freed) clears the warning.
    this.update({ problem: saved.ok ? undefined : saved.error.message });
    await this.reload();
  }

  /** Appends one entry to the audit log, stamped when it happened (`at`) or now. */
  audit = async (action: AuditAction, details: Record<string, JsonValue>, at?: number): Promise<void> => {
    const db = this.state.db;
    if (!db) return;
    const appended = await appendAudit(db, action, details, at);
    this.update({ auditVersion: this.state.auditVersion + 1, ...(appended.ok ? {} : { problem: appended.error.message }) });
  };

  /** The audit log, newest first. */
  async auditEntries(): Promise<AuditEntry[]> {
    const db = this.state.db;
    return db ? (await listAudit(db)).reverse() : [];
  }

  /** The whole log as a file's text, without any of `secrets` (the store redacts as it writes; this covers older entries too). */
  async exportAudit(format: AuditExportFormat, secrets: readonly string[]): Promise<string> {
    const db = this.state.db;
    if (!db) throw new Error('the pane’s storage is not open');
    return redactText(await exportAudit(db, format), usableSecrets(secrets));
  }

  async retentionDays(): Promise<number | undefined> {
    const db = this.state.db;
    return db ? (await getSettings(db)).retentionDays : undefined;
  }

  /** Keeps History and the log for `days` and removes what is older now; returns a sentence for the user. */
  async setRetention(days: number): Promise<{ ok: boolean; text: string }> {
    const db = this.state.db;
    if (!db) return { ok: false, text: 'History is not available: this browser refused to open the pane’s storage.' };
    if (!Number.isInteger(days) || days < 1 || days > 3650) return { ok: false, text: 'Enter a whole number of days from 1 to 3650.' };
    const saved = await updateSettings(db, { retentionDays: days });
    if (!saved.ok) return { ok: false, text: saved.error.message };
    const applied = await applyRetention(db, days);
    await this.reload();
    if (!applied.ok) return { ok: false, text: applied.error.message };
    const r = applied.value;
    return { ok: true, text: `Kept for ${days} days. Removed now: ${r.history} history entries, ${r.audit} audit entries, ${r.undo} undo snapshots.` };
  }

  /** Empties every store (settings and secrets included); the caller forgets its copies. */
  async clearAll(): Promise<{ ok: true } | { ok: false; text: string }> {
    const db = this.state.db;
    if (!db) return { ok: false, text: 'Nothing to clear: this browser refused to open the pane’s storage.' };
    const cleared = await clearAllData(db);
    if (!cleared.ok) return { ok: false, text: cleared.error.message };
    await this.reload();
    return { ok: true };
  }

  /** After data was cleared or aged out: reread History and the log. */
  async reload(): Promise<void> {
    const db = this.state.db;
    if (!db) return;
    this.update({ history: await listHistory(db, { limit: 50 }), auditVersion: this.state.auditVersion + 1 });
  }

  private release(pendingId: string | undefined): void {
    if (!pendingId) return;
    this.running.get(pendingId)?.();
    this.running.delete(pendingId);
  }
}
