/**
 * The pane's secrets (each provider's API key, the server token), read from and saved
 * to the one secret store (src/store/secrets.ts) as the user types them. Without
 * IndexedDB (private mode in some browsers) they live in memory for this session only.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { PROVIDERS, apiKeySecret, getSecret, setSecret, type ExcelAiDb, type SecretName } from '../store';
import { forgetLegacySecret, forgetLegacySecrets, legacySecrets } from './pane-settings';

const SECRET_NAMES: readonly SecretName[] = [...PROVIDERS.map(apiKeySecret), 'serverToken'];

type Secrets = Partial<Record<SecretName, string>>;

/** Moves what an earlier version kept in localStorage into the store, then reads every secret. */
async function loadSecrets(db: ExcelAiDb): Promise<Secrets> {
  for (const [name, value] of legacySecrets()) {
    const kept = (await getSecret(db, name)) ?? (await setSecret(db, name, value)).ok;
    if (kept) forgetLegacySecret(name);
  }
  const loaded: Secrets = {};
  for (const name of SECRET_NAMES) loaded[name] = (await getSecret(db, name)) ?? '';
  return loaded;
}

export function useSecrets(db: ExcelAiDb | undefined) {
  const [secrets, setSecrets] = useState<Secrets>({});
  /** Typed before the store opened (or without one): saved once it opens. */
  const unsaved = useRef<Secrets>({});

  useEffect(() => {
    if (!db) return;
    let live = true;
    void loadSecrets(db).then(async (loaded) => {
      const typed = unsaved.current;
      unsaved.current = {};
      for (const [name, value] of Object.entries(typed) as Array<[SecretName, string]>) await setSecret(db, name, value);
      // What was typed while the store was opening wins over what it held.
      if (live) setSecrets({ ...loaded, ...typed });
    });
    return () => {
      live = false;
    };
  }, [db]);

  const set = useCallback(
    (name: SecretName, value: string) => {
      setSecrets((current) => ({ ...current, [name]: value }));
      if (db) void setSecret(db, name, value);
      else unsaved.current[name] = value;
    },
    [db],
  );

  /** After "Clear all my data" (the store is already empty): forget the copies in memory and in localStorage. */
  const forgetAll = useCallback(() => {
    forgetLegacySecrets();
    unsaved.current = {};
    setSecrets({});
  }, []);

  const get = useCallback((name: SecretName): string => secrets[name] ?? '', [secrets]);
  /** Every secret the user has, for redacting what the pane shows (the audit view). */
  const all = SECRET_NAMES.map((name) => secrets[name] ?? '').filter(Boolean);
  return { get, set, forgetAll, all };
}
