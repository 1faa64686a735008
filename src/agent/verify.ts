/**
 * Checks a run's result against its plan before the user sees it: the planned
 * files exist and open, have the planned sheets and columns, and their row counts
 * fit the inputs (no rows silently lost). Problems go back to the model as a failed try.
 */
import type { FileProfile, SheetProfile } from '../../workers/api';
import type { Plan } from './plan';

export interface Verification {
  ok: boolean;
  /** What is wrong, in sentences the model (and the user) can act on. */
  problems: string[];
  /** What was checked and held, for the result view. */
  checks: string[];
}

const norm = (s: string): string => s.trim().toLowerCase().replace(/\s+/g, ' ');

/** Data rows of a sheet: its tables' rows if it has tables, else the rows below the header. */
export function dataRows(sheet: SheetProfile, tables?: string[]): number {
  const chosen = sheet.tables.filter((t) => !tables?.length || tables.some((n) => norm(n) === norm(t.name)));
  if (chosen.length) return chosen.reduce((n, t) => n + t.rowCount, 0);
  if (sheet.rowCount === 0) return 0;
  return Math.max(0, sheet.rowCount - (sheet.headerRow ?? 0));
}

/** Rows in the inputs the plan says it uses. */
export function plannedInputRows(plan: Plan, inputs: FileProfile[]): number {
  let total = 0;
  for (const use of plan.inputs) {
    const file = inputs.find((f) => norm(f.name) === norm(use.file));
    if (!file) continue;
    for (const sheet of file.sheets) {
      const tableHere = use.tables?.some((t) => sheet.tables.some((st) => norm(st.name) === norm(t)));
      const sheetNamed = use.sheets?.some((s) => norm(s) === norm(sheet.name));
      const everything = !use.sheets?.length && !use.tables?.length;
      if (tableHere) total += dataRows(sheet, use.tables);
      else if (sheetNamed || (everything && sheet.state === 'visible')) total += dataRows(sheet);
    }
  }
  return total;
}

export function verifyResult(plan: Plan, inputs: FileProfile[], outputs: FileProfile[]): Verification {
  const problems: string[] = [];
  const checks: string[] = [];
  const inputRows = plannedInputRows(plan, inputs);

  for (const planned of plan.outputs) {
    const file = outputs.find((f) => norm(f.name) === norm(planned.file));
    if (!file) {
      problems.push(`The planned output /output/${planned.file} was not written. Files written: ${outputs.map((f) => f.name).join(', ') || 'none'}.`);
      continue;
    }
    if (file.error) {
      problems.push(`/output/${file.name} cannot be opened: ${file.error}`);
      continue;
    }
    checks.push(`${file.name} exists and opens`);
    for (const plannedSheet of planned.sheets) {
      const sheet = file.sheets.find((s) => norm(s.name) === norm(plannedSheet.name)) ?? (file.sheets.length === 1 && file.format === 'csv' ? file.sheets[0] : undefined);
      if (!sheet) {
        problems.push(`${file.name} has no sheet "${plannedSheet.name}" (it has: ${file.sheets.map((s) => s.name).join(', ')}).`);
        continue;
      }
      const have = new Set(sheet.columns.map((c) => norm(c.name)));
      const missing = plannedSheet.columns.filter((c) => !have.has(norm(c)));
      if (missing.length) problems.push(`Sheet "${sheet.name}" in ${file.name} lacks the planned columns: ${missing.join(', ')}. It has: ${sheet.columns.map((c) => c.name).join(', ')}.`);
      else checks.push(`sheet "${sheet.name}" has the planned columns`);

      const rows = dataRows(sheet);
      if (inputRows > 0) problems.push(...rowProblems(plannedSheet.rows, plan.dropsRows, rows, inputRows, `${file.name} / ${sheet.name}`));
      checks.push(`sheet "${sheet.name}": ${rows} data rows (inputs used: ${inputRows})`);
    }
  }
  return { ok: problems.length === 0, problems, checks };
}

function rowProblems(expected: Plan['outputs'][number]['sheets'][number]['rows'], dropsRows: boolean, rows: number, inputRows: number, where: string): string[] {
  if (expected === 'all-input-rows' && rows !== inputRows) {
    return [`${where} has ${rows} data rows but the inputs it uses have ${inputRows}; the plan keeps every row, so ${rows < inputRows ? `${inputRows - rows} rows were lost` : `${rows - inputRows} rows were added`}. Check header rows, title rows and every input file.`];
  }
  if (expected === 'fewer-than-input' && rows >= inputRows && inputRows > 0) {
    return [`${where} has ${rows} data rows, not fewer than the ${inputRows} input rows; the filter or grouping did not take effect.`];
  }
  if (!dropsRows && expected !== 'any' && rows < inputRows) {
    return [`${where} has ${rows} data rows but the inputs have ${inputRows}, and the request did not ask to remove rows: rows were lost silently.`];
  }
  if (expected !== 'any' && rows === 0) return [`${where} is empty although the inputs have ${inputRows} rows.`];
  return [];
}
