/**
 * bwrap.py's JSON line (snake_case, Python's runner.run shape) to the
 * contract of workers/api.ts (camelCase). Anything that does not look like a
 * runner result maps to null, and the caller reports a fault of the sandbox.
 *
 * bwrap.py runs outside the sandbox and has already decided success from
 * what it saw (server/README.md, "What a job's result can claim"); this is
 * still the runner's shape, read by the one mapper (workers/runtime/python-result.ts)
 * as a supervisor's answer; this takes only known fields, caps the streams again
 * and never takes outputs from the line: the caller lists them.
 */
import { parseRunnerError } from '../workers/runtime/python-result';
import type { JobResult, OutputEntry } from './job-types';

type Json = Record<string, unknown>;

/** Each of stdout and stderr, in UTF-8 bytes: bwrap.py's --max-stream-bytes, applied again here. */
export const JOB_STREAM_BYTES = 1_000_000;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string => (typeof value === 'string' ? value : '');

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
  const stdout = capped(text(raw.stdout));
  const stderr = capped(text(raw.stderr));
  const common = {
    stdout: stdout.text,
    stderr: stderr.text,
    streamsTruncated: raw.streams_truncated === true || stdout.cut || stderr.cut,
    durationMs: typeof raw.duration_ms === 'number' ? raw.duration_ms : 0,
    ...(Array.isArray(raw.removed_outputs) && raw.removed_outputs.length > 0 ? { removedOutputs: raw.removed_outputs.map(String) } : {}),
  };
  if (raw.ok) return { ok: true, outputs, ...common };
  return { ok: false, error: parseRunnerError(raw.error, 'supervisor'), ...common };
}

function capped(value: string): { text: string; cut: boolean } {
  const bytes = Buffer.from(value, 'utf8');
  if (bytes.length <= JOB_STREAM_BYTES) return { text: value, cut: false };
  // A character cut in half at the end is dropped, not shown as U+FFFD.
  return { text: bytes.subarray(0, JOB_STREAM_BYTES).toString('utf8').replace(/\uFFFD$/, ''), cut: true };
}
