/**
 * The issue's scenarios, end to end: the real agent pipeline, the real SDKs
 * (@google/genai, openai) talking to local mock servers that speak each provider's
 * REST API (no real model is reachable here), and the real Pyodide sandbox.
 * The mock answers are scripted: the plan JSON, then the code, per scenario.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InputFile, RunRequest } from '../../workers/api';
import type { SandboxClient } from '../../src/sandbox/sandbox-client';
import { startedNodeSandbox } from '../helpers/node-sandbox';
import { createModel } from '../../src/models';
import type { ProviderId } from '../../src/models/types';
import type { Plan } from '../../src/agent/plan';
import { DATA_CLOSE, DATA_OPEN } from '../../src/agent/profile-summary';
import { runRequest, type AgentEvent, type AgentOutcome, type SandboxPort } from '../../src/agent/run-request';
import { startMockGemini } from '../mock-models/mock-gemini';
import { startMockOpenAI } from '../mock-models/mock-openai';
import type { MockScenario, MockServer, MockStep } from '../mock-models/scenario';
import { makeFixtures, readWorkbook } from '../helpers/python';

const ANSWERS = join(import.meta.dirname, 'answers');
const code = (name: string): MockStep => ({ text: `Here is the script:\n\`\`\`python\n${readFileSync(join(ANSWERS, `${name}.py`), 'utf8')}\`\`\`\n` });
const plan = (p: Partial<Plan>): MockStep => ({ json: { kind: 'plan', steps: ['Do it'], engine: 'openpyxl', engineReason: 'keeps the workbook as it is', risk: 'low', dropsRows: false, summary: 'The result', inputs: [], outputs: [], ...p } });

const stackPlanFor = (files: string[]): MockStep =>
  plan({
    summary: 'One sheet with every Basesheet row where Sales > 1000',
    inputs: files.map((file) => ({ file, tables: ['Basesheet'] })),
    outputs: [{ file: 'result.xlsx', sheets: [{ name: 'Stacked', columns: ['Region', 'Date', 'Product', 'Sales', 'Units', 'SourceFile'], rows: 'fewer-than-input' }] }],
    dropsRows: true,
  });
const STACK_PLAN = stackPlanFor(['north.xlsx', 'south.xlsx', 'west.xlsx']);
/** The same plan when only north.xlsx was added: a plan never names a file that is not there. */
const NORTH_PLAN = stackPlanFor(['north.xlsx']);

let fixtures: string;
let sandbox: SandboxClient;
let runs = 0;

/** The real sandbox, counting runs (so "nothing ran" can be checked). */
const countingSandbox = (): SandboxPort => ({
  start: () => sandbox.start(),
  precheck: (c: string) => sandbox.precheck(c),
  profile: (inputs: InputFile[], o?: { signal?: AbortSignal }) => sandbox.profile(inputs, o),
  run: (r: RunRequest, o?: { signal?: AbortSignal }) => {
    runs += 1;
    return sandbox.run(r, o);
  },
});

function files(...paths: string[]): () => Promise<InputFile[]> {
  return async () =>
    paths.map((p) => {
      const bytes = readFileSync(join(fixtures, p));
      return { name: p.split('/').pop() ?? p, bytes: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer };
    });
}

beforeAll(async () => {
  fixtures = makeFixtures();
  sandbox = await startedNodeSandbox();
});

afterAll(() => sandbox?.dispose());

describe.each(['gemini', 'openai'] as ProviderId[])('through %s', (provider) => {
  const servers: MockServer[] = [];
  afterAll(async () => Promise.all(servers.map((s) => s.close())));

  async function ask(
    request: string,
    inputs: () => Promise<InputFile[]>,
    scenario: Omit<MockScenario, 'apiKey'> & { apiKey?: string },
    options: { key?: string; baseUrl?: string; signal?: AbortSignal; onEvent?: (e: AgentEvent) => void; timeoutMs?: number } = {},
  ): Promise<{ outcome: AgentOutcome; server: MockServer; events: AgentEvent[] }> {
    const server = provider === 'gemini' ? await startMockGemini({ apiKey: 'test-key', ...scenario }) : await startMockOpenAI({ apiKey: 'test-key', ...scenario });
    servers.push(server);
    const model = createModel({
      provider,
      model: provider === 'gemini' ? 'gemini-2.5-flash' : 'gpt-4.1-mini',
      apiKey: options.key ?? 'test-key',
      baseUrl: options.baseUrl ?? (provider === 'gemini' ? server.url : `${server.url}/v1`),
      timeoutMs: options.timeoutMs ?? 30_000,
      retryPolicy: { baseDelayMs: 10, maxDelayMs: 50 },
    });
    const events: AgentEvent[] = [];
    runs = 0;
    const outcome = await runRequest(request, {
      model,
      sandbox: countingSandbox(),
      readInputs: inputs,
      approve: async () => ({ action: 'approve' }),
      onEvent: (e) => {
        events.push(e);
        options.onEvent?.(e);
      },
      signal: options.signal,
    });
    return { outcome, server, events };
  }

  /** What the model was sent, request by request, as plain text. */
  const sentTexts = (server: MockServer): string[] => server.requests.map((r) => JSON.stringify(r.body));

  it('stacks 3 workbooks (different column orders, an extra column, a header on row 3) and keeps Sales > 1000: every expected row', async () => {
    const { outcome } = await ask('Stack these 3 workbooks with Basesheet tables and keep only rows where Sales > 1000', files('stack/north.xlsx', 'stack/south.xlsx', 'stack/west.xlsx'), {
      steps: [STACK_PLAN, code('stack_filter')],
    });
    if (outcome.status !== 'done') throw new Error(JSON.stringify(outcome));
    const out = join(fixtures, `agent-stack-${provider}.xlsx`);
    writeFileSync(out, new Uint8Array(outcome.result.outputs[0]!.bytes));
    const [header, ...rows] = readWorkbook(out).Stacked!.rows;
    const expected = (JSON.parse(readFileSync(join(fixtures, 'stack', 'expected.json'), 'utf8')) as Record<string, unknown>[]).filter((r) => Number(r.Sales) > 1000);
    const key = (r: Record<string, unknown>) => [r.SourceFile, r.Region, String(r.Date).slice(0, 10), r.Product, r.Sales, r.Units, r.Channel ?? null].join('|');
    const got = rows.map((row) => Object.fromEntries(header!.map((h, i) => [String(h), row[i] ?? null])));
    expect(got.map(key).sort()).toEqual(expected.map(key).sort());
    expect(expected.length).toBeGreaterThan(10);
    expect(outcome.attempts).toHaveLength(1);
  });

  it('merges two workbooks on a key that differs in case and spaces (left join)', async () => {
    const { outcome } = await ask('Add the orders from right.xlsx to the customers in left.xlsx, matching on customer name', files('merge/left.xlsx', 'merge/right.xlsx'), {
      steps: [
        plan({
          inputs: [{ file: 'left.xlsx', sheets: ['Customers'] }, { file: 'right.xlsx', sheets: ['Orders'] }],
          outputs: [{ file: 'merged.xlsx', sheets: [{ name: 'Merged', columns: ['Customer', 'Segment', 'Country', 'Order', 'Amount'], rows: 'any' }] }],
        }),
        code('merge_left'),
      ],
    });
    if (outcome.status !== 'done') throw new Error(JSON.stringify(outcome));
    const out = join(fixtures, `agent-merge-${provider}.xlsx`);
    writeFileSync(out, new Uint8Array(outcome.result.outputs[0]!.bytes));
    const rows = readWorkbook(out).Merged!.rows.slice(1);
    const acme = rows.find((r) => r[0] === 'ACME Corp');
    expect(acme?.slice(3)).toEqual(['A-1', 1200]);
    expect(rows.find((r) => r[0] === 'Initech')?.[3]).toBe('A-3');
    expect(new Set(rows.map((r) => r[0])).size).toBe(5);
  });

  it('sends the error back when the first code names a missing column, and the second try succeeds', async () => {
    const { outcome, server, events } = await ask('Stack the Basesheet tables and keep Sales > 1000', files('stack/north.xlsx', 'stack/south.xlsx', 'stack/west.xlsx'), {
      steps: [STACK_PLAN, code('stack_filter_wrong_column'), code('stack_filter')],
    });
    expect(outcome.status).toBe('done');
    if (outcome.status !== 'done') return;
    expect(outcome.attempts).toHaveLength(2);
    expect(events.some((e) => e.type === 'stage' && e.stage === 'writing-code' && e.attempt === 2)).toBe(true);
    const correction = sentTexts(server)[2] ?? '';
    expect(correction).toMatch(/KeyError/);
    expect(correction).toMatch(/Revenue/);
  });

  it('rejects code that runs a shell command through os, tells the model why, and runs the clean retry', async () => {
    const { outcome, server } = await ask('Stack the Basesheet tables and keep Sales > 1000', files('stack/north.xlsx', 'stack/south.xlsx', 'stack/west.xlsx'), {
      steps: [STACK_PLAN, code('os_system'), code('stack_filter')],
    });
    expect(outcome.status).toBe('done');
    expect(sentTexts(server)[2]).toMatch(/os\.system.* is not available/);
    expect(runs).toBe(1);
  });

  it('gives up after 3 hostile answers with a clear failure, and nothing ran', async () => {
    const { outcome } = await ask('Stack the Basesheet tables', files('stack/north.xlsx'), {
      steps: [NORTH_PLAN, code('os_system'), code('js_fetch'), code('os_system')],
    });
    expect(outcome.status).toBe('failed');
    if (outcome.status !== 'failed') return;
    expect(outcome.message).toMatch(/could not produce working code in 3 tries/);
    expect(outcome.lastCode).toMatch(/os\.system/);
    expect(runs).toBe(0);
  });

  it('treats "ignore previous instructions" in a cell as data: it reaches the model only inside the data block, and no row is lost', async () => {
    const { outcome, server } = await ask('Copy the notes into a new workbook', files('injection/notes.xlsx'), {
      steps: [
        plan({ inputs: [{ file: 'notes.xlsx', sheets: ['Notes'] }], outputs: [{ file: 'notes_copy.xlsx', sheets: [{ name: 'Notes', columns: ['Date', 'Author', 'Note'], rows: 'all-input-rows' }] }] }),
        code('injection_notes'),
      ],
    });
    expect(outcome.status).toBe('done');
    for (const text of sentTexts(server)) {
      const at = text.indexOf('Ignore previous instructions');
      if (at < 0) continue;
      expect(text.lastIndexOf(DATA_OPEN, at)).toBeGreaterThan(-1);
      expect(text.indexOf(DATA_CLOSE, at)).toBeGreaterThan(at);
      expect(text.lastIndexOf(DATA_CLOSE, at)).toBeLessThan(text.lastIndexOf(DATA_OPEN, at));
    }
    if (outcome.status === 'done') expect(outcome.result.stdout).toMatch(/copied 3 notes/);
  });

  it('adds a Total column to Orders; other sheets, formats and formulas survive and the input is byte-identical', async () => {
    const source = join(fixtures, 'formatted', 'orders.xlsx');
    const before = createHash('sha256').update(readFileSync(source)).digest('hex');
    const { outcome } = await ask('Add a Total column to the Orders sheet', files('formatted/orders.xlsx'), {
      steps: [
        plan({
          inputs: [{ file: 'orders.xlsx', sheets: ['Orders'] }],
          outputs: [{ file: 'orders.xlsx', sheets: [{ name: 'Orders', columns: ['OrderID', 'Quantity', 'UnitPrice', 'Amount', 'Total'], rows: 'all-input-rows' }] }],
        }),
        code('add_total'),
      ],
    });
    if (outcome.status !== 'done') throw new Error(JSON.stringify(outcome));
    expect(createHash('sha256').update(readFileSync(source)).digest('hex')).toBe(before);
    const out = join(fixtures, `agent-total-${provider}.xlsx`);
    writeFileSync(out, new Uint8Array(outcome.result.outputs[0]!.bytes));
    const book = readWorkbook(out);
    expect(Object.keys(book)).toEqual(['Orders', 'Customers', 'Summary']);
    expect(book.Orders!.rows[0]).toEqual(['OrderID', 'OrderDate', 'CustomerID', 'Product', 'Quantity', 'UnitPrice', 'Amount', 'Total']);
    expect(book.Orders!.rows[1]?.[6]).toBe('=E2*F2');
    expect(book.Orders!.rows[1]?.[7]).toBe('=E2*F2');
    expect(book.Summary!.rows[2]).toEqual(['Total amount', '=SUM(Orders!G2:G31)']);
    expect(book.Customers!.rows).toEqual(readWorkbook(source).Customers!.rows);
  });

  it('waits out a rate limit and then succeeds', async () => {
    const { outcome, server } = await ask('Stack the Basesheet tables and keep Sales > 1000', files('stack/north.xlsx', 'stack/south.xlsx', 'stack/west.xlsx'), {
      steps: [{ status: 429, headers: { 'retry-after': '0' } }, STACK_PLAN, code('stack_filter')],
    });
    expect(outcome.status).toBe('done');
    expect(server.requests).toHaveLength(3);
  });

  it('says the key was refused when the API key is wrong', async () => {
    const { outcome } = await ask('Stack the tables', files('stack/north.xlsx'), { steps: [STACK_PLAN] }, { key: 'wrong-key' });
    expect(outcome.status).toBe('failed');
    if (outcome.status === 'failed') expect(outcome.message).toMatch(/key/i);
  });

  it('says the endpoint cannot be reached when nothing listens there', async () => {
    const { outcome } = await ask('Stack the tables', files('stack/north.xlsx'), { steps: [] }, { baseUrl: provider === 'gemini' ? 'http://127.0.0.1:9' : 'http://127.0.0.1:9/v1' });
    expect(outcome.status).toBe('failed');
    if (outcome.status === 'failed') expect(outcome.message).toMatch(/reach/i);
  });

  it('cancels mid-run: the sandbox stops and nothing is returned', async () => {
    const controller = new AbortController();
    const loop: MockStep = { text: '```python\nwhile True:\n    pass\n```' };
    const { outcome } = await ask('Stack the tables', files('stack/north.xlsx'), { steps: [NORTH_PLAN, loop] }, {
      signal: controller.signal,
      onEvent: (e) => {
        if (e.type === 'stage' && e.stage === 'running') setTimeout(() => controller.abort(), 300);
      },
    });
    expect(outcome).toEqual({ status: 'cancelled', stage: 'running' });
  });
});
