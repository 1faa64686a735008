/**
 * Requests that only change the open workbook ("make the header bold", "sort by
 * date", "add a chart") become typed operations from one fixed list, never code:
 * the model answers with JSON matching the operations schema, the workbook checks
 * every operation against its real sheets and ranges, the user sees a preview of
 * each change, and only then is anything applied (with an undo snapshot).
 * The workbook comes in as a port, so this runs against Excel, a fake, or nothing.
 */
import type { CellValue } from '../../workers/api';
import { ModelError, type ChatMessage, type LanguageModel } from '../models/types';
import type { Plan } from './plan';
import { workbookChangeMessages, workbookCorrectionMessages } from './prompts';

/** One change as the user sees it before approving. */
export interface ChangePreviewStep {
  /** Plain words: "Write 3×2 values into Sales!B2:C4, replacing 4 non-empty cells". */
  description: string;
  sheet?: string;
  address?: string;
  before?: CellValue[][];
  after?: CellValue[][];
  /** Non-empty cells this step replaces. */
  overwrites?: number;
}

/** Operations that passed every check, ready to apply; `ops` is opaque to the agent. */
export interface PreparedChange {
  summary: string;
  steps: ChangePreviewStep[];
  /** Formulas that could reach the network or run something (WEBSERVICE, DDE...): need explicit approval. */
  risky: string[];
  ops: unknown;
}

export interface WorkbookPort {
  /** Sheets, used ranges, tables and headers of the open workbook, as data for the model. */
  describe(signal?: AbortSignal): Promise<string>;
  /** The JSON Schema of the operations list the model must answer with. */
  opsJsonSchema(): Record<string, unknown>;
  /** Parses the model's JSON and checks every operation against the workbook; applies nothing. */
  prepare(json: string, signal?: AbortSignal): Promise<{ ok: true; change: PreparedChange } | { ok: false; problems: string[] }>;
  /** Applies a prepared change after taking an undo snapshot; a failure half-way restores it. */
  apply(change: PreparedChange, options: { approveRisky: boolean; signal?: AbortSignal }): Promise<{ ok: true; undoId: string; label: string } | { ok: false; message: string }>;
}

export type ChangeDecision = { action: 'apply'; approveRisky: boolean } | { action: 'cancel' };

export type WorkbookChangeOutcome =
  | { status: 'applied'; change: PreparedChange; undoId: string; label: string; tries: number }
  | { status: 'cancelled' }
  | { status: 'failed'; message: string; problems: string[]; tries: number };

export interface WorkbookChangeDeps {
  model: LanguageModel;
  workbook: WorkbookPort;
  approveChange(change: PreparedChange): Promise<ChangeDecision>;
  onAttempt?(attempt: number): void;
  onProblems?(attempt: number, problems: string[]): void;
  onPreview?(change: PreparedChange): void;
  onApplying?(): void;
  signal?: AbortSignal;
  maxAttempts: number;
}

/** `described` is the workbook description the plan was made from (WorkbookPort.describe). */
export async function changeWorkbook(request: string, plan: Plan, described: string, deps: WorkbookChangeDeps): Promise<WorkbookChangeOutcome> {
  let messages: ChatMessage[] = workbookChangeMessages(request, plan, described);
  let problems: string[] = [];
  for (let attempt = 1; attempt <= deps.maxAttempts; attempt++) {
    deps.onAttempt?.(attempt);
    const answer = await generateJson(deps.model, messages, deps.workbook.opsJsonSchema(), deps.signal);
    const prepared = await deps.workbook.prepare(answer, deps.signal);
    if (!prepared.ok) {
      problems = prepared.problems;
      deps.onProblems?.(attempt, problems);
      messages = workbookCorrectionMessages(messages, answer, problems);
      continue;
    }
    deps.onPreview?.(prepared.change);
    const decision = await deps.approveChange(prepared.change);
    if (decision.action === 'cancel' || deps.signal?.aborted) return { status: 'cancelled' };
    if (prepared.change.risky.length && !decision.approveRisky) {
      return { status: 'failed', message: 'Nothing was changed: the changes contain formulas that can reach the network or run programs, and they were not approved.', problems: prepared.change.risky, tries: attempt };
    }
    deps.onApplying?.();
    const applied = await deps.workbook.apply(prepared.change, { approveRisky: decision.approveRisky, signal: deps.signal });
    // The port says whether the workbook was put back (it rolls back a half-applied change).
    if (!applied.ok) return { status: 'failed', message: applied.message, problems: [applied.message], tries: attempt };
    return { status: 'applied', change: prepared.change, undoId: applied.undoId, label: applied.label, tries: attempt };
  }
  return {
    status: 'failed',
    message: `The model could not produce valid workbook changes in ${deps.maxAttempts} tries, so nothing was changed. Last problem: ${problems.join(' ')} Try naming the sheet and range exactly.`,
    problems,
    tries: deps.maxAttempts,
  };
}

async function generateJson(model: LanguageModel, messages: ChatMessage[], schema: Record<string, unknown>, signal?: AbortSignal): Promise<string> {
  const answer = await model.generate({ messages, jsonSchema: { name: 'workbook_operations', schema }, temperature: 0, signal });
  if (!answer.text.trim()) throw new ModelError('invalid-output', 'The model gave an empty answer for the workbook changes.');
  return answer.text;
}
