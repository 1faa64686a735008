import type { FileProfile } from '../workers/api';
import { countOf, describeSheetSize } from '../src/conversation/counts';
import { createNodeSandbox, readInputs } from './node-sandbox';
import { spreadInputs } from './input-list';
import { printErr, printOut, terminalJson } from './terminal-text';
import { UsageError, parse } from './usage';

export async function profileCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(spreadInputs(args), { json: { type: 'boolean' }, input: { type: 'string', multiple: true, short: 'i' } });
  // Files as plain arguments or after --input, like run and ask.
  const files = [...positionals, ...(values.input ?? [])];
  if (!files.length) throw new UsageError('profile needs at least one FILE');
  const inputs = await readInputs(files);
  const sandbox = await createNodeSandbox();
  try {
    const result = await sandbox.profile(inputs);
    if (!result.ok) {
      if (values.json) process.stdout.write(`${terminalJson(result)}\n`);
      else printErr(`error [${result.error.kind}]: ${result.error.message}\n`);
      return 1;
    }
    if (values.json) process.stdout.write(`${terminalJson(result.files, 2)}\n`);
    // Names, sheets, columns and notes come from the files: printed escaped.
    else printOut(result.files.map(describeFile).join('\n'));
    return result.files.some((f) => f.error) ? 1 : 0;
  } finally {
    sandbox.dispose();
  }
}

function describeFile(file: FileProfile): string {
  const lines = [`${file.name} (${file.format}, ${file.size.toLocaleString('en')} bytes)`];
  if (file.error) lines.push(`  error: ${file.error}`);
  for (const sheet of file.sheets) {
    const state = sheet.state === 'visible' ? '' : ` [${sheet.state}]`;
    lines.push(`  sheet "${sheet.name}"${state}: ${describeSheetSize(sheet)}; range ${sheet.dimensions ?? 'empty'}`);
    for (const table of sheet.tables) lines.push(`    table ${table.name} ${table.ref}: ${countOf(table.rowCount, 'data row')}; ${table.columns.join(', ')}`);
    if (sheet.columns.length) lines.push(`    columns: ${sheet.columns.map((c) => `${c.name} (${c.type})`).join(', ')}`);
    if (sheet.mergedCells.length) lines.push(`    merged: ${sheet.mergedCells.slice(0, 8).join(', ')}${sheet.mergedCells.length > 8 ? ', …' : ''}`);
    if (sheet.formulaCount) lines.push(`    formulas: ${sheet.formulaCount}`);
  }
  for (const warning of file.warnings) lines.push(`  note: ${warning}`);
  return `${lines.join('\n')}\n`;
}
