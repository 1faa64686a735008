/**
 * The one mapper of runner.py's answer (a dict in Python's naming) to the contract's
 * types, checking the shape instead of trusting it. Two callers: the Pyodide sandbox,
 * which reads it from inside the sandbox, and the server, which reads bwrap.py's line
 * (server/map-result.ts) written by a supervisor outside it.
 */
import { SANDBOX_ERROR_KINDS, type FailureCause, type PrecheckViolation, type SandboxError, type SandboxErrorKind } from '../api';

export interface RunnerOutcome {
  ok: boolean;
  stdout: string;
  stderr: string;
  streamsTruncated: boolean;
  error?: SandboxError;
}

/**
 * Who wrote the answer. From inside the sandbox, the code may only claim `precheck` or
 * `python`: time, cancellation, memory, blocked and internal are what a supervisor
 * observes, and claimed from inside they mean nothing (they become `python`, a failure
 * of the code, still a failure). A supervisor outside (bwrap.py) may say any kind; one
 * it does not know is a fault of the sandbox (`internal`).
 */
export type AnswerFrom = 'inside' | 'supervisor';

const CLAIMABLE_INSIDE: ReadonlySet<string> = new Set<SandboxErrorKind>(['precheck', 'python']);
const KINDS: ReadonlySet<string> = new Set<SandboxErrorKind>(SANDBOX_ERROR_KINDS);

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const positiveInt = (value: unknown): number | undefined => (typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined);

export function parseViolations(value: unknown): PrecheckViolation[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isObject).map((v) => ({ rule: str(v.rule), message: str(v.message), line: positiveInt(v.line) ?? 0, column: positiveInt(v.column) ?? 0 }));
}

const CAUSE_KINDS: readonly FailureCause['kind'][] = ['missing-sheet', 'missing-column', 'missing-file', 'missing-key'];

/** The runner's note of what was missing, checked field by field. */
export function parseCause(value: unknown): FailureCause | undefined {
  if (!isObject(value)) return undefined;
  const kind = CAUSE_KINDS.find((k) => k === value.kind);
  if (!kind || typeof value.name !== 'string') return undefined;
  const available = Array.isArray(value.available) ? value.available.filter((a): a is string => typeof a === 'string').slice(0, 100) : [];
  return { kind, name: value.name.slice(0, 200), available: available.map((a) => a.slice(0, 200)) };
}

export function parseRunnerError(raw: unknown, from: AnswerFrom): SandboxError {
  if (!isObject(raw)) {
    return from === 'inside' ? { kind: 'python', message: 'The run failed without a message.' } : { kind: 'internal', message: 'The sandbox reported a failure without saying what failed.' };
  }
  const claimed = typeof raw.kind === 'string' ? raw.kind : '';
  const kind: SandboxErrorKind =
    from === 'inside' ? (CLAIMABLE_INSIDE.has(claimed) ? (claimed as SandboxErrorKind) : 'python') : KINDS.has(claimed) ? (claimed as SandboxErrorKind) : 'internal';
  const error: SandboxError = { kind, message: str(raw.message) || 'The run failed without a message.' };
  if (typeof raw.traceback === 'string' && raw.traceback !== '') error.traceback = raw.traceback;
  const line = positiveInt(raw.line);
  if (line !== undefined) error.line = line;
  const column = positiveInt(raw.column);
  if (column !== undefined) error.column = column;
  const violations = parseViolations(raw.violations);
  if (violations.length) error.violations = violations;
  const cause = parseCause(raw.cause);
  if (cause) error.cause = cause;
  return error;
}

export function parseRunnerResult(raw: Json, from: AnswerFrom): RunnerOutcome {
  const outcome: RunnerOutcome = { ok: raw.ok === true, stdout: str(raw.stdout), stderr: str(raw.stderr), streamsTruncated: raw.streams_truncated === true };
  if (!outcome.ok) outcome.error = parseRunnerError(raw.error, from);
  return outcome;
}
