/**
 * The Settings form's state, loaded from the settings store when it opens and saved
 * there as the user types (src/ui/pane-settings.ts maps the form to the store). Without
 * IndexedDB the settings live for this session only.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ExcelAiDb } from '../store';
import { DEFAULT_SETTINGS, legacyPaneSettings, loadPaneSettings, savePaneSettings, type PaneSettings } from './pane-settings';

export function usePaneSettings(db: ExcelAiDb | undefined) {
  const [settings, setSettings] = useState<PaneSettings>(() => ({ ...DEFAULT_SETTINGS, ...legacyPaneSettings() }));
  /** What the user typed before the store opened: saved once it opens, and it wins over what the store held. */
  const typed = useRef<PaneSettings | undefined>(undefined);
  /** One save at a time, in the order typed: a slow early save never overwrites a later one. */
  const saving = useRef<Promise<void>>(Promise.resolve());

  const save = useCallback((store: ExcelAiDb, next: PaneSettings) => {
    saving.current = saving.current.then(() => savePaneSettings(store, next)).catch(() => undefined);
  }, []);

  useEffect(() => {
    if (!db) return;
    let live = true;
    void loadPaneSettings(db).then((loaded) => {
      if (!live) return;
      if (typed.current) save(db, typed.current);
      else setSettings(loaded);
    });
    return () => {
      live = false;
    };
  }, [db, save]);

  const change = useCallback(
    (next: PaneSettings) => {
      setSettings(next);
      if (db) save(db, next);
      else typed.current = next;
    },
    [db, save],
  );

  /** After "Clear all my data": the store is empty, so the form shows the defaults. */
  const reset = useCallback(() => {
    typed.current = undefined;
    setSettings(DEFAULT_SETTINGS);
  }, []);

  return { settings, change, reset };
}
