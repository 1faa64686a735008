/**
 * Outcomes of the hostile corpus as the harnesses saw them, written as JSON to
 * tests/artifacts/hostile-outcomes/<runtime>.json so security-table.ts can render
 * SECURITY.md's table from real runs (never from the headers' expectations).
 * The CPython harness writes the same shape from Python (test_hostile_cpython.py).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunResult } from '../../../workers/api';

export const OUTCOMES_DIR = join(import.meta.dirname, '..', '..', 'artifacts', 'hostile-outcomes');

/** walls-off: walls 1-3 switched off (runner.py's test-only switch): any outcome, the invariants must hold. */
export type Mode = 'precheck' | 'no-precheck' | 'walls-off';

export interface RecordedOutcome {
  /** SandboxErrorKind, or "ok". */
  kind: string;
  /** Pre-check rules among the violations (kind "precheck" only). */
  rules: string[];
  /** Did it meet the case's documented outcome for this runtime? */
  matched: boolean;
}

export interface OutcomeFile {
  runtime: string;
  detail: string;
  generatedAt: string;
  /** case name → mode → outcome of every run of that case (usually one). */
  cases: Record<string, Partial<Record<Mode, RecordedOutcome[]>>>;
}

export class OutcomeRecorder {
  private readonly cases: OutcomeFile['cases'] = {};

  constructor(
    private readonly runtime: string,
    private readonly detail: string,
  ) {}

  record(caseName: string, mode: Mode, result: RunResult, matched: boolean): void {
    const entry = (this.cases[caseName] ??= {});
    const kind = result.ok ? 'ok' : result.error.kind;
    const rules = result.ok ? [] : [...new Set((result.error.violations ?? []).map((v) => v.rule))].sort();
    (entry[mode] ??= []).push({ kind, rules, matched });
  }

  /** Writes the file; an empty recorder (the suite did not run) writes nothing. */
  write(): string | undefined {
    if (!Object.keys(this.cases).length) return undefined;
    mkdirSync(OUTCOMES_DIR, { recursive: true });
    const file = join(OUTCOMES_DIR, `${this.runtime}.json`);
    const body: OutcomeFile = { runtime: this.runtime, detail: this.detail, generatedAt: new Date().toISOString(), cases: this.cases };
    writeFileSync(file, `${JSON.stringify(body, null, 1)}\n`);
    return file;
  }
}
