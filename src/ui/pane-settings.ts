/**
 * The pane's settings, kept in this browser's localStorage. The API key is stored
 * the same way, only on this computer, under its own key; it never goes into history
 * or exports. (The IndexedDB store of issue 7 takes these over.)
 */
import { DEFAULT_OFFLOAD_THRESHOLDS } from '../backend/offload-policy';
import { DEFAULT_MODELS } from '../models';
import type { ProviderId } from '../models/types';

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
const apiKeyName = (provider: ProviderId): string => `excel-ai.apiKey.${provider}`;
const SERVER_TOKEN_KEY = 'excel-ai.serverToken';

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

export function loadApiKey(provider: ProviderId): string {
  return storage()?.getItem(apiKeyName(provider)) ?? '';
}

export function saveApiKey(provider: ProviderId, key: string): void {
  if (key) storage()?.setItem(apiKeyName(provider), key);
  else storage()?.removeItem(apiKeyName(provider));
}

/** The large-job server's token: this browser only, never in settings, history, the audit log or exports. */
export function loadServerToken(): string {
  return storage()?.getItem(SERVER_TOKEN_KEY) ?? '';
}

export function saveServerToken(token: string): void {
  if (token) storage()?.setItem(SERVER_TOKEN_KEY, token);
  else storage()?.removeItem(SERVER_TOKEN_KEY);
}
