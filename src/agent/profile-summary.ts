/**
 * The model sees a compact description of the inputs, never the raw data: names,
 * shapes, types and a few sample values. Everything that came from a cell (values,
 * headers, sheet and table names) is JSON-encoded and cut short, and the whole
 * description is wrapped in a data block the system prompt tells the model to treat
 * as data only: text in a cell is never an instruction.
 */
import type { CellValue, FileProfile, RuntimeInfo } from '../../workers/api';

const MAX_TEXT = 60;
const SAMPLE_ROWS = 3;

export const DATA_OPEN = '<<<FILE_DATA';
export const DATA_CLOSE = 'FILE_DATA>>>';

/** A value from a file, as inert JSON text; long text cut. */
export function quote(value: CellValue | string): string {
  if (typeof value === 'string') {
    const cut = value.length > MAX_TEXT ? `${value.slice(0, MAX_TEXT)}…` : value;
    // JSON escaping keeps newlines and quotes inside the string; our block markers
    // cannot appear verbatim because '<' and '>' are escaped too.
    return JSON.stringify(cut).replace(/</g, '\\u003c').replace(/>/g, '\\u003e');
  }
  return JSON.stringify(value);
}

export function summarizeProfiles(files: FileProfile[]): string {
  const lines: string[] = [];
  for (const file of files) {
    lines.push(`file ${quote(file.name)} (${file.format}, ${file.size} bytes)${file.hasVba ? ', has VBA macros' : ''}`);
    if (file.error) lines.push(`  cannot be read: ${quote(file.error)}`);
    if (file.encoding) lines.push(`  csv encoding ${file.encoding}, delimiter ${quote(file.delimiter ?? ',')}`);
    for (const sheet of file.sheets) {
      lines.push(
        `  sheet ${quote(sheet.name)}${sheet.state !== 'visible' ? ` (${sheet.state})` : ''}: range ${sheet.dimensions ?? 'empty'}, ${sheet.rowCount} rows x ${sheet.columnCount} columns, header row ${sheet.headerRow ?? 'none'}`,
      );
      for (const table of sheet.tables) {
        lines.push(`    table ${quote(table.name)} at ${table.ref}, ${table.rowCount} data rows, columns ${table.columns.map(quote).join(', ')}`);
      }
      if (sheet.columns.length) {
        lines.push(`    columns: ${sheet.columns.map((c) => `${c.letter ? `${c.letter}=` : ''}${quote(c.name)}:${c.type}${c.missing ? ` (${c.missing} empty)` : ''}`).join(', ')}`);
      }
      for (const row of sheet.sampleRows.slice(0, SAMPLE_ROWS)) lines.push(`    sample: [${row.map(quote).join(', ')}]`);
      if (sheet.mergedCells.length) lines.push(`    merged cells: ${sheet.mergedCells.slice(0, 6).join(', ')}${sheet.mergedCells.length > 6 ? ', …' : ''}`);
      if (sheet.formulaCount) lines.push(`    ${sheet.formulaCount} formulas`);
    }
  }
  return `${DATA_OPEN}\n${lines.join('\n')}\n${DATA_CLOSE}`;
}

/** What the sandbox can import, so the model writes code for the runtime that is really there. */
export function describeRuntime(info: RuntimeInfo): string {
  const list = (packages: Record<string, string>): string =>
    Object.entries(packages)
      .map(([name, version]) => `${name} ${version}`)
      .join(', ');
  const onDemand = info.onDemandPackages ?? {};
  const pandas = 'pandas' in info.packages || 'pandas' in onDemand;
  return [
    `Python ${info.pythonVersion} (${info.runtime}). Third-party packages available: ${list(info.packages)}.`,
    Object.keys(onDemand).length ? `Also available, downloaded the first time a script imports them: ${list(onDemand)}.` : '',
    pandas
      ? 'pandas is available (never read __version__ or other underscore attributes: the sandbox refuses them).'
      : 'pandas and numpy are NOT available: use openpyxl and the standard library only.',
  ]
    .filter(Boolean)
    .join(' ');
}
