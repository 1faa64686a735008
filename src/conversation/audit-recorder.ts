/**
 * Records what happened when it happened: each event gets its own time as it occurs,
 * and entries are written one after another, so the log keeps their order even when
 * the store is slow. The pane writes to IndexedDB (src/store/audit.ts), the CLI to a
 * JSON Lines file; both redact secrets on the way.
 */
import type { AuditAction, JsonValue } from '../store/types';

export type AuditSink = (action: AuditAction, details: Record<string, JsonValue>, at: number) => Promise<unknown>;

export interface AuditRecorder {
  /** Stamped now; details may still be computed (a hash), the entry keeps its place in the order. */
  record(action: AuditAction, details: Record<string, JsonValue> | Promise<Record<string, JsonValue>>): void;
  /** Resolves once every entry recorded so far is written (or failed). */
  flushed(): Promise<void>;
}

export function auditRecorder(sink: AuditSink | undefined, now: () => number = Date.now, onProblem?: (error: unknown) => void): AuditRecorder {
  let last = now();
  let queue: Promise<void> = Promise.resolve();
  return {
    record(action, details) {
      // Strictly increasing times: two events in one millisecond still read in order.
      const at = Math.max(now(), last + 1);
      last = at;
      if (!sink) return;
      queue = queue.then(async () => sink(action, await details, at)).then(
        () => undefined,
        (error: unknown) => onProblem?.(error),
      );
    },
    flushed: () => queue,
  };
}

