/**
 * Fault: the model endpoint drops the connection while it streams the code
 * (after the plan was approved). The provider-level behaviour is covered in
 * tests/mock-models/providers.test.ts; this covers what the agent does with it:
 * a clear failure naming the broken connection and what to do, the half-written
 * code never reaches the sandbox, nothing is written, and the answer is not
 * replayed silently. Real SDKs against the local mock servers (no real model is
 * reachable here), real Pyodide in the Node sandbox.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InputFile, RunRequest } from '../../workers/api';
import type { SandboxClient } from '../../src/sandbox/sandbox-client';
import { startedNodeSandbox } from '../helpers/node-sandbox';
import { createModel } from '../../src/models';
import type { ProviderId } from '../../src/models/types';
import { runRequest, type AgentEvent, type SandboxPort } from '../../src/agent/run-request';
import { startMockGemini } from '../mock-models/mock-gemini';
import { startMockOpenAI } from '../mock-models/mock-openai';
import type { MockScenario } from '../mock-models/scenario';
import { makeFixtures } from '../helpers/python';

const PLAN = {
  kind: 'plan',
  steps: ['Copy the Basesheet rows'],
  engine: 'openpyxl',
  engineReason: 'keeps the workbook as it is',
  risk: 'low',
  dropsRows: false,
  summary: 'A copy of the rows',
  inputs: [{ file: 'north.xlsx', tables: ['Basesheet'] }],
  outputs: [{ file: 'copy.xlsx', sheets: [{ name: 'Copy', columns: ['Product'], rows: 'any' }] }],
};

/** The code answer, cut after its first chunk: the client has seen half a script. */
const SCENARIO: MockScenario = {
  apiKey: 'test-key',
  steps: [
    { json: PLAN },
    {
      chunks: ['Here is the script:\n```python\nimport openpyxl\nwb = openpyxl.Workbook()\nwb.save("/output/copy.xlsx")\n', 'print("done")\n```\n'],
      dropAfterChunks: 1,
    },
    { text: 'A silent replay would be a bug.', repeat: true },
  ],
};

let sandbox: SandboxClient;
let book: Buffer;

beforeAll(async () => {
  book = readFileSync(join(makeFixtures(), 'stack', 'north.xlsx'));
  sandbox = await startedNodeSandbox();
});

afterAll(() => sandbox?.dispose());

describe.each(['gemini', 'openai'] as ProviderId[])('the %s stream drops while the code is written', (provider) => {
  it('fails clearly, runs nothing, writes nothing, and does not replay the answer', async () => {
    const server = provider === 'gemini' ? await startMockGemini(SCENARIO) : await startMockOpenAI(SCENARIO);
    try {
      const model = createModel({
        provider,
        model: provider === 'gemini' ? 'gemini-2.5-flash' : 'gpt-4.1-mini',
        apiKey: 'test-key',
        baseUrl: provider === 'gemini' ? server.url : `${server.url}/v1`,
        timeoutMs: 30_000,
        retryPolicy: { baseDelayMs: 10, maxDelayMs: 50 },
      });
      const ran: RunRequest[] = [];
      const port: SandboxPort = {
        start: () => sandbox.start(),
        precheck: (c) => sandbox.precheck(c),
        profile: (inputs, o) => sandbox.profile(inputs, o),
        run: (r, o) => {
          ran.push(r);
          return sandbox.run(r, o);
        },
      };
      const events: AgentEvent[] = [];
      const inputs = async (): Promise<InputFile[]> => [{ name: 'north.xlsx', bytes: Uint8Array.from(book).buffer }];
      const outcome = await runRequest('Copy the Basesheet rows into a new workbook', {
        model,
        sandbox: port,
        readInputs: inputs,
        approve: async () => ({ action: 'approve' }),
        onEvent: (e) => events.push(e),
      });

      expect(outcome.status).toBe('failed');
      if (outcome.status !== 'failed') return;
      expect(outcome.stage).toBe('writing-code');
      expect(outcome.message).toMatch(/broke in the middle of the answer/);
      // The user was shown the half that arrived, but it never became code that ran.
      expect(events.some((e) => e.type === 'model-text' && e.text.includes('import openpyxl'))).toBe(true);
      expect(events.some((e) => e.type === 'code')).toBe(false);
      expect(ran).toEqual([]);
      expect('result' in outcome).toBe(false);
      // Plan, then the dropped stream: no third request replaying the answer behind the user's back.
      expect(server.requests).toHaveLength(2);
    } finally {
      await server.close();
    }
  }, 120_000);
});
