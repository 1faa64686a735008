/**
 * The pane's settings, kept in this browser's localStorage. The API key is stored
 * the same way, only on this computer, under its own key; it never goes into history
 * or exports. (The IndexedDB store of issue 7 takes these over.)
 */
import { DEFAULT_MODELS } from '../models';
import type { ProviderId } from '../models/types';

export interface PaneSettings {
  provider: ProviderId;
  model: string;
  baseUrl: string;
  timeoutS: number;
  memoryMb: number;
  autoApproveLowRisk: boolean;
}

export const DEFAULT_SETTINGS: PaneSettings = {
  provider: 'gemini',
  model: DEFAULT_MODELS.gemini,
  baseUrl: '',
  timeoutS: 120,
  memoryMb: 2048,
  autoApproveLowRisk: false,
};

const SETTINGS_KEY = 'excel-ai.settings';
const apiKeyName = (provider: ProviderId): string => `excel-ai.apiKey.${provider}`;

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
