/**
 * A plan is shown only if every file, sheet, table and column it names is really
 * there: each name is checked against the profiles of the files the user added.
 * The problems are written for the model (exact names, what exists instead), so
 * it can fix the plan; when it cannot, the user gets a question instead.
 */
import type { FileProfile, SheetProfile } from '../../workers/api';
import type { Plan } from './plan';

const MAX_LISTED = 12;

/** What the plan names that the files do not have; empty when it is grounded. */
export function planProblems(plan: Plan, files: readonly FileProfile[]): string[] {
  if (plan.kind !== 'plan' || plan.engine === 'workbook-ops') return [];
  const problems: string[] = [];
  for (const input of plan.inputs) {
    const file = files.find((f) => f.name === input.file);
    if (!file) {
      problems.push(missingFile(input.file, files));
      continue;
    }
    // A CSV file has no sheets or tables to name: only its columns are checked.
    const sheets = (file.format === 'csv' ? [] : (input.sheets ?? [])).map((name) => {
      const sheet = file.sheets.find((s) => s.name === name);
      if (!sheet) problems.push(missingName('sheet', name, file.name, file.sheets.map((s) => s.name)));
      return sheet;
    });
    const tables = file.sheets.flatMap((s) => s.tables);
    const usedTables = (file.format === 'csv' ? [] : (input.tables ?? [])).map((name) => {
      const table = tables.find((t) => t.name === name);
      if (!table) problems.push(missingName('table', name, file.name, tables.map((t) => t.name)));
      return table;
    });
    const columnsHere = columnNames(
      file,
      sheets.filter((s): s is SheetProfile => s !== undefined),
      usedTables.flatMap((t) => (t ? t.columns : [])),
    );
    for (const column of input.columns ?? []) {
      if (!columnsHere.includes(column)) problems.push(missingName('column', column, file.name, columnsHere));
    }
  }
  return problems;
}

/** The question for the user when the model keeps naming what is not there. */
export function groundingQuestion(problems: readonly string[], files: readonly FileProfile[]): string {
  const added = files.length ? `The files you added: ${listed(files.map((f) => f.name))}.` : 'No files have been added yet.';
  return `I could not match the request to your files. ${problems[0] ?? ''} ${added} Which file, sheet or column do you mean? You can also add the missing file and ask again.`.replace(/\s+/g, ' ').trim();
}

/** The columns of the named tables, else of the named sheets, else of every table and sheet of the file. */
function columnNames(file: FileProfile, sheets: SheetProfile[], tableColumns: string[]): string[] {
  if (tableColumns.length) return unique(tableColumns);
  const scope = sheets.length ? sheets : file.sheets;
  return unique(scope.flatMap((s) => [...s.columns.map((c) => c.name), ...s.tables.flatMap((t) => t.columns)]));
}

function missingFile(name: string, files: readonly FileProfile[]): string {
  const near = files.find((f) => sameLoosely(f.name, name));
  if (near) return `The plan names the file "${name}", but the file is named exactly "${near.name}".`;
  const added = files.length ? `the files added are ${listed(files.map((f) => f.name))}` : 'no files have been added';
  return `The plan uses the file "${name}", which is not among the user's files (${added}). Use only these files, by their exact names.`;
}

function missingName(kind: 'sheet' | 'table' | 'column', name: string, file: string, present: readonly string[]): string {
  const near = present.find((p) => sameLoosely(p, name));
  if (near) return `The plan names the ${kind} "${name}" of ${file}, but it is named exactly "${near}".`;
  const has = present.length ? `its ${kind}s are ${listed(present)}` : `it has no ${kind}s`;
  return `The plan names the ${kind} "${name}", which ${file} does not have (${has}).`;
}

/** Same name but for case, spaces and underscores: worth suggesting, never accepted silently. */
function sameLoosely(a: string, b: string): boolean {
  const norm = (text: string): string => text.toLowerCase().replace(/[\s_]+/g, '');
  return norm(a) === norm(b);
}

function listed(names: readonly string[]): string {
  const shown = names.slice(0, MAX_LISTED).map((n) => `"${n}"`);
  return shown.join(', ') + (names.length > MAX_LISTED ? ` and ${names.length - MAX_LISTED} more` : '');
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
