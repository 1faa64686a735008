/**
 * runner.py answers with a dict in Python's naming; this maps it to the
 * contract's types, checking the shape instead of trusting it.
 */
import type { FailureCause, PrecheckViolation, SandboxError, SandboxErrorKind } from '../api';

export interface RunnerOutcome {
  ok: boolean;
  stdout: string;
  stderr: string;
  streamsTruncated: boolean;
  error?: SandboxError;
}

/**
 * Kinds the code may claim about itself. Time, cancellation, memory, blocked
 * and internal are what the supervisor observes; claimed from inside, they
 * mean nothing and become `python` (a failure of the code, still a failure).
 */
const PYTHON_KINDS: readonly SandboxErrorKind[] = ['precheck', 'python'];

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
function optionalNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function parseViolations(value: unknown): PrecheckViolation[] {
  if (!Array.isArray(value)) return [];
  return value.map((v: Record<string, unknown>) => ({
    rule: str(v.rule),
    message: str(v.message),
    line: optionalNumber(v.line) ?? 0,
    column: optionalNumber(v.column) ?? 0,
  }));
}

const CAUSE_KINDS: readonly FailureCause['kind'][] = ['missing-sheet', 'missing-column', 'missing-file', 'missing-key'];

/** The runner's note of what was missing, checked field by field (it comes from inside the sandbox). */
export function parseCause(value: unknown): FailureCause | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const c = value as Record<string, unknown>;
  const kind = CAUSE_KINDS.find((k) => k === c.kind);
  if (!kind || typeof c.name !== 'string') return undefined;
  const available = Array.isArray(c.available) ? c.available.filter((a): a is string => typeof a === 'string').slice(0, 100) : [];
  return { kind, name: c.name.slice(0, 200), available: available.map((a) => a.slice(0, 200)) };
}

export function parseRunnerResult(raw: Record<string, unknown>): RunnerOutcome {
  const outcome: RunnerOutcome = {
    ok: raw.ok === true,
    stdout: str(raw.stdout),
    stderr: str(raw.stderr),
    streamsTruncated: raw.streams_truncated === true,
  };
  if (!outcome.ok) {
    const e = (raw.error ?? {}) as Record<string, unknown>;
    const kind = PYTHON_KINDS.includes(e.kind as SandboxErrorKind) ? (e.kind as SandboxErrorKind) : 'python';
    const error: SandboxError = { kind, message: str(e.message) || 'The code failed without a message.' };
    if (typeof e.traceback === 'string' && e.traceback) error.traceback = e.traceback;
    const line = optionalNumber(e.line);
    if (line !== undefined) error.line = line;
    const column = optionalNumber(e.column);
    if (column !== undefined) error.column = column;
    const violations = parseViolations(e.violations);
    if (violations.length) error.violations = violations;
    const cause = parseCause(e.cause);
    if (cause) error.cause = cause;
    outcome.error = error;
  }
  return outcome;
}
