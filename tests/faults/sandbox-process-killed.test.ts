/**
 * Fault: the Node sandbox's child process is killed (SIGKILL, by pid, from
 * outside) in the middle of a run. The caller gets a structured `internal`
 * error at once (not after the time limit), nothing the run wrote reaches the
 * caller, the next run works in a fresh process, and the input bytes the caller
 * holds are unchanged. Real Pyodide in a real child process; nothing is faked.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InputFile, RunResult } from '../../workers/api';
import type { SandboxClient } from '../../src/sandbox/sandbox-client';
import { startedNodeSandbox } from '../helpers/node-sandbox';
import { makeFixtures } from '../helpers/python';

/** Writes a partial output, says so, then spins until killed. */
const LONG_JOB = [
  'import openpyxl',
  'wb = openpyxl.Workbook()',
  'wb.active.append(["half", "written"])',
  'wb.save("/output/partial.xlsx")',
  'print("partial written", flush=True)',
  'n = 0',
  'while True:',
  '    n += 1',
].join('\n');

/** The input as the sandbox sees it, in hex (hashlib is not among the allowed modules). */
const DUMP_INPUT = 'print(open("/input/north.xlsx", "rb").read().hex())';

/** Sandbox child processes of this test process, found through /proc (Linux). */
function sandboxChildren(): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (ppid === process.pid && cmdline.includes('sandbox-child-')) pids.push(Number(entry));
    } catch {
      // The process ended while we looked: not ours to worry about.
    }
  }
  return pids;
}

let sandbox: SandboxClient;
let bookBytes: Buffer;
let bookSha = '';

function inputs(): InputFile[] {
  const copy = Uint8Array.from(bookBytes);
  return [{ name: 'north.xlsx', bytes: copy.buffer }];
}

beforeAll(async () => {
  bookBytes = readFileSync(join(makeFixtures(), 'stack', 'north.xlsx'));
  bookSha = createHash('sha256').update(bookBytes).digest('hex');
  sandbox = await startedNodeSandbox();
});

afterAll(() => sandbox?.dispose());

describe('the sandbox process is killed mid-run', () => {
  let killed: RunResult;
  let killedAfterMs = 0;

  it('returns a structured internal error at once, with no outputs', async () => {
    const [before] = sandboxChildren();
    expect(before, 'no sandbox child process found').toBeDefined();
    const began = Date.now();
    const running = sandbox.run({ code: LONG_JOB, inputs: inputs(), limits: { timeoutMs: 60_000 } });
    // Let the job get past its write and into the loop.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    process.kill(before!, 'SIGKILL');
    killedAfterMs = Date.now() - began;
    killed = await running;
    expect(killed.ok).toBe(false);
    if (killed.ok) return;
    expect(killed.error.kind).toBe('internal');
    expect(killed.error.message).toMatch(/crashed.*SIGKILL.*restarted; try again/s);
    expect('outputs' in killed).toBe(false);
    // Answered when the process died, far from the 60 s limit.
    expect(killed.durationMs).toBeLessThan(killedAfterMs + 15_000);
  }, 120_000);

  it('runs the next job in a fresh process, on unchanged inputs', async () => {
    const next = await sandbox.run({ code: DUMP_INPUT, inputs: inputs() });
    expect(next.ok, next.ok ? '' : next.error.message).toBe(true);
    expect(next.stdout.trim()).toBe(bookBytes.toString('hex'));
    expect(createHash('sha256').update(bookBytes).digest('hex')).toBe(bookSha);
    const after = sandboxChildren();
    expect(after.length).toBe(1);
  }, 120_000);

  it('does not carry the killed run’s partial output into the next run', async () => {
    const probe = await sandbox.run({
      code: 'try:\n    open("/output/partial.xlsx", "rb")\n    print("found")\nexcept OSError:\n    print("absent")',
      inputs: inputs(),
    });
    expect(probe.ok && probe.stdout.trim()).toBe('absent');
  }, 120_000);
});
