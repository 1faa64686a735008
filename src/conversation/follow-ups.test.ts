import { describe, expect, it } from 'vitest';
import type { FileProfile } from '../../workers/api';
import type { AgentOutcome } from '../agent/run-request';
import { earlierTurnsText } from '../agent/earlier-turns';
import { auditRecorder } from './audit-recorder';
import { followUpOf, knownProfiles, resultInputs } from './follow-ups';
import { newTurn, type Turn } from './turn';

const bytes = (text: string): ArrayBuffer => new TextEncoder().encode(text).buffer as ArrayBuffer;
const text = (buffer: ArrayBuffer): string => new TextDecoder().decode(buffer);

function done(id: number, request: string, outputs: Record<string, string>, outputProfiles: FileProfile[] = []): Turn {
  const outcome = {
    status: 'done',
    plan: { kind: 'plan', summary: `plan ${id}`, steps: [], inputs: [], outputs: [], dropsRows: false, engine: 'openpyxl', engineReason: '', risk: 'low' },
    code: `print(${id})\n`,
    result: { ok: true, outputs: Object.entries(outputs).map(([name, content]) => ({ name, bytes: bytes(content) })), stdout: '', stderr: '', streamsTruncated: false, durationMs: 1 },
    outputProfiles,
    verification: { ok: true, checks: [], problems: [] },
    attempts: [],
  } as unknown as AgentOutcome;
  return { ...newTurn(id, 'request', request, id), outcome, plan: (outcome as Extract<AgentOutcome, { status: 'done' }>).plan, folded: true };
}

describe('what a follow-up gets from the turns before it', () => {
  it('the latest result of each name, as inputs, and the earlier turns for the prompt', () => {
    const turns = [done(1, 'stack', { 'result.xlsx': 'one' }), done(2, 'sort that', { 'result.xlsx': 'two', 'sub/summary.csv': 'sum' })];
    const follow = followUpOf(turns, ['north.xlsx']);
    expect(resultInputs(follow).map((f) => [f.name, text(f.bytes)])).toEqual([
      ['result.xlsx', 'two'],
      ['summary.csv', 'sum'],
    ]);
    expect(follow.earlier.map((t) => t.results)).toEqual([['result.xlsx (replaced by a later result of the same name)'], ['result.xlsx', 'summary.csv']]);
    const prompt = earlierTurnsText(follow.earlier);
    expect(prompt).toContain('Turn 1. Request: stack\nPlan: plan 1\nCode:\nprint(1)');
    expect(prompt).toContain('Result: /input/result.xlsx, /input/summary.csv');
  });

  it("never hides one of the user's files behind a result of the same name", () => {
    const follow = followUpOf([done(3, 'clean', { 'north.xlsx': 'cleaned' })], ['north.xlsx']);
    expect(follow.results.map((r) => r.name)).toEqual(['turn-3-north.xlsx']);
  });

  it('hands on the profile each result got when it was checked, under the name it has as an input', () => {
    const profile = (name: string): FileProfile => ({ name, size: 1, format: 'xlsx', sheets: [], warnings: [] });
    const turns = [done(1, 'stack', { 'result.xlsx': 'one' }, [profile('result.xlsx')]), done(2, 'clean', { 'out/north.xlsx': 'cleaned' }, [profile('north.xlsx')])];
    const follow = followUpOf(turns, ['north.xlsx']);
    expect(knownProfiles([{ profile: profile('north.xlsx') }, {}], follow).map((p) => p.name)).toEqual(['north.xlsx', 'result.xlsx', 'turn-2-north.xlsx']);
  });

  it('keeps a question, so the next request can answer it; leaves out turns that produced nothing', () => {
    const question: Turn = { ...newTurn(1, 'request', 'stack them', 1), outcome: { status: 'question', question: 'Which sheet?' }, folded: true };
    const failed: Turn = { ...newTurn(2, 'request', 'oops', 2), outcome: { status: 'failed', stage: 'running', message: 'no', attempts: [] }, folded: true };
    const follow = followUpOf([question, failed], []);
    expect(follow.earlier).toEqual([{ request: 'stack them', question: 'Which sheet?', results: [] }]);
    expect(earlierTurnsText(follow.earlier)).toContain('The model asked the user: Which sheet?');
    expect(earlierTurnsText([])).toBe('');
  });
});

describe('the audit recorder', () => {
  it('writes entries in the order they happened, each with its own increasing time, even when details come later', async () => {
    const written: [string, number, unknown][] = [];
    let clock = 1000;
    const recorder = auditRecorder(
      async (action, details, at) => {
        await new Promise((resolve) => setTimeout(resolve, action === 'request' ? 20 : 0));
        written.push([action, at, details]);
      },
      () => clock,
    );
    recorder.record('request', { n: 1 });
    recorder.record('try', new Promise((resolve) => setTimeout(() => resolve({ n: 2 }), 10)));
    clock = 1500;
    recorder.record('result-produced', { n: 3 });
    await recorder.flushed();
    expect(written).toEqual([
      ['request', 1001, { n: 1 }],
      ['try', 1002, { n: 2 }],
      ['result-produced', 1500, { n: 3 }],
    ]);
  });

  it('reports a failed write and goes on with the next', async () => {
    const problems: unknown[] = [];
    const written: string[] = [];
    const recorder = auditRecorder(
      async (action) => {
        if (action === 'request') throw new Error('quota');
        written.push(action);
      },
      Date.now,
      (error) => problems.push(error),
    );
    recorder.record('request', {});
    recorder.record('try', {});
    await recorder.flushed();
    expect(written).toEqual(['try']);
    expect(String(problems[0])).toContain('quota');
  });
});
