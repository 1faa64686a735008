/**
 * What in a sandbox output deserves a warning before Insert or Download: formulas
 * that reach the network, external links, VBA. Workbooks are read by our own Python
 * (workbook_risks.py, through the worker's inspectWorkbooks call); text files Excel
 * opens (CSV and the like) are read here.
 */
import type { FileRiskReport, OutputFile, SandboxError } from '../../workers/api';
import type { WorkbookPython } from '../sandbox/sandbox-client';
import { decodeText, isSpreadsheetText, textFormulas } from './text-formulas';
import { baseName } from './output-rows';

type Outcome<T> = { ok: true; value: T } | { ok: false; error: SandboxError };

/** Workbooks Excel opens; trailing spaces and dots are dropped by Windows, so they do not hide one. */
const isWorkbook = (name: string) => /\.xls[xm][\s.]*$/i.test(name);

/**
 * Per output file: formulas that may reach the network (in cells, defined names,
 * conditional formats and data validation of workbooks; in the fields of text
 * files Excel opens, such as CSV), external link parts, VBA.
 */
export async function inspectOutputs(python: WorkbookPython, files: OutputFile[], options: { signal?: AbortSignal } = {}): Promise<Outcome<FileRiskReport[]>> {
  const texts = files.filter((f) => isSpreadsheetText(f.name)).map(textReport);
  const workbooks = files.filter((f) => isWorkbook(f.name));
  if (workbooks.length === 0) return { ok: true, value: texts };
  // Each under a name openpyxl opens ("2-rates.xlsx" for "rates.xlsx "), unique even when two names differ only in what was dropped.
  const inputs = workbooks.map((f, i) => ({ name: `${i + 1}-${baseName(f.name).replace(/[\s.]+$/, '')}`, bytes: f.bytes }));
  const inspected = await python.inspectWorkbooks(inputs, options.signal ? { signal: options.signal } : {});
  if (!inspected.ok) return { ok: false, error: { ...inspected.error, message: `The results could not be checked for risky content: ${inspected.error.message}` } };
  return { ok: true, value: [...inspected.value.map((report, i) => ({ ...report, file: baseName(workbooks[i]!.name) })), ...texts] };
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
