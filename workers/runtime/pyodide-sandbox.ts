/**
 * The sandbox itself: one Pyodide instance, its virtual file system and its
 * walls. It knows nothing of workers or processes; python.worker.ts (browser)
 * and node/child.ts (CLI, tests) host it and supply the platform's walls.
 */
import type { PyodideAPI, loadPyodide as LoadPyodide } from 'pyodide';
import type { PyProxy } from 'pyodide/ffi';
import {
  DEFAULT_LIMITS,
  describeError,
  failedRun,
  fileNameProblem,
  type InstallPackagesResult,
  type MissingImportsResult,
  type PackageFile,
  type InputFile,
  type PrecheckResult,
  type ProfileResult,
  type PythonWorkerApi,
  type RunRequest,
  type RunResult,
  type RuntimeInfo,
  type SandboxError,
  type StartOptions,
  type StartResult,
  type FileProfile,
  type PythonSnapshot,
  type TakeSnapshotResult,
  type FileRiskReport,
  type OutputFile,
  type SheetRows,
  type WorkbookAnswer,
  type WorkbookSnapshot,
} from '../api';
import { isBlockedEscape, isFatal, isPermissionRefusal, isStackOverflow, sandboxError } from './errors';
import { FileBudget, type FileBudgetRefusal } from './file-budget';
import { installMemoryCap, memoryCapRefused, setMemoryCap } from './memory-cap';
import { RawStreamSink, capText } from './stream-cap';
import { PackageLoadError } from './package-error';
import { installWheel } from './package-install';
import { parseRunnerResult, parseViolations, type RunnerOutcome } from './python-result';
import { INPUT_DIR, OUTPUT_DIR, VirtualFs } from './virtual-fs';
import * as workbookFiles from './workbook-files';
import { transfer } from 'comlink';
import { sha256Hex } from '../sha256';
import {
  AFTER_RESTORE_PY,
  heapSizedFor,
  snapshotKey,
  snapshotKeyProblem,
  snapshotPyodideVersion,
  type CreatePyodideModule,
} from './snapshot';

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

const RUNTIME_DIR = '/opt/excel-ai';
/**
 * Packages loaded on demand go into a fresh folder per install (…/1, …/2),
 * appended to sys.path and made read-only once unpacked. Python's own
 * site-packages lives under /lib, which is read-only for good after start.
 */
const PACKAGES_DIR = '/opt/excel-ai-packages';
const MIB = 1024 * 1024;

/**
 * Top-level modules a script imports that cannot be found, from its AST only:
 * nothing of the script runs. Modules the lockdown refuses count as present
 * (the pre-check explains those), so they never trigger a download.
 */
const MISSING_IMPORTS_PY = `
import ast, importlib.util, json, sys

def missing_imports(code):
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError):
        return "[]"
    roots = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            names = [node.module]
        else:
            continue
        for name in names:
            root = name.split(".")[0]
            if root and root not in roots:
                roots.append(root)
    missing = []
    for root in roots:
        if root in sys.modules:
            continue
        try:
            if importlib.util.find_spec(root) is None:
                missing.append(root)
        except Exception:
            pass
    return json.dumps(missing)
`;

type Started = { pyodide: PyodideAPI; vfs: VirtualFs; info: RuntimeInfo; wallProblems: string[]; files: FileBudget };

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

export class PyodideSandbox implements PythonWorkerApi {
  private started: Promise<Started> | undefined;
  private missingImportsFn: PyProxy | undefined;
  private packageBatches = 0;
  /** Taken during a fresh start, before any user code; handed over once by takeSnapshot. */
  private snapshot: PythonSnapshot | undefined;
  /** Set after an error Pyodide cannot recover from: this instance answers nothing more. */
  private brokenBy: SandboxError | undefined;
  /**
   * Set once model code has run here. Our own Python (profiles, workbook calls) then
   * refuses: the code may have changed the libraries it relies on. The client replaces
   * the worker before such a call; this is the backstop if it ever does not.
   */
  private ranModelCode = false;
  /** What Python writes to fd 1 and 2 directly (past runner.py's writers), capped per run. */
  private readonly rawStdout = new RawStreamSink();
  private readonly rawStderr = new RawStreamSink();

  constructor(private readonly platform: SandboxPlatform) {}

  start(options: StartOptions): Promise<StartResult> {
    this.started ??= this.load(options);
    return this.started.then(
      (s) => ({ ok: true as const, info: s.info }),
      (error: unknown) => ({
        ok: false as const,
        error: sandboxError('internal', `Python could not start: ${describeError(error)}`),
      }),
    );
  }

  async precheck(code: string): Promise<PrecheckResult> {
    const ready = await this.ready();
    if ('error' in ready) return { ok: false, error: ready.error };
    const violations = parseViolations(JSON.parse(this.callPython(ready.pyodide, 'precheck_json', code)));
    if (!violations.length) return { ok: true };
    return {
      ok: false,
      error: sandboxError('precheck', violations.map((v) => v.message).join('\n'), {
        violations,
        line: violations[0]?.line,
        column: violations[0]?.column,
      }),
    };
  }

  async profile(inputs: InputFile[]): Promise<ProfileResult> {
    const began = performance.now();
    const ready = await this.ownPythonReady();
    if ('error' in ready) return { ok: false, error: ready.error, durationMs: 0 };
    const bad = checkInputs(inputs);
    if (bad) return { ok: false, error: bad, durationMs: 0 };
    try {
      ready.vfs.prepare(inputs);
      setMemoryCap(DEFAULT_LIMITS.memoryMb * MIB);
      const files = JSON.parse(this.callPython(ready.pyodide, 'profile_json', INPUT_DIR)) as FileProfile[];
      return { ok: true, files, durationMs: performance.now() - began };
    } catch (error) {
      return { ok: false, error: this.fromJsError(error), durationMs: performance.now() - began };
    } finally {
      this.clearFiles(ready.vfs);
    }
  }

  async run(request: RunRequest): Promise<RunResult> {
    const began = performance.now();
    const limits = { ...DEFAULT_LIMITS, ...request.limits };
    const failed = (error: SandboxError, streams?: Pick<RunResult, 'stdout' | 'stderr' | 'streamsTruncated'>): RunResult => failedRun(error, performance.now() - began, streams);

    const ready = await this.ready();
    if ('error' in ready) return failed(ready.error);
    if (ready.wallProblems.length) {
      return failed(
        sandboxError(
          'internal',
          `The sandbox refuses to run code because a safety wall is missing: ${ready.wallProblems.join(' ')}`,
        ),
      );
    }
    const bad = checkInputs(request.inputs);
    if (bad) return failed(bad);

    const { vfs, files, pyodide } = ready;
    const limitBytes = limits.memoryMb * MIB;
    try {
      vfs.prepare(request.inputs);
      this.rawStdout.reset(limits.maxStreamBytes);
      this.rawStderr.reset(limits.maxStreamBytes);
      // From here on heap + files share the limit, checked at every heap grow and every file write.
      files.begin(limitBytes);
      setMemoryCap(limitBytes, () => files.fileBytes);
      let answer: string;
      this.ranModelCode = true;
      try {
        answer = this.callPython(pyodide, 'run_json', request.code, INPUT_DIR, OUTPUT_DIR, limits.maxStreamBytes, request.skipPrecheck ? 0 : 1, this.platform.testWallsOff ? 1 : 0);
      } finally {
        files.end();
        setMemoryCap(Number.POSITIVE_INFINITY);
      }
      // Everything below is the supervisor's: the answer is what the code says about itself.
      const outcome = readAnswer(answer, limits.maxStreamBytes);
      const streams = this.cappedStreams(outcome, limits.maxStreamBytes);
      if (memoryCapRefused() || files.refused) return failed(memoryError(limits.memoryMb, files.refused), streams);
      if (!outcome.ok) {
        const error = outcome.error ?? sandboxError('internal', 'The runner failed without saying why.');
        // Python caught JavaScript's refusal as an exception: still an escape attempt.
        return failed(isBlockedEscape(error.message) ? this.fromJsError(error.message) : error, streams);
      }

      const { files: outputs, totalBytes } = vfs.collectOutputs();
      if (outputs.length > limits.maxOutputFiles) {
        return failed(
          sandboxError('python', `The code wrote ${outputs.length} files to /output, more than the ${limits.maxOutputFiles} allowed. Write only the files the request needs.`),
          streams,
        );
      }
      if (totalBytes > limits.maxOutputBytes) {
        return failed(
          sandboxError(
            'python',
            `The code wrote ${formatMiB(totalBytes)} to /output, more than the ${formatMiB(limits.maxOutputBytes)} allowed. Write only the result the request needs.`,
          ),
          streams,
        );
      }
      // The outputs are buffers of their own: they move to the caller instead of being copied.
      return transfer({ ok: true, outputs, ...streams, durationMs: performance.now() - began }, outputs.map((o) => o.bytes));
    } catch (error) {
      if (memoryCapRefused() || files.refused) return failed(memoryError(limits.memoryMb, files.refused));
      return failed(this.fromJsError(error));
    } finally {
      setMemoryCap(Number.POSITIVE_INFINITY);
      this.clearFiles(vfs);
    }
  }

  /** runner.py's streams cut to the cap, then what reached fd 1/2 directly, all within the same cap. */
  private cappedStreams(outcome: RunnerOutcome, maxBytes: number): { stdout: string; stderr: string; streamsTruncated: boolean } {
    const join = (reported: string, raw: RawStreamSink) => {
      const rawText = raw.text();
      const capped = capText(rawText ? `${reported}${reported && !reported.endsWith('\n') ? '\n' : ''}${rawText}` : reported, maxBytes);
      return { text: capped.text, truncated: capped.truncated || raw.dropped };
    };
    const out = join(outcome.stdout, this.rawStdout);
    const err = join(outcome.stderr, this.rawStderr);
    // The runner's own "truncated" is believed only when it says so: it can cut, never uncut.
    return { stdout: out.text, stderr: err.text, streamsTruncated: out.truncated || err.truncated || outcome.streamsTruncated };
  }

  async missingImports(code: string): Promise<MissingImportsResult> {
    const ready = await this.ready();
    if ('error' in ready) return { ok: false, error: ready.error };
    try {
      if (!this.missingImportsFn) {
        const namespace = ready.pyodide.toPy({}) as PyProxy;
        try {
          ready.pyodide.runPython(MISSING_IMPORTS_PY, { globals: namespace });
          this.missingImportsFn = (namespace as PyProxy & { get(key: string): PyProxy }).get('missing_imports');
        } finally {
          namespace.destroy();
        }
      }
      const fn = this.missingImportsFn as PyProxy & ((code: string) => string);
      return { ok: true, modules: JSON.parse(fn(code)) as string[] };
    } catch (error) {
      return { ok: false, error: sandboxError('internal', `The sandbox could not read the code's imports: ${describeError(error)}`) };
    }
  }

  async installPackages(files: PackageFile[]): Promise<InstallPackagesResult> {
    const ready = await this.ready();
    if ('error' in ready) return { ok: false, error: ready.error };
    const { pyodide, vfs, info } = ready;
    const todo = files.filter((f) => pyodide.loadedPackages[f.meta.name] === undefined);
    if (!todo.length) return { ok: true, installed: [], info };
    const dir = `${PACKAGES_DIR}/${++this.packageBatches}`;
    const installed: string[] = [];
    try {
      pyodide.FS.mkdirTree(dir);
      const dynlibs: string[] = [];
      for (const file of todo) {
        const result = await installWheel(pyodide, new Uint8Array(file.bytes), file.meta, { sitePackages: dir, source: 'excel-ai package source' });
        if (file.meta.install_dir === 'dynlib') dynlibs.push(...result.dynlibs);
        installed.push(file.meta.name);
        info.packages[file.meta.name] = file.meta.version;
      }
      // Appended, so a package can never shadow the standard library or our own modules.
      pyodide.runPython(`import sys, importlib\nif ${JSON.stringify(dir)} not in sys.path: sys.path.append(${JSON.stringify(dir)})\nimportlib.invalidate_caches()`);
      vfs.makeReadOnly(dir);
      for (const lib of dynlibs) vfs.makeReadOnly(lib);
      return { ok: true, installed, info };
    } catch (error) {
      // Half a package set may be on disk: this instance is replaced rather than trusted.
      const name = error instanceof PackageLoadError && error.packageName ? error.packageName : todo[installed.length]?.meta.name;
      this.brokenBy = sandboxError('package', `Package "${name ?? '?'}" could not be installed in Python: ${describeError(error)} Python will restart; try again.`, { fatal: true });
      return { ok: false, error: this.brokenBy };
    }
  }

  async takeSnapshot(): Promise<TakeSnapshotResult> {
    const ready = await this.ready();
    if ('error' in ready) return { ok: false, error: ready.error };
    const snapshot = this.snapshot;
    this.snapshot = undefined;
    if (!snapshot) return { ok: false, error: sandboxError('internal', 'This start took no snapshot (it was restored from one, or none was asked for).') };
    return { ok: true, snapshot };
  }

  snapshotToXlsx(snapshot: WorkbookSnapshot, name: string): Promise<WorkbookAnswer<OutputFile>> {
    return this.ownPython([], (room) => workbookFiles.snapshotToXlsx(room, snapshot, name), (file) => [file.bytes]);
  }

  sheetRows(file: InputFile, sheet: string | null, pageRows: number): Promise<WorkbookAnswer<SheetRows>> {
    return this.ownPython([file], (room) => workbookFiles.sheetRows(room, file, sheet, pageRows), (rows) => rows.pages);
  }

  inspectWorkbooks(files: InputFile[]): Promise<WorkbookAnswer<FileRiskReport[]>> {
    return this.ownPython(files, (room) => workbookFiles.inspectWorkbooks(room, files), () => []);
  }

  /**
   * One call of our own Python on files: the inputs' names checked, heap and files
   * under the default memory limit, the folders emptied afterwards, buffers moved out.
   */
  private async ownPython<T>(inputs: InputFile[], job: (room: workbookFiles.Room) => WorkbookAnswer<T>, buffers: (value: T) => ArrayBuffer[]): Promise<WorkbookAnswer<T>> {
    const ready = await this.ownPythonReady();
    if ('error' in ready) return { ok: false, error: ready.error };
    const bad = checkInputs(inputs);
    if (bad) return { ok: false, error: bad };
    const { vfs, files, pyodide } = ready;
    const limits = DEFAULT_LIMITS;
    try {
      files.begin(limits.memoryMb * MIB);
      setMemoryCap(limits.memoryMb * MIB, () => files.fileBytes);
      let answer: WorkbookAnswer<T>;
      try {
        answer = job({ vfs, call: (fn, ...args) => this.callPython(pyodide, fn, ...args) });
      } finally {
        files.end();
        setMemoryCap(Number.POSITIVE_INFINITY);
      }
      if (memoryCapRefused() || files.refused) return { ok: false, error: ownMemoryError(limits.memoryMb) };
      return answer.ok ? transfer(answer, buffers(answer.value)) : answer;
    } catch (error) {
      if (memoryCapRefused() || files.refused) return { ok: false, error: ownMemoryError(limits.memoryMb) };
      return { ok: false, error: this.fromJsError(error) };
    } finally {
      setMemoryCap(Number.POSITIVE_INFINITY);
      this.clearFiles(vfs);
    }
  }

  /** Ready for our own Python: started, and no model code has run in this interpreter. */
  private async ownPythonReady(): Promise<Started | { error: SandboxError }> {
    if (this.ranModelCode) return { error: sandboxError('internal', 'This interpreter has run model code, so it no longer answers for its checks; the add-in should have replaced it. Try again, and please report it.', { fatal: true }) };
    return this.ready();
  }

  private async load(options: StartOptions): Promise<Started> {
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
    const bundle = await this.platform.readRuntimeFile(options.bundleURL);
    // The snapshot key covers the bundle and the start-up Python that ran before the snapshot was taken.
    const bundleSha256 = await sha256Hex(concatBytes(bundle, new TextEncoder().encode(START_UP_PY)));

    let snapshotRefused: string | undefined;
    let restored: { pyodide: PyodideAPI; versions: string } | undefined;
    if (options.snapshot) {
      try {
        restored = await this.restore(base, options.snapshot, bundle, bundleSha256);
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
      pyodide = await this.platform.loadPyodide({ ...base, _makeSnapshot: options.makeSnapshot === true });
      versions = startUp(pyodide, bundle);
      // Here, and only here: our own start-up has run, nothing else has, and no wall is up yet.
      if (options.makeSnapshot) this.snapshot = snapshotOfHeap(pyodide, bundleSha256);
    }

    // Everything below is applied on both paths: none of it is in a snapshot.
    // Python keeps the functions; JavaScript keeps no other handle into Python.
    pyodide.unregisterJsModule('js');
    pyodide.unregisterJsModule('pyodide_js');
    pyodide.runPython('import pyodide_lockdown; pyodide_lockdown.install()');

    // fd 1/2 written directly go to capped sinks; Pyodide's own line buffering would keep an endless line whole.
    pyodide.setStdout({ write: (buffer: Uint8Array) => this.rawStdout.write(buffer) });
    pyodide.setStderr({ write: (buffer: Uint8Array) => this.rawStderr.write(buffer) });
    const files = new FileBudget(pyodide, () => heapBytes(pyodide));
    const vfs = new VirtualFs(pyodide);
    vfs.makeReadOnly(RUNTIME_DIR);
    vfs.makeReadOnly('/lib');
    this.platform.lockdown();
    const wallProblems = await this.platform.checkWalls();

    const parsed = JSON.parse(versions) as { python: string; openpyxl: string };
    const info: RuntimeInfo = {
      pythonVersion: parsed.python,
      runtime: `pyodide ${pyodide.version} (${this.platform.name})`,
      packages: { openpyxl: parsed.openpyxl },
      startMs: Math.round(performance.now() - began),
      startedFrom: restored ? 'snapshot' : 'fresh',
      ...(snapshotRefused ? { snapshotRefused } : {}),
      ...(this.platform.testWallsOff ? { testWallsOff: true as const } : {}),
    };
    return { pyodide, vfs, info, wallProblems, files };
  }

  /** Starts Python from a snapshot; throws (and the caller starts fresh) when it cannot be used. */
  private async restore(base: PyodideOptions, offered: PythonSnapshot, bundle: Uint8Array, bundleSha256: string): Promise<{ pyodide: PyodideAPI; versions: string }> {
    const problem = snapshotKeyProblem(offered.key, bundleSha256);
    if (problem) throw new Error(problem);
    if (!this.platform.loadModuleFactory) throw new Error(`the ${this.platform.name} cannot restore snapshots`);
    const bytes = new Uint8Array(offered.bytes);
    const create = heapSizedFor(await this.platform.loadModuleFactory(base.indexURL ?? ''), bytes);
    const pyodide = await this.platform.loadPyodide({ ...base, _loadSnapshot: bytes, createPyodideModule: create });
    if (pyodide.version !== snapshotPyodideVersion(offered.key)) throw new Error(`the snapshot is for Pyodide ${snapshotPyodideVersion(offered.key) ?? '?'}, this is ${pyodide.version}`);
    pyodide.runPython(AFTER_RESTORE_PY);
    return { pyodide, versions: startUp(pyodide, bundle) };
  }

  private async ready(): Promise<Started | { error: SandboxError }> {
    if (this.brokenBy) return { error: this.brokenBy };
    if (!this.started) return { error: sandboxError('internal', 'The sandbox was used before start().') };
    try {
      return await this.started;
    } catch (error) {
      return { error: sandboxError('internal', `Python could not start: ${describeError(error)}`) };
    }
  }

  /** Calls a function of sandbox_entry.py; arguments are plain values, the answer a JSON string. */
  private callPython(pyodide: PyodideAPI, fn: string, ...args: (string | number)[]): string {
    const entry = pyodide.pyimport('sandbox_entry');
    try {
      const answer: unknown = entry[fn](...args);
      if (typeof answer === 'string') return answer;
      (answer as { destroy?: () => void } | null)?.destroy?.();
      throw new Error('the Python side answered with something other than text');
    } finally {
      entry.destroy();
    }
  }

  /** Classifies a JavaScript error raised while Python ran; marks the instance broken when it must be replaced. */
  private fromJsError(error: unknown): SandboxError {
    const fatal = isFatal(error);
    const broken = (e: SandboxError): SandboxError => {
      this.brokenBy = { ...e, fatal: true };
      return this.brokenBy;
    };
    if (isBlockedEscape(error)) {
      return broken(
        sandboxError(
          'blocked',
          'The code tried to leave the Python sandbox (it reached for JavaScript code generation) and was stopped. Only pandas/openpyxl work on /input and /output is allowed.',
        ),
      );
    }
    if (isPermissionRefusal(error)) {
      return broken(
        sandboxError('blocked', 'The code tried to start a program or reach files outside the sandbox and was stopped. Only pandas/openpyxl work on /input and /output is allowed.'),
      );
    }
    if (isStackOverflow(error)) {
      return broken(
        sandboxError('python', 'The code went too deep (the stack ran out), so Python had to restart. Use loops instead of deep recursion or deeply nested data.'),
      );
    }
    if (fatal) return broken(sandboxError('internal', `Python hit a fatal error and must restart (${describeError(error).split('\n')[0]}).`));
    return sandboxError('internal', `The sandbox failed: ${describeError(error)}`);
  }

  private clearFiles(vfs: VirtualFs): void {
    try {
      // The user's data does not stay in the worker between requests.
      vfs.prepare([]);
    } catch {
      // A broken file system is reported by the next run; nothing to add here.
    }
  }

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

function checkInputs(inputs: InputFile[]): SandboxError | undefined {
  const seen = new Set<string>();
  for (const input of inputs) {
    const problem = fileNameProblem(input.name);
    if (problem) return sandboxError('input', `The file name "${input.name}" cannot be used: ${problem}. Rename the file and add it again.`);
    const key = input.name.toLowerCase();
    if (seen.has(key)) return sandboxError('input', `Two files are named "${input.name}". Rename one of them and add it again.`);
    seen.add(key);
  }
  return undefined;
}

/** The WebAssembly heap's size now (Pyodide's module is not in its public typings). */
function heapBytes(pyodide: PyodideAPI): number {
  const module = (pyodide as unknown as { _module?: { HEAPU8?: Uint8Array } })._module;
  return module?.HEAPU8?.buffer.byteLength ?? 0;
}

/**
 * The answer of run_json, read as a claim: an answer larger than any honest
 * one (each stream is capped at maxStreamBytes, JSON escaping at most 6x) or
 * not a JSON object is a failure, never a success.
 */
function readAnswer(answer: string, maxStreamBytes: number): RunnerOutcome {
  const bad = (why: string): RunnerOutcome => ({
    ok: false,
    stdout: '',
    stderr: '',
    streamsTruncated: false,
    error: sandboxError('internal', `The sandbox's answer could not be trusted (${why}), so the run counts as failed. Try again; if it happens again, the code is tampering with the sandbox.`),
  });
  if (answer.length > 12 * maxStreamBytes + 4 * MIB) return bad('it was far larger than any result');
  let raw: unknown;
  try {
    raw = JSON.parse(answer);
  } catch {
    return bad('it was not valid JSON');
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return bad('it was not a result');
  return parseRunnerResult(raw as Record<string, unknown>, 'inside');
}

/** The run passed its memory limit as the supervisor saw it: a heap grow or a file write refused. */
function memoryError(memoryMb: number, files: FileBudgetRefusal | undefined): SandboxError {
  const message = files
    ? `The code used more than the ${memoryMb} MB memory limit: files it writes count too, and it tried to hold ${formatMiB(files.wantedFileBytes)} in files besides ${formatMiB(files.heapBytes)} of working memory. Write smaller files or process less at once.`
    : `The code used more than the ${memoryMb} MB memory limit. Process less at once: read only the columns you need (usecols=...), fewer rows (nrows=...), and avoid large intermediate copies.`;
  return sandboxError('memory', message);
}

/** Our own Python ran out of memory: the file, not any code, is the cause. */
function ownMemoryError(memoryMb: number): SandboxError {
  return sandboxError('memory', `reading it needed more than the ${memoryMb} MB the sandbox may use. Make the result smaller (fewer rows or columns), or split it into several files.`);
}

function formatMiB(bytes: number): string {
  return `${(bytes / MIB).toFixed(1)} MB`;
}
