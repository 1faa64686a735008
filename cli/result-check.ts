/**
 * The check the pane runs before Download (src/conversation/output-check.ts), run by the
 * CLI on the outputs it wrote: formulas that reach the network or another program when
 * Excel opens a file (in cells, defined names, conditional formats, validation lists,
 * CSV fields), links to other workbooks, macros. The files are written either way;
 * the user is told before opening them.
 */
import type { OutputFile } from '../workers/api';
import { checkOutputs, type OutputRisks } from '../src/conversation/output-check';
import type { WorkbookPython } from '../src/sandbox/sandbox-client';

export type ResultCheck = { ok: true; warnings: { file: string; warnings: string[] }[] } | { ok: false; message: string };

export async function checkResult(sandbox: WorkbookPython, outputs: OutputFile[]): Promise<ResultCheck> {
  return resultCheck(await checkOutputs(sandbox, outputs));
}

/** The conversation's check as the CLI reports it (--json: `check`). */
export function resultCheck(risks: OutputRisks): ResultCheck {
  if (risks.state === 'failed') return { ok: false, message: `${risks.message} Open the files with care.` };
  if (risks.state === 'checking') return { ok: false, message: 'The result files were not checked. Open them with care.' };
  return { ok: true, warnings: Object.entries(risks.byFile).map(([file, warnings]) => ({ file, warnings })).filter((w) => w.warnings.length > 0) };
}

/** The lines for the terminal (printed escaped by the caller). */
export function checkLines(check: ResultCheck): string[] {
  if (!check.ok) return [`warning: ${check.message}`];
  return check.warnings.flatMap((w) => w.warnings.map((line) => `warning: ${line} Open it only if you asked for this.`));
}
