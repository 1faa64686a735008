/**
 * The CLI's snapshot store: two files in the cache folder, the bytes and the
 * record (key, sha256, size) beside them, each written whole then renamed.
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { PythonSnapshot } from '../../workers/api';
import { isSnapshotRecord, matchesRecord, recordFor, type SnapshotStore } from './snapshot-store';

export class FsSnapshotStore implements SnapshotStore {
  private readonly bytesPath: string;
  private readonly recordPath: string;

  constructor(private readonly dir: string) {
    this.bytesPath = join(dir, 'python-snapshot.bin');
    this.recordPath = join(dir, 'python-snapshot.json');
  }

  async load(): Promise<PythonSnapshot | undefined> {
    let record: unknown;
    let bytes: ArrayBuffer;
    try {
      record = JSON.parse(await readFile(this.recordPath, 'utf8'));
      const file = await readFile(this.bytesPath);
      bytes = file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer;
    } catch {
      return undefined;
    }
    if (!isSnapshotRecord(record) || !(await matchesRecord(bytes, record))) {
      await Promise.all([rm(this.bytesPath, { force: true }), rm(this.recordPath, { force: true })]);
      return undefined;
    }
    return { key: record.key, bytes };
  }

  async save(snapshot: PythonSnapshot): Promise<void> {
    const record = await recordFor(snapshot);
    await mkdir(this.dir, { recursive: true });
    // Several clients (processes, or several in one process) may save at once: each writes its own part files.
    const part = `.${process.pid}.${randomUUID()}.part`;
    // The record goes last: a reader never pairs it with half-written bytes.
    await rm(this.recordPath, { force: true });
    await writeFile(this.bytesPath + part, new Uint8Array(snapshot.bytes));
    await rename(this.bytesPath + part, this.bytesPath);
    await writeFile(this.recordPath + part, JSON.stringify(record));
    await rename(this.recordPath + part, this.recordPath);
  }
}
