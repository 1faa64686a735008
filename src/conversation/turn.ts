/**
 * One turn of a conversation as the pane and the CLI see it: a request (or a run of
 * the user's own code), its plan, progress, failed tries, outcome and result files.
 * `applyAgentEvent` folds the agent's events into it; it is plain data.
 */
import type { FileProfile, OutputFile, RunResult } from '../../workers/api';
import { explainAttempt } from '../agent/explain-failure';
import type { Plan } from '../agent/plan';
import { MAX_ATTEMPTS, type AgentEvent, type AgentOutcome, type AgentStage } from '../agent/run-request';
import type { PreparedChange } from '../agent/workbook-change';
import type { Offer } from '../backend/offload-policy';
import type { ServerProgress } from '../backend/server-sandbox';
import type { OutputRisks } from './output-check';

export interface TurnFailure {
  attempt: number;
  stage: string;
  sentence: string;
  details?: string;
}

export interface Turn {
  id: number;
  /** A request to the model, or a run of code the user typed or chose (Code view, History, a recipe). */
  kind: 'request' | 'code';
  /** The request's words; for a code run, where the code came from ("code view", "recipe: …"). */
  request: string;
  startedAt: number;
  finishedAt?: number;
  stage?: AgentStage;
  attempt?: number;
  plan?: Plan;
  awaitingApproval: boolean;
  modelText: string;
  failures: TurnFailure[];
  outcome?: AgentOutcome;
  /** Workbook operations waiting for review (inside Excel). */
  change?: PreparedChange;
  awaitingChange: boolean;
  /** What ran, in words, when its downloads should say so: a recipe and the values it ran with. */
  label?: string;
  /** A code run's code and result (kind 'code'). */
  code?: string;
  directRun?: RunResult;
  directProfiles?: FileProfile[];
  /** Large inputs: the offer card waiting for the user's choice (nothing is sent before it). */
  offer?: Offer;
  runsOn?: 'browser' | 'server';
  serverProgress?: ServerProgress;
  /** What the output check found in the result files, before they can be downloaded or inserted. */
  risks?: OutputRisks;
  /** A turn restored from a saved conversation (the CLI's --conversation FILE): what later turns need of it. */
  kept?: { outputs: OutputFile[]; code?: string };
  /** Set aside: the user moved on (other files, another request); shown folded in the thread. */
  folded: boolean;
}

export function newTurn(id: number, kind: Turn['kind'], request: string, startedAt: number): Turn {
  return { id, kind, request, startedAt, awaitingApproval: false, awaitingChange: false, modelText: '', failures: [], folded: false };
}

export function applyAgentEvent(turn: Turn, event: AgentEvent): Turn {
  switch (event.type) {
    case 'stage':
      return { ...turn, stage: event.stage, attempt: event.attempt, modelText: event.stage === 'writing-code' ? '' : turn.modelText };
    case 'plan':
      return { ...turn, plan: event.plan };
    case 'change-preview':
      return { ...turn, change: event.change };
    case 'model-text':
      return { ...turn, modelText: turn.modelText + event.text };
    case 'attempt-failed': {
      const { sentence, details } = explainAttempt(event.failure, event.attempt < MAX_ATTEMPTS);
      return { ...turn, failures: [...turn.failures, { attempt: event.attempt, stage: event.failure.stage, sentence, ...(details ? { details } : {}) }] };
    }
    default:
      return turn;
  }
}

/** The files the turn produced (empty until it has a result). */
export function turnOutputs(turn: Turn): OutputFile[] {
  if (turn.outcome?.status === 'done') return turn.outcome.result.outputs;
  if (turn.directRun?.ok) return turn.directRun.outputs;
  return turn.kept?.outputs ?? [];
}

/** The code the turn ran (or last tried), for the Code view and the next turn's prompt. */
export function turnCode(turn: Turn): string | undefined {
  if (turn.kept) return turn.kept.code;
  if (turn.kind === 'code') return turn.code;
  const outcome = turn.outcome;
  if (outcome?.status === 'done') return outcome.code;
  if (outcome?.status === 'failed') return outcome.lastCode;
  return undefined;
}
