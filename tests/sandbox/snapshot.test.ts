/**
 * Starting Python from a memory snapshot, for real: Pyodide in the locked-down
 * Node child process, driven by SandboxClient with a snapshot store in a temp
 * folder. Each client is a new process, so every "second start" below really
 * restores the heap into a fresh interpreter.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResult, RuntimeInfo } from '../../workers/api';
import { prepareNodeSandbox, spawnNodeSandbox } from '../../workers/node/spawn-sandbox';
import { SandboxClient, type SandboxPolicy } from '../../src/sandbox/sandbox-client';
import { FsSnapshotStore } from '../../src/sandbox/fs-snapshot-store';
import { snapshotKey } from '../../workers/runtime/snapshot';

const LONG = 240_000;
const MARKER = 'h11-leaked-from-a-run-7f3a9c';
/** csv's dialect registry lives in the interpreter, so a dialect registered by one run is seen by the next. */
const READ_LEAK = `import csv\nprint("${MARKER}" if "${MARKER}" in csv.list_dialects() else "absent")`;

let dir: string;
let store: FsSnapshotStore;
const clients: SandboxClient[] = [];

async function started(policy?: SandboxPolicy): Promise<{ client: SandboxClient; info: RuntimeInfo }> {
  const { startOptions } = await prepareNodeSandbox();
  const client = new SandboxClient({ connect: spawnNodeSandbox, startOptions, snapshots: store, policy });
  clients.push(client);
  const result = await client.start();
  if (!result.ok) throw new Error(result.error.message);
  return { client, info: result.info };
}

/** The store's bytes once the client's background save has landed (it does not hold up the start; on a loaded CI machine it took over 30 s). */
async function storedBytes(notEqualTo?: Buffer): Promise<Buffer> {
  for (let i = 0; i < 1200; i++) {
    const snapshot = await store.load();
    if (snapshot) {
      const bytes = Buffer.from(snapshot.bytes);
      if (!notEqualTo || !bytes.equals(notEqualTo)) return bytes;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('no snapshot was stored within 120 s');
}

function stdoutOf(result: RunResult): string {
  if (!result.ok) throw new Error(`${result.error.kind}: ${result.error.message}`);
  return result.stdout.trim();
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'excel-ai-snapshot-test-'));
  store = new FsSnapshotStore(dir);
});

afterAll(() => {
  for (const client of clients) client.dispose();
});

describe('Python started from a memory snapshot (Node sandbox)', () => {
  let firstBytes: Buffer;
  let freshMs = 0;

  it('starts fresh with an empty store, and stores a snapshot taken before any run', async () => {
    // One interpreter kept between runs, so the mark below is really there to be found.
    const { client, info } = await started({ freshPythonPerRun: false });
    expect(info.startedFrom).toBe('fresh');
    expect(info.snapshotRefused).toBeUndefined();
    freshMs = info.startMs;
    firstBytes = await storedBytes();
    // A run that leaves a mark in the interpreter: the same interpreter still sees it later.
    expect(stdoutOf(await client.run({ code: `import csv\ncsv.register_dialect("${MARKER}", delimiter=";")\nprint("set")`, inputs: [] }))).toBe('set');
    expect(stdoutOf(await client.run({ code: READ_LEAK, inputs: [] }))).toBe(MARKER);
    // The stored heap holds our own modules but nothing of the run.
    expect(firstBytes.includes('sandbox_entry')).toBe(true);
    expect(firstBytes.includes(MARKER)).toBe(false);
    expect((await storedBytes()).includes(MARKER)).toBe(false);
  }, LONG);

  it('restores the snapshot on the second start, much faster, without anything from the earlier run', async () => {
    const { client, info } = await started();
    expect(info.startedFrom).toBe('snapshot');
    expect(info.pythonVersion).toMatch(/^3\.14/);
    expect(info.packages.openpyxl).toBe('3.0.9');
    console.log(`Node sandbox start: fresh ${freshMs} ms, from the snapshot ${info.startMs} ms`);
    expect(info.startMs).toBeLessThan(freshMs);
    expect(stdoutOf(await client.run({ code: READ_LEAK, inputs: [] }))).toBe('absent');
  }, LONG);

  it('puts every wall back after a restore', async () => {
    const { client, info } = await started();
    expect(info.startedFrom).toBe('snapshot');
    const probe = [
      // Deep recursion must end as a RecursionError (the lockdown's limit), not as a JavaScript stack overflow.
      'def deep(n):',
      '    return deep(n + 1) if n < 5000 else n',
      'try:',
      '    deep(0)',
      'except RecursionError:',
      '    print("RecursionError")',
      'for path in ("/opt/excel-ai/sandbox/runner.py", "/lib/python314.zip", "/input/data.csv"):',
      '    try:',
      '        open(path, "ab").close()',
      '        print(path, "writable")',
      '    except OSError:',
      '        print(path, "read-only")',
    ].join('\n');
    const result = await client.run({ code: probe, inputs: [{ name: 'data.csv', bytes: new TextEncoder().encode('a\n1\n').buffer }], skipPrecheck: true });
    expect(stdoutOf(result).split('\n')).toEqual([
      'RecursionError',
      '/opt/excel-ai/sandbox/runner.py read-only',
      '/lib/python314.zip read-only',
      '/input/data.csv read-only',
    ]);
    // The way out to JavaScript stays closed, even without the pre-check.
    for (const name of ['js', 'pyodide_js', 'ctypes']) {
      const escape = await client.run({ code: `import ${name}\nprint(${name})`, inputs: [], skipPrecheck: true });
      expect(escape.ok, name).toBe(false);
      if (!escape.ok) expect(escape.error.message).toMatch(/not (available|allowed)/);
    }
    const checked = await client.run({ code: 'import js\nprint(js)', inputs: [] });
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.error.kind).toBe('precheck');
  }, LONG);

  it('gives each restored interpreter its own random numbers', async () => {
    const code = 'import random\nprint(random.random())';
    const [one, two] = [await started(), await started()];
    expect([one.info.startedFrom, two.info.startedFrom]).toEqual(['snapshot', 'snapshot']);
    const first = stdoutOf(await one.client.run({ code, inputs: [] }));
    const second = stdoutOf(await two.client.run({ code, inputs: [] }));
    expect(first).not.toBe(second);
  }, LONG);

  it('starts fresh from a corrupt snapshot, and replaces it', async () => {
    const bytes = readFileSync(join(dir, 'python-snapshot.bin'));
    bytes[bytes.length >> 1] = (bytes[bytes.length >> 1] ?? 0) ^ 0xff;
    writeFileSync(join(dir, 'python-snapshot.bin'), bytes);
    const { info } = await started();
    expect(info.startedFrom).toBe('fresh');
    const replaced = await storedBytes();
    expect((await started()).info.startedFrom).toBe('snapshot');
    expect(replaced.length).toBeGreaterThan(1_000_000);
  }, LONG);

  it('starts fresh when a sound-looking snapshot belongs to another bundle or is not a heap at all, and says why', async () => {
    const good = await store.load();
    if (!good) throw new Error('the store should hold a snapshot here');
    const stored = async (key: string): Promise<Buffer> => {
      for (let i = 0; i < 1200; i++) {
        const snapshot = await store.load();
        if (snapshot?.key === key) return Buffer.from(snapshot.bytes);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error('the snapshot was not replaced within 120 s');
    };

    await store.save({ key: snapshotKey('314.0.7', 'a'.repeat(64)), bytes: good.bytes.slice(0) });
    const stale = await started();
    expect(stale.info.startedFrom).toBe('fresh');
    expect(stale.info.snapshotRefused).toMatch(/another Python bundle/);
    await stored(good.key);

    // The right key and a matching sha256, but bytes that are no heap: Pyodide itself refuses them.
    await store.save({ key: good.key, bytes: new Uint8Array(4 * 1024 * 1024).fill(7).buffer });
    const junk = await started();
    expect(junk.info.startedFrom).toBe('fresh');
    expect(junk.info.snapshotRefused).toBeTruthy();
    expect(stdoutOf(await junk.client.run({ code: 'print(6 * 7)', inputs: [] }))).toBe('42');
    // …and the junk is replaced by a real snapshot.
    for (let i = 0; i < 1200 && (await store.load())?.bytes.byteLength === 4 * 1024 * 1024; i++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await stored(good.key)).length).toBeGreaterThan(4 * 1024 * 1024);
  }, LONG);
});
