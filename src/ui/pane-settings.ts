/**
 * The pane's settings as the Settings form edits them, kept in the pane's one
 * store (IndexedDB, src/store/settings.ts); the API keys and the server token
 * are secrets kept apart from them in the same store. Nothing is kept in
 * localStorage any more: what an older pane left there is moved into the store
 * once (moveLegacySettings), then removed.
 */
import { PYODIDE_CDN_SOURCE } from '../../workers/runtime/package-loader';
import type { ProviderId } from '../models/types';
import {
  DEFAULT_SETTINGS as STORE_DEFAULTS,
  PROVIDERS,
  clearApiKey,
  getSecrets,
  getSettings,
  importSettings,
  keepValidFields,
  setApiKey,
  setServerToken,
  updateSettings,
  type ExcelAiDb,
  type Settings,
  type StoreResult,
} from '../store';

export interface PaneSettings {
  provider: ProviderId;
  model: string;
  baseUrl: string;
  timeoutS: number;
  memoryMb: number;
  autoApproveLowRisk: boolean;
  /** The large-job server (excel-ai serve); empty: none. Its token is a secret, stored apart like the API key. */
  serverUrl: string;
  /** Inputs past either threshold make the pane offer the server before running (src/backend/offload-policy.ts). */
  offloadThresholdMb: number;
  offloadThresholdRows: number;
  /** Where pandas & co. are downloaded from on first use: a self-hosted folder URL; empty: Pyodide's public repository. */
  packageSource: string;
}

export type ApiKeys = Record<ProviderId, string>;

/** What the pane works with: the settings and the secrets, as last saved. */
export interface LoadedSettings {
  settings: PaneSettings;
  apiKeys: ApiKeys;
  serverToken: string;
  /** A sentence for the user when something could not be read or moved. */
  problem?: string;
}

export function fromStored(s: Settings): PaneSettings {
  return {
    provider: s.provider,
    model: s.model,
    baseUrl: s.baseUrl ?? '',
    timeoutS: s.limits.timeoutS,
    memoryMb: s.limits.memoryMb,
    autoApproveLowRisk: s.autoApproveLowRisk,
    serverUrl: s.serverUrl,
    offloadThresholdMb: s.offloadThresholdMb,
    offloadThresholdRows: s.offloadThresholdRows,
    packageSource: s.packageSource.kind === 'self-hosted' ? s.packageSource.baseUrl : '',
  };
}

export function toStored(p: PaneSettings): Partial<Settings> {
  const packageSource = p.packageSource.trim();
  return {
    provider: p.provider,
    model: p.model,
    baseUrl: p.baseUrl.trim() ? p.baseUrl.trim() : null,
    limits: { timeoutS: p.timeoutS, memoryMb: p.memoryMb },
    autoApproveLowRisk: p.autoApproveLowRisk,
    serverUrl: p.serverUrl.trim(),
    offloadThresholdMb: p.offloadThresholdMb,
    offloadThresholdRows: p.offloadThresholdRows,
    packageSource: packageSource ? { kind: 'self-hosted', baseUrl: packageSource } : { ...PYODIDE_CDN_SOURCE },
  };
}

export const DEFAULT_SETTINGS: PaneSettings = fromStored(STORE_DEFAULTS);
export const NO_API_KEYS: ApiKeys = { gemini: '', openai: '' };

/** Saves the form's values; a field that is not valid yet (a half-typed URL) keeps its stored value. */
export async function savePaneSettings(db: ExcelAiDb, next: PaneSettings): Promise<StoreResult<Settings>> {
  const { patch } = keepValidFields(await getSettings(db), toStored(next));
  return updateSettings(db, patch, { audit: false });
}

/** An empty key deletes the saved one. */
export function savePaneApiKey(db: ExcelAiDb, provider: ProviderId, key: string): Promise<StoreResult<void>> {
  return key.trim() ? setApiKey(db, provider, key, { audit: false }) : clearApiKey(db, provider, { audit: false });
}

export function savePaneServerToken(db: ExcelAiDb, token: string): Promise<StoreResult<void>> {
  return setServerToken(db, token, { audit: false });
}

// ---------------------------------------------------------------------------
// What panes before the one store kept in localStorage.

export const LEGACY_SETTINGS_KEY = 'excel-ai.settings';
export const legacyApiKeyName = (provider: ProviderId): string => `excel-ai.apiKey.${provider}`;
export const LEGACY_SERVER_TOKEN_KEY = 'excel-ai.serverToken';
const LEGACY_NAMES = [LEGACY_SETTINGS_KEY, ...PROVIDERS.map(legacyApiKeyName), LEGACY_SERVER_TOKEN_KEY];

interface LegacyValues {
  settings: Partial<PaneSettings>;
  apiKeys: Partial<ApiKeys>;
  serverToken?: string;
}

/** localStorage, or undefined where the browser refuses it (then there is nothing to move). */
export function legacyStorage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

/** What an older pane saved, or undefined when there is nothing. Unreadable settings JSON counts as none. */
export function readLegacy(storage: Storage | undefined): LegacyValues | undefined {
  if (!storage || !LEGACY_NAMES.some((name) => storage.getItem(name) !== null)) return undefined;
  let settings: Partial<PaneSettings> = {};
  try {
    const parsed: unknown = JSON.parse(storage.getItem(LEGACY_SETTINGS_KEY) ?? '{}');
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) settings = sameTypesAsDefaults(parsed as Record<string, unknown>);
  } catch {
    // Not JSON: nothing of it can be kept.
  }
  const apiKeys: Partial<ApiKeys> = {};
  for (const provider of PROVIDERS) {
    const key = storage.getItem(legacyApiKeyName(provider));
    if (key) apiKeys[provider] = key;
  }
  return { settings, apiKeys, serverToken: storage.getItem(LEGACY_SERVER_TOKEN_KEY) ?? undefined };
}

/** Only the known fields, each of the type the form expects (an older or edited copy may hold anything). */
function sameTypesAsDefaults(raw: Record<string, unknown>): Partial<PaneSettings> {
  const out: Record<string, unknown> = {};
  for (const [key, fallback] of Object.entries(DEFAULT_SETTINGS)) {
    if (typeof raw[key] === typeof fallback) out[key] = raw[key];
  }
  return out as Partial<PaneSettings>;
}

function withLegacy(loaded: LoadedSettings, legacy: LegacyValues): LoadedSettings {
  return {
    settings: { ...loaded.settings, ...legacy.settings },
    apiKeys: { ...loaded.apiKeys, ...legacy.apiKeys },
    serverToken: legacy.serverToken || loaded.serverToken,
  };
}

const reason = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Reads the settings and secrets from the store, first moving what an older pane
 * left in localStorage: into the store in one transaction, then out of
 * localStorage. If the move fails, localStorage is left as it was, its values
 * are used for this session, and `problem` says so.
 */
export async function loadPaneSettings(db: ExcelAiDb, storage: Storage | undefined = legacyStorage()): Promise<LoadedSettings> {
  const legacy = readLegacy(storage);
  let problem: string | undefined;
  if (legacy) {
    const merged = { ...fromStored(await getSettings(db)), ...legacy.settings };
    const moved = await importSettings(db, toStored(merged), { apiKeys: legacy.apiKeys, serverToken: legacy.serverToken }, { movedFrom: 'local storage' }).catch(
      (error: unknown) => ({ ok: false, error: { message: reason(error) } }) as const,
    );
    if (moved.ok) {
      for (const name of LEGACY_NAMES) storage?.removeItem(name);
    } else {
      problem = `Your saved settings and keys could not be moved into this browser’s storage for the pane (${moved.error.message}). They were left where they were and are used for now; the pane tries again the next time it opens.`;
    }
  }
  const loaded: LoadedSettings = { settings: fromStored(await getSettings(db)), ...(await getSecrets(db)) };
  return legacy && problem ? { ...withLegacy(loaded, legacy), problem } : loaded;
}

/** When the store cannot be opened at all: what localStorage still holds, for this session only. */
export function sessionOnlySettings(error: unknown, storage: Storage | undefined = legacyStorage()): LoadedSettings {
  const base: LoadedSettings = { settings: DEFAULT_SETTINGS, apiKeys: NO_API_KEYS, serverToken: '' };
  const legacy = readLegacy(storage);
  return {
    ...(legacy ? withLegacy(base, legacy) : base),
    problem: `This browser refused the pane’s storage (${reason(error)}), so settings and keys you change now last only until the pane is closed.`,
  };
}
