/**
 * `excel-ai ask` as a conversation, as a user runs it: in a real terminal (a pseudo-
 * terminal: approve, then type the next request) and from a script (--conversation
 * FILE, one run per turn), against the local mock servers of both APIs. Each turn's
 * file is checked row by row; the follow-ups' prompts carry the earlier result's
 * profile; --audit FILE holds the events as JSON Lines, in order, without the key.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockGemini } from '../mock-models/mock-gemini';
import { startMockOpenAI } from '../mock-models/mock-openai';
import type { MockServer } from '../mock-models/scenario';
import { CONVERSATION_REQUESTS, CONVERSATION_STEPS } from '../mock-models/stack-steps';
import { NATIVE_PYTHON, ROOT, makeFixtures, readWorkbook } from '../helpers/python';

const run = promisify(execFile);
const KEY = 'sk-cli-conversation-key-5678';
let fixtures: string;
const servers: MockServer[] = [];

beforeAll(() => {
  fixtures = makeFixtures();
});
afterAll(async () => Promise.all(servers.map((s) => s.close())));

async function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [join(ROOT, 'bin', 'excel-ai.mjs'), ...args], { cwd: ROOT, env: { ...process.env, ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

const inputs = (): string[] => ['north.xlsx', 'south.xlsx', 'west.xlsx'].flatMap((n) => ['--input', join(fixtures, 'stack', n)]);
type Row = Record<string, unknown>;
const key = (r: Row): string => [r.SourceFile, r.Region, String(r.Date).slice(0, 10), r.Product, r.Sales, r.Units, r.Channel ?? null].join('|');

function rowsOf(path: string): Row[] {
  const [header, ...rows] = readWorkbook(path).Stacked!.rows;
  return rows.map((row) => Object.fromEntries(header!.map((h, i) => [String(h), row[i] ?? null])));
}

/** Turn by turn, what the result must hold: every expected row; the same sorted by Sales; a running Total. */
function checkTurn(turn: number, rows: Row[]): void {
  const expected = (JSON.parse(readFileSync(join(fixtures, 'stack', 'expected.json'), 'utf8')) as Row[]).filter((r) => Number(r.Sales) > 1000);
  expect(rows.map(key).sort()).toEqual(expected.map(key).sort());
  if (turn === 1) return;
  const sales = rows.map((r) => Number(r.Sales));
  expect(sales).toEqual([...sales].sort((a, b) => b - a));
  if (turn === 2) return;
  let running = 0;
  for (const row of rows) {
    running = Math.round((running + Number(row.Sales)) * 100) / 100;
    expect(row.Total).toBeCloseTo(running, 2);
  }
}

function checkPrompts(server: MockServer, expectedRows: number): void {
  const plans = server.requests.map((r) => JSON.stringify(r.body)).filter((text) => text.includes('You plan spreadsheet work'));
  expect(plans).toHaveLength(3);
  expect(plans[0]).not.toContain('Earlier in this conversation');
  for (const prompt of plans.slice(1)) {
    expect(prompt).toContain('Earlier in this conversation');
    expect(prompt).toMatch(new RegExp(`result\\.xlsx.{0,400}Stacked.{0,400}${expectedRows} `));
  }
}

function checkAudit(path: string): void {
  const text = readFileSync(path, 'utf8');
  expect(text).not.toContain(KEY);
  const events = text.trim().split('\n').map((line) => JSON.parse(line) as { at: string; action: string; details: Record<string, unknown> });
  const turn = ['request', 'plan-shown', 'plan-approved'];
  expect(events.map((e) => e.action)).toEqual([...turn, 'try', 'result-produced', ...turn, 'try', 'try', 'result-produced', ...turn, 'try', 'result-produced']);
  const times = events.map((e) => Date.parse(e.at));
  expect(times).toEqual([...times].sort((a, b) => a - b));
  const failed = events.find((e) => e.action === 'try' && e.details.outcome === 'failed')!;
  expect(failed.details).toMatchObject({ attempt: 1, stage: 'run', kind: 'python' });
  expect(failed.details.codeSha256).toBe(createHash('sha256').update(String(failed.details.code)).digest('hex'));
}

const expectedCount = (): number => (JSON.parse(readFileSync(join(fixtures, 'stack', 'expected.json'), 'utf8')) as Row[]).filter((r) => Number(r.Sales) > 1000).length;

describe('excel-ai ask, a conversation', () => {
  it('goes on from a saved conversation, one run per turn (--conversation FILE --yes), through an OpenAI-compatible server', async () => {
    const server = await startMockOpenAI({ apiKey: KEY, steps: CONVERSATION_STEPS });
    servers.push(server);
    const dir = mkdtempSync(join(tmpdir(), 'excel-ai-conv-'));
    const conversation = join(dir, 'sales.conversation.json');
    const audit = join(dir, 'audit.jsonl');
    for (const [i, request] of CONVERSATION_REQUESTS.entries()) {
      const out = join(dir, `out-${i + 1}`);
      // The first run names the files; later runs take them from the conversation.
      const result = await cli(['ask', request, ...(i === 0 ? inputs() : []), '--out', out, '--provider', 'openai', '--base-url', `${server.url}/v1`, '--api-key', KEY, '--yes', '--conversation', conversation, '--audit', audit]);
      expect(result.code, result.stderr).toBe(0);
      checkTurn(i + 1, rowsOf(join(out, 'result.xlsx')));
    }
    checkPrompts(server, expectedCount());
    checkAudit(audit);
    const saved = JSON.parse(readFileSync(conversation, 'utf8')) as { turns: { request: string; results: string[] }[] };
    expect(saved.turns.map((t) => t.request)).toEqual([...CONVERSATION_REQUESTS]);
    expect(existsSync(`${conversation}.files`)).toBe(true);
  });

  it('asks for the next request in a terminal and builds on the result, through Gemini', async () => {
    const server = await startMockGemini({ apiKey: KEY, steps: CONVERSATION_STEPS });
    servers.push(server);
    const dir = mkdtempSync(join(tmpdir(), 'excel-ai-tty-'));
    const audit = join(dir, 'audit.jsonl');
    const answers = [
      { expect: 'Run this plan\\? \\[y/N\\]', send: 'y' },
      { expect: 'Next request \\(press Enter to finish\\)', send: CONVERSATION_REQUESTS[1] },
      { expect: 'Run this plan\\? \\[y/N\\]', send: 'y' },
      { expect: 'Next request \\(press Enter to finish\\)', send: CONVERSATION_REQUESTS[2] },
      { expect: 'Run this plan\\? \\[y/N\\]', send: 'y' },
      { expect: 'Next request \\(press Enter to finish\\)', send: '' },
    ];
    const script = join(dir, 'answers.json');
    writeFileSync(script, JSON.stringify(answers));
    const command = [process.execPath, join(ROOT, 'bin', 'excel-ai.mjs'), 'ask', CONVERSATION_REQUESTS[0], ...inputs(), '--out', join(dir, 'out'), '--provider', 'gemini', '--base-url', server.url, '--audit', audit];
    const session = await run(NATIVE_PYTHON, [join(ROOT, 'tests', 'helpers', 'pty_session.py'), script, '--', ...command], { cwd: ROOT, env: { ...process.env, GEMINI_API_KEY: KEY }, maxBuffer: 16 * 1024 * 1024 }).catch((error: { stdout?: string; code?: number }) => {
      throw new Error(`the terminal session failed (${error.code}):\n${error.stdout}`);
    });
    expect(session.stdout.match(/Plan: /g)?.length).toBeGreaterThanOrEqual(3);
    checkTurn(3, rowsOf(join(dir, 'out', 'result.xlsx')));
    checkPrompts(server, expectedCount());
    checkAudit(audit);
  });
});
