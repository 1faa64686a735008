/**
 * The pane's settings and secrets as the user edits them: loaded from the one
 * settings store when it opens, saved there as they are typed (secrets to their own
 * entries, src/store/secrets.ts), and what an earlier version kept in localStorage
 * moved in once. Without IndexedDB they live for this session only.
 */
import { PROVIDERS, apiKeySecret, getSecret, setSecret, type ExcelAiDb, type SecretName } from '../store';
import { Observable } from './observable';
import {
  DEFAULT_SETTINGS, changedSettings, forgetLegacySecret, forgetLegacySecrets, legacyPaneSettings, legacySecrets, loadPaneSettings, savePaneSettings, type PaneSettings,
} from './pane-settings';

export const SECRET_NAMES: readonly SecretName[] = [...PROVIDERS.map(apiKeySecret), 'serverToken'];

export type Secrets = Partial<Record<SecretName, string>>;

export interface SettingsView {
  settings: PaneSettings;
  secrets: Secrets;
}

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

export class SettingsState extends Observable<SettingsView> {
  private db: ExcelAiDb | undefined;
  /** Typed before the store opened: saved once it opens, and it wins over what the store held. */
  private typedSettings: PaneSettings | undefined;
  private typedSecrets: Secrets = {};
  /** One save at a time, in the order typed: a slow early save never overwrites a later one. */
  private saving: Promise<unknown> = Promise.resolve();
  /** The values when the user opened Settings: the audit log gets one entry per visit. */
  private visit: { settings: PaneSettings; keys: string } | undefined;

  constructor() {
    super({ settings: { ...DEFAULT_SETTINGS, ...legacyPaneSettings() }, secrets: {} });
  }

  /** The store opened: load what it holds and save what was typed meanwhile. */
  async attach(db: ExcelAiDb): Promise<void> {
    this.db = db;
    const [loaded, secrets] = await Promise.all([loadPaneSettings(db), loadSecrets(db)]);
    const typed = this.typedSecrets;
    this.typedSecrets = {};
    for (const [name, value] of Object.entries(typed) as Array<[SecretName, string]>) await setSecret(db, name, value);
    if (this.typedSettings) this.save(this.typedSettings);
    this.update({ settings: this.typedSettings ?? loaded, secrets: { ...secrets, ...this.state.secrets, ...typed } });
    this.typedSettings = undefined;
  }

  secret(name: SecretName): string {
    return this.state.secrets[name] ?? '';
  }

  /** Every secret the user has, for redacting what the pane shows and exports. */
  allSecrets(): string[] {
    return SECRET_NAMES.map((name) => this.secret(name)).filter(Boolean);
  }

  change(next: PaneSettings): void {
    this.update({ settings: next });
    if (this.db) this.save(next);
    else this.typedSettings = next;
  }

  setSecret(name: SecretName, value: string): void {
    this.update({ secrets: { ...this.state.secrets, [name]: value } });
    if (this.db) {
      const db = this.db;
      this.saving = this.saving.then(() => setSecret(db, name, value)).catch(() => undefined);
    } else this.typedSecrets[name] = value;
  }

  /** After "Clear all my data" (the store is already empty): the defaults, and no secret kept anywhere. */
  reset(): void {
    forgetLegacySecrets();
    this.typedSettings = undefined;
    this.typedSecrets = {};
    this.visit = { settings: DEFAULT_SETTINGS, keys: this.keysFingerprint({}) };
    this.update({ settings: DEFAULT_SETTINGS, secrets: {} });
  }

  openVisit(): void {
    this.visit = { settings: this.state.settings, keys: this.keysFingerprint(this.state.secrets) };
  }

  /** Leaving Settings: what changed during the visit (names only, never a key), or nothing. */
  closeVisit(): string[] {
    const before = this.visit;
    this.visit = undefined;
    if (!before) return [];
    return changedSettings(before.settings, this.state.settings, this.keysFingerprint(this.state.secrets) !== before.keys);
  }

  /** Settled once every save typed so far has reached the store (tests, and before a reload). */
  async saved(): Promise<void> {
    await this.saving;
  }

  private save(next: PaneSettings): void {
    const db = this.db;
    if (!db) return;
    this.saving = this.saving.then(() => savePaneSettings(db, next)).catch(() => undefined);
  }

  private keysFingerprint(secrets: Secrets): string {
    return PROVIDERS.map((provider) => secrets[apiKeySecret(provider)] ?? '').join('\u0000');
  }
}
