/**
 * The pane's settings, validated with zod, with defaults for anything missing
 * or unreadable: the one place the pane keeps them (src/ui/pane-settings.ts
 * adapts them to the form and moves what older versions left in localStorage).
 * Secrets (API keys, the server token) live apart from the settings object.
 */
import { z } from 'zod';
import { PYODIDE_CDN_SOURCE } from '../../workers/runtime/package-loader';
import { DEFAULT_OFFLOAD_THRESHOLDS } from '../backend/offload-policy';
import type { ExcelAiDb } from './db';
import { API_KEY_PREFIX, SECRET_PREFIX } from './redact';
import { appendAuditIn } from './audit';
import { write, type StoreResult } from './write';

export const PROVIDERS = ['gemini', 'openai'] as const;
export type Provider = (typeof PROVIDERS)[number];

const DEFAULT_MODEL: Record<Provider, string> = { gemini: 'gemini-2.5-flash', openai: 'gpt-4.1-mini' };

const httpUrl = z.url({ protocol: /^https?$/ });

export const SettingsSchema = z.object({
  provider: z.enum(PROVIDERS).default('gemini'),
  model: z.string().trim().min(1).default(DEFAULT_MODEL.gemini),
  /** For OpenAI-compatible servers (Ollama, LM Studio...); null means the provider's own endpoint. */
  baseUrl: httpUrl.nullable().default(null),
  limits: z
    .object({
      timeoutS: z.number().int().min(5).max(3600).default(120),
      memoryMb: z.number().int().min(256).max(4096).default(2048),
    })
    .prefault({}),
  packageSource: z
    .discriminatedUnion('kind', [
      z.object({ kind: z.literal('pyodide-cdn'), baseUrl: httpUrl }),
      z.object({ kind: z.literal('self-hosted'), baseUrl: httpUrl }),
    ])
    .default({ ...PYODIDE_CDN_SOURCE }),
  /** Run low-risk plans without asking. Off by default: the user approves every plan. */
  autoApproveLowRisk: z.boolean().default(false),
  /** History, undo snapshots, run records and the audit log older than this are deleted. */
  retentionDays: z.number().int().min(1).max(3650).default(90),
  /** The large-job server (excel-ai serve); empty: none. Its token is a secret, stored apart. */
  serverUrl: z.string().max(2000).default(''),
  /** Inputs past either threshold make the pane offer the server before running (src/backend/offload-policy.ts). */
  offloadThresholdMb: z.number().min(0).default(DEFAULT_OFFLOAD_THRESHOLDS.thresholdMb),
  offloadThresholdRows: z.number().int().min(0).default(DEFAULT_OFFLOAD_THRESHOLDS.thresholdRows),
});

export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = SettingsSchema.parse({});

const SETTINGS_KEY = 'settings';

/** The stored settings; fields that fail validation (say, after a downgrade) fall back to their defaults. */
export async function getSettings(db: ExcelAiDb): Promise<Settings> {
  const stored = await db.get('settings', SETTINGS_KEY);
  const parsed = SettingsSchema.safeParse(stored ?? {});
  if (parsed.success) return parsed.data;
  // Keep every field that is still valid on its own.
  const partial: Record<string, unknown> = {};
  if (stored && typeof stored === 'object') {
    for (const [key, value] of Object.entries(stored)) {
      if (SettingsSchema.safeParse({ [key]: value }).success) partial[key] = value;
    }
  }
  return SettingsSchema.parse(partial);
}

/** Options of the writes below. */
export interface WriteOptions {
  /**
   * Log the change (field names only, never a secret) in the same transaction;
   * default on. The pane saves as the user types and logs once per visit to
   * Settings instead (App.tsx), so one change is not a hundred entries.
   */
  audit?: boolean;
}

/**
 * The patch without the top-level fields that fail validation (a half-typed URL,
 * say): those keep their stored value, the rest is saved. Returns the names dropped.
 */
export function keepValidFields(current: Settings, patch: Partial<Settings>): { patch: Partial<Settings>; rejected: string[] } {
  const kept: Record<string, unknown> = { ...patch };
  const rejected: string[] = [];
  for (let tries = 0; tries <= Object.keys(patch).length; tries++) {
    const parsed = SettingsSchema.safeParse({ ...current, ...kept });
    if (parsed.success) break;
    const bad = new Set(parsed.error.issues.map((i) => String(i.path[0] ?? '')).filter((k) => k in kept));
    if (!bad.size) break;
    for (const key of bad) {
      delete kept[key];
      rejected.push(key);
    }
  }
  return { patch: kept as Partial<Settings>, rejected };
}

/**
 * Validates and stores settings (a patch over the current ones), and records
 * which fields changed in the audit log, in the same transaction.
 */
export async function updateSettings(db: ExcelAiDb, patch: Partial<Settings>, options: WriteOptions = {}): Promise<StoreResult<Settings>> {
  const current = await getSettings(db);
  const parsed = SettingsSchema.safeParse({ ...current, ...patch });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, error: { kind: 'invalid', message: `The setting ${issue?.path.join('.') || ''} is not valid: ${issue?.message ?? 'unknown problem'}.` } };
  }
  const next = parsed.data;
  const changed = (Object.keys(next) as (keyof Settings)[]).filter((k) => JSON.stringify(next[k]) !== JSON.stringify(current[k]));
  return write(db, ['settings', 'audit'], async (tx) => {
    await tx.objectStore('settings').put(next, SETTINGS_KEY);
    if (changed.length && options.audit !== false) await appendAuditIn(tx, 'settings-changed', { changed }, Date.now(), []);
    return next;
  });
}

// ---------------------------------------------------------------------------
// Secrets: the model API keys and the large-job server's token.
//
// Each is stored under its own entry of the settings store (`apiKey:<provider>`,
// `secret:serverToken`), in this browser profile's IndexedDB and nowhere else:
// never in the settings object, localStorage, history, the audit log, recipes
// or any export (their writes, reads and exports replace any saved secret they
// meet with "[redacted]", see redact.ts). A key leaves the machine only as the
// model SDK's auth header, the token only as the server client's.

export const SERVER_TOKEN_ENTRY = `${SECRET_PREFIX}serverToken`;

export function apiKeyEntry(provider: Provider): string {
  return `${API_KEY_PREFIX}${provider}`;
}

async function getSecret(db: ExcelAiDb, entry: string): Promise<string | undefined> {
  const value = await db.get('settings', entry);
  return typeof value === 'string' && value ? value : undefined;
}

/** Stores (or, when empty, deletes) one secret; the log says which secret changed, never its value. */
async function putSecret(db: ExcelAiDb, entry: string, value: string, field: string, details: Record<string, string>, options: WriteOptions): Promise<StoreResult<void>> {
  return write(db, ['settings', 'audit'], async (tx) => {
    const trimmed = value.trim();
    if (trimmed) await tx.objectStore('settings').put(trimmed, entry);
    else await tx.objectStore('settings').delete(entry);
    if (options.audit !== false) await appendAuditIn(tx, 'settings-changed', { changed: [field], ...details, ...(trimmed ? {} : { cleared: true }) }, Date.now(), [trimmed]);
  });
}

export function getApiKey(db: ExcelAiDb, provider: Provider): Promise<string | undefined> {
  return getSecret(db, apiKeyEntry(provider));
}

export async function setApiKey(db: ExcelAiDb, provider: Provider, key: string, options: WriteOptions = {}): Promise<StoreResult<void>> {
  if (!key.trim()) return { ok: false, error: { kind: 'invalid', message: 'The API key is empty.' } };
  return putSecret(db, apiKeyEntry(provider), key, 'apiKey', { provider }, options);
}

export function clearApiKey(db: ExcelAiDb, provider: Provider, options: WriteOptions = {}): Promise<StoreResult<void>> {
  return putSecret(db, apiKeyEntry(provider), '', 'apiKey', { provider }, options);
}

export function getServerToken(db: ExcelAiDb): Promise<string | undefined> {
  return getSecret(db, SERVER_TOKEN_ENTRY);
}

/** Stores the server token; an empty token deletes it. */
export function setServerToken(db: ExcelAiDb, token: string, options: WriteOptions = {}): Promise<StoreResult<void>> {
  return putSecret(db, SERVER_TOKEN_ENTRY, token, 'serverToken', {}, options);
}

/** Every saved secret, for the pane's session (the model client, the server client). */
export async function getSecrets(db: ExcelAiDb): Promise<{ apiKeys: Record<Provider, string>; serverToken: string }> {
  const [gemini, openai, serverToken] = await Promise.all([getApiKey(db, 'gemini'), getApiKey(db, 'openai'), getServerToken(db)]);
  return { apiKeys: { gemini: gemini ?? '', openai: openai ?? '' }, serverToken: serverToken ?? '' };
}

/**
 * Stores settings and secrets together, in one transaction: all of it is saved
 * or none of it (moving what an older pane kept in localStorage). Invalid
 * settings fields keep their stored value; the log names the fields, never a secret.
 */
export async function importSettings(
  db: ExcelAiDb,
  patch: Partial<Settings>,
  secrets: { apiKeys: Partial<Record<Provider, string>>; serverToken?: string },
  details: Record<string, string>,
): Promise<StoreResult<Settings>> {
  const current = await getSettings(db);
  const next = SettingsSchema.parse({ ...current, ...keepValidFields(current, patch).patch });
  const apiKeys = PROVIDERS.flatMap((p) => (secrets.apiKeys[p]?.trim() ? [[p, secrets.apiKeys[p]!.trim()] as const] : []));
  const token = secrets.serverToken?.trim();
  const changed = [
    ...(Object.keys(next) as (keyof Settings)[]).filter((k) => JSON.stringify(next[k]) !== JSON.stringify(current[k])),
    ...(apiKeys.length ? ['apiKey'] : []),
    ...(token ? ['serverToken'] : []),
  ];
  return write(db, ['settings', 'audit'], async (tx) => {
    const store = tx.objectStore('settings');
    await store.put(next, SETTINGS_KEY);
    for (const [provider, key] of apiKeys) await store.put(key, apiKeyEntry(provider));
    if (token) await store.put(token, SERVER_TOKEN_ENTRY);
    if (changed.length) await appendAuditIn(tx, 'settings-changed', { changed, ...details }, Date.now(), []);
    return next;
  });
}
