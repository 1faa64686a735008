/**
 * The pane's settings, the one place they are kept: validated with zod, with defaults
 * for anything missing or unreadable. API keys and the server token are secrets, kept
 * apart from the settings object (secrets.ts).
 */
import { z } from 'zod';
import { PYODIDE_CDN_SOURCE } from '../packages/package-download';
import { DEFAULT_OFFLOAD_THRESHOLDS } from '../backend/offload-policy';
import { DEFAULT_MODELS, PROVIDERS, type ProviderId } from '../models/providers';
import type { ExcelAiDb } from './db';
import { apiKeySecret, getSecret, secretEntry } from './secrets';
import { appendAuditIn } from './audit';
import { InvalidValue, write, type StoreResult } from './write';

export { PROVIDERS };
export type Provider = ProviderId;

const httpUrl = z.url({ protocol: /^https?$/ });

export const SettingsSchema = z.object({
  provider: z.enum(PROVIDERS).default('gemini'),
  model: z.string().trim().min(1).default(DEFAULT_MODELS.gemini),
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
  /** The large-job server (excel-ai serve); empty: none. */
  serverUrl: z.union([z.literal(''), httpUrl]).default(''),
  /** Inputs past either threshold make the pane offer the server before running (src/backend/offload-policy.ts). */
  offloadThresholdMb: z.number().positive().default(DEFAULT_OFFLOAD_THRESHOLDS.thresholdMb),
  offloadThresholdRows: z.number().int().positive().default(DEFAULT_OFFLOAD_THRESHOLDS.thresholdRows),
});

export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = SettingsSchema.parse({});

const SETTINGS_KEY = 'settings';

/** The stored settings; fields that fail validation (say, after a downgrade) fall back to their defaults. */
/** Whether settings were ever saved (a first start may still have an earlier version's to move in). */
export async function hasStoredSettings(db: ExcelAiDb): Promise<boolean> {
  return (await db.get('settings', SETTINGS_KEY)) !== undefined;
}

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

/**
 * Validates and stores settings (a patch over the current ones), and records
 * which fields changed in the audit log, in the same transaction. The pane saves as
 * the user types and logs one entry per visit to Settings instead (`audit: false`).
 */
export async function updateSettings(db: ExcelAiDb, patch: Partial<Settings>, options: { audit?: boolean } = {}): Promise<StoreResult<Settings>> {
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
// API keys: secrets (secrets.ts), one entry per provider. Setting or clearing
// one is logged as a settings change that names the provider, never the key.

export async function getApiKey(db: ExcelAiDb, provider: Provider): Promise<string | undefined> {
  return getSecret(db, apiKeySecret(provider));
}

export async function setApiKey(db: ExcelAiDb, provider: Provider, key: string): Promise<StoreResult<void>> {
  return write(db, ['settings', 'audit'], async (tx) => {
    const trimmed = key.trim();
    if (!trimmed) throw new InvalidValue('The API key is empty.');
    await tx.objectStore('settings').put(trimmed, secretEntry(apiKeySecret(provider)));
    await appendAuditIn(tx, 'settings-changed', { changed: ['apiKey'], provider }, Date.now(), [trimmed]);
  });
}

export async function clearApiKey(db: ExcelAiDb, provider: Provider): Promise<StoreResult<void>> {
  return write(db, ['settings', 'audit'], async (tx) => {
    await tx.objectStore('settings').delete(secretEntry(apiKeySecret(provider)));
    await appendAuditIn(tx, 'settings-changed', { changed: ['apiKey'], provider, cleared: true }, Date.now(), []);
  });
}
