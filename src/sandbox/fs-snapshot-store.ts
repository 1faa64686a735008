/**
 * The CLI's snapshot store: two files in the cache folder, the bytes and the
 * record (key, sha256, size) beside them, each written whole then renamed.
 * The record sits beside the bytes, so its hash only catches damage: what keeps
 * another user from planting a snapshot is the folder, checked private
 * (this user's, 0700, no symlink) before every read and write.
 */
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { PythonSnapshot } from '../../workers/api';
import { isSnapshotRecord, matchesRecord, recordFor, type SnapshotStore } from './snapshot-store';
import { ensurePrivateFolder, writeFilePrivately } from '../../workers/node/private-folder';

export class FsSnapshotStore implements SnapshotStore {
  private readonly bytesPath: string;
  private readonly recordPath: string;

  constructor(private readonly dir: string) {
    this.bytesPath = join(dir, 'python-snapshot.bin');
    this.recordPath = join(dir, 'python-snapshot.json');
  }

  async load(): Promise<PythonSnapshot | undefined> {
    ensurePrivateFolder(this.dir);
    // A save by another client may land between reading the record and the bytes: a pair
    // that disagrees while the record changed under us is a replacement, read again; only
    // a pair that disagrees with the record still in place is damage, and is removed.
    for (let attempt = 0; attempt < 3; attempt++) {
      let recordText: string;
      let bytes: ArrayBuffer;
      try {
        recordText = await readFile(this.recordPath, 'utf8');
        const file = await readFile(this.bytesPath);
        bytes = file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer;
      } catch {
        return undefined;
      }
      let record: unknown;
      try {
        record = JSON.parse(recordText);
      } catch {
        record = undefined;
      }
      if (isSnapshotRecord(record) && (await matchesRecord(bytes, record))) return { key: record.key, bytes };
      const now = await readFile(this.recordPath, 'utf8').catch(() => undefined);
      if (now !== undefined && now !== recordText) continue;
      if (now === undefined) return undefined; // being replaced right now
      await Promise.all([rm(this.bytesPath, { force: true }), rm(this.recordPath, { force: true })]);
      return undefined;
    }
    return undefined;
  }

  async save(snapshot: PythonSnapshot): Promise<void> {
    const record = await recordFor(snapshot);
    ensurePrivateFolder(this.dir);
    // Several clients (processes, or several in one process) may save at once: each writes its own
    // part files (0600, created fresh), renamed in place.
    // The record goes last: a reader never pairs it with half-written bytes.
    await rm(this.recordPath, { force: true });
    writeFilePrivately(this.bytesPath, new Uint8Array(snapshot.bytes));
    writeFilePrivately(this.recordPath, JSON.stringify(record));
  }
}
