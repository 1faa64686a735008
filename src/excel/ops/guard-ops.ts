/** Runs the formula guard over every formula an op list would write. */
import { cellName, parseArea } from './a1';
import { inspectCellInput, inspectFormula, type FormulaFinding } from '../../results/formula-guard';
import type { WorkbookOp } from './schema';

export interface OpFinding extends FormulaFinding {
  opIndex: number;
  /** Where the formula goes, e.g. "Sales!C4". */
  location: string;
  /** What the caller passes back in approvedFindings to allow it: "op 2: WEBSERVICE". */
  key: string;
}

export function findingKey(opIndex: number, what: string): string {
  return `op ${opIndex + 1}: ${what}`;
}

export function collectFindings(ops: readonly WorkbookOp[]): OpFinding[] {
  const out: OpFinding[] = [];
  const push = (opIndex: number, location: string, findings: FormulaFinding[]) => {
    for (const f of findings) {
      const key = findingKey(opIndex, f.what);
      if (!out.some((o) => o.key === key)) out.push({ ...f, opIndex, location, key });
    }
  };
  ops.forEach((op, i) => {
    if (op.op === 'writeValues') {
      const parsed = parseArea(op.address);
      const origin = parsed.ok ? parsed.area : { row: 0, column: 0 };
      op.values.forEach((row, r) => row.forEach((v, c) => push(i, `${op.sheet}!${cellName(origin.row + r, origin.column + c)}`, inspectCellInput(v))));
    }
    if (op.op === 'formula') push(i, `${op.sheet}!${op.address}`, inspectFormula(op.formula));
    // Conditional-format rule formulas are formulas even without a leading "=".
    if (op.op === 'conditionalFormat' && op.rule.type === 'cellValue') {
      for (const f of [op.rule.formula1, op.rule.formula2]) if (f) push(i, `${op.sheet}!${op.address}`, inspectFormula(f.startsWith('=') ? f : `=${f}`));
    }
    // perform.ts hands Excel the values joined by commas as the list's source, and a source that starts with "=" is a formula.
    if (op.op === 'dataValidationList') push(i, `${op.sheet}!${op.address}`, inspectCellInput(op.values.join(',')));
  });
  return out;
}

/** The findings not covered by the caller's approval. */
export function unapproved(findings: readonly OpFinding[], approved: readonly string[]): OpFinding[] {
  return findings.filter((f) => !approved.includes(f.key));
}
