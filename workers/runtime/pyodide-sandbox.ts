/**
 * The sandbox itself: one Pyodide instance, its virtual file system and its
 * walls. It knows nothing of workers or processes; python.worker.ts (browser)
 * and node/child.ts (CLI, tests) host it and supply the platform's walls.
 */
import type { PyodideAPI } from 'pyodide';
import type { PyProxy } from 'pyodide/ffi';
import {
  DEFAULT_LIMITS,
  describeError,
  failedRun,
  type InstallPackagesResult,
  type MissingImportsResult,
  type PackageFile,
  type InputFile,
  type PrecheckResult,
  type ProfileResult,
  type PythonWorkerApi,
  type RunRequest,
  type RunResult,
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
import { formatMiB, isBlockedEscape, isFatal, isPermissionRefusal, isStackOverflow, memoryError, ownMemoryError, sandboxError } from './errors';
import { memoryCapRefused, setMemoryCap } from './memory-cap';
import { RawStreamSink, capText } from './stream-cap';
import { PackageLoadError } from './package-error';
import { MISSING_IMPORTS_PY, installWheel } from './package-install';
import { parseRunnerResult, parseViolations, type RunnerOutcome } from './python-result';
import { INPUT_DIR, OUTPUT_DIR, VirtualFs, checkInputs } from './virtual-fs';
import * as workbookFiles from './workbook-files';
import { transfer } from 'comlink';
import { startPython, type SandboxPlatform, type Started } from './python-start';

/**
 * Packages loaded on demand go into a fresh folder per install (…/1, …/2),
 * appended to sys.path and made read-only once unpacked. Python's own
 * site-packages lives under /lib, which is read-only for good after start.
 */
const PACKAGES_DIR = '/opt/excel-ai-packages';
const MIB = 1024 * 1024;


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
    this.started ??= startPython(this.platform, options, { stdout: this.rawStdout, stderr: this.rawStderr }).then(({ started, snapshot }) => {
      this.snapshot = snapshot;
      return started;
    });
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

