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
  /** Data rows (the header not counted). */
  rows: number;
}

/** Every table, and every visible sheet without one, that holds real data (a header and rows). */
function dataSets(files: FileProfile[]): SheetRef[] {
  const sets: SheetRef[] = [];
  for (const file of files) {
    for (const sheet of file.sheets) {
      if (sheet.state !== 'visible' || !sheet.columns.length) continue;
      if (sheet.tables.length) {
        for (const table of sheet.tables) sets.push({ file, sheet, label: table.name, columns: table.columns, rows: table.rowCount });
      } else {
        const rows = sheet.headerRow === null ? 0 : Math.max(0, sheet.rowCount - sheet.headerRow);
        sets.push({ file, sheet, label: sheet.name, columns: sheet.columns.map((c) => c.name), rows });
      }
    }
  }
  // A note in one cell or a lone header is not data to stack, filter or merge.
  return sets.filter((set) => set.columns.length >= 2 && set.rows >= 1);
}

/** "Basesheet_Q1", "Basesheet Q2", "basesheet-2024" all stand for "basesheet". */
function nameStem(label: string): string {
  return label
    .toLowerCase()
    .replace(/[\s_-]*(q[1-4]|h[12]|fy\d{2,4}|\d+)$/, '')
    .replace(/[\s_-]+$/, '');
}

function normalisedColumns(set: SheetRef): Set<string> {
  return new Set(set.columns.map((c) => c.trim().toLowerCase()));
}

/** Same data in several files: the columns mostly agree (by name, in any order) or the names share a stem. */
function lookAlike(a: SheetRef, b: SheetRef): boolean {
  if (a.file.name === b.file.name) return false;
  const [ca, cb] = [normalisedColumns(a), normalisedColumns(b)];
  const shared = [...ca].filter((c) => cb.has(c)).length;
  const overlap = shared / Math.min(ca.size, cb.size);
  const jaccard = shared / new Set([...ca, ...cb]).size;
  return shared >= 2 && (jaccard >= 0.6 || (overlap >= 0.5 && nameStem(a.label) === nameStem(b.label)));
}

/** Look-alike data sets across files, largest group (most files, then most rows) first. */
function lookAlikeGroups(sets: SheetRef[]): SheetRef[][] {
  const groups: SheetRef[][] = [];
  for (const set of sets) {
    const home = groups.find((g) => g.some((member) => lookAlike(member, set)) && !g.some((m) => m.file.name === set.file.name));
    if (home) home.push(set);
    else groups.push([set]);
  }
  const rows = (g: SheetRef[]): number => g.reduce((n, s) => n + s.rows, 0);
  return groups.filter((g) => g.length >= 2).sort((a, b) => b.length - a.length || rows(b) - rows(a));
}

/** How a group is called: its shared name, or its names listed when they differ. */
function groupLabel(group: SheetRef[]): string {
  const labels = [...new Set(group.map((g) => g.label))];
  if (labels.length === 1) return `"${labels[0]}"`;
  const stem = group[0] ? group[0].label.replace(/[\s_-]*(q[1-4]|h[12]|fy\d{2,4}|\d+)$/i, '') : '';
  const sameStem = stem && group.every((g) => nameStem(g.label) === nameStem(stem));
  return sameStem ? `"${stem}" (${labels.join(', ')})` : labels.map((l) => `"${l}"`).join(', ');
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

/** Look-alike data sets (similar columns or names) whose columns differ. */
function lookAlikeFindings(groups: SheetRef[][]): Insight[] {
  const found: Insight[] = [];
  for (const group of groups) {
    const all = new Set(group.flatMap((g) => g.columns));
    for (const member of group) {
      const missing = [...all].filter((c) => !member.columns.includes(c));
      if (missing.length) {
        found.push({ file: member.file.name, sheet: member.sheet.name, severity: 'info', message: `"${member.label}" lacks ${missing.map((c) => `"${c}"`).join(', ')}, which the look-alike table${group.length > 2 ? 's' : ''} in ${group.length > 2 ? 'other files have' : 'the other file has'}.` });
      }
    }
    const orders = new Set(group.map((g) => g.columns.filter((c) => group.every((o) => o.columns.includes(c))).join('|')));
    if (orders.size > 1) {
      found.push({ file: group.map((g) => g.file.name).join(', '), severity: 'info', message: `${groupLabel(group)} ${new Set(group.map((g) => g.label)).size > 1 ? 'have their' : 'has its'} columns in different orders across files; match them by name, not position.` });
    }
  }
  return found;
}

function suggestions(files: FileProfile[], sets: SheetRef[], groups: SheetRef[][]): string[] {
  const ideas: string[] = [];
  const shared = groups[0];
  if (shared) ideas.push(`Stack the ${groupLabel(shared)} tables of these ${shared.length} workbooks into one sheet`);

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
    // A file's own error is shown beside the file; repeating it here said it twice.
    for (const sheet of file.sheets) {
      if (sheet.duplicateRows) findings.push({ file: file.name, sheet: sheet.name, severity: 'warning', message: `${sheet.duplicateRows} row${sheet.duplicateRows > 1 ? 's repeat' : ' repeats'} an earlier row exactly.` });
      for (const column of sheet.columns) findings.push(...columnFindings(file, sheet, column));
    }
  }
  const groups = lookAlikeGroups(sets);
  findings.push(...lookAlikeFindings(groups));
  return { findings, suggestions: suggestions(files, sets, groups) };
}
