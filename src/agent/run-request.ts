/**
 * One request, end to end: profile the inputs, plan, wait for approval, write code,
 * check and run it in the sandbox, verify the result against the plan, and on any
 * failure send the structured error back to the model (at most 3 tries).
 * Plain TypeScript: every collaborator comes in as a parameter, so each scenario
 * runs in tests with a scripted model and the real sandbox.
 */
import type { FileProfile, InputFile, OutputFile, PrecheckResult, ProfileResult, RunLimits, RunRequest, RunResult, SandboxError, StartResult } from '../../workers/api';
import { ModelError, type ChatMessage, type LanguageModel } from '../models/types';
import { extractCode } from './extract-code';
import { parsePlan, planJsonSchema, type Plan } from './plan';
import { describeRuntime, summarizeProfiles } from './profile-summary';
import { earlierTurnsText, type EarlierTurn } from './earlier-turns';
import { explainAttempt } from './explain-failure';
import { groundingQuestion, planProblems } from './ground-plan';
import { codeMessages, correctionMessages, planMessages, type AttemptFailure } from './prompts';
import { verifyResult, type Verification } from './verify';
import { changeWorkbook, type ChangeDecision, type PreparedChange, type WorkbookPort } from './workbook-change';

export const MAX_ATTEMPTS = 3;

/** The part of SandboxClient the agent needs. */
export interface SandboxPort {
  start(): Promise<StartResult>;
  precheck(code: string): Promise<PrecheckResult>;
  profile(inputs: InputFile[], options?: { signal?: AbortSignal }): Promise<ProfileResult>;
  run(request: RunRequest, options?: { signal?: AbortSignal }): Promise<RunResult>;
}

export type AgentStage =
  | 'starting-python'
  | 'profiling'
  | 'planning'
  | 'awaiting-approval'
  | 'writing-code'
  | 'checking'
  | 'running'
  | 'verifying'
  /** Workbook operations: the model writes them, the user reviews the preview, then they are applied. */
  | 'writing-changes'
  | 'reviewing-changes'
  | 'applying';

export type AgentEvent =
  | { type: 'stage'; stage: AgentStage; attempt?: number; maxAttempts?: number }
  | { type: 'profiles'; files: FileProfile[] }
  | { type: 'plan'; plan: Plan }
  | { type: 'model-text'; text: string }
  | { type: 'code'; code: string; attempt: number }
  | { type: 'attempt-failed'; attempt: number; failure: AttemptFailure; code?: string }
  /** The try whose result passed verification. */
  | { type: 'attempt-succeeded'; attempt: number; code: string }
  | { type: 'change-preview'; change: PreparedChange };

export type ApprovalDecision = { action: 'approve'; plan?: Plan } | { action: 'cancel' };

export interface AttemptRecord {
  attempt: number;
  code?: string;
  failure?: AttemptFailure;
}

export type AgentOutcome =
  | { status: 'done'; plan: Plan; code: string; result: Extract<RunResult, { ok: true }>; outputProfiles: FileProfile[]; verification: Verification; attempts: AttemptRecord[] }
  | { status: 'applied'; plan: Plan; change: PreparedChange; undoId: string; label: string }
  | { status: 'question'; question: string }
  | { status: 'cancelled'; stage: AgentStage }
  | { status: 'failed'; stage: AgentStage; message: string; details?: string; plan?: Plan; lastCode?: string; attempts: AttemptRecord[] };

export interface AgentDeps {
  model: LanguageModel;
  sandbox: SandboxPort;
  /** Fresh copies of the input files (buffers may be transferred to the sandbox). */
  readInputs(): Promise<InputFile[]>;
  /** Profiles already made of some inputs, by name (the pane profiles each file as it is added, and each result as it is checked): only the others are profiled here. */
  profiles?: readonly FileProfile[];
  /** Shows the plan and waits for the user; `autoApprove` skips it for low-risk plans. */
  approve(plan: Plan): Promise<ApprovalDecision>;
  onEvent?(event: AgentEvent): void;
  signal?: AbortSignal;
  limits?: Partial<RunLimits>;
  /** The open workbook, inside Excel: requests that only change it become typed operations. */
  workbook?: WorkbookPort;
  /** Shows the preview of workbook changes and waits for the user (required with `workbook`). */
  approveChange?(change: PreparedChange): Promise<ChangeDecision>;
  /** A follow-up: what the conversation did before; its result files are among the inputs. */
  earlier?: readonly EarlierTurn[];
}

class Cancelled extends Error {}

export async function runRequest(request: string, deps: AgentDeps): Promise<AgentOutcome> {
  let stage: AgentStage = 'starting-python';
  const emit = (event: AgentEvent): void => deps.onEvent?.(event);
  const enter = (next: AgentStage, attempt?: number): void => {
    if (deps.signal?.aborted) throw new Cancelled();
    stage = next;
    emit({ type: 'stage', stage, ...(attempt ? { attempt, maxAttempts: MAX_ATTEMPTS } : {}) });
  };
  const attempts: AttemptRecord[] = [];
  let plan: Plan | undefined;

  try {
    enter('starting-python');
    const started = await deps.sandbox.start();
    if (!started.ok) return { status: 'failed', stage, message: started.error.message, attempts };
    const runtime = describeRuntime(started.info);

    enter('profiling');
    const profiled = await profileInputs(deps);
    if (!profiled.ok) return failedOrCancelled(profiled.error, stage, attempts);
    emit({ type: 'profiles', files: profiled.files });
    const unreadable = profiled.files.filter((f) => f.error);
    if (unreadable.length) {
      return { status: 'failed', stage, message: unreadable.map((f) => `${f.name}: ${f.error}`).join('\n'), attempts };
    }
    const profile = summarizeProfiles(profiled.files) + earlierTurnsText(deps.earlier ?? []);
    const openWorkbook = deps.workbook ? await deps.workbook.describe(deps.signal) : undefined;

    enter('planning');
    const planned = await makePlan(deps, request, profile, runtime, profiled.files, openWorkbook);
    if ('question' in planned) return { status: 'question', question: planned.question };
    plan = planned.plan;
    emit({ type: 'plan', plan });

    enter('awaiting-approval');
    const decision = await deps.approve(plan);
    if (decision.action === 'cancel') return { status: 'cancelled', stage };
    plan = decision.plan ?? plan;
    if (plan.engine === 'workbook-ops' && deps.workbook && openWorkbook !== undefined) {
      return await changeOpenWorkbook(request, plan, openWorkbook, deps, deps.workbook, enter, emit, attempts);
    }

    let messages: ChatMessage[] = codeMessages(request, plan, profile, runtime);
    let code: string | undefined;
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      enter('writing-code', attempt);
      const answer = await streamText(deps, messages);
      const extracted = extractCode(answer);
      const fail = (failure: AttemptFailure, usedCode: string): void => {
        attempts.push({ attempt, code: usedCode, failure });
        emit({ type: 'attempt-failed', attempt, failure, code: usedCode });
        messages = correctionMessages(messages, usedCode, failure);
      };
      if (!extracted) {
        fail({ stage: 'no code in the answer' }, answer);
        continue;
      }
      code = extracted;
      emit({ type: 'code', code, attempt });

      enter('checking', attempt);
      const checked = await deps.sandbox.precheck(code);
      if (!checked.ok) {
        fail({ stage: 'pre-check', error: checked.error }, code);
        continue;
      }

      enter('running', attempt);
      const result = await deps.sandbox.run({ code, inputs: await deps.readInputs(), limits: deps.limits }, { signal: deps.signal });
      if (!result.ok) {
        if (result.error.kind === 'cancelled') throw new Cancelled();
        // The runtime itself failed, or a package the code imports could not be downloaded:
        // not the model's fault, so no retry; the user gets the message and what to do.
        if (result.error.kind === 'internal' || result.error.kind === 'package') return { status: 'failed', stage, message: result.error.message, plan, lastCode: code, attempts };
        fail({ stage: result.error.kind === 'precheck' ? 'pre-check' : 'run', error: result.error }, code);
        continue;
      }

      enter('verifying', attempt);
      const outputs = await profileOutputs(deps, result.outputs);
      const verification = verifyResult(plan, profiled.files, outputs);
      if (!verification.ok) {
        fail({ stage: 'verification', problems: verification.problems }, code);
        continue;
      }
      attempts.push({ attempt, code });
      emit({ type: 'attempt-succeeded', attempt, code });
      return { status: 'done', plan, code, result, outputProfiles: outputs, verification, attempts };
    }
    const last = attempts[attempts.length - 1]?.failure;
    const explained = last ? explainAttempt(last, false) : { sentence: 'The model answered without a script.' };
    return {
      status: 'failed',
      stage,
      message: `The model could not produce working code in ${MAX_ATTEMPTS} tries. The last try: ${explained.sentence} Try rephrasing the request (name the sheet, table or columns), or edit the code yourself.`,
      ...(explained.details ? { details: explained.details } : {}),
      plan,
      lastCode: code,
      attempts,
    };
  } catch (error) {
    if (error instanceof Cancelled || deps.signal?.aborted || (error instanceof ModelError && error.kind === 'cancelled')) {
      return { status: 'cancelled', stage };
    }
    if (error instanceof ModelError) return { status: 'failed', stage, message: error.message, plan, attempts };
    throw error;
  }
}

/** The typed-operations branch: write operations, check them against the workbook, preview, apply. */
async function changeOpenWorkbook(
  request: string,
  plan: Plan,
  openWorkbook: string,
  deps: AgentDeps,
  workbook: WorkbookPort,
  enter: (stage: AgentStage, attempt?: number) => void,
  emit: (event: AgentEvent) => void,
  attempts: AttemptRecord[],
): Promise<AgentOutcome> {
  const approveChange = deps.approveChange;
  if (!approveChange) throw new Error('approveChange is required with a workbook: changes are never applied without a preview.');
  const outcome = await changeWorkbook(request, plan, openWorkbook, {
    model: deps.model,
    workbook,
    maxAttempts: MAX_ATTEMPTS,
    signal: deps.signal,
    onAttempt: (attempt) => enter('writing-changes', attempt),
    onProblems: (attempt, problems) => {
      const failure: AttemptFailure = { stage: 'workbook check', problems };
      attempts.push({ attempt, failure });
      emit({ type: 'attempt-failed', attempt, failure });
    },
    onPreview: (change) => {
      enter('reviewing-changes');
      emit({ type: 'change-preview', change });
    },
    onApplying: () => enter('applying'),
    approveChange,
  });
  if (outcome.status === 'cancelled') throw new Cancelled();
  if (outcome.status === 'failed') return { status: 'failed', stage: 'writing-changes', message: outcome.message, plan, attempts };
  return { status: 'applied', plan, change: outcome.change, undoId: outcome.undoId, label: outcome.label };
}

function failedOrCancelled(error: SandboxError, stage: AgentStage, attempts: AttemptRecord[]): AgentOutcome {
  if (error.kind === 'cancelled') return { status: 'cancelled', stage };
  return { status: 'failed', stage, message: error.message, attempts };
}

/**
 * Asks for a plan. An answer that is not a valid plan gets one more chance with the
 * reason; a plan naming a file, sheet, table or column the files do not have goes back
 * with the exact problem (up to MAX_ATTEMPTS tries), and is never shown: after the last
 * try the user gets a question instead.
 */
async function makePlan(
  deps: AgentDeps,
  request: string,
  profile: string,
  runtime: string,
  files: readonly FileProfile[],
  openWorkbook?: string,
): Promise<{ plan: Plan } | { question: string }> {
  let messages = planMessages(request, profile, runtime, openWorkbook);
  let invalid = 0;
  for (let tries = 1; ; tries++) {
    const answer = await deps.model.generate({ messages, jsonSchema: { name: 'plan', schema: planJsonSchema() }, temperature: 0, signal: deps.signal });
    let parsed = parsePlan(answer.text);
    if (parsed.ok && parsed.plan.kind === 'plan' && parsed.plan.engine === 'workbook-ops' && openWorkbook === undefined) {
      parsed = { ok: false, problem: 'No workbook is open, so "workbook-ops" is not possible: plan a script that writes its result under /output.' };
    }
    const retry = (problem: string): void => {
      messages = [...messages, { role: 'assistant', content: answer.text }, { role: 'user', content: `${problem} Answer again with one JSON object matching the schema.` }];
    };
    if (!parsed.ok) {
      if (++invalid >= 2) throw new ModelError('invalid-output', `The model did not answer with a valid plan: ${parsed.problem}`);
      retry(parsed.problem);
      continue;
    }
    if (parsed.plan.kind === 'question') return { question: parsed.plan.question ?? parsed.plan.summary };
    const problems = planProblems(parsed.plan, files);
    if (!problems.length) return { plan: parsed.plan };
    if (tries >= MAX_ATTEMPTS) return { question: groundingQuestion(problems, files) };
    retry(`The plan names things the files do not have:\n- ${problems.join('\n- ')}\nUse only files, sheets, tables and columns from the description of the files, with their exact names.`);
  }
}

async function streamText(deps: AgentDeps, messages: ChatMessage[]): Promise<string> {
  let text = '';
  for await (const part of deps.model.stream({ messages, temperature: 0, signal: deps.signal })) {
    if (part.type === 'text-delta') {
      text += part.text;
      deps.onEvent?.({ type: 'model-text', text: part.text });
    } else if (part.type === 'error') {
      throw part.error;
    } else {
      text = part.result.text || text;
    }
  }
  return text;
}

/** The inputs' profiles, in input order: those already known as they are, the others profiled now. */
async function profileInputs(deps: AgentDeps): Promise<ProfileResult> {
  const inputs = await deps.readInputs();
  const known = new Map((deps.profiles ?? []).map((p) => [p.name, p]));
  const unknown = inputs.filter((i) => !known.has(i.name));
  const profiled: ProfileResult = unknown.length ? await deps.sandbox.profile(unknown, { signal: deps.signal }) : { ok: true, files: [], durationMs: 0 };
  if (!profiled.ok) return profiled;
  const fresh = new Map(profiled.files.map((p) => [p.name, p]));
  const files = inputs.flatMap((i) => known.get(i.name) ?? fresh.get(i.name) ?? []);
  // A profile under a name no input has (never expected): kept rather than lost.
  const unmatched = profiled.files.filter((p) => !inputs.some((i) => i.name === p.name));
  return { ...profiled, files: [...files, ...unmatched] };
}

/** Profiles what the code wrote, to verify it; names are flattened to what the sandbox accepts. */
async function profileOutputs(deps: AgentDeps, outputs: OutputFile[]): Promise<FileProfile[]> {
  if (!outputs.length) return [];
  const files = outputs.map((o) => ({ name: o.name.split('/').pop() ?? o.name, bytes: o.bytes }));
  const profiled = await deps.sandbox.profile(files, { signal: deps.signal });
  if (!profiled.ok) throw new ModelError('invalid-output', `The result could not be checked: ${profiled.error.message}`);
  return profiled.files;
}
