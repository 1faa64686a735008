/**
 * The legitimate-script corpus (issue 14) on Pyodide: the real Node sandbox (a
 * locked-down child process, the same runtime as the browser worker) runs every
 * script that needs only the standard library and openpyxl, back to back, on the
 * same generated inputs as plain CPython, and each must give the same stdout and
 * output files. Plain CPython, the inputs and the comparison are
 * tests/corpus/legit/harness.py's, so both runtimes are judged by the same code.
 * Scripts that need pandas or numpy (not loadable on Pyodide here) are counted as
 * "not applicable on Pyodide" in the summary line, never passed.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InputFile, RunResult } from '../../workers/api';
import type { SandboxClient } from '../../src/sandbox/sandbox-client';
import { startedNodeSandbox } from '../helpers/node-sandbox';
import { NATIVE_PYTHON, ROOT } from '../helpers/python';

interface ListedScript {
  name: string;
  code: string;
  onPyodide: boolean;
  needs: string[];
  /** The pre-check rule that refuses this script on purpose (harness.py KEPT_REFUSALS). */
  keptRefusal: string | null;
}
interface Outcome {
  status: 'same' | 'refused' | 'broken' | 'corpus-bug';
  cause: string;
  detail: string;
  failingLine: string;
}
interface Comparison {
  summary: string;
  notApplicable: string[];
  markdown: string;
  outcomes: Record<string, Outcome>;
}

const HARNESS = join(ROOT, 'tests', 'corpus', 'legit', 'harness.py');
const REPORT = join(ROOT, 'tests', 'artifacts', 'legit-corpus', 'pyodide.md');
const SCRIPT_NAMES = readdirSync(join(ROOT, 'tests', 'corpus', 'legit', 'scripts'))
  .filter((file) => file.endsWith('.py'))
  .map((file) => file.slice(0, -3))
  .sort();

let work = '';
let sandbox: SandboxClient | undefined;
let listed: ListedScript[] = [];
let comparison: Comparison | undefined;

function harness(...args: string[]): string {
  return execFileSync(NATIVE_PYTHON, [HARNESS, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

function inputs(): InputFile[] {
  const folder = join(work, 'input');
  return readdirSync(folder).map((name) => {
    const bytes = readFileSync(join(folder, name));
    return { name, bytes: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer };
  });
}

function saveResult(name: string, result: RunResult): void {
  const folder = join(work, 'pyodide', name);
  mkdirSync(join(folder, 'out'), { recursive: true });
  if (result.ok) {
    for (const output of result.outputs) {
      const path = join(folder, 'out', output.name);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, new Uint8Array(output.bytes));
    }
  }
  const error = result.ok ? null : result.error;
  writeFileSync(join(folder, 'result.json'), JSON.stringify({ ok: result.ok, stdout: result.stdout, error }));
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'legit-pyodide-'));
  harness('--pyodide-prepare', work);
  listed = JSON.parse(readFileSync(join(work, 'scripts.json'), 'utf8')) as ListedScript[];
  sandbox = await startedNodeSandbox();
  const files = inputs();
  for (const script of listed.filter((s) => s.onPyodide)) {
    // Fresh copies: the sandbox may transfer the buffers it is given.
    const result = await sandbox.run({ code: script.code, inputs: files.map((f) => ({ name: f.name, bytes: f.bytes.slice(0) })) });
    saveResult(script.name, result);
  }
  comparison = JSON.parse(harness('--pyodide-compare', work)) as Comparison;
  mkdirSync(dirname(REPORT), { recursive: true });
  writeFileSync(REPORT, comparison.markdown);
  if (process.env.LEGIT_FAILURES_REPORT_PYODIDE) writeFileSync(process.env.LEGIT_FAILURES_REPORT_PYODIDE, comparison.markdown);
  console.log(comparison.summary);
}, 30 * 60_000);

afterAll(() => {
  sandbox?.dispose();
});

describe('legitimate corpus on Pyodide (Node sandbox)', () => {
  it('lists every script and says which ones cannot run on Pyodide here', () => {
    expect(listed.map((s) => s.name).sort()).toEqual(SCRIPT_NAMES);
    const applicable = listed.filter((s) => s.onPyodide).length;
    // The Pyodide part must prove something: a corpus of only pandas scripts would pass vacuously.
    expect(applicable, 'scripts that need only the standard library and openpyxl').toBeGreaterThanOrEqual(40);
    expect(comparison?.notApplicable.length).toBe(listed.length - applicable);
  });

  it.each(SCRIPT_NAMES)('%s gives the same result as plain CPython (or needs pandas/numpy)', (name) => {
    const script = listed.find((s) => s.name === name);
    expect(script, `${name} is not in the harness's listing`).toBeDefined();
    if (!script?.onPyodide) {
      // Counted in the summary line as not applicable; nothing to compare on this runtime.
      expect(comparison?.notApplicable).toContain(name);
      return;
    }
    const outcome = comparison?.outcomes[name];
    expect(outcome, `${name} has no Pyodide outcome`).toBeDefined();
    expect(outcome?.status, `${name} fails in plain CPython: fix the corpus script (${outcome?.detail})`).not.toBe('corpus-bug');
    if (script.keptRefusal) {
      expect(outcome?.status, `${name} is kept refused by ${script.keptRefusal}`).toBe('refused');
      expect(outcome?.cause ?? '').toContain(script.keptRefusal);
      return;
    }
    expect(outcome?.status, `${name} is ${outcome?.status} on Pyodide (${outcome?.cause}): ${outcome?.detail}\nfailing line: ${outcome?.failingLine}`).toBe('same');
  });
});
