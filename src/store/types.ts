/** The records the pane keeps in IndexedDB. Plain data: everything here survives structured clone and JSON. */
import { z } from 'zod';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

const JsonValueSchema: z.ZodType<JsonValue> = z.json();

/**
 * A domain value (a plan, undo steps) as the store keeps it: passed through JSON and
 * checked, so what is stored is exactly what a reload reads back (absent fields, not
 * `undefined`), with no cast between the domain's types and the store's.
 */
export function toJsonValue(value: unknown): JsonValue {
  return JsonValueSchema.parse(JSON.parse(JSON.stringify(value ?? null)));
}

/** An input or output file as History remembers it: never its bytes, only who it was. */
export interface FileDigest {
  name: string;
  /** Lower-case hex sha256 of the bytes. */
  sha256: string;
  size: number;
}

export type OutcomeStatus = 'pending' | 'success' | 'failed' | 'cancelled';

export interface HistoryEntry {
  id: string;
  /** Epoch milliseconds. */
  createdAt: number;
  request: string;
  /** The approved plan as JSON (the agent's Plan); opaque to the store. */
  plan: JsonValue | null;
  /** The Python that ran (or was last tried). */
  code: string | null;
  inputs: FileDigest[];
  outputs: FileDigest[];
  outcome: { status: OutcomeStatus; message: string };
  /** Durations in milliseconds by stage, e.g. { planMs, generateMs, runMs, totalMs }. */
  timings: Record<string, number>;
  provider: string;
  model: string;
}

export type AuditAction =
  | 'request'
  | 'plan-shown'
  | 'plan-approved'
  | 'plan-edited'
  | 'plan-cancelled'
  /** One try of the model's code: its sha256 and outcome, failed tries included. */
  | 'try'
  | 'result-produced'
  /** A request that ended without a result: failed, cancelled or answered with a question. */
  | 'request-ended'
  | 'result-downloaded'
  | 'code-run'
  | 'result-written'
  | 'undo'
  | 'settings-changed'
  | 'data-cleared';

export interface AuditEntry {
  /** Assigned by IndexedDB (autoIncrement); absent before the entry is stored. */
  id?: number;
  /** Epoch milliseconds. */
  at: number;
  action: AuditAction;
  details: Record<string, JsonValue>;
}

/** What the pane needs to put a range back as it was. The store does not look inside `data`. */
export interface UndoSnapshot {
  id: string;
  createdAt: number;
  /** Shown in the UI, e.g. "Write result to Sheet1!A1:F200". */
  label: string;
  /** Sheet/range contents as JSON, produced and read by src/excel. */
  data: JsonValue;
}

export type RecipeParameterKind = 'file' | 'number' | 'text';

export interface RecipeParameter {
  /** A Python identifier; the code reads it as PARAMS["name"]. */
  name: string;
  kind: RecipeParameterKind;
  /** The default: the value the original request used. */
  value: string | number;
  description: string;
}

export interface Recipe {
  id: string;
  name: string;
  request: string;
  /** Python that reads its parameters as PARAMS["name"]; PARAMS is defined by fillRecipe. */
  code: string;
  parameters: RecipeParameter[];
  /** The history entry it was saved from, if any. */
  historyId: string | null;
  createdAt: number;
  /** When it last ran; cleared by retention like other run records. */
  lastRunAt: number | null;
}
