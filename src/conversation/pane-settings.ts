/**
 * The Settings form's values, kept in the one settings store (src/store/settings.ts,
 * IndexedDB, validated by its schema): this module maps the form to the stored
 * settings and back, and moves what earlier versions kept in localStorage (settings,
 * and secrets, which go to the store's secret entries) into the store, once.
 */
import { DEFAULT_OFFLOAD_THRESHOLDS } from '../backend/offload-policy';
import { DEFAULT_MODELS } from '../models';
import type { ProviderId } from '../models/types';
import { PYODIDE_CDN_SOURCE } from '../packages/package-download';
import { PROVIDERS, apiKeySecret, getSettings, hasStoredSettings, updateSettings, type ExcelAiDb, type SecretName, type Settings } from '../store';

export interface PaneSettings {
  provider: ProviderId;
  model: string;
  baseUrl: string;
  timeoutS: number;
  memoryMb: number;
  autoApproveLowRisk: boolean;
  /** The large-job server (excel-ai serve); empty: none. Its token is stored apart, like the API key. */
  serverUrl: string;
  /** Inputs past either threshold make the pane offer the server before running (src/backend/offload-policy.ts). */
  offloadThresholdMb: number;
  offloadThresholdRows: number;
  /** Where pandas & co. are downloaded from on first use: a self-hosted folder URL; empty: Pyodide's public repository. */
  packageSource: string;
}

export const DEFAULT_SETTINGS: PaneSettings = {
  provider: 'gemini',
  model: DEFAULT_MODELS.gemini,
  baseUrl: '',
  timeoutS: 120,
  memoryMb: 2048,
  autoApproveLowRisk: false,
  serverUrl: '',
  offloadThresholdMb: DEFAULT_OFFLOAD_THRESHOLDS.thresholdMb,
  offloadThresholdRows: DEFAULT_OFFLOAD_THRESHOLDS.thresholdRows,
  packageSource: '',
};

/** Where earlier versions kept the settings in localStorage. */
const SETTINGS_KEY = 'excel-ai.settings';
/** Where earlier versions kept each secret in localStorage. */
const LEGACY_SECRET_KEYS: ReadonlyArray<[SecretName, string]> = [
  ...PROVIDERS.map((provider): [SecretName, string] => [apiKeySecret(provider), `excel-ai.apiKey.${provider}`]),
  ['serverToken', 'excel-ai.serverToken'],
];

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined; // storage disabled
  }
}

export function paneSettingsOf(stored: Settings): PaneSettings {
  return {
    provider: stored.provider,
    model: stored.model,
    baseUrl: stored.baseUrl ?? '',
    timeoutS: stored.limits.timeoutS,
    memoryMb: stored.limits.memoryMb,
    autoApproveLowRisk: stored.autoApproveLowRisk,
    serverUrl: stored.serverUrl,
    offloadThresholdMb: stored.offloadThresholdMb,
    offloadThresholdRows: stored.offloadThresholdRows,
    packageSource: stored.packageSource.kind === 'self-hosted' ? stored.packageSource.baseUrl : '',
  };
}

/** The form as the store keeps it (the store validates it: a half-typed URL is not saved). */
export function storedSettingsOf(form: PaneSettings): Partial<Settings> {
  const source = form.packageSource.trim();
  return {
    provider: form.provider,
    model: form.model,
    baseUrl: form.baseUrl.trim() || null,
    limits: { timeoutS: form.timeoutS, memoryMb: form.memoryMb },
    autoApproveLowRisk: form.autoApproveLowRisk,
    serverUrl: form.serverUrl.trim(),
    offloadThresholdMb: form.offloadThresholdMb,
    offloadThresholdRows: form.offloadThresholdRows,
    packageSource: source ? { kind: 'self-hosted', baseUrl: source } : { ...PYODIDE_CDN_SOURCE },
  };
}

/** The fields a visit to Settings changed, for its one audit entry ("apiKey" when a key changed; never the key). */
export function changedSettings(before: PaneSettings, after: PaneSettings, keysChanged: boolean): string[] {
  const changed: string[] = (Object.keys(after) as (keyof PaneSettings)[]).filter((k) => after[k] !== before[k]);
  if (keysChanged) changed.push('apiKey');
  return changed;
}

/** Saves each field the store accepts; a field it refuses (mid-typing) keeps its last good value there. */
export async function savePaneSettings(db: ExcelAiDb, form: PaneSettings): Promise<void> {
  const all = storedSettingsOf(form);
  const whole = await updateSettings(db, all, { audit: false });
  if (whole.ok) return;
  for (const [key, value] of Object.entries(all)) await updateSettings(db, { [key]: value }, { audit: false });
}

/**
 * The stored settings for the form. On the first start after an update, the settings
 * an earlier version kept in localStorage are moved into the store, then removed there.
 */
export async function loadPaneSettings(db: ExcelAiDb): Promise<PaneSettings> {
  const legacy = legacyPaneSettings();
  if (legacy && !(await hasStoredSettings(db))) await savePaneSettings(db, { ...DEFAULT_SETTINGS, ...legacy });
  if (legacy) storage()?.removeItem(SETTINGS_KEY);
  return paneSettingsOf(await getSettings(db));
}

/** What an earlier version saved in localStorage, if anything (also the form's start without IndexedDB). */
export function legacyPaneSettings(): Partial<PaneSettings> | undefined {
  try {
    const raw = storage()?.getItem(SETTINGS_KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : undefined;
    return parsed && typeof parsed === 'object' ? (parsed as Partial<PaneSettings>) : undefined;
  } catch {
    return undefined;
  }
}

/** Secrets an earlier version left in localStorage, to move into the secret store. */
export function legacySecrets(): Array<[SecretName, string]> {
  const found: Array<[SecretName, string]> = [];
  for (const [name, key] of LEGACY_SECRET_KEYS) {
    const value = storage()?.getItem(key);
    if (value) found.push([name, value]);
  }
  return found;
}

/** Removes a secret's localStorage copy (once it is safe in the store, or on "Clear all my data"). */
export function forgetLegacySecret(name: SecretName): void {
  for (const [legacy, key] of LEGACY_SECRET_KEYS) if (legacy === name) storage()?.removeItem(key);
}

export function forgetLegacySecrets(): void {
  for (const [, key] of LEGACY_SECRET_KEYS) storage()?.removeItem(key);
}
