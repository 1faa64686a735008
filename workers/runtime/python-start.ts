/**
 * Python's start: Pyodide loaded from our own files (or restored from a memory snapshot),
 * our bundle unpacked, our start-up Python run, then the walls put up. The platform
 * (browser worker or Node process) supplies what differs between hosts.
 */
import type { PyodideAPI, loadPyodide as LoadPyodide } from 'pyodide';
import { describeError, type PythonSnapshot, type RuntimeInfo, type StartOptions } from '../api';
import { sha256Hex } from '../sha256';
import { FileBudget } from './file-budget';
import { installMemoryCap, setMemoryCap } from './memory-cap';
import { AFTER_RESTORE_PY, heapSizedFor, snapshotKey, snapshotKeyProblem, snapshotPyodideVersion, type CreatePyodideModule } from './snapshot';
import type { RawStreamSink } from './stream-cap';
import { VirtualFs } from './virtual-fs';
import { READER_MODULE, xlsxReaderForPython, type ReaderFs } from '../xlsx/python-bridge';
import { WRITER_MODULE, xlsxWriterForPython, type WriterFs } from '../xlsx/python-writer';

/** What the host platform (browser worker or Node process) provides. */
export interface SandboxPlatform {
  /** e.g. "browser worker" or "node"; shown in RuntimeInfo. */
  readonly name: string;
  loadPyodide: typeof LoadPyodide;
  /** Reads one of our own runtime files (never another host's). */
  readRuntimeFile(url: string): Promise<Uint8Array>;
  /** Removes network and code-loading capabilities; called once Python is loaded. */
  lockdown(): void;
  /** Checks the platform's walls after lockdown; returns what is missing, in words, with the fix. */
  checkWalls(): Promise<string[]>;
  /** Pyodide's module factory (pyodide.asm.mjs) from indexURL; without it snapshots are never restored. */
  loadModuleFactory?(indexURL: string): Promise<CreatePyodideModule>;
  /**
   * Tests only: runner.py runs the code with walls 1-3 off (real builtins, no
   * pre-check, scan or audit hook), so a test can show what holds outside Python.
   * Set from the host's own test switch (env / worker URL), never from a request.
   */
  readonly testWallsOff?: boolean;
}

type PyodideOptions = NonNullable<Parameters<typeof LoadPyodide>[0]>;

export const RUNTIME_DIR = '/opt/excel-ai';

export type Started = { pyodide: PyodideAPI; vfs: VirtualFs; info: RuntimeInfo; wallProblems: string[]; files: FileBudget };

/**
 * Our start-up Python, the same on a fresh start and after a restore: our
 * folders first on sys.path (once each: Pyodide adds "" again on a restore),
 * then the imports whose state a snapshot keeps.
 */
const START_UP_PY = `
import sys, json
_ours = ["${RUNTIME_DIR}/sandbox", "${RUNTIME_DIR}/site-packages"]
sys.path[:] = _ours + [p for p in dict.fromkeys(sys.path) if p not in _ours]
del _ours
import openpyxl, sandbox_entry
json.dumps({"python": sys.version.split()[0], "openpyxl": openpyxl.__version__})
`;

/**
 * Loads Pyodide (from the offered snapshot when it can be used, else from scratch), runs
 * our start-up Python, and puts the walls up; the snapshot is taken on a fresh start when
 * asked, before any wall and any user code.
 */
export async function startPython(platform: SandboxPlatform, options: StartOptions, sinks: { stdout: RawStreamSink; stderr: RawStreamSink }): Promise<{ started: Started; snapshot?: PythonSnapshot }> {
  const began = performance.now();
  installMemoryCap();
  setMemoryCap(Number.POSITIVE_INFINITY);
  const indexURL = options.indexURL.endsWith('/') ? options.indexURL : `${options.indexURL}/`;
  const base: PyodideOptions = {
    indexURL,
    // Packages resolve against our own files only. Without this Pyodide falls back to its public CDN.
    packageBaseUrl: indexURL,
    lockFileURL: `${indexURL}pyodide-lock.json`,
    // Python's `js` module sees this empty object, not the worker's globals.
    jsglobals: Object.create(null) as object,
    env: { HOME: '/home/pyodide', PYTHONHASHSEED: '0' },
    stdout: () => undefined,
    stderr: () => undefined,
  };
  const bundle = await platform.readRuntimeFile(options.bundleURL);
  // The snapshot key covers the bundle and the start-up Python that ran before the snapshot was taken.
  const bundleSha256 = await sha256Hex(concatBytes(bundle, new TextEncoder().encode(START_UP_PY)));

  let snapshot: PythonSnapshot | undefined;
  let snapshotRefused: string | undefined;
  let restored: { pyodide: PyodideAPI; versions: string } | undefined;
  if (options.snapshot) {
    try {
      restored = await restore(platform, base, options.snapshot, bundle, bundleSha256);
    } catch (error) {
      // Never fatal: the start goes on from scratch and the caller replaces the snapshot.
      snapshotRefused = describeError(error);
    }
  }
  let pyodide: PyodideAPI;
  let versions: string;
  if (restored) {
    ({ pyodide, versions } = restored);
  } else {
    pyodide = await platform.loadPyodide({ ...base, _makeSnapshot: options.makeSnapshot === true });
    versions = startUp(pyodide, bundle);
    // Here, and only here: our own start-up has run, nothing else has, and no wall is up yet.
    if (options.makeSnapshot) snapshot = snapshotOfHeap(pyodide, bundleSha256);
  }

  // Everything below is applied on both paths: none of it is in a snapshot.
  // The fast xlsx reader and writer: their functions go to our openpyxl patches, then the modules are gone.
  pyodide.registerJsModule(READER_MODULE, xlsxReaderForPython(pyodide.FS as ReaderFs));
  pyodide.registerJsModule(WRITER_MODULE, xlsxWriterForPython(pyodide.FS as WriterFs));
  pyodide.runPython(
    `import sys, fast_openpyxl, fast_write_only, ${READER_MODULE}, ${WRITER_MODULE}\n` +
      `fast_openpyxl.install(${READER_MODULE})\nfast_write_only.install(${WRITER_MODULE})\n` +
      `del sys.modules["${READER_MODULE}"], sys.modules["${WRITER_MODULE}"]`,
  );
  pyodide.unregisterJsModule(READER_MODULE);
  pyodide.unregisterJsModule(WRITER_MODULE);
  // Python keeps the functions; JavaScript keeps no other handle into Python.
  pyodide.unregisterJsModule('js');
  pyodide.unregisterJsModule('pyodide_js');
  pyodide.runPython('import pyodide_lockdown; pyodide_lockdown.install()');

  // fd 1/2 written directly go to capped sinks; Pyodide's own line buffering would keep an endless line whole.
  pyodide.setStdout({ write: (buffer: Uint8Array) => sinks.stdout.write(buffer) });
  pyodide.setStderr({ write: (buffer: Uint8Array) => sinks.stderr.write(buffer) });
  const files = new FileBudget(pyodide, () => heapBytes(pyodide));
  const vfs = new VirtualFs(pyodide);
  vfs.makeReadOnly(RUNTIME_DIR);
  vfs.makeReadOnly('/lib');
  platform.lockdown();
  const wallProblems = await platform.checkWalls();

  const parsed = JSON.parse(versions) as { python: string; openpyxl: string };
  const info: RuntimeInfo = {
    pythonVersion: parsed.python,
    runtime: `pyodide ${pyodide.version} (${platform.name})`,
    packages: { openpyxl: parsed.openpyxl },
    startMs: Math.round(performance.now() - began),
    startedFrom: restored ? 'snapshot' : 'fresh',
    ...(snapshotRefused ? { snapshotRefused } : {}),
    ...(platform.testWallsOff ? { testWallsOff: true as const } : {}),
  };
  return { started: { pyodide, vfs, info, wallProblems, files }, ...(snapshot ? { snapshot } : {}) };
}

/** Starts Python from a snapshot; throws (and the caller starts fresh) when it cannot be used. */
async function restore(platform: SandboxPlatform, base: PyodideOptions, offered: PythonSnapshot, bundle: Uint8Array, bundleSha256: string): Promise<{ pyodide: PyodideAPI; versions: string }> {
  const problem = snapshotKeyProblem(offered.key, bundleSha256);
  if (problem) throw new Error(problem);
  if (!platform.loadModuleFactory) throw new Error(`the ${platform.name} cannot restore snapshots`);
  const bytes = new Uint8Array(offered.bytes);
  const create = heapSizedFor(await platform.loadModuleFactory(base.indexURL ?? ''), bytes);
  const pyodide = await platform.loadPyodide({ ...base, _loadSnapshot: bytes, createPyodideModule: create });
  if (pyodide.version !== snapshotPyodideVersion(offered.key)) throw new Error(`the snapshot is for Pyodide ${snapshotPyodideVersion(offered.key) ?? '?'}, this is ${pyodide.version}`);
  pyodide.runPython(AFTER_RESTORE_PY);
  return { pyodide, versions: startUp(pyodide, bundle) };
}

/** Unpacks our bundle (the file system is never in a snapshot) and runs the start-up Python; returns its versions JSON. */
function startUp(pyodide: PyodideAPI, bundle: Uint8Array): string {
  pyodide.unpackArchive(bundle, 'zip', { extractDir: RUNTIME_DIR });
  return pyodide.runPython(START_UP_PY) as string;
}

/** A snapshot of the heap as it is now; undefined when Pyodide cannot make one (the start goes on without). */
function snapshotOfHeap(pyodide: PyodideAPI, bundleSha256: string): PythonSnapshot | undefined {
  try {
    return { key: snapshotKey(pyodide.version, bundleSha256), bytes: ownBuffer(pyodide.makeMemorySnapshot()) };
  } catch {
    return undefined;
  }
}

function concatBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.byteLength + b.byteLength);
  joined.set(a);
  joined.set(b, a.byteLength);
  return joined;
}

/** The bytes in an ArrayBuffer of their own, so they can cross to the caller without the rest. */
function ownBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? (bytes.buffer as ArrayBuffer) : (bytes.slice().buffer as ArrayBuffer);
}

/** The WebAssembly heap's size now (Pyodide's module is not in its public typings). */
function heapBytes(pyodide: PyodideAPI): number {
  const module = (pyodide as unknown as { _module?: { HEAPU8?: Uint8Array } })._module;
  return module?.HEAPU8?.buffer.byteLength ?? 0;
}
