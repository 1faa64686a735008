/**
 * A conversation of three turns through the Conversation module (the pane's and the
 * CLI's application layer), with the real SDKs against the local mock servers and the
 * real Pyodide sandbox: stack the Basesheet tables → sort that by Sales → add a running
 * Total. Each turn's file is checked row by row; the follow-ups' prompts carry the
 * earlier result's profile; the audit log says what happened, in order, failed try
 * included, and its export holds no secret.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Conversation, type ConversationFile } from '../../src/conversation/conversation';
import { createModel } from '../../src/models';
import type { ProviderId } from '../../src/models/types';
import { appendAudit, exportAudit, listAudit, setApiKey } from '../../src/store';
import type { SandboxClient } from '../../src/sandbox/sandbox-client';
import { makeFixtures, readWorkbook } from '../helpers/python';
import { startedNodeSandbox } from '../helpers/node-sandbox';
import { startMockGemini } from '../mock-models/mock-gemini';
import { startMockOpenAI } from '../mock-models/mock-openai';
import type { MockServer } from '../mock-models/scenario';
import { CONVERSATION_REQUESTS, CONVERSATION_STEPS } from '../mock-models/stack-steps';
import { freshStore } from '../store/fresh';

const KEY = 'sk-conversation-secret-1234';
let fixtures: string;
let sandbox: SandboxClient;
const servers: MockServer[] = [];

beforeAll(async () => {
  fixtures = makeFixtures();
  sandbox = await startedNodeSandbox();
});
afterAll(async () => {
  sandbox?.dispose();
  await Promise.all(servers.map((s) => s.close()));
});

function userFiles(): ConversationFile[] {
  return ['north.xlsx', 'south.xlsx', 'west.xlsx'].map((name) => {
    const bytes = readFileSync(join(fixtures, 'stack', name));
    return { name, size: bytes.byteLength, read: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer };
  });
}

type Row = Record<string, unknown>;
const expectedStack = (): Row[] => (JSON.parse(readFileSync(join(fixtures, 'stack', 'expected.json'), 'utf8')) as Row[]).filter((r) => Number(r.Sales) > 1000);
const key = (r: Row): string => [r.SourceFile, r.Region, String(r.Date).slice(0, 10), r.Product, r.Sales, r.Units, r.Channel ?? null].join('|');

function sheetRows(bytes: ArrayBuffer, path: string): Row[] {
  writeFileSync(path, new Uint8Array(bytes));
  const [header, ...rows] = readWorkbook(path).Stacked!.rows;
  return rows.map((row) => Object.fromEntries(header!.map((h, i) => [String(h), row[i] ?? null])));
}

describe.each(['gemini', 'openai'] as ProviderId[])('a three-turn conversation through %s', (provider) => {
  it('stacks, sorts that result, adds a running total: each turn reads the one before', async () => {
    const server = provider === 'gemini' ? await startMockGemini({ apiKey: KEY, steps: CONVERSATION_STEPS }) : await startMockOpenAI({ apiKey: KEY, steps: CONVERSATION_STEPS });
    servers.push(server);
    const { db } = await freshStore();
    await setApiKey(db, provider === 'gemini' ? 'gemini' : 'openai', KEY);
    const conversation = new Conversation({
      sandbox,
      settings: {
        makeModel: () => createModel({ provider, model: provider === 'gemini' ? 'gemini-2.5-flash' : 'gpt-4.1-mini', apiKey: KEY, baseUrl: provider === 'gemini' ? server.url : `${server.url}/v1`, retryPolicy: { baseDelayMs: 10, maxDelayMs: 50 } }),
        autoApprove: 'never',
      },
      audit: (action, details, at) => appendAudit(db, action, details, at),
    });
    // The user approves each plan as it is shown.
    conversation.subscribe((event) => {
      if (event.type === 'awaiting-approval') queueMicrotask(() => conversation.approve());
    });

    const results: Row[][] = [];
    for (const [i, request] of CONVERSATION_REQUESTS.entries()) {
      const turn = await conversation.ask(request, userFiles());
      if (turn?.outcome?.status !== 'done') throw new Error(`turn ${i + 1}: ${JSON.stringify(turn?.outcome)}`);
      expect(turn.risks).toEqual({ state: 'checked', byFile: { 'result.xlsx': [] } });
      results.push(sheetRows(turn.outcome.result.outputs[0]!.bytes, join(fixtures, `conversation-${provider}-${i + 1}.xlsx`)));
    }
    const [stacked, sorted, totalled] = results as [Row[], Row[], Row[]];

    // Turn 1: every expected row. Turn 2: the same rows, Sales descending. Turn 3: the running total.
    const expected = expectedStack();
    expect(stacked.map(key).sort()).toEqual(expected.map(key).sort());
    expect(sorted.map(key).sort()).toEqual(expected.map(key).sort());
    const sales = sorted.map((r) => Number(r.Sales));
    expect(sales).toEqual([...sales].sort((a, b) => b - a));
    expect(totalled.map(key)).toEqual(sorted.map(key));
    let running = 0;
    for (const row of totalled) {
      running = Math.round((running + Number(row.Sales)) * 100) / 100;
      expect(row.Total).toBeCloseTo(running, 2);
    }

    // The follow-ups were planned with the earlier result: its profile and the earlier turns.
    const planPrompts = server.requests.map((r) => JSON.stringify(r.body)).filter((text) => text.includes('You plan spreadsheet work'));
    expect(planPrompts).toHaveLength(3);
    expect(planPrompts[0]).not.toContain('Earlier in this conversation');
    for (const prompt of planPrompts.slice(1)) {
      expect(prompt).toContain('Earlier in this conversation');
      expect(prompt).toMatch(new RegExp(`result\\.xlsx.{0,400}Stacked.{0,400}${expected.length} `));
      expect(prompt).toContain('/input/result.xlsx');
    }
    expect(planPrompts[2]).toContain('Turn 2. Request: Now sort that by Sales');

    // The audit log: what happened, in order, each with its own increasing time.
    await conversation.auditFlushed();
    const log = await listAudit(db);
    const actions = log.map((e) => e.action).filter((a) => a !== 'settings-changed');
    const turn = ['request', 'plan-shown', 'plan-approved'];
    expect(actions).toEqual([...turn, 'try', 'result-produced', ...turn, 'try', 'try', 'result-produced', ...turn, 'try', 'result-produced']);
    const times = log.map((e) => e.at);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(new Set(times).size).toBe(times.length);
    const tries = log.filter((e) => e.action === 'try').map((e) => e.details);
    expect(tries.map((t) => t.outcome)).toEqual(['ok', 'failed', 'ok', 'ok']);
    const failed = tries[1]!;
    expect(failed).toMatchObject({ turn: 2, attempt: 1, stage: 'run', kind: 'python' });
    expect(String(failed.message)).toMatch(/Sheet1/);
    expect(failed.codeSha256).toBe(createHash('sha256').update(String(failed.code)).digest('hex'));
    expect(String(failed.code)).toContain('wb["Sheet1"]');
    const exported = await exportAudit(db, 'json');
    expect(exported).not.toContain(KEY);
    expect(exported).toContain('"action": "try"');
  });
});
