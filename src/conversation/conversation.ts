/**
 * The application, as plain TypeScript shared by the pane and the CLI: a conversation
 * of turns. Each turn runs the agent's pipeline (src/agent/run-request.ts) with what
 * the earlier turns did, picks where to run (the offer for large inputs), checks the
 * result files, and records every step in the audit log as it happens.
 *
 * The pane renders `getState()` and sends intents (ask, approve, cancel…); the CLI
 * listens to the same events and answers from the terminal. Nothing here knows React.
 */
import { failedRun, type FileProfile, type InputFile, type RunLimits, type RunResult } from '../../workers/api';
import type { Plan } from '../agent/plan';
import { runRequest, type AgentEvent, type AgentOutcome, type ApprovalDecision, type SandboxPort } from '../agent/run-request';
import type { ChangeDecision, PreparedChange, WorkbookPort } from '../agent/workbook-change';
import { chooseSandbox, type Chosen, type OffloadConfig } from '../backend/choose-sandbox';
import { choiceAuditDetails, rowsOf, type OffloadChoice } from '../backend/offload-policy';
import type { WorkbookPython } from '../sandbox/sandbox-client';
import type { LanguageModel } from '../models/types';
import { fileDigest } from '../store/history';
import { toJsonValue, type JsonValue } from '../store/types';
import { sha256Hex } from '../../workers/sha256';
import { auditRecorder, type AuditRecorder, type AuditSink } from './audit-recorder';
import { followUpOf, knownProfiles, resultInputs } from './follow-ups';
import { checkOutputs } from './output-check';
import { applyAgentEvent, newTurn, turnOutputs, type Turn } from './turn';
import { describeError } from '../../workers/api';

/** A file the user gave: read fresh for each call, since buffers may be transferred. */
export interface ConversationFile {
  name: string;
  size: number;
  profile?: FileProfile;
  read(): Promise<ArrayBuffer>;
}

/** Which plans run without the user's click: none, only those the planner rated low risk, or all (the CLI's --yes). */
export type AutoApprove = 'never' | 'low-risk' | 'always';

export interface ConversationSettings {
  makeModel(): LanguageModel;
  autoApprove: AutoApprove;
  limits?: Partial<RunLimits>;
  /** The open workbook, inside Excel. */
  workbook?: WorkbookPort;
  /** Large inputs: the offer of the server (the pane only). */
  offload?: OffloadConfig;
}

/** History (the pane's IndexedDB): a pending entry when a request starts, the final one when it ends. */
export interface HistoryPort {
  begin(request: string, startedAt: number): Promise<string | undefined>;
  record(request: string, files: readonly ConversationFile[], outcome: AgentOutcome, startedAt: number, pendingId?: string): Promise<void>;
}

export interface ConversationDeps {
  sandbox: SandboxPort & WorkbookPython;
  settings: ConversationSettings;
  audit?: AuditSink;
  history?: HistoryPort;
  now?: () => number;
  onAuditProblem?(error: unknown): void;
}

export interface ConversationState {
  /** Oldest first; the last one is the current turn unless it is folded. */
  turns: readonly Turn[];
  busy: boolean;
  /** The Code view: the last code from the model, or what the user typed. */
  code: string;
  codeSource: 'model' | 'user';
}

export type ConversationEvent =
  | { type: 'changed'; state: ConversationState }
  | { type: 'agent'; turn: number; event: AgentEvent }
  | { type: 'awaiting-approval'; turn: number; plan: Plan }
  | { type: 'awaiting-change'; turn: number; change: PreparedChange }
  | { type: 'turn-ended'; turn: Turn };

const EMPTY: ConversationState = { turns: [], busy: false, code: '', codeSource: 'user' };

export class Conversation {
  private state: ConversationState = EMPTY;
  private readonly listeners = new Set<(event: ConversationEvent) => void>();
  private readonly audit: AuditRecorder;
  private readonly now: () => number;
  private nextId = 1;
  private controller?: AbortController;
  private approval?: (decision: ApprovalDecision) => void;
  private changeApproval?: (decision: ChangeDecision) => void;
  private offerChoice?: (choice: OffloadChoice | 'cancel') => void;
  /** Set by "Edit request": the turn ends without leaving a card. */
  private editing = false;

  constructor(private readonly deps: ConversationDeps) {
    this.deps = { ...deps, settings: { ...deps.settings } };
    this.now = deps.now ?? Date.now;
    // Through deps at call time: the pane connects its store once it is open.
    this.audit = auditRecorder((action, details, at) => this.deps.audit?.(action, details, at) ?? Promise.resolve(), this.now, (error) => this.deps.onAuditProblem?.(error));
  }

  getState = (): ConversationState => this.state;

  subscribe = (listener: (event: ConversationEvent) => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Settings may change between turns (the pane's Settings tab). */
  configure(settings: Partial<ConversationSettings>): void {
    Object.assign(this.deps.settings, settings);
  }

  /** Where the audit log and History are written (the pane's store opens after the conversation exists). */
  connect(ports: Pick<ConversationDeps, 'audit' | 'history'>): void {
    Object.assign(this.deps, ports);
  }

  /** Resolves when every audit entry recorded so far is written. */
  auditFlushed(): Promise<void> {
    return this.audit.flushed();
  }

  /** The current turn: the last one, unless the user moved on. */
  current(): Turn | undefined {
    const last = this.state.turns[this.state.turns.length - 1];
    return last && !last.folded ? last : undefined;
  }

  /** One request to the model, seeing the conversation so far. */
  async ask(request: string, files: readonly ConversationFile[]): Promise<Turn | undefined> {
    if (this.state.busy) return undefined;
    const followUp = followUpOf(this.state.turns, files.map((f) => f.name));
    const id = this.startTurn('request', request);
    const startedAt = this.turn(id).startedAt;
    this.audit.record('request', { turn: id, request, inputs: files.map((f) => f.name), earlierResults: followUp.results.map((r) => r.name) });
    const pending = this.deps.history?.begin(request, startedAt);
    const settings = this.deps.settings;
    const signal = this.controller!.signal;
    let outcome: AgentOutcome;
    try {
      const chosen = await this.pickSandbox(id, files, followUp.results.map((r) => ({ name: r.name, bytes: r.output.bytes.byteLength })));
      outcome = !chosen
        ? { status: 'cancelled', stage: 'starting-python' }
        : await runRequest(request, {
            model: settings.makeModel(),
            sandbox: chosen.sandbox,
            readInputs: async () => [...(await readFiles(files)), ...resultInputs(followUp)],
            profiles: knownProfiles(files, followUp),
            approve: (plan) => this.waitForApproval(id, plan),
            onEvent: (event) => this.onAgentEvent(id, event),
            signal,
            ...(settings.limits ? { limits: settings.limits } : {}),
            ...(settings.workbook ? { workbook: settings.workbook, approveChange: (change) => this.waitForChange(id, change) } : {}),
            earlier: followUp.earlier,
          });
    } catch (error) {
      outcome = { status: 'failed', stage: 'starting-python', message: describeError(error), attempts: [] };
    }
    if (this.editing) {
      // "Edit request": back to the request as it was, with no card left of this turn.
      this.editing = false;
      this.update((s) => ({ ...s, busy: false, turns: s.turns.filter((t) => t.id !== id) }));
      await this.deps.history?.record(request, files, outcome, startedAt, await pending);
      return undefined;
    }
    const code = outcome.status === 'done' ? outcome.code : outcome.status === 'failed' ? outcome.lastCode : undefined;
    this.update((s) => ({ ...s, ...(code ? { code, codeSource: 'model' as const } : {}) }));
    this.finishTurn(id, { outcome, awaitingApproval: false, awaitingChange: false });
    this.recordEnd(id, outcome);
    await this.checkResult(id);
    await this.deps.history?.record(request, files, outcome, startedAt, await pending);
    return this.ended(id);
  }

  /**
   * Runs code without the model (Code view, History, a recipe); its result is a turn of the
   * conversation too. `label` names the run in words for its downloads (a recipe and its values).
   */
  async runCode(code: string, files: readonly ConversationFile[], source: string, details: Record<string, JsonValue> = {}, label?: string): Promise<Turn | undefined> {
    if (this.state.busy) return undefined;
    this.audit.record('code-run', { source, inputs: files.map((f) => f.name), ...details });
    const followUp = followUpOf(this.state.turns, files.map((f) => f.name));
    const id = this.startTurn('code', source, { code, stage: 'running', ...(label ? { label } : {}) });
    this.update((s) => ({ ...s, code, codeSource: s.code === code ? s.codeSource : 'user' }));
    const signal = this.controller!.signal;
    const chosen = await this.pickSandbox(id, files, []);
    const directRun: RunResult = chosen
      ? await chosen.sandbox.run({ code, inputs: [...(await readFiles(files)), ...resultInputs(followUp)], ...(this.deps.settings.limits ? { limits: this.deps.settings.limits } : {}) }, { signal })
      : failedRun({ kind: 'cancelled', message: 'Cancelled before running. Nothing was sent or written.' }, 0);
    let directProfiles: FileProfile[] | undefined;
    if (directRun.ok && directRun.outputs.length) {
      const profiled = await this.deps.sandbox.profile(directRun.outputs.map((o) => ({ name: o.name.split('/').pop() ?? o.name, bytes: o.bytes })));
      if (profiled.ok) directProfiles = profiled.files;
    }
    this.finishTurn(id, { directRun, ...(directProfiles ? { directProfiles } : {}), stage: undefined });
    this.audit.record(directRun.ok ? 'result-produced' : 'request-ended', {
      turn: id,
      source,
      ...(directRun.ok ? { outputs: await digests(directRun.outputs) } : { status: directRun.error.kind === 'cancelled' ? 'cancelled' : 'failed', kind: directRun.error.kind, message: directRun.error.message }),
    });
    await this.checkResult(id);
    return this.ended(id);
  }

  approve(plan?: Plan): void {
    this.approval?.({ action: 'approve', ...(plan ? { plan } : {}) });
  }

  /** "Edit request": the plan goes, the request stays in the box for the user to change. */
  rejectPlan(): void {
    if (!this.approval) return;
    this.editing = true;
    this.approval({ action: 'cancel' });
  }

  applyChange(approveRisky: boolean): void {
    this.changeApproval?.({ action: 'apply', approveRisky });
  }

  chooseOffload(choice: OffloadChoice | 'cancel'): void {
    this.offerChoice?.(choice);
  }

  cancel(): void {
    this.offerChoice?.('cancel');
    this.approval?.({ action: 'cancel' });
    this.changeApproval?.({ action: 'cancel' });
    this.controller?.abort();
  }

  setCode(code: string): void {
    this.update((s) => ({ ...s, code, codeSource: 'user' }));
  }

  /** The files changed: the current turn folds into the thread (its result stays downloadable). */
  setAside(): void {
    if (this.state.busy) return;
    this.update((s) => ({ ...s, turns: s.turns.map((t) => (t.folded ? t : { ...t, folded: true })) }));
  }

  /** Starts over: earlier turns and their results are gone; the Code view keeps its code. */
  newConversation(): void {
    if (this.state.busy) return;
    this.update((s) => ({ ...EMPTY, code: s.code, codeSource: s.codeSource }));
  }

  /** Earlier turns restored from a saved conversation (the CLI's --conversation FILE). */
  resume(turns: readonly Turn[]): void {
    this.nextId = Math.max(this.nextId, ...turns.map((t) => t.id + 1));
    this.update((s) => ({ ...s, turns: [...turns.map((t) => ({ ...t, folded: true })), ...s.turns] }));
  }

  /** What the user did with a result, for the audit log (inserts and undo are logged by src/excel as they happen). */
  recordDownload(turnId: number, file: string): void {
    this.audit.record('result-downloaded', { turn: turnId, file });
  }

  // ---- inside a turn

  private startTurn(kind: Turn['kind'], request: string, extra: Partial<Turn> = {}): number {
    const id = this.nextId++;
    this.controller = new AbortController();
    this.editing = false;
    const turn = { ...newTurn(id, kind, request, this.now()), ...extra };
    // The turn before folds into the thread; one that left nothing to keep (a cancelled or failed try) goes.
    this.update((s) => ({ ...s, busy: true, turns: [...s.turns.filter((t) => t.folded || keepsInThread(t)).map((t) => ({ ...t, folded: true })), turn] }));
    return id;
  }

  private turn(id: number): Turn {
    const found = this.state.turns.find((t) => t.id === id);
    if (!found) throw new Error(`turn ${id} is not in this conversation`);
    return found;
  }

  private patchTurn(id: number, patch: (turn: Turn) => Turn): void {
    this.update((s) => ({ ...s, turns: s.turns.map((t) => (t.id === id ? patch(t) : t)) }));
  }

  private finishTurn(id: number, patch: Partial<Turn>): void {
    this.patchTurn(id, (t) => ({ ...t, ...patch, finishedAt: this.now() }));
    this.update((s) => ({ ...s, busy: false }));
  }

  private ended(id: number): Turn {
    const turn = this.turn(id);
    this.emit({ type: 'turn-ended', turn });
    return turn;
  }

  private onAgentEvent(id: number, event: AgentEvent): void {
    this.patchTurn(id, (t) => applyAgentEvent(t, event));
    if (event.type === 'code') this.update((s) => ({ ...s, code: event.code, codeSource: 'model' }));
    if (event.type === 'plan') this.audit.record('plan-shown', { turn: id, summary: event.plan.summary, risk: event.plan.risk, plan: toJsonValue(event.plan) });
    if (event.type === 'attempt-failed' || event.type === 'attempt-succeeded') this.audit.record('try', tryDetails(id, event));
    this.emit({ type: 'agent', turn: id, event });
  }

  private waitForApproval(id: number, plan: Plan): Promise<ApprovalDecision> {
    const auto = this.deps.settings.autoApprove;
    if (auto === 'always' || (auto === 'low-risk' && plan.risk === 'low')) {
      this.audit.record('plan-approved', { turn: id, summary: plan.summary, auto: auto === 'always' ? 'approved with --yes' : 'low risk' });
      return Promise.resolve({ action: 'approve' });
    }
    this.patchTurn(id, (t) => ({ ...t, awaitingApproval: true }));
    this.emit({ type: 'awaiting-approval', turn: id, plan });
    return new Promise((resolve) => {
      this.approval = (decision) => {
        this.approval = undefined;
        this.patchTurn(id, (t) => ({ ...t, awaitingApproval: false, ...(decision.action === 'approve' && decision.plan ? { plan: decision.plan } : {}) }));
        if (decision.action === 'cancel') this.audit.record('plan-cancelled', { turn: id, ...(this.editing ? { reason: 'the user edits the request' } : {}) });
        else if (decision.plan) this.audit.record('plan-edited', { turn: id, summary: decision.plan.summary, plan: toJsonValue(decision.plan) });
        else this.audit.record('plan-approved', { turn: id, summary: plan.summary });
        resolve(decision);
      };
    });
  }

  private waitForChange(id: number, change: PreparedChange): Promise<ChangeDecision> {
    this.patchTurn(id, (t) => ({ ...t, awaitingChange: true }));
    this.emit({ type: 'awaiting-change', turn: id, change });
    return new Promise((resolve) => {
      this.changeApproval = (decision) => {
        this.changeApproval = undefined;
        this.patchTurn(id, (t) => ({ ...t, awaitingChange: false }));
        resolve(decision);
      };
    });
  }

  /** Large inputs: the browser or the server, as the user decides on the offer card (src/backend/choose-sandbox.ts). */
  private async pickSandbox(id: number, files: readonly ConversationFile[], results: { name: string; bytes: number }[]): Promise<Chosen | undefined> {
    const offload = this.deps.settings.offload;
    if (!offload) return { sandbox: this.deps.sandbox, runsOn: 'browser' };
    const inputs = [...files.map((f) => ({ name: f.name, bytes: f.size, rows: rowsOf(f.profile) })), ...results];
    const chosen = await chooseSandbox(this.deps.sandbox, inputs, offload, {
      ask: (offer) => {
        this.patchTurn(id, (t) => ({ ...t, offer }));
        return new Promise((resolve) => {
          this.offerChoice = (choice) => {
            this.offerChoice = undefined;
            this.patchTurn(id, (t) => ({ ...t, offer: undefined }));
            resolve(choice);
          };
        });
      },
      onProgress: (serverProgress) => this.patchTurn(id, (t) => ({ ...t, serverProgress })),
      record: (offer, choice) => this.audit.record('code-run', { turn: id, step: 'where-to-run', ...choiceAuditDetails(offer, choice) }),
    });
    this.patchTurn(id, (t) => ({ ...t, ...(chosen ? { runsOn: chosen.runsOn } : {}), serverProgress: undefined }));
    return chosen;
  }

  private recordEnd(id: number, outcome: AgentOutcome): void {
    if (outcome.status === 'done') {
      this.audit.record('result-produced', digests(outcome.result.outputs).then((outputs) => ({ turn: id, outputs, checks: outcome.verification.checks })));
    } else if (outcome.status === 'applied') {
      // Already logged as it was applied, with its undo id (src/excel/ops/apply.ts).
    } else {
      const message = outcome.status === 'failed' ? outcome.message : outcome.status === 'question' ? outcome.question : '';
      this.audit.record('request-ended', { turn: id, status: outcome.status, stage: 'stage' in outcome ? outcome.stage : 'planning', message });
    }
  }

  /** The output check, before any result file can be downloaded or inserted. */
  private async checkResult(id: number): Promise<void> {
    const outputs = turnOutputs(this.turn(id));
    if (!outputs.length) return;
    this.patchTurn(id, (t) => ({ ...t, risks: { state: 'checking' } }));
    const risks = await checkOutputs(this.deps.sandbox, outputs);
    this.patchTurn(id, (t) => ({ ...t, risks }));
  }

  private update(change: (state: ConversationState) => ConversationState): void {
    this.state = change(this.state);
    this.emit({ type: 'changed', state: this.state });
  }

  private emit(event: ConversationEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}

/** A turn worth keeping in the thread: it produced something, or asked the user something. */
function keepsInThread(turn: Turn): boolean {
  return turnOutputs(turn).length > 0 || turn.outcome?.status === 'applied' || turn.outcome?.status === 'question';
}

async function readFiles(files: readonly ConversationFile[]): Promise<InputFile[]> {
  return Promise.all(files.map(async (f) => ({ name: f.name, bytes: await f.read() })));
}

async function digests(outputs: readonly { name: string; bytes: ArrayBuffer }[]): Promise<JsonValue> {
  return Promise.all(outputs.map(async (o) => ({ ...(await fileDigest(o.name, o.bytes)) })));
}

async function tryDetails(turn: number, event: Extract<AgentEvent, { type: 'attempt-failed' | 'attempt-succeeded' }>): Promise<Record<string, JsonValue>> {
  const code = event.code ?? '';
  const base = { turn, attempt: event.attempt, code, codeSha256: await sha256Hex(code) };
  if (event.type === 'attempt-succeeded') return { ...base, outcome: 'ok' };
  const { failure } = event;
  return {
    ...base,
    outcome: 'failed',
    stage: failure.stage,
    ...(failure.error ? { kind: failure.error.kind, message: failure.error.message } : {}),
    ...(failure.problems ? { problems: failure.problems } : {}),
  };
}
