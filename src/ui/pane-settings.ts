/**
 * The pane's settings, kept in this browser's localStorage. Secrets (API keys, the
 * server token) are not settings: they live in the store's secret entries
 * (src/store/secrets.ts, loaded by use-secrets.ts), against which history, recipes and
 * the audit log are redacted. Earlier versions kept them here; they are moved once.
 */
import { DEFAULT_OFFLOAD_THRESHOLDS } from '../backend/offload-policy';
import { DEFAULT_MODELS } from '../models';
import type { ProviderId } from '../models/types';
import { PROVIDERS, apiKeySecret, type SecretName } from '../store';

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
    return undefined; // storage disabled: settings live for this session only
  }
}

export function loadSettings(): PaneSettings {
  try {
    const raw = storage()?.getItem(SETTINGS_KEY);
    return raw ? { ...DEFAULT_SETTINGS, ...(JSON.parse(raw) as Partial<PaneSettings>) } : DEFAULT_SETTINGS;
  } catch {
    return DEFAULT_SETTINGS;
  }
}

export function saveSettings(settings: PaneSettings): void {
  storage()?.setItem(SETTINGS_KEY, JSON.stringify(settings));
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
