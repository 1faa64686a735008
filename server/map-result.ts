/**
 * bwrap.py's JSON line (snake_case, Python's runner.run shape) to the
 * contract of workers/api.ts (camelCase). Anything that does not look like a
 * runner result maps to null, and the caller reports a fault of the sandbox.
 */
import type { PrecheckViolation, SandboxError, SandboxErrorKind } from '../workers/api';
import type { JobResult, OutputEntry } from './job-types';

const KINDS: ReadonlySet<string> = new Set<SandboxErrorKind>(['precheck', 'python', 'timeout', 'memory', 'cancelled', 'blocked', 'input', 'internal']);

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const positiveInt = (value: unknown): number | undefined => (typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined);

/** The last non-empty line of the process's stdout, parsed, or null. */
export function lastJsonLine(stdout: string): unknown {
  const lines = stdout.split('\n');
  for (let i = lines.length - 1; i >= 0; i -= 1) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    try {
      return JSON.parse(line) as unknown;
    } catch {
      return null;
    }
  }
  return null;
}

export function mapRunnerResult(raw: unknown, outputs: OutputEntry[]): JobResult | null {
  if (!isObject(raw) || typeof raw.ok !== 'boolean') return null;
  const common = {
    stdout: text(raw.stdout),
    stderr: text(raw.stderr),
    streamsTruncated: raw.streams_truncated === true,
    durationMs: typeof raw.duration_ms === 'number' ? raw.duration_ms : 0,
    ...(Array.isArray(raw.removed_outputs) && raw.removed_outputs.length > 0 ? { removedOutputs: raw.removed_outputs.map(String) } : {}),
  };
  if (raw.ok) return { ok: true, outputs, ...common };
  return { ok: false, error: mapError(raw.error), ...common };
}

function mapError(raw: unknown): SandboxError {
  if (!isObject(raw)) return { kind: 'internal', message: 'The sandbox reported a failure without saying what failed.' };
  const kind = typeof raw.kind === 'string' && KINDS.has(raw.kind) ? (raw.kind as SandboxErrorKind) : 'internal';
  const error: SandboxError = { kind, message: text(raw.message) || 'The run failed without a message.' };
  if (typeof raw.traceback === 'string' && raw.traceback !== '') error.traceback = raw.traceback;
  const line = positiveInt(raw.line);
  if (line !== undefined) error.line = line;
  const column = positiveInt(raw.column);
  if (column !== undefined) error.column = column;
  if (Array.isArray(raw.violations)) error.violations = raw.violations.filter(isObject).map(mapViolation);
  return error;
}

function mapViolation(raw: Json): PrecheckViolation {
  return { rule: text(raw.rule), message: text(raw.message), line: positiveInt(raw.line) ?? 0, column: positiveInt(raw.column) ?? 0 };
}
