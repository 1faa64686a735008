/**
 * The one place secrets live: the API key of each model provider and the large-job
 * server's token, each in its own entry of this browser profile's IndexedDB
 * (`secret:<name>` in the settings store) and nowhere else. History, recipes and the
 * audit log are redacted against these entries as they are written (redact.ts), so a
 * key the user pastes into a request is stored as "[redacted]". A secret leaves the
 * machine only in requests to its own provider or server.
 */
import type { ExcelAiDb } from './db';
import { SECRET_PREFIX } from './redact';
import type { ProviderId as Provider } from '../models/providers';
import { write, type StoreResult } from './write';

export type SecretName = `apiKey.${Provider}` | 'serverToken';

export const apiKeySecret = (provider: Provider): SecretName => `apiKey.${provider}`;

export function secretEntry(name: SecretName): string {
  return `${SECRET_PREFIX}${name}`;
}

export async function getSecret(db: ExcelAiDb, name: SecretName): Promise<string | undefined> {
  const value = await db.get('settings', secretEntry(name));
  return typeof value === 'string' && value ? value : undefined;
}

/** Saves the secret, trimmed; an empty value removes it. Never logged: callers log that it changed. */
export async function setSecret(db: ExcelAiDb, name: SecretName, value: string): Promise<StoreResult<void>> {
  const trimmed = value.trim();
  return write(db, ['settings'], async (tx) => {
    if (trimmed) await tx.objectStore('settings').put(trimmed, secretEntry(name));
    else await tx.objectStore('settings').delete(secretEntry(name));
  });
}
