/**
 * The streaming stack job with its TABLES line filled in from the sandbox's file profiles,
 * as a model would from the profile the pane sends (read-only openpyxl cannot see tables).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FileProfile } from '../../workers/api';

const JOB = join(import.meta.dirname, 'stack_basesheet_streaming.py');
/** The headline job at scale: stack, keep Sales > 1000, write an Excel table (read-only in, write-only out). */
export const FILTER_TABLE_JOB = join(import.meta.dirname, 'stack_filter_table.py');
const TABLES_LINE = /^TABLES = .*$/m;

/** Where each file's Basesheet table is, as `name -> [sheet, ref]`; an Error value names a file without one. */
export function basesheetTables(profiles: FileProfile[]): Map<string, [string, string]> | Error {
  const tables = new Map<string, [string, string]>();
  for (const file of profiles) {
    const found = file.sheets.flatMap((sheet) => sheet.tables.filter((t) => t.name === 'Basesheet').map((t): [string, string] => [sheet.name, t.ref]));
    if (!found[0]) return new Error(`${file.name} has no table named Basesheet; the profile lists ${file.sheets.flatMap((s) => s.tables.map((t) => t.name)).join(', ') || 'no tables'}`);
    tables.set(file.name, found[0]);
  }
  return tables;
}

export function streamingStackJob(tables: Map<string, [string, string]>, job = JOB): string {
  const literal = `{${[...tables].map(([name, [sheet, ref]]) => `${JSON.stringify(name)}: (${JSON.stringify(sheet)}, ${JSON.stringify(ref)})`).join(', ')}}`;
  return readFileSync(job, 'utf8').replace(TABLES_LINE, `TABLES = ${literal}`);
}
