/**
 * The hostile-code corpus in real Chromium, through the built pane's Pyodide
 * worker (served with its CSP) and the product's SandboxClient: one page, one
 * worker at a time, cases in sequence; the client replaces the worker only when
 * a case kills it (time limit, memory, blocked escape). Every case runs with the
 * pre-check and without it (`skipPrecheck`), and must meet its documented
 * Pyodide outcome (same header semantics as tests/corpus/hostile-pyodide.test.ts);
 * then in a second page whose workers run with the Python walls off (the test-only
 * ?test-walls-off=1: no pre-check, runtime guard or audit hook), where any outcome
 * will do as long as the invariants hold: the worker's CSP, the file budget, the
 * stream caps and the page's own view of the outputs alone.
 * After every case: the canary on 127.0.0.1 got no connection, a known-good job
 * still gives its exact result, and no request of the browser left 127.0.0.1.
 */
import { createServer, type Server } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, type RunLimits, type RunResult } from '../../workers/api';
import { buildAndServe, launchChromium, watchRequests } from '../helpers/browser';
import { makeFixtures } from '../helpers/python';
import { PROBE_CODE, PROBE_CSV, caseSource, loadCorpus, matches, outcomeOf, pyodideWantedOutcomes, type HostileCase } from '../corpus/hostile-corpus';
import { OutcomeRecorder } from '../corpus/report/outcomes';
import { installInPage } from '../faults/page-sandbox';

const CASES = loadCorpus();
type Mode = 'precheck' | 'no-precheck' | 'walls-off';

let browser: Browser;
let context: BrowserContext;
let page: Page;
/** Its workers run with walls 1-3 off. */
let unwalledPage: Page;
let server: PreviewServer;
let requests: ReturnType<typeof watchRequests>;
let canary: Server;
let canaryPort = 0;
const canaryHits: string[] = [];
let runtimePackages: Record<string, string> = {};
let expectedProbe = '';
let suiteStarted = 0;
const recorder = new OutcomeRecorder('pyodide-chromium', 'Pyodide in the built pane’s Web Worker in Chromium, behind the worker’s CSP');

/**
 * Runs one request in the page's sandbox; inputs are rebuilt in the page from base64
 * each time. Output bytes stay in the page (only their total size comes back).
 */
function runInPage(code: string, skipPrecheck: boolean, limits: Partial<RunLimits>, on: Page = page): Promise<RunResult & { outputBytes: number }> {
  return on.evaluate(
    async ({ code, skipPrecheck, limits }) => {
      const g = globalThis as unknown as { pageSandbox: { run: (r: unknown) => Promise<RunResult> }; hostileInputs: Record<string, string> };
      const inputs = Object.entries(g.hostileInputs).map(([name, b64]) => ({
        name,
        bytes: Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0)).buffer,
      }));
      const result = await g.pageSandbox.run({ code, inputs, skipPrecheck, limits });
      const outputBytes = result.ok ? result.outputs.reduce((n, o) => n + o.bytes.byteLength, 0) : 0;
      return { ...result, ...(result.ok ? { outputs: [] } : {}), outputBytes };
    },
    { code, skipPrecheck, limits },
  );
}

function describeResult(result: RunResult): string {
  const o = outcomeOf(result);
  const detail = result.ok ? result.stdout.slice(0, 300) : result.error.message.slice(0, 300);
  return `${o.kind}${o.rules.length ? `:${o.rules.join(',')}` : ''} — ${detail}`;
}

beforeAll(async () => {
  suiteStarted = Date.now();
  const book = readFileSync(join(makeFixtures(), 'stack', 'north.xlsx'));
  canary = createServer((socket) => {
    canaryHits.push(`${socket.remoteAddress}:${socket.remotePort}`);
    socket.destroy();
  });
  await new Promise<void>((resolve) => canary.listen(0, '127.0.0.1', resolve));
  canaryPort = (canary.address() as { port: number }).port;

  const served = await buildAndServe();
  server = served.server;
  browser = await launchChromium();
  context = await browser.newContext();
  requests = watchRequests(context);
  page = await context.newPage();
  // A document of the pane's origin that runs none of the pane's code, so the only
  // Pyodide in the page is the one under test.
  await page.goto(new URL('icon-32.png', served.url).href);
  unwalledPage = await context.newPage();
  await unwalledPage.goto(new URL('icon-32.png', served.url).href);
  for (const [on, wallsOff] of [[page, false], [unwalledPage, true]] as const) {
    await installInPage(on, served.url, served.outDir, { wallsOff });
    await on.evaluate(
      (files) => {
        (globalThis as unknown as { hostileInputs: Record<string, string> }).hostileInputs = files;
      },
      { 'book.xlsx': book.toString('base64'), 'data.csv': Buffer.from(PROBE_CSV).toString('base64') },
    );
    const started = await on.evaluate(() => (globalThis as unknown as { pageSandbox: { start: () => Promise<unknown> } }).pageSandbox.start());
    const start = started as { ok: boolean; info?: { packages: Record<string, string>; testWallsOff?: true }; error?: { message: string } };
    if (!start.ok || !start.info) throw new Error(`the worker did not start: ${start.error?.message}`);
    if (Boolean(start.info.testWallsOff) !== wallsOff) throw new Error(`the worker's walls-off switch is ${String(start.info.testWallsOff)}, wanted ${String(wallsOff)}`);
    if (!wallsOff) runtimePackages = start.info.packages;
  }
  const probe = await runInPage(PROBE_CODE, false, {});
  if (!probe.ok) throw new Error(`the probe job fails on a clean worker: ${JSON.stringify(probe.error)}`);
  expectedProbe = probe.stdout;
}, 300_000);

afterAll(async () => {
  const file = recorder.write();
  const workers = page ? await page.evaluate(() => (globalThis as unknown as { pageSandbox?: { workersStarted: () => number } }).pageSandbox?.workersStarted()) : 0;
  // How each worker's Python started: all but the first should come from the memory snapshot.
  const startedFrom = page
    ? await page.evaluate(() =>
        (globalThis as unknown as { pageSandbox?: { events: () => { type: string; info?: { startedFrom?: string } }[] } }).pageSandbox
          ?.events()
          .filter((e) => e.type === 'ready')
          .map((e) => e.info?.startedFrom ?? '?')
          .join(','),
      )
    : '';
  const tally = new Map<string, number>();
  for (const from of (startedFrom ?? '').split(',').filter(Boolean)) tally.set(from, (tally.get(from) ?? 0) + 1);
  const froms = [...tally].map(([from, n]) => `${n} ${from}`).join(', ');
  console.log(`hostile corpus in Chromium: ${CASES.length}×3 cases in ${((Date.now() - suiteStarted) / 1000).toFixed(0)} s, ${workers} workers started in the walled page (Python from: ${froms}); outcomes in ${file}`);
  await browser?.close();
  await server?.close();
  canary?.close();
});

async function runCase(c: HostileCase, mode: Mode): Promise<void> {
  const guarded = mode === 'precheck';
  const on = mode === 'walls-off' ? unwalledPage : page;
  for (let i = 0; i < c.runs; i++) {
    const result = await runInPage(caseSource(c, canaryPort), !guarded, {
      timeoutMs: c.timeoutS * 1000,
      memoryMb: 512,
      maxStreamBytes: 1_000_000,
    }, on);
    // With the walls off any outcome will do: only the invariants below must hold.
    const { outcomes: wanted, missing } = mode === 'walls-off' ? { outcomes: undefined, missing: [] } : pyodideWantedOutcomes(c, guarded, runtimePackages);
    recorder.record(c.name, mode, result, matches(wanted, result));
    expect(matches(wanted, result), `run ${i + 1}: got ${describeResult(result)}; wanted ${JSON.stringify(wanted)}`).toBe(true);
    if (!guarded) expect(outcomeOf(result).kind, 'the pre-check ran although skipped').not.toBe('precheck');
    if (missing.length && !result.ok && result.error.kind === 'python') {
      expect(result.error.message).toMatch(new RegExp(`No module named '(${missing.join('|')})|not allowed|blocked|not available`));
    }
    expect(result.outputBytes).toBeLessThanOrEqual(DEFAULT_LIMITS.maxOutputBytes);
    expect(result.stdout.length).toBeLessThanOrEqual(1_100_000);
    if (c.checks.has('streams-truncated')) expect(result.streamsTruncated).toBe(true);
  }
  expect(canaryHits, 'the canary on 127.0.0.1 was contacted').toEqual([]);
  expect(requests.offHost, 'a request left 127.0.0.1').toEqual([]);
  const probe = await runInPage(PROBE_CODE, false, {}, on);
  expect(probe.ok && probe.stdout, `after ${c.name}, a known-good job changed: ${describeResult(probe)}`).toBe(expectedProbe);
}

describe('hostile corpus in Chromium (the pane’s worker)', () => {
  it('has every corpus case', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(100);
  });

  describe.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    it('with the pre-check', () => runCase(c, 'precheck'), 120_000);
    it('without the pre-check', () => runCase(c, 'no-precheck'), 120_000);
    it('with the Python walls off', () => runCase(c, 'walls-off'), 120_000);
  });

  it('sent every request to 127.0.0.1 and loaded Pyodide from its own origin', () => {
    expect(requests.offHost).toEqual([]);
    expect(requests.all.some((u) => u.endsWith('/pyodide/pyodide.asm.wasm'))).toBe(true);
    expect(requests.all.every((u) => /^(data|blob):/.test(u) || new URL(u).hostname === '127.0.0.1')).toBe(true);
  });
});
