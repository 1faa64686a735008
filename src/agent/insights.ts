/**
 * When files are added: a short data-quality summary and three requests that fit
 * these files, computed from the profiles alone (no model call, nothing leaves the machine).
 */
import type { ColumnProfile, FileProfile, SheetProfile } from '../../workers/api';

export interface Insight {
  severity: 'info' | 'warning';
  file: string;
  sheet?: string;
  message: string;
}

export interface Insights {
  findings: Insight[];
  suggestions: string[];
}

const KEY_NAME = /(^id$|_id$|\bid\b|key|code|number|no\.?$|sku)/i;
const MEASURE_NAME = /(sales|amount|revenue|total|price|cost|qty|quantity|units|value)/i;

interface SheetRef {
  file: FileProfile;
  sheet: SheetProfile;
  /** The table or sheet name the data is known by. */
  label: string;
  columns: string[];
}

function dataSets(files: FileProfile[]): SheetRef[] {
  const sets: SheetRef[] = [];
  for (const file of files) {
    for (const sheet of file.sheets) {
      if (sheet.state !== 'visible' || !sheet.columns.length) continue;
      const table = sheet.tables[0];
      sets.push({ file, sheet, label: table?.name ?? sheet.name, columns: table?.columns ?? sheet.columns.map((c) => c.name) });
    }
  }
  return sets;
}

function columnFindings(file: FileProfile, sheet: SheetProfile, column: ColumnProfile): Insight[] {
  const at = { file: file.name, sheet: sheet.name };
  const found: Insight[] = [];
  if (column.missing > 0 && column.nonEmpty > 0) {
    found.push({ ...at, severity: 'info', message: `"${column.name}" is empty in ${column.missing} of ${sheet.scannedRows} rows.` });
  }
  if (column.type === 'mixed' && column.typeCounts) {
    const kinds = Object.entries(column.typeCounts).map(([k, n]) => `${n} ${k}`).join(', ');
    found.push({ ...at, severity: 'warning', message: `"${column.name}" mixes types (${kinds}); numbers stored as text will not sum.` });
  }
  if (column.outliers) {
    found.push({ ...at, severity: 'info', message: `"${column.name}" has ${column.outliers} value${column.outliers > 1 ? 's' : ''} far from the rest (more than 3 standard deviations).` });
  }
  if (KEY_NAME.test(column.name) && column.unique === false && (column.distinct ?? 0) > 1) {
    found.push({ ...at, severity: 'warning', message: `"${column.name}" looks like a key but has repeated values.` });
  }
  return found;
}

/** Data sets with the same name (or mostly the same columns) whose columns differ. */
function lookAlikeFindings(sets: SheetRef[]): Insight[] {
  const found: Insight[] = [];
  const groups = new Map<string, SheetRef[]>();
  for (const set of sets) {
    const key = set.label.toLowerCase();
    groups.set(key, [...(groups.get(key) ?? []), set]);
  }
  for (const group of groups.values()) {
    if (new Set(group.map((g) => g.file.name)).size < 2) continue;
    const all = new Set(group.flatMap((g) => g.columns));
    for (const member of group) {
      const missing = [...all].filter((c) => !member.columns.includes(c));
      if (missing.length) {
        found.push({ file: member.file.name, sheet: member.sheet.name, severity: 'info', message: `"${member.label}" lacks ${missing.map((c) => `"${c}"`).join(', ')}, which the same table in other files has.` });
      }
    }
    const orders = new Set(group.map((g) => g.columns.filter((c) => group.every((o) => o.columns.includes(c))).join('|')));
    if (orders.size > 1) {
      found.push({ file: group.map((g) => g.file.name).join(', '), severity: 'info', message: `"${group[0]?.label}" has its columns in different orders across files; match them by name, not position.` });
    }
  }
  return found;
}

function suggestions(files: FileProfile[], sets: SheetRef[]): string[] {
  const ideas: string[] = [];
  const byLabel = new Map<string, SheetRef[]>();
  for (const set of sets) byLabel.set(set.label, [...(byLabel.get(set.label) ?? []), set]);
  const shared = [...byLabel.entries()].find(([, g]) => new Set(g.map((s) => s.file.name)).size >= 2);
  if (shared) ideas.push(`Stack the "${shared[0]}" tables of these ${shared[1].length} workbooks into one sheet`);

  const measure = sets.flatMap((s) => s.sheet.columns.map((c) => ({ s, c }))).find(({ c }) => (c.type === 'integer' || c.type === 'number') && MEASURE_NAME.test(c.name));
  const dateColumn = sets.flatMap((s) => s.sheet.columns).find((c) => c.type === 'date' || c.type === 'datetime');
  if (measure) {
    const threshold = typeof measure.c.mean === 'number' ? Math.round(measure.c.mean) : typeof measure.c.max === 'number' ? Math.round(Number(measure.c.max) / 2) : 1000;
    ideas.push(`Keep only rows where ${measure.c.name} > ${threshold}`);
    if (dateColumn) ideas.push(`Total ${measure.c.name} by month of ${dateColumn.name}`);
  }

  const byColumn = new Map<string, Set<string>>();
  for (const set of sets) for (const c of set.columns) byColumn.set(c.trim().toLowerCase(), new Set([...(byColumn.get(c.trim().toLowerCase()) ?? []), set.file.name]));
  const joinKey = [...byColumn.entries()].find(([, f]) => f.size >= 2);
  if (joinKey && !shared && files.length >= 2) {
    const [a, b] = [...joinKey[1]];
    ideas.push(`Merge ${a} and ${b} on "${joinKey[0]}"`);
  }
  const dupes = sets.find((s) => s.sheet.duplicateRows > 0);
  if (dupes) ideas.push(`Remove duplicate rows from "${dupes.label}" in ${dupes.file.name}`);
  const first = sets[0];
  if (first) {
    ideas.push(`Add a summary sheet with row counts and totals for ${first.file.name}`);
    ideas.push(`Sort "${first.label}" by ${first.columns[0] ?? 'the first column'} and format it as a table`);
  }
  return [...new Set(ideas)].slice(0, 3);
}

export function computeInsights(files: FileProfile[]): Insights {
  const sets = dataSets(files);
  const findings: Insight[] = [];
  for (const file of files) {
    if (file.error) findings.push({ file: file.name, severity: 'warning', message: file.error });
    for (const sheet of file.sheets) {
      if (sheet.duplicateRows) findings.push({ file: file.name, sheet: sheet.name, severity: 'warning', message: `${sheet.duplicateRows} row${sheet.duplicateRows > 1 ? 's repeat' : ' repeats'} an earlier row exactly.` });
      for (const column of sheet.columns) findings.push(...columnFindings(file, sheet, column));
    }
  }
  findings.push(...lookAlikeFindings(sets));
  return { findings, suggestions: suggestions(files, sets) };
}
