import { describe, expect, it } from 'vitest';
import type { FileProfile } from '../../workers/api';
import { groundingQuestion, planProblems } from './ground-plan';
import type { Plan } from './plan';

const sheet = (name: string, columns: string[], tables: { name: string; columns: string[] }[] = []) => ({
  name,
  state: 'visible' as const,
  dimensions: 'A1:C4',
  rowCount: 4,
  columnCount: columns.length,
  headerRow: 1,
  columns: columns.map((c, i) => ({ name: c, index: i, letter: String.fromCharCode(65 + i), type: 'text' as const, nonEmpty: 3, missing: 0 })),
  sampleRows: [],
  tables: tables.map((t) => ({ ...t, ref: 'A1:C4', rowCount: 3 })),
  mergedCells: [],
  formulaCount: 0,
  scannedRows: 3,
  duplicateRows: 0,
});
const FILES: FileProfile[] = [
  { name: 'sales.xlsx', size: 1, format: 'xlsx', warnings: [], sheets: [sheet('Data', ['Region', 'Sales', 'Units'], [{ name: 'Basesheet', columns: ['Region', 'Sales', 'Units'] }]), sheet('Notes', ['Note'])] },
];
const plan = (inputs: Plan['inputs']): Plan => ({
  kind: 'plan',
  summary: 's',
  steps: ['s'],
  inputs,
  outputs: [{ file: 'out.xlsx', sheets: [{ name: 'Out', columns: ['Total'], rows: 'any' }] }],
  dropsRows: false,
  engine: 'openpyxl',
  engineReason: 'r',
  risk: 'low',
});

describe('a plan is grounded in the files', () => {
  it('accepts names that are there, exactly as written', () => {
    expect(planProblems(plan([{ file: 'sales.xlsx', sheets: ['Data'], tables: ['Basesheet'], columns: ['Sales', 'Region'] }]), FILES)).toEqual([]);
  });

  it('names a file that was not added, and lists the files that were', () => {
    const problems = planProblems(plan(['Q1.xlsx', 'Q2.xlsx'].map((file) => ({ file }))), FILES);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toBe('The plan uses the file "Q1.xlsx", which is not among the user\'s files (the files added are "sales.xlsx"). Use only these files, by their exact names.');
  });

  it('names a missing sheet, table or column with what the file has instead', () => {
    const problems = planProblems(plan([{ file: 'sales.xlsx', sheets: ['Sheet1'], tables: ['Orders'], columns: ['Revenue'] }]), FILES);
    expect(problems).toEqual([
      'The plan names the sheet "Sheet1", which sales.xlsx does not have (its sheets are "Data", "Notes").',
      'The plan names the table "Orders", which sales.xlsx does not have (its tables are "Basesheet").',
      'The plan names the column "Revenue", which sales.xlsx does not have (its columns are "Region", "Sales", "Units", "Note").',
    ]);
  });

  it('points out a near miss instead of accepting it: case, spaces and underscores matter to the code', () => {
    expect(planProblems(plan([{ file: 'Sales.xlsx' }]), FILES)).toEqual(['The plan names the file "Sales.xlsx", but the file is named exactly "sales.xlsx".']);
    expect(planProblems(plan([{ file: 'sales.xlsx', tables: ['Basesheet'], columns: ['sales'] }]), FILES)).toEqual([
      'The plan names the column "sales" of sales.xlsx, but it is named exactly "Sales".',
    ]);
  });

  it('checks columns against the named table only', () => {
    expect(planProblems(plan([{ file: 'sales.xlsx', tables: ['Basesheet'], columns: ['Note'] }]), FILES)[0]).toContain('"Note"');
  });

  it('asks the user, naming the files, when the model cannot ground its plan', () => {
    const question = groundingQuestion(['The plan uses the file "Q1.xlsx", which is not among the user\'s files.'], FILES);
    expect(question).toMatch(/^I could not match the request to your files\. .*Q1\.xlsx.* The files you added: "sales\.xlsx"\. Which file, sheet or column do you mean\?/);
  });
});
