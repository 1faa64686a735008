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
