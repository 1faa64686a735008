/**
 * The pipeline's decisions with a scripted model and a scripted sandbox (fast, no
 * Pyodide): questions, approval, cancellation at each step, plan repair. The same
 * pipeline with the real sandbox and real SDKs runs in tests/agent/scenarios.test.ts.
 */
import { describe, expect, it } from 'vitest';
import type { FileProfile, RunRequest, RunResult } from '../../workers/api';
import { FakeModel } from '../models/test/fake-model';
import type { Plan } from './plan';
import { runRequest, type AgentEvent, type SandboxPort } from './run-request';

const INPUT: FileProfile = {
  name: 'a.xlsx',
  size: 10,
  format: 'xlsx',
  warnings: [],
  sheets: [{ name: 'Data', state: 'visible', dimensions: 'A1:B4', rowCount: 4, columnCount: 2, headerRow: 1, columns: [], sampleRows: [], tables: [], mergedCells: [], formulaCount: 0, scannedRows: 3, duplicateRows: 0 }],
};
const OUTPUT: FileProfile = { ...INPUT, name: 'out.xlsx', sheets: [{ ...INPUT.sheets[0]!, name: 'Out', columns: [{ name: 'A', index: 0, letter: 'A', type: 'text', nonEmpty: 3, missing: 0 }] }] };

const PLAN: Plan = {
  kind: 'plan',
  summary: 'copy',
  steps: ['copy'],
  inputs: [{ file: 'a.xlsx' }],
  outputs: [{ file: 'out.xlsx', sheets: [{ name: 'Out', columns: ['A'], rows: 'all-input-rows' }] }],
  dropsRows: false,
  engine: 'openpyxl',
  engineReason: 'simple',
  risk: 'low',
};

function fakeSandbox(run: (r: RunRequest) => Promise<RunResult> | RunResult = () => ok()): SandboxPort & { runs: number } {
  const port = {
    runs: 0,
    start: async () => ({ ok: true as const, info: { pythonVersion: '3.14', runtime: 'fake', packages: { openpyxl: '3.0.9' }, startMs: 0 } }),
    precheck: async () => ({ ok: true as const }),
    profile: async (inputs: { name: string }[]) => ({ ok: true as const, files: inputs.map((i) => (i.name === 'a.xlsx' ? INPUT : OUTPUT)), durationMs: 1 }),
    run: async (r: RunRequest) => {
      port.runs += 1;
      return run(r);
    },
  };
  return port;
}

function ok(): RunResult {
  return { ok: true, outputs: [{ name: 'out.xlsx', bytes: new ArrayBuffer(4) }], stdout: 'done', stderr: '', streamsTruncated: false, durationMs: 1 };
}

const inputs = async () => [{ name: 'a.xlsx', bytes: new ArrayBuffer(4) }];
const approve = async () => ({ action: 'approve' as const });
const CODE = '```python\nprint(1)\n```';

describe('runRequest', () => {
  it('asks one clarifying question instead of guessing, and writes no code', async () => {
    const model = new FakeModel([{ json: { ...PLAN, kind: 'question', question: 'Which sheet: Data or Archive?' } }]);
    const outcome = await runRequest('Sum the sales', { model, sandbox: fakeSandbox(), readInputs: inputs, approve });
    expect(outcome).toEqual({ status: 'question', question: 'Which sheet: Data or Archive?' });
    expect(model.calls).toHaveLength(1);
  });

  it('stops when the user cancels the plan, before any code is written', async () => {
    const model = new FakeModel([{ json: PLAN }]);
    const sandbox = fakeSandbox();
    const outcome = await runRequest('copy', { model, sandbox, readInputs: inputs, approve: async () => ({ action: 'cancel' }) });
    expect(outcome).toEqual({ status: 'cancelled', stage: 'awaiting-approval' });
    expect(sandbox.runs).toBe(0);
  });

  it('uses the plan as the user edited it', async () => {
    const model = new FakeModel([{ json: PLAN }, CODE]);
    const edited = { ...PLAN, summary: 'edited by the user' };
    const outcome = await runRequest('copy', { model, sandbox: fakeSandbox(), readInputs: inputs, approve: async () => ({ action: 'approve', plan: edited }) });
    expect(outcome.status).toBe('done');
    expect(model.calls[1]?.messages.at(-1)?.content).toContain('edited by the user');
  });

  it('never shows a plan naming a file that was not added: the model gets the exact problem back', async () => {
    const wrong = { ...PLAN, inputs: ['Q1.xlsx', 'Q2.xlsx', 'Q3.xlsx'].map((file) => ({ file })) };
    const model = new FakeModel([{ json: wrong }, { json: PLAN }, CODE]);
    const shown: Plan[] = [];
    const outcome = await runRequest('Stack Q1 to Q3', { model, sandbox: fakeSandbox(), readInputs: inputs, approve, onEvent: (e) => e.type === 'plan' && shown.push(e.plan) });
    expect(outcome.status).toBe('done');
    expect(shown).toEqual([PLAN]);
    expect(model.calls[1]?.messages.at(-1)?.content).toContain('The plan uses the file "Q1.xlsx", which is not among the user\'s files (the files added are "a.xlsx")');
  });

  it('asks the user instead when the model keeps naming what is not there, and runs nothing', async () => {
    const wrong = { ...PLAN, inputs: [{ file: 'Q1.xlsx' }] };
    const model = new FakeModel([{ json: wrong }, { json: wrong }, { json: wrong }]);
    const sandbox = fakeSandbox();
    const outcome = await runRequest('Stack Q1 to Q3', { model, sandbox, readInputs: inputs, approve });
    expect(outcome.status).toBe('question');
    if (outcome.status === 'question') expect(outcome.question).toMatch(/Q1\.xlsx.*The files you added: "a\.xlsx"/);
    expect(model.calls).toHaveLength(3);
    expect(sandbox.runs).toBe(0);
  });

  it('repairs a plan that does not match the schema once, with the reason', async () => {
    const model = new FakeModel([{ json: { kind: 'plan' } }, { json: PLAN }, CODE]);
    const outcome = await runRequest('copy', { model, sandbox: fakeSandbox(), readInputs: inputs, approve });
    expect(outcome.status).toBe('done');
    expect(model.prompts[1]).toMatch(/does not match the schema/);
  });

  it('can be cancelled while the model is planning', async () => {
    const controller = new AbortController();
    const model = new FakeModel(async () => {
      controller.abort();
      return { json: PLAN };
    });
    const outcome = await runRequest('copy', { model, sandbox: fakeSandbox(), readInputs: inputs, approve, signal: controller.signal });
    expect(outcome).toEqual({ status: 'cancelled', stage: 'planning' });
  });

  it('reports every stage, retries with the try number, and streams the model text', async () => {
    const events: AgentEvent[] = [];
    let calls = 0;
    const sandbox = fakeSandbox(() => (++calls === 1 ? { ok: false, error: { kind: 'python', message: 'KeyError' }, stdout: '', stderr: '', streamsTruncated: false, durationMs: 1 } : ok()));
    const model = new FakeModel([{ json: PLAN }, { chunks: ['```python\n', 'print(1)\n```'] }, CODE]);
    const outcome = await runRequest('copy', { model, sandbox, readInputs: inputs, approve, onEvent: (e) => events.push(e) });
    expect(outcome.status).toBe('done');
    const stages = events.filter((e) => e.type === 'stage').map((e) => (e.type === 'stage' ? `${e.stage}${e.attempt ? `#${e.attempt}` : ''}` : ''));
    expect(stages).toEqual([
      'starting-python', 'profiling', 'planning', 'awaiting-approval',
      'writing-code#1', 'checking#1', 'running#1',
      'writing-code#2', 'checking#2', 'running#2', 'verifying#2',
    ]);
    expect(events.filter((e) => e.type === 'model-text').map((e) => (e.type === 'model-text' ? e.text : ''))).toContain('print(1)\n```');
  });

  it('says what happened when the sandbox itself fails, without retrying', async () => {
    const sandbox = fakeSandbox(() => ({ ok: false, error: { kind: 'internal', message: 'The sandbox crashed' }, stdout: '', stderr: '', streamsTruncated: false, durationMs: 1 }));
    const outcome = await runRequest('copy', { model: new FakeModel([{ json: PLAN }, CODE]), sandbox, readInputs: inputs, approve });
    expect(outcome).toMatchObject({ status: 'failed', stage: 'running', message: 'The sandbox crashed' });
    expect(sandbox.runs).toBe(1);
  });

  it('stops with the download problem when a package the code imports cannot be loaded, without asking the model again', async () => {
    const message = 'pandas could not be downloaded from http://127.0.0.1:9/ (404). Check the package source in Settings.';
    const sandbox = fakeSandbox(() => ({ ok: false, error: { kind: 'package', message }, stdout: '', stderr: '', streamsTruncated: false, durationMs: 1 }));
    const model = new FakeModel([{ json: PLAN }, CODE]);
    const outcome = await runRequest('copy', { model, sandbox, readInputs: inputs, approve });
    expect(outcome).toMatchObject({ status: 'failed', stage: 'running', message });
    expect(model.calls).toHaveLength(2);
  });
});
