/**
 * The one contract between the pane (or the CLI) and the Python sandbox.
 * Both sides import these types; nothing else crosses the boundary.
 *
 * Results and errors are values: a failed run is `{ ok: false, error }`,
 * never a thrown exception whose message someone has to parse.
 */
import type { Remote } from 'comlink';

/**
 * Why a run did not produce a result. The one list of kinds: the server's wire schema,
 * its result mapper and the runner's parser all take it from here.
 * - precheck: the AST pre-check refused the code before anything ran.
 * - python: the code ran and raised a Python exception (or was stopped by the runtime guard).
 * - timeout / memory: the run passed its time or memory limit; the worker was replaced.
 * - cancelled: the user (or the caller) cancelled the run.
 * - blocked: the code tried to leave the sandbox and a platform wall stopped it; the worker was replaced.
 * - input: an input could not be used (unreadable, too large, bad name).
 * - package: a package the code imports (pandas...) could not be downloaded, verified or installed; the code did not run.
 * - internal: a fault of the sandbox itself (failed start, crashed worker). Not the code's fault.
 */
export const SANDBOX_ERROR_KINDS = ['precheck', 'python', 'timeout', 'memory', 'cancelled', 'blocked', 'input', 'package', 'internal'] as const;
export type SandboxErrorKind = (typeof SANDBOX_ERROR_KINDS)[number];

export interface SandboxError {
  kind: SandboxErrorKind;
  /** One or two sentences a user (and the model) can act on. */
  message: string;
  /** Python traceback, limited to frames of the user's code. */
  traceback?: string;
  /** 1-based line in the user's code, when known. */
  line?: number;
  /** 1-based column in the user's code, when known (precheck). */
  column?: number;
  /** Every rule the pre-check found broken, for precheck errors. */
  violations?: PrecheckViolation[];
  /** The sandbox instance cannot be reused after this error; the caller replaces it. */
  fatal?: boolean;
  /** What was missing and what exists instead, when runner.py could tell (advisory: it comes from inside the sandbox). */
  cause?: FailureCause;
}

/** A sheet, column or file the code asked for that does not exist, and the names that do. */
export interface FailureCause {
  /** missing-key: a name looked up in the code's own data (a dict of a row, say). */
  kind: 'missing-sheet' | 'missing-column' | 'missing-file' | 'missing-key';
  name: string;
  available: string[];
}

export interface PrecheckViolation {
  /** Stable rule id, e.g. `import-not-allowed`, `dunder-attribute`, `forbidden-builtin`. */
  rule: string;
  message: string;
  line: number;
  column: number;
}

/** A file handed to the sandbox. Bytes cross the boundary as a transferable buffer. */
export interface InputFile {
  /** Original file name; the code sees it at `/input/<name>`. */
  name: string;
  bytes: ArrayBuffer;
}

/** A file the code wrote under `/output/`. */
export interface OutputFile {
  /** Path relative to `/output/` (may contain sub-folders). */
  name: string;
  bytes: ArrayBuffer;
}

export interface RunLimits {
  /** Wall-clock limit in milliseconds, enforced from outside the worker. */
  timeoutMs: number;
  /** Upper bound of the Python heap, in MiB. */
  memoryMb: number;
  /** Cap on captured stdout and on stderr, each, in bytes. */
  maxStreamBytes: number;
  /** Cap on the sum of all output files, in bytes. */
  maxOutputBytes: number;
  /** Cap on the number of output files. */
  maxOutputFiles: number;
}

export const DEFAULT_LIMITS: RunLimits = {
  timeoutMs: 120_000,
  memoryMb: 2048,
  maxStreamBytes: 1_000_000,
  maxOutputBytes: 200 * 1024 * 1024,
  maxOutputFiles: 1000,
};

export interface RunRequest {
  code: string;
  inputs: InputFile[];
  limits?: Partial<RunLimits>;
  /**
   * Tests only: run without the AST pre-check, to prove that the runtime walls
   * hold on their own. The pane and the CLI never set it.
   */
  skipPrecheck?: boolean;
}

interface RunCommon {
  stdout: string;
  stderr: string;
  /** True when stdout or stderr passed `maxStreamBytes` and was cut. */
  streamsTruncated: boolean;
  durationMs: number;
}

export type RunResult =
  | (RunCommon & { ok: true; outputs: OutputFile[] })
  | (RunCommon & { ok: false; error: SandboxError });

/** A run that did not produce a result: no streams unless given, the time it took. */
export function failedRun(error: SandboxError, durationMs: number, streams: Pick<RunCommon, 'stdout' | 'stderr' | 'streamsTruncated'> = { stdout: '', stderr: '', streamsTruncated: false }): Extract<RunResult, { ok: false }> {
  return { ok: false, error, ...streams, durationMs };
}

export type PrecheckResult = { ok: true } | { ok: false; error: SandboxError };

/** What the started runtime can do: the model is told this, so it writes code for the real sandbox. */
/** What starting the sandbox gives: the runtime's description, or why it could not start. */
export type StartResult = { ok: true; info: RuntimeInfo } | { ok: false; error: SandboxError };

export interface RuntimeInfo {
  pythonVersion: string;
  /** e.g. "pyodide 314.0.7" or "cpython". */
  runtime: string;
  /** Importable third-party packages with versions, e.g. { openpyxl: "3.0.9" }. */
  packages: Record<string, string>;
  /**
   * Packages not loaded yet that the caller loads on first import, from the
   * package source (e.g. { pandas: "3.0.2" }). Set by the pane's or the CLI's
   * SandboxClient when it has a package source; the sandbox itself never fetches.
   */
  onDemandPackages?: Record<string, string>;
  startMs: number;
  /** How Python started: restored from a memory snapshot, or loaded from scratch. */
  startedFrom?: 'snapshot' | 'fresh';
  /** Why an offered snapshot was not used (stale, corrupt, refused by Pyodide); the start was fresh instead. */
  snapshotRefused?: string;
  /** Tests only: walls 1-3 are off in this sandbox (EXCEL_AI_TEST_WALLS_OFF=1 / ?test-walls-off=1). Never set in real use. */
  testWallsOff?: true;
}

// ---------------------------------------------------------------------------
// Packages loaded on demand. The caller downloads and verifies the files (the
// worker cannot reach other hosts, by design) and hands over the bytes.

/** One package of Pyodide's lock file (the fields we use). */
export interface PackageMeta {
  name: string;
  version: string;
  file_name: string;
  sha256: string;
  depends: string[];
  imports: string[];
  install_dir: 'site' | 'dynlib';
  package_type: string;
}

/** A verified package file; bytes cross the boundary as a transferable buffer. */
export interface PackageFile {
  meta: PackageMeta;
  bytes: ArrayBuffer;
}

export type MissingImportsResult = { ok: true; modules: string[] } | { ok: false; error: SandboxError };

export type InstallPackagesResult =
  | { ok: true; installed: string[]; info: RuntimeInfo }
  | { ok: false; error: SandboxError };

// ---------------------------------------------------------------------------
// Profiles: what the profiler (workers/python/input_profile/) reports about each input. The model sees this, never raw data.

/** A cell's value as plain data; empty is null. */
export type CellValue = string | number | boolean | null;

export type ColumnType = 'integer' | 'number' | 'text' | 'date' | 'datetime' | 'boolean' | 'mixed' | 'empty';

export interface ColumnProfile {
  name: string;
  /** 0-based position in the sheet's used range. */
  index: number;
  /** Column letter in the sheet, e.g. "C". Empty for CSV. */
  letter: string;
  type: ColumnType;
  /** Counts over the scanned rows. */
  nonEmpty: number;
  missing: number;
  /** Counts per type seen, when mixed (e.g. { number: 95, text: 5 }). */
  typeCounts?: Record<string, number>;
  min?: CellValue;
  max?: CellValue;
  /** Distinct values among the scanned rows (text compared case- and space-insensitively). */
  distinct?: number;
  /** Every scanned value differs: a candidate key column. */
  unique?: boolean;
  /** Numeric columns: mean, and values more than 3 standard deviations from it. */
  mean?: number;
  outliers?: number;
}

export interface TableProfile {
  name: string;
  /** A1-style range including the header row, e.g. "B3:F120". */
  ref: string;
  columns: string[];
  /** Data rows (excluding header and totals). */
  rowCount: number;
}

export interface SheetProfile {
  name: string;
  state: 'visible' | 'hidden' | 'veryHidden';
  /** Used range, e.g. "A1:F1001"; null for an empty sheet. */
  dimensions: string | null;
  /** Rows in the used range (including header and titles). */
  rowCount: number;
  columnCount: number;
  /** 1-based row of the detected header, or null if none was found. */
  headerRow: number | null;
  columns: ColumnProfile[];
  /** A few data rows after the header, values only, long text cut. */
  sampleRows: CellValue[][];
  tables: TableProfile[];
  mergedCells: string[];
  formulaCount: number;
  /** Rows scanned for types; less than rowCount when the sheet was sampled. */
  scannedRows: number;
  /** Scanned rows that repeat an earlier row exactly. */
  duplicateRows: number;
}

export interface FileProfile {
  name: string;
  size: number;
  format: 'xlsx' | 'xlsm' | 'csv' | 'xls' | 'unknown';
  sheets: SheetProfile[];
  /** CSV only: detected encoding and delimiter. */
  encoding?: string;
  delimiter?: string;
  hasVba?: boolean;
  definedNames?: string[];
  /** Set when the file could not be profiled: what happened and what to do. */
  error?: string;
  /** Things worth telling the user, e.g. "sheet 'Q3' has merged cells in its header". */
  warnings: string[];
}

export type ProfileResult =
  | { ok: true; files: FileProfile[]; durationMs: number }
  | { ok: false; error: SandboxError; durationMs: number };

// ---------------------------------------------------------------------------
// Start-up and progress.

export interface StartOptions {
  /**
   * Where Pyodide's core files are served from (our own origin in the browser,
   * a folder in Node). Never a CDN.
   */
  indexURL: string;
  /** Where the bundled pure-Python packages (openpyxl, et_xmlfile) come from. */
  bundleURL: string;
  /**
   * A memory snapshot of an earlier start to restore instead of starting Python
   * from scratch (see workers/runtime/snapshot.ts). The caller has checked its
   * sha256; the sandbox checks its key and falls back to a fresh start when it
   * cannot be used, never failing the start because of it.
   */
  snapshot?: PythonSnapshot;
  /** On a fresh start, take a snapshot before any user code runs and keep it for takeSnapshot(). */
  makeSnapshot?: boolean;
}

/**
 * The Python heap right after start-up (standard library, openpyxl and the
 * sandbox modules imported; no user code, input or model output ever seen).
 * The key names the format, the Pyodide version and the bundle hash it is valid for.
 */
export interface PythonSnapshot {
  key: string;
  bytes: ArrayBuffer;
}

export type TakeSnapshotResult = { ok: true; snapshot: PythonSnapshot } | { ok: false; error: SandboxError };

export type SandboxProgress =
  | { stage: 'loading-python' }
  | { stage: 'loading-packages'; packages: string[] }
  | { stage: 'ready'; info: RuntimeInfo }
  | { stage: 'profiling'; file: string }
  | { stage: 'running' };

// ---------------------------------------------------------------------------
// Workbook files: our own Python (workers/python/snapshot_xlsx.py, sheet_rows.py, workbook_risks.py), called by name.
// The pane never parses .xlsx itself; these calls never run the model's code.

/** Which number formats a snapshot keeps: one usual format per column plus runs of rows where a column differs. */
export interface SheetFormats {
  /** The usual kept format of each column, or null. */
  columns: (string | null)[];
  /** [first row, last row, column, format]: rows (0-based, inclusive, within the read range) where a column differs. */
  runs: [number, number, number, string | null][];
}

export interface SnapshotTable {
  name: string;
  /** A1 range on its sheet, header row included, e.g. "B3:F120". */
  address: string;
  headers: string[];
}

export interface SnapshotSheet {
  name: string;
  /** The range read, e.g. "B3:F120"; null for an empty sheet. */
  address: string | null;
  /** Zero-based position of the range's top-left cell. */
  startRow: number;
  startColumn: number;
  /** Empty cells are null; dates are Excel serial numbers (their number format says they are dates). */
  values: CellValue[][];
  formats: SheetFormats;
  tables: SnapshotTable[];
}

/** The open workbook as the pane read it with Office.js. */
export interface WorkbookSnapshot {
  version: 1;
  sheets: SnapshotSheet[];
}

export interface RiskyFormula {
  sheet: string;
  cell: string;
  /** Where it is when not in a cell: "defined name Leak", "data validation on Sales!A2:A9", "line 3, field 2". */
  place?: string;
  formula: string;
  /** e.g. ["WEBSERVICE"], ["DDE"], ["external reference"]. */
  reasons: string[];
}

/** An address outside the workbook that Excel opens on a click (a link) or fetches when the file opens (a linked picture). */
export interface ExternalTarget {
  /** "link", "linked picture", "linked object", "external <type>". */
  kind: string;
  target: string;
  /** "link on Sales!C2", "in xl/drawings/drawing1.xml". */
  place: string;
}

/** What in a file deserves a warning before Insert or Download. */
export interface FileRiskReport {
  file: string;
  sheets: string[];
  /** The first 50; networkFormulaCount has them all. */
  networkFormulas: RiskyFormula[];
  networkFormulaCount: number;
  /** Parts such as xl/externalLinks/externalLink1.xml. */
  externalLinks: string[];
  /** The first 50; externalTargetCount has them all. */
  externalTargets: ExternalTarget[];
  externalTargetCount: number;
  hasVba: boolean;
}

/** One sheet of a file as rows: the header, what the columns hold, and the rows in pages. */
export interface SheetRows {
  sheet: string;
  headers: string[];
  /** 1-based row of the header in the sheet. */
  headerRow: number | null;
  /** Data rows (the header not counted). */
  rowCount: number;
  /** Dates come as Excel serial numbers; their column has a date format here. */
  numberFormats: (string | null)[];
  types: (string | null)[];
  report: FileRiskReport;
  /** The rows, page by page: each the UTF-8 JSON of a CellValue[][] (parsed only when reached). */
  pages: ArrayBuffer[];
}

/** A workbook call's answer; a file that cannot be used is an `input` error with a sentence about it. */
export type WorkbookAnswer<T> = { ok: true; value: T } | { ok: false; error: SandboxError };

/**
 * The worker's API, exposed with comlink. Every method waits for the one
 * readiness promise; a failed start makes every call answer `internal`.
 */
export interface PythonWorkerApi {
  start(options: StartOptions): Promise<{ ok: true; info: RuntimeInfo } | { ok: false; error: SandboxError }>;
  precheck(code: string): Promise<PrecheckResult>;
  profile(inputs: InputFile[]): Promise<ProfileResult>;
  run(request: RunRequest): Promise<RunResult>;
  /** Top-level modules the code imports that this runtime cannot find (from the AST; nothing runs). */
  missingImports(code: string): Promise<MissingImportsResult>;
  /** Installs verified package files, dependencies first; packages already installed are skipped. */
  installPackages(files: PackageFile[]): Promise<InstallPackagesResult>;
  /** Hands over (once) the snapshot taken during a fresh start with `makeSnapshot`. */
  takeSnapshot(): Promise<TakeSnapshotResult>;
  /** The open workbook's snapshot as an ordinary .xlsx named `name` (tables, formats, dates as dates). */
  snapshotToXlsx(snapshot: WorkbookSnapshot, name: string): Promise<WorkbookAnswer<OutputFile>>;
  /** One sheet of a file (the first when `sheet` is null) as rows, in pages of `pageRows`. */
  sheetRows(file: InputFile, sheet: string | null, pageRows: number): Promise<WorkbookAnswer<SheetRows>>;
  /** Per file, in order: formulas that may reach the network, external links, VBA. */
  inspectWorkbooks(files: InputFile[]): Promise<WorkbookAnswer<FileRiskReport[]>>;
}

/** A started worker (a Web Worker in the browser, a child process in Node), as its client holds it. */
export interface SandboxConnection {
  api: Remote<PythonWorkerApi>;
  terminate(): void;
  /** Settles with a reason when the worker or process dies on its own. */
  exited: Promise<string>;
}

/** The longest file name (in UTF-8 bytes) that every file system the sandboxes use accepts. */
export const MAX_FILE_NAME_BYTES = 255;

/**
 * The one rule for a file's name wherever it becomes a path: /input/<name> in every
 * sandbox, a file on the server's disk, a recipe's file parameter. A single plain
 * segment: no separators, no control characters, not '.' or '..', not longer than a
 * file system allows. Returns why a name is refused, or null when it is fine.
 */
export function fileNameProblem(name: string): string | null {
  if (name.length === 0) return 'the file name is empty';
  if (new TextEncoder().encode(name).byteLength > MAX_FILE_NAME_BYTES) return `the file name is longer than ${MAX_FILE_NAME_BYTES} bytes`;
  if (/[/\\]/.test(name)) return 'the file name contains a slash';
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'the file name contains a control character';
  if (name === '.' || name === '..') return `the file name is '${name}'`;
  return null;
}

export const isSafeFileName = (name: string): boolean => fileNameProblem(name) === null;

/** Anything thrown, as text for a message: an Error's message, a string as it is, never `[object Object]`. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  try {
    return JSON.stringify(error) ?? String(error);
  } catch {
    return String(error);
  }
}
