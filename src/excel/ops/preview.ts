/** What each op will do, in words and a small before/after sample, for the user to approve before anything changes. */
import { parseArea, type Area } from './a1';
import { chunks } from './cells';
import { fillFormula } from './fill-formula';
import { collectFindings, type OpFinding } from './guard-ops';
import type { Capability, RunExcel } from '../office';
import type { WorkbookOp, WorkbookOps } from './schema';
import { validateOps, type OpProblem } from './validate';

export const SAMPLE_SIZE = 5;

export type SampleValue = string | number | boolean;

export interface OpPreview {
  opIndex: number;
  op: WorkbookOp['op'];
  sheet: string | null;
  address: string | null;
  /** e.g. "Write 3×2 values into Sales!B2:C4, replacing 4 non-empty cells." */
  sentence: string;
  /** First ≤5×5 cells now, and after the op where we can know (values and formulas); null when not meaningful. */
  before: SampleValue[][] | null;
  after: SampleValue[][] | null;
  /** Non-empty cells whose content this op replaces. */
  overwrites: number;
  findings: OpFinding[];
}

export type PreviewResult = { ok: true; previews: OpPreview[]; findings: OpFinding[] } | { ok: false; problems: OpProblem[] };

const CHART_WORDS = { columnClustered: 'clustered column', bar: 'bar', line: 'line', pie: 'pie', scatter: 'scatter', area: 'area' } as const;

function target(op: WorkbookOp): { sheet: string; address: string } | null {
  switch (op.op) {
    case 'addSheet': case 'renameSheet': case 'deleteSheet': case 'filter': case 'freezePanes': case 'namedRange': return op.op === 'namedRange' ? { sheet: op.sheet, address: op.address } : null;
    case 'chart': return op.placement;
    case 'pivotTable': return op.destination;
    case 'sort': return op.sheet && op.address ? { sheet: op.sheet, address: op.address } : null;
    default: return { sheet: op.sheet, address: op.address };
  }
}

const replacesContent = (op: WorkbookOp) => op.op === 'writeValues' || op.op === 'formula';

const plural = (n: number, word: string) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

function sentence(op: WorkbookOp, area: Area | null, overwrites: number): string {
  const where = (s: string, a: string) => `${s}!${a}`;
  const replacing = overwrites > 0 ? `, replacing ${plural(overwrites, 'non-empty cell')}` : '';
  switch (op.op) {
    case 'writeValues': return `Write ${area?.rowCount ?? 0}×${area?.columnCount ?? 0} values into ${where(op.sheet, op.address)}${replacing}.`;
    case 'formula': return `Fill the formula ${op.formula} into ${where(op.sheet, op.address)} (relative references move with each cell)${replacing}.`;
    case 'addSheet': return `Add a sheet named "${op.name}".`;
    case 'renameSheet': return `Rename sheet "${op.sheet}" to "${op.newName}".`;
    case 'deleteSheet': return `Delete sheet "${op.sheet}" and everything on it${overwrites > 0 ? ` (${plural(overwrites, 'non-empty cell')})` : ''}.`;
    case 'createTable': return `Make ${where(op.sheet, op.address)} a table named "${op.name}"${op.hasHeaders ? ' with the first row as headers' : '; Excel inserts a header row above it and moves the cells below down one row'}.`;
    case 'sort': return `Sort ${op.table ? `table "${op.table}"` : where(op.sheet ?? '', op.address ?? '')} by ${op.keys.map((k) => `${typeof k.column === 'number' ? `column ${k.column + 1}` : `"${k.column}"`} (${k.ascending ? 'ascending' : 'descending'})`).join(', then ')}.`;
    case 'filter': {
      const c = op.criteria;
      const what = c.type === 'values' ? `only ${c.values.map((v) => `"${v}"`).join(', ')}` : c.type === 'custom' ? `values ${c.operator} ${c.value}${c.and ? ` and ${c.and.operator} ${c.and.value}` : ''}` : `the ${c.type} ${c.count}`;
      return `Filter table "${op.table}" on ${typeof op.column === 'number' ? `column ${op.column + 1}` : `"${op.column}"`} to show ${what}.`;
    }
    case 'numberFormat': return `Set the number format of ${where(op.sheet, op.address)} to "${op.format}".`;
    case 'font': {
      const parts = [op.bold !== undefined && (op.bold ? 'bold' : 'not bold'), op.italic !== undefined && (op.italic ? 'italic' : 'not italic'), op.color && `colour ${op.color}`, op.size && `size ${op.size}`, op.name && `font ${op.name}`].filter(Boolean);
      return `Make the text in ${where(op.sheet, op.address)} ${parts.join(', ')}.`;
    }
    case 'fill': return `Fill ${where(op.sheet, op.address)} with ${op.color}.`;
    case 'borders': return `Draw ${op.style === 'None' ? 'no' : op.style.toLowerCase()} borders (${op.edges.join(', ')}) on ${where(op.sheet, op.address)}.`;
    case 'conditionalFormat': {
      const r = op.rule;
      const what = r.type === 'colorScale' ? 'a colour scale' : r.type === 'dataBar' ? 'data bars' : r.type === 'iconSet' ? `icons (${r.style})` : `a highlight where the value is ${r.operator} ${r.formula1}${r.formula2 ? ` and ${r.formula2}` : ''}`;
      return `Add ${what} to ${where(op.sheet, op.address)}.`;
    }
    case 'dataValidationList': return `Restrict ${where(op.sheet, op.address)} to a drop-down list: ${op.values.join(', ')}.`;
    case 'freezePanes': return op.rows === 0 && op.columns === 0 ? `Unfreeze panes on "${op.sheet}".` : `Freeze the top ${plural(op.rows, 'row')} and the first ${plural(op.columns, 'column')} of "${op.sheet}".`;
    case 'autofit': return `Autofit the ${op.target === 'both' ? 'column widths and row heights' : op.target === 'columns' ? 'column widths' : 'row heights'} of ${where(op.sheet, op.address)}.`;
    case 'namedRange': return `Name ${where(op.sheet, op.address)} "${op.name}".`;
    case 'chart': return `Add a ${CHART_WORDS[op.type]} chart of ${where(op.source.sheet, op.source.address)}${op.title ? ` titled "${op.title}"` : ''} on "${op.placement.sheet}" at ${op.placement.address}.`;
    case 'pivotTable': return `Add PivotTable "${op.name}" from ${where(op.source.sheet, op.source.address)} at ${where(op.destination.sheet, op.destination.address)}: rows ${op.rows.join(', ')}; values ${op.values.map((v) => `${v.summarizeBy} of ${v.field}`).join(', ')}.`;
  }
}

function sampleOf<T>(grid: T[][]): T[][] {
  return grid.slice(0, SAMPLE_SIZE).map((row) => row.slice(0, SAMPLE_SIZE));
}

const isEmpty = (v: unknown) => v === '' || v === null || v === undefined;

/** Validates, then describes every op. Nothing is changed. */
export async function previewOps(runExcel: RunExcel, ops: WorkbookOps, options: { capability?: Capability } = {}): Promise<PreviewResult> {
  const valid = await validateOps(runExcel, ops.ops, options);
  if (!valid.ok) return valid;
  const findings = collectFindings(ops.ops);
  const previews = await runExcel(async (context) => {
    const sheets = context.workbook.worksheets.load('items/name');
    await context.sync();
    const existing = new Set(sheets.items.map((s) => s.name.toLowerCase()));
    const out: OpPreview[] = [];
    for (const [index, op] of ops.ops.entries()) {
      const t = target(op);
      const parsed = t ? parseArea(t.address) : null;
      const area = parsed?.ok && parsed.area.kind === 'cells' ? parsed.area : null;
      let before: SampleValue[][] | null = null;
      let overwrites = 0;
      if (t && area && existing.has(t.sheet.toLowerCase())) {
        const sheet = context.workbook.worksheets.getItem(t.sheet);
        const sample = sheet.getRangeByIndexes(area.row, area.column, Math.min(SAMPLE_SIZE, area.rowCount), Math.min(SAMPLE_SIZE, area.columnCount)).load('formulas');
        await context.sync();
        before = sample.formulas as SampleValue[][];
        if (replacesContent(op)) {
          for (const part of chunks(area)) {
            const block = sheet.getRangeByIndexes(part.row, part.column, part.rowCount, part.columnCount).load('formulas');
            await context.sync();
            for (const row of block.formulas) for (const v of row) if (!isEmpty(v)) overwrites += 1;
          }
        }
      }
      if (op.op === 'deleteSheet' && existing.has(op.sheet.toLowerCase())) {
        const used = context.workbook.worksheets.getItem(op.sheet).getUsedRangeOrNullObject(true).load('cellCount');
        await context.sync();
        overwrites = used.isNullObject ? 0 : used.cellCount;
      }
      const after = op.op === 'writeValues' ? sampleOf(op.values.map((r) => r.map((v) => v ?? ''))) : op.op === 'formula' && area ? fillFormula(op.formula.trim(), Math.min(SAMPLE_SIZE, area.rowCount), Math.min(SAMPLE_SIZE, area.columnCount)) : null;
      out.push({
        opIndex: index,
        op: op.op,
        sheet: t?.sheet ?? ('sheet' in op && typeof op.sheet === 'string' ? op.sheet : null),
        address: t?.address ?? null,
        sentence: sentence(op, area, overwrites),
        before,
        after,
        overwrites,
        findings: findings.filter((f) => f.opIndex === index),
      });
    }
    return out;
  });
  return { ok: true, previews, findings };
}
