/**
 * The hostile-code corpus on Pyodide (the Node sandbox: a locked-down child
 * process, the same runtime as the browser worker). Every case runs three times:
 * with the pre-check (outcome must match `# expect:`), without it
 * (`# unguarded:`), proving the runtime walls hold on their own, and in a second
 * child started with the Python walls off (EXCEL_AI_TEST_WALLS_OFF=1: no pre-check,
 * runtime guard or audit hook, the code holds the real `os` and builtins), where any
 * outcome is accepted as long as the invariants hold: the edge walls alone. After every
 * run: the canary on 127.0.0.1 got no connection, outputs stay under the cap,
 * and a known-good job still gives its exact result (no damage to the runtime,
 * no state carried into the next run).
 */
import { createServer, type Server } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, type InputFile, type RunResult } from '../../workers/api';
import { SandboxClient } from '../../src/sandbox/sandbox-client';
import { cacheDir, prepareNodeSandbox, spawnNodeSandbox } from '../../workers/node/spawn-sandbox';
import { FsSnapshotStore } from '../../src/sandbox/fs-snapshot-store';
import { createNodeSandbox } from '../../cli/node-sandbox';
import { makeFixtures } from '../helpers/python';
import { PROBE_CODE, PROBE_CSV, caseSource, loadCorpus, matches, outcomeOf, pyodideWantedOutcomes, type HostileCase, type Outcome } from './hostile-corpus';
import { OutcomeRecorder } from './report/outcomes';

const CASES = loadCorpus();
const MAX_OUTPUT_BYTES = DEFAULT_LIMITS.maxOutputBytes;

type Mode = 'precheck' | 'no-precheck' | 'walls-off';

let sandbox: SandboxClient;
/** Started with walls 1-3 off: what an attacker who defeated them gets. */
let unwalled: SandboxClient;
let canary: Server;
let canaryPort = 0;
const canaryHits: string[] = [];
let book: Buffer;
let expectedProbe = '';
let runtimePackages: Record<string, string> = {};
// Every outcome, for SECURITY.md's table (tests/corpus/report/security-table.ts).
const recorder = new OutcomeRecorder('pyodide-node', 'Pyodide in a locked-down Node child process (cli/node-sandbox.ts)');

function wantedOutcomes(c: HostileCase, guarded: boolean): { outcomes: Outcome[] | undefined; missing: string[] } {
  return pyodideWantedOutcomes(c, guarded, runtimePackages);
}

function inputs(): InputFile[] {
  const data = new TextEncoder().encode(PROBE_CSV);
  return [
    { name: 'book.xlsx', bytes: book.buffer.slice(book.byteOffset, book.byteOffset + book.byteLength) as ArrayBuffer },
    { name: 'data.csv', bytes: data.buffer },
  ];
}

function describeResult(result: RunResult): string {
  const o = outcomeOf(result);
  const detail = result.ok ? result.stdout.slice(0, 300) : result.error.message.slice(0, 300);
  return `${o.kind}${o.rules.length ? `:${o.rules.join(',')}` : ''} — ${detail}`;
}

beforeAll(async () => {
  book = readFileSync(join(makeFixtures(), 'stack', 'north.xlsx'));
  canary = createServer((socket) => {
    canaryHits.push(`${socket.remoteAddress}:${socket.remotePort}`);
    socket.destroy();
  });
  await new Promise<void>((resolve) => canary.listen(0, '127.0.0.1', resolve));
  canaryPort = (canary.address() as { port: number }).port;
  sandbox = await createNodeSandbox();
  const started = await sandbox.start();
  if (!started.ok) throw new Error(started.error.message);
  runtimePackages = started.info.packages;
  const probe = await sandbox.run({ code: PROBE_CODE, inputs: inputs() });
  if (!probe.ok) throw new Error(`the probe job fails on a clean sandbox: ${JSON.stringify(probe.error)}`);
  expectedProbe = probe.stdout;
  // A fresh child per run, like the CLI's sandbox, each started with walls 1-3 off.
  // Python starts from the same memory snapshot as the CLI's (taken before any code runs).
  const snapshots = new FsSnapshotStore(join(cacheDir(), 'snapshot'));
  unwalled = new SandboxClient({ connect: () => spawnNodeSandbox({ testWallsOff: true }), startOptions: (await prepareNodeSandbox()).startOptions, snapshots });
  const unwalledStart = await unwalled.start();
  if (!unwalledStart.ok || !unwalledStart.info.testWallsOff) throw new Error('the second sandbox did not start with the Python walls off');
}, 180_000);

afterAll(() => {
  recorder.write();
  sandbox?.dispose();
  unwalled?.dispose();
  canary?.close();
});

async function runCase(c: HostileCase, mode: Mode): Promise<void> {
  const guarded = mode === 'precheck';
  const runner = mode === 'walls-off' ? unwalled : sandbox;
  for (let i = 0; i < c.runs; i++) {
    const result = await runner.run({
      code: caseSource(c, canaryPort),
      inputs: inputs(),
      skipPrecheck: !guarded,
      limits: { timeoutMs: c.timeoutS * 1000, memoryMb: 512, maxStreamBytes: 1_000_000 },
    });
    // With the walls off any outcome will do: only the invariants below must hold.
    const { outcomes: wanted, missing } = mode === 'walls-off' ? { outcomes: undefined, missing: [] } : wantedOutcomes(c, guarded);
    recorder.record(c.name, mode, result, matches(wanted, result));
    expect(matches(wanted, result), `run ${i + 1}: got ${describeResult(result)}; wanted ${JSON.stringify(wanted)}`).toBe(true);
    if (missing.length && !result.ok && result.error.kind === 'python') {
      // It ended at the missing import, or a wall refused it even earlier.
      expect(result.error.message).toMatch(new RegExp(`No module named '(${missing.join('|')})|not allowed|blocked|not available`));
    }
    if (result.ok) {
      expect(result.outputs.reduce((n, o) => n + o.bytes.byteLength, 0)).toBeLessThanOrEqual(MAX_OUTPUT_BYTES);
    }
    expect(result.stdout.length).toBeLessThanOrEqual(1_100_000);
    if (c.checks.has('streams-truncated')) expect(result.streamsTruncated).toBe(true);
  }
  expect(canaryHits, 'the canary on 127.0.0.1 was contacted').toEqual([]);
  const probe = await runner.run({ code: PROBE_CODE, inputs: inputs() });
  expect(probe.ok && probe.stdout, `after ${c.name}, a known-good job changed: ${describeResult(probe)}`).toBe(expectedProbe);
}

describe('hostile corpus on Pyodide (Node sandbox)', () => {
  it('has at least 25 cases, each with a documented outcome', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(25);
  });

  describe.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    it(`with the pre-check: ${c.expect.map((o) => (o.rule ? `precheck:${o.rule}` : `contained:${o.kind}`)).join(' | ')}`, () => runCase(c, 'precheck'));
    it(`without the pre-check: ${c.unguarded ? c.unguarded.map((o) => o.kind).join(' | ') : 'any outcome, invariants hold'}`, () => runCase(c, 'no-precheck'));
    it('with the Python walls off: any outcome, invariants hold', () => runCase(c, 'walls-off'));
  });
});
