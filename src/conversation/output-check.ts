/**
 * Before a result is downloaded, inserted or written by the CLI, the conversation looks
 * inside it (our own Python in the worker: inspectWorkbooks) for what could act when
 * Excel opens it: formulas that reach the network or another program, links to other
 * workbooks, macros.
 */
import type { OutputFile } from '../../workers/api';
import { describeRisks, inspectOutputs } from '../results/output-risks';
import type { WorkbookPython } from '../sandbox/sandbox-client';

/** Per output file name: the warnings (empty when nothing was found). */
export type OutputRisks = { state: 'checking' } | { state: 'checked'; byFile: Record<string, string[]> } | { state: 'failed'; message: string };

export async function checkOutputs(sandbox: WorkbookPython, outputs: OutputFile[]): Promise<OutputRisks> {
  const inspected = await inspectOutputs(sandbox, outputs);
  if (!inspected.ok) return { state: 'failed', message: inspected.error.message };
  return { state: 'checked', byFile: Object.fromEntries(inspected.value.map((report) => [report.file, describeRisks(report)])) };
}
