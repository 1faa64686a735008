/**
 * A sandbox output (.xlsx) as rows to write back into Excel, and what in it deserves a
 * warning before Insert or Download (formulas that reach the network, external links, VBA).
 * Both run workers/python/workbook_json.py in the sandbox: the file is never parsed here.
 */
import type { OutputFile, SandboxError } from '../../workers/api';
import type { CellValue } from './chunks';
import { decodeText, isSpreadsheetText, textFormulas } from './text-formulas';
import { runWorkbookJson, type SandboxRunner } from './read-workbook';
import type { ResultRows } from './write-result';

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

export interface OutputRows {
  sheet: string;
  headers: string[];
  /** 1-based row of the header in the output sheet. */
  headerRow: number | null;
  rowCount: number;
  /** Dates come as Excel serial numbers; their column has a date format here. */
  numberFormats: (string | null)[];
  types: (string | null)[];
  report: FileRiskReport;
  /** The rows page by page, each parsed only when reached. */
  pages(): Iterable<CellValue[][]>;
}

export const DEFAULT_PAGE_ROWS = 5000;

type Outcome<T> = { ok: true; value: T } | { ok: false; error: SandboxError };

interface RowsReport {
  sheet: string;
  headers: string[];
  headerRow: number | null;
  rowCount: number;
  pages: { name: string; rows: number }[];
  numberFormats: (string | null)[];
  types: (string | null)[];
  report: FileRiskReport;
}

const asInput = (file: OutputFile) => ({ name: baseName(file.name), bytes: file.bytes.slice(0) });
const baseName = (name: string) => name.split('/').pop() ?? name;

function parseJson<T>(file: OutputFile | undefined): T | undefined {
  return file ? (JSON.parse(new TextDecoder().decode(file.bytes)) as T) : undefined;
}

function missing(what: string): { ok: false; error: SandboxError } {
  return { ok: false, error: { kind: 'internal', message: `Reading the result produced no ${what}; this is a bug in the add-in, please report it.` } };
}

/** One sheet of an output file (the first when `sheet` is not given) as headers and paged rows. */
export async function outputToRows(sandbox: SandboxRunner, file: OutputFile, sheet?: string, options: { pageRows?: number; signal?: AbortSignal } = {}): Promise<Outcome<OutputRows>> {
  const input = asInput(file);
  const request = { mode: 'rows', file: input.name, sheet: sheet ?? null, pageRows: options.pageRows ?? DEFAULT_PAGE_ROWS };
  const result = await runWorkbookJson(sandbox, request, [input], options.signal);
  if (!result.ok) return { ok: false, error: { ...result.error, message: `The result ${input.name} could not be read for inserting: ${result.error.message}` } };
  const byName = new Map(result.outputs.map((o) => [o.name, o]));
  const report = parseJson<RowsReport>(byName.get('rows-report.json'));
  if (!report) return missing('rows-report.json');
  const pageFiles = report.pages.map((p) => byName.get(p.name));
  if (pageFiles.some((p) => p === undefined)) return missing('page of rows');
  return {
    ok: true,
    value: {
      sheet: report.sheet,
      headers: report.headers,
      headerRow: report.headerRow,
      rowCount: report.rowCount,
      numberFormats: report.numberFormats,
      types: report.types,
      report: report.report,
      *pages() {
        for (const page of pageFiles) yield parseJson<CellValue[][]>(page) ?? [];
      },
    },
  };
}

/** What writeResult needs from an OutputRows. */
export function toResultRows(rows: OutputRows): ResultRows {
  return { headers: rows.headers, rowCount: rows.rowCount, pages: rows.pages(), numberFormats: rows.numberFormats };
}

/** Workbooks Excel opens; trailing spaces and dots are dropped by Windows, so they do not hide one. */
const isWorkbook = (name: string) => /\.xls[xm][\s.]*$/i.test(name);

/**
 * Per output file: formulas that may reach the network (in cells, defined names,
 * conditional formats and data validation of workbooks; in the fields of text
 * files Excel opens, such as CSV), external link parts, VBA.
 */
export async function inspectOutputs(sandbox: SandboxRunner, files: OutputFile[], options: { signal?: AbortSignal } = {}): Promise<Outcome<FileRiskReport[]>> {
  const texts = files.filter((f) => isSpreadsheetText(f.name)).map(textReport);
  const workbooks = files.filter((f) => isWorkbook(f.name));
  if (workbooks.length === 0) return { ok: true, value: texts };
  // Each under a name openpyxl opens ("2-rates.xlsx" for "rates.xlsx "), unique even when two names differ only in what was dropped.
  const inputs = workbooks.map((f, i) => ({ ...asInput(f), name: `${i + 1}-${baseName(f.name).replace(/[\s.]+$/, '')}` }));
  const result = await runWorkbookJson(sandbox, { mode: 'inspect', files: inputs.map((i) => i.name) }, inputs, options.signal);
  if (!result.ok) return { ok: false, error: { ...result.error, message: `The results could not be checked for risky content: ${result.error.message}` } };
  const reports = parseJson<FileRiskReport[]>(result.outputs.find((o) => o.name === 'inspect-report.json'));
  if (!reports || reports.length !== workbooks.length) return missing('inspect-report.json');
  return { ok: true, value: [...reports.map((report, i) => ({ ...report, file: baseName(workbooks[i]!.name) })), ...texts] };
}

const MAX_LISTED_FORMULAS = 50;

function textReport(file: OutputFile): FileRiskReport {
  const found = textFormulas(decodeText(file.bytes));
  return {
    file: baseName(file.name),
    sheets: [],
    networkFormulas: found.slice(0, MAX_LISTED_FORMULAS).map((f) => ({
      sheet: '',
      cell: '',
      place: `line ${f.line}, field ${f.field}`,
      formula: f.formula.slice(0, 300),
      reasons: f.findings.map((finding) => finding.what),
    })),
    networkFormulaCount: found.length,
    externalLinks: [],
    externalTargets: [],
    externalTargetCount: 0,
    hasVba: false,
  };
}

/** One line per finding, for the warning shown before Insert or Download; empty when nothing was found. */
export function describeRisks(report: FileRiskReport): string[] {
  const lines: string[] = [];
  if (report.hasVba) lines.push(`${report.file} contains macros (VBA). They do not run in this add-in, but Excel may offer to run them when the file is opened.`);
  if (report.externalLinks.length > 0) lines.push(`${report.file} links to ${report.externalLinks.length} other workbook${report.externalLinks.length === 1 ? '' : 's'}; Excel may try to reach them when it opens the file.`);
  if (report.networkFormulaCount > 0) {
    const first = report.networkFormulas.slice(0, 3).map((f) => `${f.place ?? `${f.sheet}!${f.cell}`} (${f.reasons.join(', ')})`).join(', ');
    lines.push(`${report.networkFormulaCount} formula${report.networkFormulaCount === 1 ? '' : 's'} in ${report.file} may reach the network or another program when Excel calculates, e.g. ${first}.`);
  }
  if (report.externalTargetCount > 0) {
    const first = report.externalTargets.slice(0, 3).map((t) => `${t.place} to ${t.target.slice(0, 80)}`).join(', ');
    const pictures = report.externalTargets.some((t) => t.kind === 'linked picture') ? ' Linked pictures are fetched as soon as the file is opened.' : '';
    lines.push(`${report.file} has ${report.externalTargetCount} address${report.externalTargetCount === 1 ? '' : 'es'} outside the workbook, e.g. ${first}. A click on a link sends you there, with whatever the address carries.${pictures}`);
  }
  return lines;
}
