/**
 * Keeps secrets (API keys, the large-job server's token) out of everything the
 * store writes besides their own entries, and out of everything it reads back
 * or exports. Two nets: fields whose name says "secret", and any string that
 * contains a saved secret, in any of the forms text usually gives it (as is,
 * JSON-escaped, doubled quotes of CSV, URL-encoded).
 *
 * The saved secrets are the one list: each lives in one entry of the settings
 * store (`apiKey:<provider>`, `secret:serverToken`), and every write, read and
 * export redacts against those entries as they are at that moment, so a key
 * saved after a text was written is still removed from what is shown and exported.
 */
import type { IDBPTransaction } from 'idb';
import type { ExcelAiSchema, StoreName } from './db';
import type { JsonValue } from './types';

export const API_KEY_PREFIX = 'apiKey:';
/** Secrets other than model API keys (the large-job server's token). */
export const SECRET_PREFIX = 'secret:';
export const REDACTED = '[redacted]';

const SECRET_FIELD = /^(api[-_]?key|apikey|secret|password|token|access[-_]?token|authorization|server[-_]?token)$/i;
/**
 * Secrets shorter than this are not searched for in text: a 3-letter "key" would
 * turn every word that contains it into [redacted] (and an empty one would
 * redact between every character). Real API keys and tokens are far longer.
 */
export const MIN_SECRET_LENGTH = 8;

type AnyTransaction = IDBPTransaction<ExcelAiSchema, StoreName[], IDBTransactionMode>;

/** Every saved secret, read inside the caller's transaction (which must include the settings store). */
export async function readSecrets(tx: AnyTransaction): Promise<string[]> {
  const store = tx.objectStore('settings');
  const ranges = [API_KEY_PREFIX, SECRET_PREFIX].map((prefix) => IDBKeyRange.bound(prefix, `${prefix}\uffff`));
  const values = (await Promise.all(ranges.map((range) => store.getAll(range)))).flat();
  return usableSecrets(values.filter((v): v is string => typeof v === 'string'));
}

/** The secrets worth searching for: long enough, each once, longest first (so a key that contains another is removed whole). */
export function usableSecrets(secrets: readonly string[]): string[] {
  return [...new Set(secrets.filter((s) => s.length >= MIN_SECRET_LENGTH))].sort((a, b) => b.length - a.length);
}

/** The forms a secret takes in text: as is, inside a JSON string (once or twice), with CSV's doubled quotes, URL-encoded. */
function secretForms(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1);
  const jsonTwice = JSON.stringify(json).slice(1, -1);
  const forms = [secret, json, json.replace(/\//g, '\\/'), jsonTwice, secret.replace(/"/g, '""'), json.replace(/"/g, '""'), encodeURIComponent(secret)];
  return [...new Set(forms)].sort((a, b) => b.length - a.length);
}

export function redactText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of usableSecrets(secrets)) {
    for (const form of secretForms(secret)) out = out.split(form).join(REDACTED);
  }
  return out;
}

/** A deep copy of `value` with secret fields and saved secrets (in values and in field names) replaced. */
export function redact<T>(value: T, secrets: readonly string[]): T {
  return redactValue(value as JsonValue, usableSecrets(secrets)) as T;
}

function redactValue(value: JsonValue, secrets: readonly string[]): JsonValue {
  if (typeof value === 'string') return redactText(value, secrets);
  if (Array.isArray(value)) return value.map((v) => redactValue(v, secrets));
  if (value && typeof value === 'object') {
    const out: Record<string, JsonValue> = {};
    for (const [key, v] of Object.entries(value)) {
      out[redactText(key, secrets)] = SECRET_FIELD.test(key) && v !== null && v !== '' ? REDACTED : redactValue(v, secrets);
    }
    return out;
  }
  return value;
}

/** Reads the saved secrets in the caller's transaction and returns `value` redacted against them. */
export async function redactWithSaved<T>(tx: AnyTransaction, value: T): Promise<T> {
  return redact(value, await readSecrets(tx));
}
