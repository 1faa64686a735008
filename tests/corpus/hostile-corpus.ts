/**
 * Reads the hostile-code corpus (tests/corpus/hostile/*.py) for the Pyodide
 * harnesses; the same format as hostile_cases.py reads for CPython. See
 * hostile/README.md.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunResult } from '../../workers/api';

export const CORPUS_DIR = join(import.meta.dirname, 'hostile');

export interface Outcome {
  kind: string;
  rule?: string;
}

export interface HostileCase {
  name: string;
  attack: string;
  expect: Outcome[];
  /** undefined: any outcome, as long as the invariants hold. */
  unguarded: Outcome[] | undefined;
  /** Outcomes on Pyodide where they honestly differ from CPython's (`# pyodide-expect:`, `# pyodide-unguarded:`). */
  pyodideExpect?: Outcome[];
  pyodideUnguarded?: Outcome[] | undefined;
  timeoutS: number;
  runs: number;
  checks: Set<string>;
  raw: Buffer;
}

function parseOutcomes(text: string, allowPrecheck: boolean): Outcome[] {
  return text.split('|').map((part) => {
    const [prefix = '', value = ''] = part.trim().split(':', 2);
    if (allowPrecheck && prefix === 'precheck') return { kind: 'precheck', rule: value };
    if (prefix === 'contained') return { kind: value };
    if (!allowPrecheck && !value) return { kind: prefix };
    throw new Error(`bad outcome '${part}'`);
  });
}

export function loadCorpus(): HostileCase[] {
  return readdirSync(CORPUS_DIR)
    .filter((f) => /^\d{3}-[a-z0-9-]+\.py$/.test(f))
    .sort()
    .map((file) => {
      const raw = readFileSync(join(CORPUS_DIR, file));
      const header: Record<string, string> = {};
      for (const line of raw.toString('latin1').split('\n')) {
        const m = /^#\s*([a-z-]+):\s*(.*?)\s*$/.exec(line);
        if (!m) break;
        header[m[1]!] = m[2]!;
      }
      for (const key of ['attack', 'expect', 'unguarded']) if (!(key in header)) throw new Error(`${file}: missing '# ${key}:'`);
      return {
        name: file.replace(/\.py$/, ''),
        attack: header.attack!,
        expect: parseOutcomes(header.expect!, true),
        unguarded: header.unguarded === 'any' ? undefined : parseOutcomes(header.unguarded!, false),
        ...(header['pyodide-expect'] ? { pyodideExpect: parseOutcomes(header['pyodide-expect'], true) } : {}),
        ...(header['pyodide-unguarded']
          ? { pyodideUnguarded: header['pyodide-unguarded'] === 'any' ? undefined : parseOutcomes(header['pyodide-unguarded'], false) }
          : {}),
        timeoutS: Number(header.timeout ?? 10),
        runs: Number(header.runs ?? 1),
        checks: new Set((header.check ?? '').split(',').map((c) => c.trim()).filter(Boolean)),
        raw,
      };
    });
}

/**
 * The case's source with the canary placeholders filled in. The sandbox API takes
 * text, so bytes are decoded as UTF-8 the way the pane would decode a model's answer
 * (invalid bytes become U+FFFD).
 */
export function caseSource(c: HostileCase, canaryPort: number): string {
  return new TextDecoder('utf-8')
    .decode(c.raw)
    .replaceAll('CANARY_URL', `http://127.0.0.1:${canaryPort}/leak`)
    .replaceAll('CANARY_HOST', '127.0.0.1')
    .replaceAll('CANARY_PORT', String(canaryPort));
}

/** Packages the case imports (top-level names), for runtimes that lack some of them. */
export function importedPackages(c: HostileCase): string[] {
  const source = c.raw.toString('utf8');
  return ['pandas', 'numpy', 'python_calamine'].filter((p) => new RegExp(`^\\s*(import|from)\\s+${p}\\b`, 'm').test(source));
}

/**
 * What a Pyodide runtime should answer for a case, in one mode. Pyodide here has no
 * pandas/numpy yet (they come on demand, issue 7): a case that needs them keeps its
 * pre-check outcome, and otherwise ends at the import with ModuleNotFoundError
 * (`missing` lists them, so the harness can check the message).
 */
export function pyodideWantedOutcomes(
  c: HostileCase,
  guarded: boolean,
  runtimePackages: Record<string, string>,
): { outcomes: Outcome[] | undefined; missing: string[] } {
  const base = guarded ? (c.pyodideExpect ?? c.expect) : 'pyodideUnguarded' in c ? c.pyodideUnguarded : c.unguarded;
  const missing = importedPackages(c).filter((p) => !runtimePackages[p]);
  if (!missing.length || !base) return { outcomes: base, missing };
  return { outcomes: [...base.filter((o) => o.kind === 'precheck'), { kind: 'python' }], missing };
}

export function outcomeOf(result: RunResult): Outcome & { rules: string[] } {
  if (result.ok) return { kind: 'ok', rules: [] };
  return { kind: result.error.kind, rules: (result.error.violations ?? []).map((v) => v.rule) };
}

export function matches(expected: Outcome[] | undefined, result: RunResult): boolean {
  if (!expected) return true;
  const actual = outcomeOf(result);
  return expected.some((e) => e.kind === actual.kind && (e.kind !== 'precheck' || !e.rule || actual.rules.includes(e.rule)));
}

/**
 * A known-good job run between hostile cases: it must still give its exact result, so a
 * case that broke the sandbox for the next run (a leaked patch, a broken module) shows.
 * Its inputs: /input/book.xlsx (any workbook) and /input/data.csv (PROBE_CSV).
 */
export const PROBE_CODE = [
  'import openpyxl, csv',
  'wb = openpyxl.load_workbook("/input/book.xlsx")',
  'rows = list(csv.reader(open("/input/data.csv")))',
  'print(wb.sheetnames, len(rows), rows[1])',
  'out = openpyxl.Workbook()',
  'out.active.append(["probe", len(rows)])',
  'out.save("/output/probe.xlsx")',
].join('\n');
export const PROBE_CSV = 'Region,Sales\nNorth,1200\nSouth,800\n';
