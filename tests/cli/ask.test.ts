/**
 * `excel-ai ask` as a user runs it, against local mock servers that speak the
 * OpenAI-compatible and Gemini APIs (no real model is reachable here).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockGemini } from '../mock-models/mock-gemini';
import { startMockOpenAI } from '../mock-models/mock-openai';
import type { MockServer } from '../mock-models/scenario';
import { STACK_PLAN, codeAnswer } from '../mock-models/stack-steps';
import { ROOT, makeFixtures, readWorkbook } from '../helpers/python';

const run = promisify(execFile);
let fixtures: string;
const servers: MockServer[] = [];

const PLAN = STACK_PLAN;
const CODE = codeAnswer('stack_filter');

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

beforeAll(() => {
  fixtures = makeFixtures();
});
afterAll(async () => Promise.all(servers.map((s) => s.close())));

describe('excel-ai ask', () => {
  it('runs the whole pipeline against any OpenAI-compatible server given by --base-url (no key, like a local Ollama)', async () => {
    const server = await startMockOpenAI({ steps: [PLAN, CODE] });
    servers.push(server);
    const out = mkdtempSync(join(tmpdir(), 'excel-ai-ask-'));
    const result = await cli(['ask', 'Stack these 3 workbooks with Basesheet tables and keep only rows where Sales > 1000', ...inputs(), '--out', out, '--provider', 'openai', '--base-url', `${server.url}/v1`, '--model', 'llama3.1', '--yes']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/Plan: Every Basesheet row/);
    expect(result.stderr).toMatch(/✓ sheet "Stacked"/);
    expect(result.stdout).toMatch(/# The code that ran \(try 1\):\n# Stack the Basesheet/);
    const rows = readWorkbook(join(out, 'result.xlsx')).Stacked!.rows.slice(1);
    expect(rows.length).toBeGreaterThan(10);
    expect(server.requests.every((r) => (r.body as { model?: string }).model === 'llama3.1')).toBe(true);
  });

  it('runs through Gemini with the key from GEMINI_API_KEY and prints JSON with --json', async () => {
    const server = await startMockGemini({ apiKey: 'env-key', steps: [PLAN, CODE] });
    servers.push(server);
    const out = mkdtempSync(join(tmpdir(), 'excel-ai-ask-'));
    const result = await cli(['ask', 'Stack and filter Sales > 1000', ...inputs(), '--out', out, '--provider', 'gemini', '--base-url', server.url, '--yes', '--json'], { GEMINI_API_KEY: 'env-key' });
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as { status: string; attempts: number; outputs: string[] };
    expect(report.status).toBe('done');
    expect(report.outputs).toEqual([join(out, 'result.xlsx')]);
  });

  it('refuses to run without approval when there is no terminal to ask and no --yes', async () => {
    const server = await startMockOpenAI({ steps: [PLAN, CODE] });
    servers.push(server);
    const out = mkdtempSync(join(tmpdir(), 'excel-ai-ask-'));
    const result = await cli(['ask', 'Stack', ...inputs(), '--out', out, '--provider', 'openai', '--base-url', `${server.url}/v1`]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/pass --yes/);
    expect(result.stderr).toMatch(/Cancelled\. Nothing was written\./);
    expect(server.requests).toHaveLength(1);
  });

  it('exits 2 with one line for usage errors', async () => {
    const noKey = await cli(['ask', 'Stack', ...inputs(), '--out', '/tmp/x', '--provider', 'gemini'], { GEMINI_API_KEY: '' });
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toMatch(/Gemini needs an API key/);
    const badProvider = await cli(['ask', 'Stack', '--out', '/tmp/x', '--provider', 'claude']);
    expect(badProvider.code).toBe(2);
    expect(badProvider.stderr.trim().split('\n')).toHaveLength(1);
  });
});
