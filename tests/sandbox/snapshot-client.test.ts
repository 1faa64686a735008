/**
 * SandboxClient's side of snapshots, over a fake worker connection: a worker
 * that dies while restoring cannot be produced on purpose with real Pyodide
 * (a damaged snapshot only makes it start fresh, see snapshot.test.ts), so the
 * RPC boundary is faked here, as the style guide suggests for the worker boundary.
 */
import type { Remote } from 'comlink';
import { describe, expect, it } from 'vitest';
import type { PythonSnapshot, PythonWorkerApi, RuntimeInfo, StartOptions } from '../../workers/api';
import { SandboxClient, type SandboxConnection, type SandboxEvent } from '../../src/sandbox/sandbox-client';
import type { SnapshotStore } from '../../src/sandbox/snapshot-store';

const INFO: RuntimeInfo = { pythonVersion: '3.14.2', runtime: 'fake', packages: { openpyxl: '3.0.9' }, startMs: 1 };

class MemoryStore implements SnapshotStore {
  saved: PythonSnapshot[] = [];
  constructor(private current?: PythonSnapshot) {}
  async load(): Promise<PythonSnapshot | undefined> {
    return this.current && { key: this.current.key, bytes: this.current.bytes.slice(0) };
  }
  async save(snapshot: PythonSnapshot): Promise<void> {
    this.saved.push(snapshot);
    this.current = snapshot;
  }
}

/** Fake workers: each records the options it was started with; `dieOnSnapshot` makes a restore crash the worker. */
function fakeWorkers(dieOnSnapshot: boolean): { connect: () => SandboxConnection; starts: StartOptions[] } {
  const starts: StartOptions[] = [];
  const connect = (): SandboxConnection => {
    let die: (reason: string) => void = () => undefined;
    const exited = new Promise<string>((resolve) => (die = resolve));
    const api = {
      start: async (options: StartOptions) => {
        starts.push(options);
        if (options.snapshot && dieOnSnapshot) {
          die('the worker ran out of memory while restoring');
          return new Promise(() => undefined);
        }
        return { ok: true, info: { ...INFO, startedFrom: options.snapshot ? 'snapshot' : 'fresh' } };
      },
      takeSnapshot: async () => ({ ok: true, snapshot: { key: 'new-key', bytes: new Uint8Array([1, 2, 3]).buffer } }),
    };
    return { api: api as unknown as Remote<PythonWorkerApi>, terminate: () => undefined, exited };
  };
  return { connect, starts };
}

const OPTIONS: StartOptions = { indexURL: 'http://127.0.0.1/pyodide/', bundleURL: 'http://127.0.0.1/python/bundle.zip' };

describe('SandboxClient with a snapshot store', () => {
  it('offers the stored snapshot, and stores the one a fresh start hands back', async () => {
    const workers = fakeWorkers(false);
    const store = new MemoryStore();
    const client = new SandboxClient({ connect: workers.connect, startOptions: OPTIONS, snapshots: store });
    const first = await client.start();
    expect(first.ok && first.info.startedFrom).toBe('fresh');
    expect(workers.starts[0]).toMatchObject({ makeSnapshot: true });
    expect(workers.starts[0]?.snapshot).toBeUndefined();
    await expect.poll(() => store.saved.length).toBe(1);
    expect(store.saved[0]?.key).toBe('new-key');
  });

  it('restores from the stored snapshot and does not ask for another', async () => {
    const workers = fakeWorkers(false);
    const store = new MemoryStore({ key: 'stored-key', bytes: new Uint8Array([9, 9]).buffer });
    const client = new SandboxClient({ connect: workers.connect, startOptions: OPTIONS, snapshots: store });
    const started = await client.start();
    expect(started.ok && started.info.startedFrom).toBe('snapshot');
    expect(workers.starts[0]?.snapshot?.key).toBe('stored-key');
    expect(store.saved).toEqual([]);
  });

  it('goes fresh after a worker died restoring the stored snapshot, and replaces it', async () => {
    const workers = fakeWorkers(true);
    const store = new MemoryStore({ key: 'stored-key', bytes: new Uint8Array([9, 9]).buffer });
    const events: SandboxEvent[] = [];
    const client = new SandboxClient({ connect: workers.connect, startOptions: OPTIONS, onEvent: (e) => events.push(e), snapshots: store });
    const crashed = await client.start();
    expect(crashed.ok).toBe(false);
    const second = await client.start();
    expect(second.ok && second.info.startedFrom).toBe('fresh');
    expect(workers.starts.map((s) => s.snapshot?.key ?? 'none')).toEqual(['stored-key', 'none']);
    await expect.poll(() => store.saved.map((s) => s.key)).toEqual(['new-key']);
    expect(events.map((e) => e.type)).toEqual(['starting', 'start-failed', 'starting', 'ready']);
  });

  it('does not take or store snapshots without a store', async () => {
    const workers = fakeWorkers(false);
    const client = new SandboxClient({ connect: workers.connect, startOptions: OPTIONS });
    await client.start();
    expect(workers.starts[0]?.makeSnapshot).toBeUndefined();
  });
});
