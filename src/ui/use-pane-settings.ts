/**
 * The pane's settings and secrets for React: read once from the store at start
 * (moving what an older pane left in localStorage), then saved as the user types.
 * Until the first read is done `ready` is false and the pane shows no settings
 * form and sends no request, so defaults never flash into the form nor
 * overwrite what was saved.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ProviderId } from '../models/types';
import { openStore, redactStoredSecrets, type ExcelAiDb, type StoreResult } from '../store';
import {
  DEFAULT_SETTINGS,
  NO_API_KEYS,
  loadPaneSettings,
  savePaneApiKey,
  savePaneServerToken,
  savePaneSettings,
  sessionOnlySettings,
  type LoadedSettings,
  type PaneSettings,
} from './pane-settings';

export function usePaneSettings() {
  const [loaded, setLoaded] = useState<LoadedSettings | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const db = useRef<ExcelAiDb | undefined>(undefined);
  /** Saves run one after another, in the order typed, so the last value typed is the one stored. */
  const queue = useRef<Promise<unknown>>(Promise.resolve());

  useEffect(() => {
    let live = true;
    openStore()
      .then(async (store) => {
        const values = await loadPaneSettings(store);
        if (!live) return store.close();
        db.current = store;
        setLoaded(values);
        setProblem(values.problem);
      })
      .catch((error: unknown) => {
        if (!live) return;
        const values = sessionOnlySettings(error);
        setLoaded(values);
        setProblem(values.problem);
      });
    return () => {
      live = false;
    };
  }, []);

  const save = useCallback((work: (store: ExcelAiDb) => Promise<StoreResult<unknown>>) => {
    const store = db.current;
    if (!store) return;
    queue.current = queue.current.then(async () => {
      const saved = await work(store).catch((error: unknown) => ({ ok: false, error: { message: error instanceof Error ? error.message : String(error) } }) as const);
      if (!saved.ok) setProblem(`Your settings could not be saved (${saved.error.message}). They apply until the pane is closed; change them again to retry.`);
    });
  }, []);

  const settings = loaded?.settings ?? DEFAULT_SETTINGS;
  const apiKeys = loaded?.apiKeys ?? NO_API_KEYS;
  const serverToken = loaded?.serverToken ?? '';

  const change = useCallback(
    (next: PaneSettings) => {
      setLoaded((now) => now && { ...now, settings: next });
      save((store) => savePaneSettings(store, next));
    },
    [save],
  );
  const changeApiKey = useCallback(
    (provider: ProviderId, key: string) => {
      setLoaded((now) => now && { ...now, apiKeys: { ...now.apiKeys, [provider]: key } });
      save((store) => savePaneApiKey(store, provider, key));
    },
    [save],
  );
  const changeServerToken = useCallback(
    (token: string) => {
      setLoaded((now) => now && { ...now, serverToken: token });
      save((store) => savePaneServerToken(store, token));
    },
    [save],
  );
  /** When a key is final (the user left Settings): removes it from history, recipes and the audit log written before. */
  const redactStored = useCallback(() => save((store) => redactStoredSecrets(store)), [save]);
  /** After "Clear all my data" emptied the store: the form goes back to the defaults, with no key. */
  const forget = useCallback(() => setLoaded({ settings: DEFAULT_SETTINGS, apiKeys: NO_API_KEYS, serverToken: '' }), []);
  /** Every secret the pane holds, for redacting what it shows. */
  const secrets = useMemo(() => [apiKeys.gemini, apiKeys.openai, serverToken], [apiKeys, serverToken]);

  return { ready: loaded !== undefined, settings, apiKeys, serverToken, secrets, problem, change, changeApiKey, changeServerToken, redactStored, forget };
}
