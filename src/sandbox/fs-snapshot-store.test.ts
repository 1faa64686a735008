/**
 * The snapshot store's read racing another client's save, made to happen at the worst
 * moment every time: the save lands between reading the record and reading the bytes.
 * The reader must read again and get the new snapshot, never delete it as damaged.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

const hooks = vi.hoisted(() => ({ beforeBytesRead: undefined as (() => Promise<void>) | undefined }));

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...actual,
    readFile: (async (...args: Parameters<typeof actual.readFile>) => {
      const hook = hooks.beforeBytesRead;
      if (hook && String(args[0]).endsWith('python-snapshot.bin')) {
        hooks.beforeBytesRead = undefined;
        await hook();
      }
      return actual.readFile(...args);
    }) as typeof actual.readFile,
  };
});

const { FsSnapshotStore } = await import('./fs-snapshot-store');

function snapshot(key: string, fill: number): { key: string; bytes: ArrayBuffer } {
  return { key, bytes: new Uint8Array(4096).fill(fill).buffer };
}

describe('FsSnapshotStore.load while another client saves', () => {
  it('reads the new snapshot again instead of deleting it as damaged', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'snapshot-race-'));
    const reader = new FsSnapshotStore(dir);
    const other = new FsSnapshotStore(dir);
    await other.save(snapshot('old', 1));
    hooks.beforeBytesRead = () => other.save(snapshot('new', 2)); // between the record and the bytes
    const loaded = await reader.load();
    expect(loaded?.key).toBe('new');
    expect(new Uint8Array(loaded!.bytes)[0]).toBe(2);
    expect((await reader.load())?.key).toBe('new'); // still there
  });

  it('still removes a pair that is really damaged (bytes changed under a record that stays)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'snapshot-damage-'));
    const store = new FsSnapshotStore(dir);
    await store.save(snapshot('k', 1));
    writeFileSync(join(dir, 'python-snapshot.bin'), new Uint8Array(4096).fill(9));
    expect(await store.load()).toBeUndefined();
    expect(await new FsSnapshotStore(dir).load()).toBeUndefined();
  });
});
