/**
 * The pane's memory: opens the IndexedDB store once, records every request in History,
 * writes the audit entries the conversation records (src/conversation/audit-recorder.ts),
 * and lists History for the History tab. Everything stays in this browser; nothing here
 * is ever sent anywhere.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AgentOutcome } from '../agent/run-request';
import { appendAudit, applyRetention, fileDigest, getSettings, listHistory, newHistoryEntry, openStore, putHistory, type AuditAction, type ExcelAiDb, type HistoryEntry, type JsonValue } from '../store';
import type { ConversationFile } from '../conversation/conversation';

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

async function heldRunLocks(): Promise<Set<string>> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  if (!locks) return new Set();
  const { held = [] } = await locks.query();
  return new Set(held.map((l) => l.name ?? ''));
}

/** `retentionDays` overrides the stored setting (Settings → Your data). */
export function useMemory(retentionDays?: number) {
  const [db, setDb] = useState<ExcelAiDb | undefined>();
  const [history, setHistory] = useState<HistoryEntry[]>([]);
  const [problem, setProblem] = useState<string | undefined>();
  /** Goes up whenever the audit log grew, so the audit view reloads. */
  const [auditVersion, setAuditVersion] = useState(0);

  const refresh = useCallback(async (store: ExcelAiDb) => setHistory(await listHistory(store, { limit: 50 })), []);

  useEffect(() => {
    let live = true;
    openStore()
      .then(async (store) => {
        if (!live) return;
        await applyRetention(store, retentionDays ?? (await getSettings(store)).retentionDays, Date.now());
        await markInterruptedRuns(store, await heldRunLocks());
        setDb(store);
        await refresh(store);
      })
      .catch((error: unknown) => setProblem(`History is not available in this browser (${error instanceof Error ? error.message : String(error)}). Everything else works.`));
    return () => {
      live = false;
    };
  }, [refresh, retentionDays]);

  /** Releases the run lock of each begun request, by History id. */
  const running = useRef(new Map<string, () => void>());

  /** Records the request as pending before it runs, so a reload mid-run leaves a trace; returns its History id. */
  const begin = useCallback(
    async (request: string, model: { provider: string; model: string }, startedAt: number): Promise<string | undefined> => {
      if (!db) return undefined;
      const entry = newHistoryEntry({ request, provider: model.provider, model: model.model }, startedAt);
      const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
      if (locks) {
        const released = new Promise<void>((resolve) => running.current.set(entry.id, resolve));
        await new Promise<void>((taken) => {
          void locks.request(runLockName(entry.id), () => {
            taken();
            return released;
          });
        });
      }
      const saved = await putHistory(db, entry);
      if (saved.ok) return entry.id;
      running.current.get(entry.id)?.();
      running.current.delete(entry.id);
      setProblem(saved.error.message);
      return undefined;
    },
    [db],
  );

  const record = useCallback(
    async (request: string, files: readonly ConversationFile[], outcome: AgentOutcome, model: { provider: string; model: string }, startedAt: number, pendingId?: string) => {
      const release = (): void => {
        if (!pendingId) return;
        running.current.get(pendingId)?.();
        running.current.delete(pendingId);
      };
      if (!db) return release();
      const inputs = await Promise.all(files.map(async (f) => fileDigest(f.name, await f.read())));
      const outputs = outcome.status === 'done' ? await Promise.all(outcome.result.outputs.map((o) => fileDigest(o.name, o.bytes))) : [];
      const plan = outcome.status === 'done' || outcome.status === 'applied' || (outcome.status === 'failed' && outcome.plan) ? ((outcome.plan ?? null) as unknown as JsonValue) : null;
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
      release();
      // A later save that works (space was freed) clears the warning.
      setProblem(saved.ok ? undefined : saved.error.message);
      // The audit log got its entries as each step happened (the conversation's recorder).
      await refresh(db);
      setAuditVersion((v) => v + 1);
    },
    [db, refresh],
  );

  /** Appends one entry to the audit log, stamped when it happened (`at`) or now. */
  const audit = useCallback(
    async (action: AuditAction, details: Record<string, JsonValue>, at?: number) => {
      if (!db) return;
      const appended = await appendAudit(db, action, details, at);
      if (!appended.ok) setProblem(appended.error.message);
      setAuditVersion((v) => v + 1);
    },
    [db],
  );

  /** After data was cleared or aged out elsewhere: reread History and the log. */
  const reload = useCallback(async () => {
    if (!db) return;
    await refresh(db);
    setAuditVersion((v) => v + 1);
  }, [db, refresh]);

  return { db, history, begin, record, problem, audit, auditVersion, reload };
}
