/**
 * Where the caller keeps the Python memory snapshot between starts. The worker
 * cannot keep it (its storage globals are removed by the walls), so the pane
 * (or the CLI) stores the bytes with their sha256 beside them and hands them
 * over through the worker API. A store keeps one snapshot: the latest.
 */
import type { PythonSnapshot } from '../../workers/api';
import { sha256Hex } from '../../workers/sha256';

export interface SnapshotStore {
  /** The stored snapshot, only if its bytes still hash to the sha256 kept beside them; a damaged one is deleted. */
  load(): Promise<PythonSnapshot | undefined>;
  /** Replaces the stored snapshot. */
  save(snapshot: PythonSnapshot): Promise<void>;
}

/** The metadata kept beside the bytes. */
export interface SnapshotRecord {
  key: string;
  sha256: string;
  bytes: number;
}

export async function recordFor(snapshot: PythonSnapshot): Promise<SnapshotRecord> {
  return { key: snapshot.key, sha256: await sha256Hex(snapshot.bytes), bytes: snapshot.bytes.byteLength };
}

/** True when the bytes are exactly what the record describes. */
export async function matchesRecord(bytes: ArrayBuffer, record: SnapshotRecord): Promise<boolean> {
  return bytes.byteLength === record.bytes && (await sha256Hex(bytes)) === record.sha256;
}

export function isSnapshotRecord(value: unknown): value is SnapshotRecord {
  const r = value as Partial<SnapshotRecord> | null;
  return typeof r === 'object' && r !== null && typeof r.key === 'string' && typeof r.sha256 === 'string' && /^[0-9a-f]{64}$/.test(r.sha256) && typeof r.bytes === 'number';
}
