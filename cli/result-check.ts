/**
 * The check the pane runs before Download (src/excel/output-rows.ts), run by the CLI
 * on the outputs it wrote: formulas that reach the network or another program when
 * Excel opens a file (in cells, defined names, conditional formats, validation lists,
 * CSV fields), links to other workbooks, macros. The files are written either way;
 * the user is told before opening them.
 */
import type { OutputFile } from '../workers/api';
import { describeRisks, inspectOutputs } from '../src/excel/output-rows';
import type { SandboxRunner } from '../src/excel/read-workbook';

export type ResultCheck = { ok: true; warnings: { file: string; warnings: string[] }[] } | { ok: false; message: string };

export async function checkResult(sandbox: SandboxRunner, outputs: OutputFile[]): Promise<ResultCheck> {
  const inspected = await inspectOutputs(sandbox, outputs);
  if (!inspected.ok) return { ok: false, message: `${inspected.error.message} Open the files with care.` };
  const warnings = inspected.value.map((report) => ({ file: report.file, warnings: describeRisks(report) })).filter((w) => w.warnings.length > 0);
  return { ok: true, warnings };
}

/** The lines for the terminal (printed escaped by the caller). */
export function checkLines(check: ResultCheck): string[] {
  if (!check.ok) return [`warning: ${check.message}`];
  return check.warnings.flatMap((w) => w.warnings.map((line) => `warning: ${line} Open it only if you asked for this.`));
}
