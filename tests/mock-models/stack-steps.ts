/**
 * The scripted model answers for the stack-3-workbooks scenario, shared by the tests that
 * drive it (pane, CLI, recipes, faults): the plan, and code answers from tests/agent/answers/.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers/python';
import type { MockStep } from './scenario';

export const STACK_PLAN: MockStep = {
  json: {
    kind: 'plan',
    summary: 'Every Basesheet row with Sales > 1000 in one sheet',
    steps: ['Read the Basesheet table of each workbook', 'Match columns by name', 'Keep rows where Sales > 1000', 'Write result.xlsx'],
    inputs: ['north.xlsx', 'south.xlsx', 'west.xlsx'].map((file) => ({ file, tables: ['Basesheet'] })),
    outputs: [{ file: 'result.xlsx', sheets: [{ name: 'Stacked', columns: ['Region', 'Sales', 'SourceFile'], rows: 'fewer-than-input' }] }],
    dropsRows: true,
    engine: 'openpyxl',
    engineReason: 'pandas is not available in this sandbox',
    risk: 'low',
  },
};

/** A code answer, fenced as a model writes it, from tests/agent/answers/<name>.py. */
export function codeAnswer(name: string): MockStep {
  return { text: `\`\`\`python\n${readFileSync(join(ROOT, 'tests', 'agent', 'answers', `${name}.py`), 'utf8')}\`\`\`` };
}

/** Turn 2 of the three-turn conversation: "Now sort that by Sales, highest first". */
export const SORT_PLAN: MockStep = {
  match: { contains: 'sort that' },
  json: {
    kind: 'plan',
    summary: 'The stacked result sorted by Sales, highest first',
    steps: ['Read the Stacked sheet of result.xlsx', 'Sort the rows by Sales, descending', 'Write result.xlsx'],
    inputs: [{ file: 'result.xlsx', sheets: ['Stacked'] }],
    outputs: [{ file: 'result.xlsx', sheets: [{ name: 'Stacked', columns: ['Region', 'Sales', 'SourceFile'], rows: 'all-input-rows' }] }],
    dropsRows: false,
    engine: 'openpyxl',
    engineReason: 'keeps the table and formats of the earlier result',
    risk: 'low',
  },
};

/** Turn 3: "Add a Total column with the running total of Sales". */
export const TOTAL_PLAN: MockStep = {
  match: { contains: 'running total' },
  json: {
    kind: 'plan',
    summary: 'A Total column with the running total of Sales',
    steps: ['Read the sorted result', 'Add Total: the running sum of Sales', 'Write result.xlsx'],
    inputs: [{ file: 'result.xlsx', sheets: ['Stacked'] }],
    outputs: [{ file: 'result.xlsx', sheets: [{ name: 'Stacked', columns: ['Sales', 'SourceFile', 'Total'], rows: 'all-input-rows' }] }],
    dropsRows: false,
    engine: 'openpyxl',
    engineReason: 'adds a column and keeps the rest',
    risk: 'low',
  },
};

export const CONVERSATION_REQUESTS = [
  'Stack these 3 workbooks with Basesheet tables and keep only rows where Sales > 1000',
  'Now sort that by Sales, highest first',
  'Add a Total column with the running total of Sales',
] as const;

/**
 * Every answer of the three turns, in order. Turn 2's first script reads a sheet called
 * "Sheet1" (a common model slip: the result's sheet is "Stacked") and is corrected.
 */
export const CONVERSATION_STEPS: MockStep[] = [
  STACK_PLAN,
  codeAnswer('stack_filter'),
  SORT_PLAN,
  codeAnswer('sort_result_wrong_sheet'),
  codeAnswer('sort_result'),
  TOTAL_PLAN,
  codeAnswer('running_total'),
];
