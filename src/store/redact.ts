/**
 * Keeps API keys out of everything the store writes besides their own entries
 * (history, audit) and out of every export. Two nets: fields whose name says
 * "secret", and any string that contains a key the user saved.
 */
import type { IDBPTransaction } from 'idb';
import type { ExcelAiSchema, StoreName } from './db';
import type { JsonValue } from './types';

/** Entries of the settings store that hold a secret (secrets.ts). */
export const SECRET_PREFIX = 'secret:';
export const REDACTED = '[redacted]';

const SECRET_FIELD = /^(api[-_]?key|apikey|secret|password|token|access[-_]?token|authorization)$/i;
/** Shorter strings would match ordinary text; real API keys are far longer. */
const MIN_SECRET_LENGTH = 8;

/** The saved secrets (API keys, the server token), read inside the caller's transaction. */
export async function readSecrets(tx: IDBPTransaction<ExcelAiSchema, StoreName[], IDBTransactionMode>): Promise<string[]> {
  const range = IDBKeyRange.bound(SECRET_PREFIX, `${SECRET_PREFIX}\uffff`);
  const values = await tx.objectStore('settings').getAll(range);
  return values.filter((v): v is string => typeof v === 'string' && v.length >= MIN_SECRET_LENGTH);
}

/** The secrets long enough to redact without hitting ordinary text. */
export function usableSecrets(secrets: readonly string[]): string[] {
  return secrets.filter((s) => s.length >= MIN_SECRET_LENGTH);
}

export function redactText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join(REDACTED);
  return out;
}

/** A deep copy of `value` with secret fields and saved keys replaced. */
export function redact<T>(value: T, secrets: readonly string[]): T {
  return redactValue(value as JsonValue, secrets) as T;
}

function redactValue(value: JsonValue, secrets: readonly string[]): JsonValue {
  if (typeof value === 'string') return redactText(value, secrets);
  if (Array.isArray(value)) return value.map((v) => redactValue(v, secrets));
  if (value && typeof value === 'object') {
    const out: Record<string, JsonValue> = {};
    for (const [key, v] of Object.entries(value)) {
      out[key] = SECRET_FIELD.test(key) && v !== null && v !== '' ? REDACTED : redactValue(v, secrets);
    }
    return out;
  }
  return value;
}
