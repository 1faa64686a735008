/**
 * Memory snapshots of a started Python: what Pyodide's experimental snapshot
 * API needs from us, and the rules that keep a snapshot trustworthy.
 *
 * A snapshot is the whole WebAssembly heap right after our own start-up code
 * imported the standard library, openpyxl and the sandbox modules, before any
 * user code, input file or model output was in that interpreter and before
 * the walls went up. It holds no file system and no JavaScript state: the
 * bundle is unpacked and every wall is applied again after each restore.
 */
import type { loadPyodide as LoadPyodide } from 'pyodide';

/** Bump when what a snapshot holds, or what a restore expects of it, changes. */
export const SNAPSHOT_FORMAT = 1;

export type CreatePyodideModule = NonNullable<NonNullable<Parameters<typeof LoadPyodide>[0]>['createPyodideModule']>;

/** The parts of Emscripten's module the restore needs (not in Pyodide's public types). */
interface HeapModule {
  HEAP8: Int8Array;
  growMemory?: (bytes: number) => unknown;
}

/**
 * The key a snapshot is valid for: format, Pyodide version and the exact Python
 * bundle (the sandbox hashes the bundle together with its start-up Python).
 */
export function snapshotKey(pyodideVersion: string, bundleSha256: string): string {
  return `excel-ai-python-snapshot/${SNAPSHOT_FORMAT}/pyodide-${pyodideVersion}/bundle-${bundleSha256}`;
}

/**
 * Why a snapshot offered under `key` cannot serve this start, or undefined when
 * it may. The Pyodide version is checked again after the restore (and Pyodide
 * itself refuses a snapshot of another build).
 */
export function snapshotKeyProblem(key: string, bundleSha256: string): string | undefined {
  const match = /^excel-ai-python-snapshot\/(\d+)\/pyodide-([^/]+)\/bundle-([0-9a-f]{64})$/.exec(key);
  if (!match) return 'the snapshot key is not one of ours';
  if (Number(match[1]) !== SNAPSHOT_FORMAT) return `the snapshot has format ${match[1]}, this app uses ${SNAPSHOT_FORMAT}`;
  if (match[3] !== bundleSha256) return 'the snapshot was taken with another Python bundle or start-up code';
  return undefined;
}

/** The Pyodide version a key names. */
export function snapshotPyodideVersion(key: string): string | undefined {
  return /\/pyodide-([^/]+)\//.exec(key)?.[1];
}


/** Size of the heap a snapshot holds: the total minus the header whose length is its second u32. */
export function snapshotHeapBytes(snapshot: Uint8Array): number {
  if (snapshot.byteLength < 16 || snapshot.byteOffset % 4 !== 0) throw new Error('the snapshot is too short to be one');
  const header = new Uint32Array(snapshot.buffer, snapshot.byteOffset, 4)[1] ?? 0;
  if (header < 16 || header >= snapshot.byteLength) throw new Error('the snapshot header is damaged');
  return snapshot.byteLength - header;
}

/**
 * Pyodide 314 sizes the heap for a snapshot through Emscripten's INITIAL_MEMORY,
 * which its build ignores (pyodide/pyodide#6254): a snapshot larger than the
 * default 30 MiB heap fails with "offset is out of bounds". Growing the new
 * module's memory to the snapshot's size before Pyodide copies it in fixes that.
 */
export function heapSizedFor(create: CreatePyodideModule, snapshot: Uint8Array): CreatePyodideModule {
  const heapBytes = snapshotHeapBytes(snapshot);
  return async (settings) => {
    const module = await create(settings);
    const heap = module as unknown as HeapModule;
    if (heap.HEAP8.length < heapBytes) {
      if (typeof heap.growMemory !== 'function') throw new Error('this Pyodide build cannot grow its heap for a snapshot');
      heap.growMemory(heapBytes);
      if (heap.HEAP8.length < heapBytes) throw new Error(`could not grow the Python heap to ${heapBytes} bytes for the snapshot`);
    }
    return module;
  };
}

/**
 * Run after every restore, before the walls: random number generators would
 * otherwise repeat the snapshot's sequence in every session. (sys.path is set
 * again by the start-up code itself, which runs on both paths.)
 */
export const AFTER_RESTORE_PY = `
import sys
if "random" in sys.modules:
    sys.modules["random"].seed()
if "tempfile" in sys.modules:
    sys.modules["tempfile"]._name_sequence = None
`;
