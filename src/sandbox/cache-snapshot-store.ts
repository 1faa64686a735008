/**
 * The pane's snapshot store: Cache Storage of our own origin, one entry, the
 * record (key, sha256, size) in a header beside the bytes. The service
 * worker's precache never touches this cache (its own caches have other names).
 */
import type { PythonSnapshot } from '../../workers/api';
import { isSnapshotRecord, matchesRecord, recordFor, type SnapshotStore } from './snapshot-store';

export const SNAPSHOT_CACHE = 'excel-ai-python-snapshot';
const RECORD_HEADER = 'x-excel-ai-snapshot';

export class CacheStorageSnapshotStore implements SnapshotStore {
  /** The entry's URL: under our origin, never fetched from the network. */
  private readonly url: string;

  constructor(base: string = self.location.href) {
    this.url = new URL('excel-ai-python-snapshot.bin', base).href;
  }

  async load(): Promise<PythonSnapshot | undefined> {
    const cache = await caches.open(SNAPSHOT_CACHE);
    const response = await cache.match(this.url);
    if (!response) return undefined;
    let record: unknown;
    try {
      record = JSON.parse(response.headers.get(RECORD_HEADER) ?? 'null');
    } catch {
      record = undefined;
    }
    const bytes = await response.arrayBuffer();
    if (!isSnapshotRecord(record) || !(await matchesRecord(bytes, record))) {
      await cache.delete(this.url);
      return undefined;
    }
    return { key: record.key, bytes };
  }

  async save(snapshot: PythonSnapshot): Promise<void> {
    const record = await recordFor(snapshot);
    const cache = await caches.open(SNAPSHOT_CACHE);
    await cache.put(
      this.url,
      new Response(snapshot.bytes, { headers: { 'content-type': 'application/octet-stream', [RECORD_HEADER]: JSON.stringify(record) } }),
    );
  }
}
