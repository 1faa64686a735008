/**
 * The pane's application, composed once (src/main.tsx) from a sandbox, the store,
 * the open workbook and a model factory: the files, the settings and secrets, what is
 * remembered (History, the audit log), recipes, and the conversation, kept consistent
 * with each other. React renders these objects' state and calls their intents; the
 * decisions live here, in plain TypeScript.
 */
import type { RuntimeInfo, SandboxError } from '../../workers/api';
import { createModel } from '../models';
import { clearPackageCache } from '../packages/package-cache';
import type { LanguageModel } from '../models/types';
import { apiKeySecret, openStore, type ExcelAiDb, type JsonValue, type Recipe } from '../store';
import type { SandboxPort } from '../agent/run-request';
import type { WorkbookPython } from '../sandbox/sandbox-client';
import { Conversation, type ConversationSettings } from './conversation';
import { FileSet, conversationFile, type AddedFile } from './file-set';
import { Memory } from './memory';
import { Observable } from './observable';
import type { Turn } from './turn';
import type { PaneSettings } from './pane-settings';
import { RecipeBook } from './recipe-book';
import type { RecipeValues } from './recipes';
import { SettingsState, type Secrets } from './settings-state';

export type RuntimeStatus = { state: 'starting' } | { state: 'ready'; info: RuntimeInfo } | { state: 'failed'; error: SandboxError };

export interface WorkspaceView {
  runtime: RuntimeStatus;
}

export interface WorkspaceDeps {
  sandbox: SandboxPort & WorkbookPython;
  /** The open workbook, inside Excel only. */
  workbook?: ConversationSettings['workbook'];
  /** Where pandas & co. come from on first use (the browser sandbox only). */
  packages?: { setSource(baseUrl: string): void };
  openStore?: () => Promise<ExcelAiDb>;
  createModel?: typeof createModel;
}

/** What the conversation needs from the settings the user typed. */
export function conversationSettingsOf(settings: PaneSettings, secrets: Secrets, makeModel: () => LanguageModel, workbook?: ConversationSettings['workbook']): ConversationSettings {
  return {
    makeModel,
    autoApprove: settings.autoApproveLowRisk ? 'low-risk' : 'never',
    limits: { timeoutMs: settings.timeoutS * 1000, memoryMb: settings.memoryMb },
    workbook,
    // Large inputs: the offer card before the run; the choice goes to the audit log (never the token).
    offload: {
      serverUrl: settings.serverUrl,
      serverToken: secrets.serverToken ?? '',
      thresholds: { thresholdMb: settings.offloadThresholdMb, thresholdRows: settings.offloadThresholdRows },
    },
  };
}

export class Workspace extends Observable<WorkspaceView> {
  readonly memory = new Memory();
  readonly settings = new SettingsState();
  readonly recipes = new RecipeBook();
  readonly files: FileSet;
  readonly conversation: Conversation;
  private started: Promise<void> | undefined;

  constructor(private readonly deps: WorkspaceDeps) {
    super({ runtime: { state: 'starting' } });
    this.files = new FileSet(deps.sandbox);
    this.conversation = new Conversation({ sandbox: deps.sandbox, settings: this.conversationSettings() });
    this.conversation.connect({ audit: this.memory.audit, history: this.memory.historyPort(() => ({ provider: this.settings.getState().settings.provider, model: this.settings.getState().settings.model })) });
    let settings = this.settings.getState().settings;
    this.settings.subscribe(() => {
      const next = this.settings.getState().settings;
      if (next.packageSource !== settings.packageSource) deps.packages?.setSource(next.packageSource);
      settings = next;
      this.conversation.configure(this.conversationSettings());
    });
    deps.packages?.setSource(settings.packageSource);
    // Other files: the current turn folds into the thread; its result stays reachable there.
    let files = this.files.getState().files;
    this.files.subscribe(() => {
      const next = this.files.getState().files;
      if (next !== files) this.conversation.setAside();
      files = next;
    });
  }

  /** Python starts and the store opens as the pane opens, not at the first request. */
  start(): Promise<void> {
    this.started ??= (async () => {
      const python = this.deps.sandbox.start().then((r) => this.update({ runtime: r.ok ? { state: 'ready', info: r.info } : { state: 'failed', error: r.error } }));
      const db = await this.memory.open(this.deps.openStore ?? (() => openStore()));
      if (db) await Promise.all([this.settings.attach(db), this.recipes.attach(db)]);
      await python;
    })();
    return this.started;
  }

  /** A model as the settings say now (also for Settings' "Test connection"). */
  makeModel = (): LanguageModel => {
    const { settings } = this.settings.getState();
    const apiKey = this.settings.secret(apiKeySecret(settings.provider));
    return (this.deps.createModel ?? createModel)({ provider: settings.provider, model: settings.model, apiKey: apiKey || undefined, baseUrl: settings.baseUrl || undefined });
  };

  ask(text: string): Promise<Turn | undefined> {
    return this.conversation.ask(text, this.files.forConversation());
  }

  /** Every direct run (Code view, History, a recipe) is a turn of the conversation, logged before it starts. */
  runCode(code: string, source: string, details: Record<string, JsonValue> = {}, files: AddedFile[] = this.files.getState().files, label?: string): Promise<Turn | undefined> {
    return this.conversation.runCode(code, files.map(conversationFile), source, details, label);
  }

  /** Returns a sentence when the recipe cannot run with these values (nothing ran). */
  runRecipe(recipe: Recipe, values: RecipeValues, onStart?: () => void): Promise<string | undefined> {
    const files = this.files.getState().files;
    return this.recipes.run(recipe, values, this.files.names(), async (code, details, label) => {
      onStart?.();
      await this.runCode(code, 'recipe', details, files, label);
    });
  }

  openSettings(): void {
    this.settings.openVisit();
  }

  /** Leaving Settings: one audit entry naming what changed during the visit (never a key). */
  closeSettings(): void {
    const changed = this.settings.closeVisit();
    if (changed.length) void this.memory.audit('settings-changed', { changed });
  }

  /** "Clear all my data": every store emptied, then the settings back to their defaults and no key kept. */
  async clearAllData(): Promise<{ ok: boolean; text: string }> {
    const cleared = await this.memory.clearAll();
    if (!cleared.ok) return cleared;
    // The reset itself is not a settings change to log: the log now begins with "data cleared".
    this.settings.reset();
    await this.recipes.refresh();
    // Downloaded packages are not yours to keep private, but they are traces of what was used: they go too.
    if (!(await clearPackageCache())) {
      return { ok: false, text: 'Your data was cleared, but the browser refused to delete the downloaded Python packages. Clear this site’s data in the browser’s settings to remove them.' };
    }
    return { ok: true, text: 'All your data in this pane was cleared. Settings are back to their defaults; enter your API key again to ask the model.' };
  }

  private conversationSettings(): ConversationSettings {
    const { settings, secrets } = this.settings.getState();
    return conversationSettingsOf(settings, secrets, this.makeModel, this.deps.workbook);
  }
}
