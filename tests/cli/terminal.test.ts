/**
 * The terminal shows text, not commands (issue 13 item 5). As a real process:
 * code (with the Python walls off when the switch is there), files and a
 * scripted model print clipboard writes (OSC 52), screen clears, cursor moves,
 * carriage-return overwrites, C1 controls and bidi overrides. The bytes the
 * user's terminal receives hold none of them, the user still reads an escaped
 * form, no host file name holds ESC/BEL, and --json stays exact JSON.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockOpenAI } from '../mock-models/mock-openai';
import type { MockServer } from '../mock-models/scenario';
import { STACK_PLAN, codeAnswer } from '../mock-models/stack-steps';
import { ROOT, makeFixtures } from '../helpers/python';

const run = promisify(execFile);
const servers: MockServer[] = [];
let fixtures = '';
let work = '';

/** Bytes a terminal acts on: C0 but \t and \n, DEL, C1, bidi controls. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const TERMINAL_COMMANDS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
const CLIPBOARD = '\x1b]52;c;c2VjcmV0\x07';
const FORGED_DONE = '\x1b[2J\x1b[H\rwrote /home/you/report.xlsx\ndone in 0.1 s';

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  const options = { cwd: ROOT, encoding: 'latin1' as const, env: { ...process.env, EXCEL_AI_TEST_WALLS_OFF: '1', EXCEL_AI_CACHE_DIR: join(work, 'cache'), ...env } };
  try {
    // latin1: every byte the terminal would get, one character each, so a raw C1 byte is seen as such.
    const { stdout, stderr } = await run(process.execPath, [join(ROOT, 'bin', 'excel-ai.mjs'), ...args], options);
    return { code: 0, stdout: String(stdout), stderr: String(stderr) };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: String(e.stdout ?? ''), stderr: String(e.stderr ?? '') };
  }
}

/** Nothing the terminal would act on, in bytes or once decoded as UTF-8 (C1 and bidi characters are multi-byte). */
function expectOnlyText(result: CliResult): void {
  for (const stream of [result.stdout, result.stderr]) {
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    expect(stream).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/u);
    expect(Buffer.from(stream, 'latin1').toString('utf8')).not.toMatch(TERMINAL_COMMANDS);
  }
}

const decoded = (text: string): string => Buffer.from(text, 'latin1').toString('utf8');

function codeFile(name: string, source: string): string {
  const path = join(mkdtempSync(join(work, 'code-')), name);
  writeFileSync(path, source);
  return path;
}

beforeAll(() => {
  fixtures = makeFixtures();
  work = mkdtempSync(join(tmpdir(), 'excel-ai-terminal-'));
});
afterAll(async () => Promise.all(servers.map((s) => s.close())));

describe('excel-ai run prints text, not terminal commands', () => {
  const ATTACK = [
    'import sys',
    `print(${JSON.stringify(CLIPBOARD)})`,
    `print(${JSON.stringify(FORGED_DONE)})`,
    'print("C1 CSI: \\x9b31m red \\x9b0m, bidi: \\u202eslx.tropxe\\u202c, isolate \\u2066x\\u2069, DEL \\x7f, BEL \\x07")',
    'sys.stderr.write("\\x1bP+q544e\\x1b\\\\ DCS on stderr\\n")',
    'open("/output/evil\\x1b]52;c;eA==\\x07name\\x07.txt", "w").write("x")',
    'open("/output/plain.txt", "w").write("y")',
  ].join('\n');

  it('escapes the code\'s stdout and stderr and cleans output file names', async () => {
    const out = mkdtempSync(join(work, 'out-'));
    const result = await cli(['run', codeFile('attack.py', `${ATTACK}\n`), '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    expectOnlyText(result);
    // The user still reads what the code printed, in an escaped form.
    expect(result.stdout).toContain('\\u001b]52;c;c2VjcmV0\\u0007');
    expect(result.stdout).toContain('\\u001b[2J\\u001b[H\\rwrote /home/you/report.xlsx');
    expect(decoded(result.stdout)).toContain('C1 CSI: \\u009b31m red');
    expect(decoded(result.stdout)).toContain('bidi: \\u202eslx.tropxe\\u202c, isolate \\u2066x\\u2069, DEL \\u007f, BEL \\u0007');
    expect(result.stderr).toContain('\\u001bP+q544e\\u001b\\ DCS on stderr');
    // No host file name holds ESC or BEL; the file is there under a clean name.
    const names = readdirSync(out).sort();
    expect(names).toEqual(['evil_]52;c;eA==_name_.txt', 'plain.txt']);
    expect(result.stderr).toContain(`wrote ${join(out, 'evil_]52;c;eA==_name_.txt')}\n`);
  });

  it('keeps --json exact: the code\'s text intact inside JSON, nothing raw around it', async () => {
    const out = mkdtempSync(join(work, 'out-'));
    const result = await cli(['run', codeFile('attack.py', `${ATTACK}\n`), '--out', out, '--json']);
    expect(result.code, result.stderr).toBe(0);
    expectOnlyText(result);
    const report = JSON.parse(decoded(result.stdout)) as { ok: boolean; stdout: string; outputs: { name: string }[] };
    expect(report.stdout).toContain(CLIPBOARD);
    expect(report.stdout).toContain('\u009b31m');
    expect(report.outputs.map((o) => o.name)).toContain('evil\x1b]52;c;eA==\x07name\x07.txt');
    expect(readdirSync(out)).not.toContain('evil\x1b]52;c;eA==\x07name\x07.txt');
  });

  it('escapes an error message and traceback the code chose', async () => {
    const result = await cli(['run', codeFile('raise.py', `raise ValueError(${JSON.stringify(`bad${CLIPBOARD}${FORGED_DONE}`)})\n`), '--out', mkdtempSync(join(work, 'out-'))]);
    expect(result.code).toBe(1);
    expectOnlyText(result);
    expect(result.stderr).toMatch(/error \[python\] \(line 1\): .*ValueError: bad\\u001b\]52;c;c2VjcmV0\\u0007/);
  });

  it('escapes file names in usage errors', async () => {
    const result = await cli(['run', `missing${CLIPBOARD}.py`, '--out', join(work, 'x')]);
    expect(result.code).toBe(2);
    expectOnlyText(result);
    expect(result.stderr).toContain('code file not found: missing\\u001b]52;c;c2VjcmV0\\u0007.py');
  });
});

describe('excel-ai ask prints the model\'s text, not terminal commands', () => {
  const inputs = (): string[] => ['--input', ...['north.xlsx', 'south.xlsx', 'west.xlsx'].map((n) => join(fixtures, 'stack', n))];
  const plan = STACK_PLAN.json as Record<string, unknown>;
  const hostilePlan = { json: { ...plan, summary: `Every row${CLIPBOARD}`, steps: [`Read${FORGED_DONE}`, 'Write\u202eslx.tluser\u202c', 'C1 \u009b2J'] } };
  const code = codeAnswer('stack_filter');
  const hostileCode = { text: code.text!.replace('```python\n', `\`\`\`python\n# ${CLIPBOARD} \u009b2J\nprint(${JSON.stringify(FORGED_DONE)})\n`) };

  it('escapes plan text, printed code and the code\'s output', async () => {
    const server = await startMockOpenAI({ steps: [hostilePlan, hostileCode] });
    servers.push(server);
    const out = mkdtempSync(join(work, 'ask-'));
    const result = await cli(['ask', 'Stack and keep Sales > 1000', ...inputs(), '--out', out, '--provider', 'openai', '--base-url', `${server.url}/v1`, '--yes']);
    expect(result.code, result.stderr).toBe(0);
    expectOnlyText(result);
    expect(result.stderr).toContain('Plan: Every row\\u001b]52;c;c2VjcmV0\\u0007');
    expect(result.stderr).toContain('Read\\u001b[2J\\u001b[H\\rwrote /home/you/report.xlsx');
    expect(decoded(result.stderr)).toContain('Write\\u202eslx.tluser\\u202c');
    expect(decoded(result.stdout)).toContain('# \\u001b]52;c;c2VjcmV0\\u0007 \\u009b2J');
  });

  it('escapes the plan shown while asking for approval, and a question', async () => {
    const planServer = await startMockOpenAI({ steps: [hostilePlan, hostileCode] });
    const questionServer = await startMockOpenAI({ steps: [{ json: { ...plan, kind: 'question', question: `Which sheet?${CLIPBOARD}${FORGED_DONE}` } }] });
    servers.push(planServer, questionServer);
    const unapproved = await cli(['ask', 'Stack', ...inputs(), '--out', mkdtempSync(join(work, 'ask-')), '--provider', 'openai', '--base-url', `${planServer.url}/v1`]);
    expect(unapproved.code).toBe(1);
    expectOnlyText(unapproved);
    expect(unapproved.stderr).toContain('Plan: Every row\\u001b]52;c;c2VjcmV0\\u0007');
    const question = await cli(['ask', 'Stack', ...inputs(), '--out', mkdtempSync(join(work, 'ask-')), '--provider', 'openai', '--base-url', `${questionServer.url}/v1`, '--yes']);
    expectOnlyText(question);
    expect(question.stdout).toContain('The model needs to know: Which sheet?\\u001b]52;c;c2VjcmV0\\u0007');
  });
});
