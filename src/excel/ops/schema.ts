/** The fixed list of workbook operations the model may ask for: one zod schema, sent to the model as JSON Schema. */
import { z } from 'zod';
import { parseArea } from './a1';

const Sheet = z.string().min(1).max(31).describe('Worksheet name, exactly as it appears on the tab.');
const Address = z.string().min(1).max(40).describe('A1 range on that sheet without the sheet name, e.g. "B2:D10" or "C5". Never another workbook.');
const Color = z.string().regex(/^#[0-9A-Fa-f]{6}$/).describe('Colour as #RRGGBB.');
const CellValue = z.union([z.string(), z.number(), z.boolean(), z.null()]).describe('A cell value; null leaves the cell empty. Text starting with "=" is a formula.');
const ColumnKey = z.union([z.number().int().min(0), z.string().min(1)]).describe('Zero-based column index within the range or table, or the header text.');

const WriteValues = z.object({
  op: z.literal('writeValues'),
  sheet: Sheet,
  address: Address,
  values: z.array(z.array(CellValue).min(1)).min(1).describe('Rows of values; the shape must match the address exactly.'),
});
const AddSheet = z.object({ op: z.literal('addSheet'), name: Sheet, position: z.number().int().min(0).optional() });
const RenameSheet = z.object({ op: z.literal('renameSheet'), sheet: Sheet, newName: Sheet });
const DeleteSheet = z.object({ op: z.literal('deleteSheet'), sheet: Sheet });
const CreateTable = z.object({
  op: z.literal('createTable'),
  sheet: Sheet,
  address: Address,
  hasHeaders: z.boolean().describe('True when the first row holds the headers; false makes Excel insert a header row above.'),
  name: z.string().min(1).max(255).describe('Table name: letters, digits, underscore, no spaces.'),
  style: z.string().max(40).optional().describe('e.g. TableStyleMedium2.'),
});
const Sort = z.object({
  op: z.literal('sort'),
  table: z.string().optional().describe('Sort this table, or give sheet and address.'),
  sheet: Sheet.optional(),
  address: Address.optional(),
  hasHeaders: z.boolean().optional().describe('For a range: true when its first row is headers (kept in place).'),
  keys: z.array(z.object({ column: ColumnKey, ascending: z.boolean() })).min(1).max(3),
});
const FilterCriteria = z.discriminatedUnion('type', [
  z.object({ type: z.literal('values'), values: z.array(z.string()).min(1).max(1000) }),
  z.object({ type: z.enum(['top', 'bottom']), count: z.number().int().min(1).max(500) }),
  z.object({
    type: z.literal('custom'),
    operator: z.enum(['>', '<', '=', '>=', '<=', '<>']),
    value: z.union([z.string(), z.number()]),
    and: z.object({ operator: z.enum(['>', '<', '=', '>=', '<=', '<>']), value: z.union([z.string(), z.number()]) }).optional(),
  }),
]);
const Filter = z.object({ op: z.literal('filter'), table: z.string().min(1), column: ColumnKey, criteria: FilterCriteria });
const NumberFormat = z.object({ op: z.literal('numberFormat'), sheet: Sheet, address: Address, format: z.string().min(1).max(255).describe('Excel number format, e.g. "0.00", "yyyy-mm-dd", "#,##0 €".') });
const Font = z.object({
  op: z.literal('font'),
  sheet: Sheet,
  address: Address,
  bold: z.boolean().optional(),
  italic: z.boolean().optional(),
  color: Color.optional(),
  size: z.number().min(1).max(409).optional(),
  name: z.string().min(1).max(31).optional(),
});
const Fill = z.object({ op: z.literal('fill'), sheet: Sheet, address: Address, color: Color });
const Borders = z.object({
  op: z.literal('borders'),
  sheet: Sheet,
  address: Address,
  edges: z.array(z.enum(['top', 'bottom', 'left', 'right', 'insideHorizontal', 'insideVertical'])).min(1),
  style: z.enum(['Continuous', 'Dash', 'DashDot', 'DashDotDot', 'Dot', 'Double', 'None']),
  color: Color.optional(),
});
const CfRule = z.discriminatedUnion('type', [
  z.object({ type: z.literal('colorScale'), minColor: Color, midColor: Color.optional(), maxColor: Color }),
  z.object({ type: z.literal('dataBar'), color: Color.optional() }),
  z.object({ type: z.literal('iconSet'), style: z.enum(['ThreeArrows', 'ThreeTrafficLights1', 'ThreeSymbols', 'FourArrows', 'FiveArrows', 'ThreeStars']) }),
  z.object({
    type: z.literal('cellValue'),
    operator: z.enum(['Between', 'NotBetween', 'EqualTo', 'NotEqualTo', 'GreaterThan', 'LessThan', 'GreaterThanOrEqual', 'LessThanOrEqual']),
    formula1: z.string().min(1).max(255).describe('A number, a cell reference like "=$B$1", or a formula.'),
    formula2: z.string().min(1).max(255).optional().describe('Only for Between / NotBetween.'),
    fontColor: Color.optional(),
    fillColor: Color.optional(),
  }),
]);
const ConditionalFormat = z.object({ op: z.literal('conditionalFormat'), sheet: Sheet, address: Address, rule: CfRule });
const DataValidationList = z.object({ op: z.literal('dataValidationList'), sheet: Sheet, address: Address, values: z.array(z.string().min(1)).min(1).max(100) });
const FreezePanes = z.object({ op: z.literal('freezePanes'), sheet: Sheet, rows: z.number().int().min(0).max(1000), columns: z.number().int().min(0).max(100) });
const Autofit = z.object({ op: z.literal('autofit'), sheet: Sheet, address: Address, target: z.enum(['columns', 'rows', 'both']) });
const NamedRange = z.object({ op: z.literal('namedRange'), name: z.string().min(1).max(255), sheet: Sheet, address: Address });
const Formula = z.object({
  op: z.literal('formula'),
  sheet: Sheet,
  address: Address,
  formula: z.string().min(2).max(8000).describe('A1-style formula for the top-left cell, starting with "="; relative references move for the other cells as when Excel fills down or right.'),
});
const Chart = z.object({
  op: z.literal('chart'),
  type: z.enum(['columnClustered', 'bar', 'line', 'pie', 'scatter', 'area']),
  source: z.object({ sheet: Sheet, address: Address }),
  title: z.string().max(255).optional(),
  placement: z.object({ sheet: Sheet, address: Address.describe('Cell (or range) the chart covers, e.g. "F2" or "F2:M20".') }),
  name: z.string().min(1).max(255).optional(),
});
const PivotTable = z.object({
  op: z.literal('pivotTable'),
  name: z.string().min(1).max(255),
  source: z.object({ sheet: Sheet, address: Address }).describe('Source range with headers in its first row.'),
  destination: z.object({ sheet: Sheet, address: Address.describe('Top-left cell of the PivotTable.') }),
  rows: z.array(z.string().min(1)).min(1).max(5),
  values: z.array(z.object({ field: z.string().min(1), summarizeBy: z.enum(['Sum', 'Count', 'Average', 'Max', 'Min']) })).min(1).max(5),
});

export const OpSchema = z.discriminatedUnion('op', [
  WriteValues, AddSheet, RenameSheet, DeleteSheet, CreateTable, Sort, Filter, NumberFormat, Font, Fill, Borders,
  ConditionalFormat, DataValidationList, FreezePanes, Autofit, NamedRange, Formula, Chart, PivotTable,
]);

export const WorkbookOpsSchema = z.object({
  ops: z.array(OpSchema).min(1).max(50).describe('Applied in order; each may rely on the ones before it (e.g. a sheet added earlier).'),
  summary: z.string().min(1).max(500).describe('One sentence for the user: what the workbook will look like afterwards.'),
});

export type WorkbookOp = z.infer<typeof OpSchema>;
export type WorkbookOps = z.infer<typeof WorkbookOpsSchema>;
export type OpKind = WorkbookOp['op'];
export type OpOf<K extends OpKind> = Extract<WorkbookOp, { op: K }>;

export const OP_KINDS: readonly OpKind[] = OpSchema.options.map((o) => o.shape.op.value);

/** The JSON Schema sent to the model (structured output). */
export function workbookOpsJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(WorkbookOpsSchema, { target: 'openapi-3.0' }) as Record<string, unknown>;
}

/** Every address an op names, with the field it came from (for messages). */
export function opAddresses(op: WorkbookOp): { field: string; sheet: string; address: string }[] {
  switch (op.op) {
    case 'chart': return [{ field: 'source', ...op.source }, { field: 'placement', ...op.placement }];
    case 'pivotTable': return [{ field: 'source', ...op.source }, { field: 'destination', ...op.destination }];
    case 'sort': return op.sheet && op.address ? [{ field: 'address', sheet: op.sheet, address: op.address }] : [];
    case 'addSheet': case 'renameSheet': case 'deleteSheet': case 'filter': case 'freezePanes': return [];
    default: return [{ field: 'address', sheet: op.sheet, address: op.address }];
  }
}

/** Parses the model's answer: JSON, the schema, then A1 addresses (no other workbooks, no whole rows or columns). */
export function parseWorkbookOps(text: string): { ok: true; ops: WorkbookOps } | { ok: false; problem: string } {
  let data: unknown;
  try {
    data = JSON.parse(text.trim().replace(/^```(?:json)?\s*/i, '').replace(/```\s*$/, ''));
  } catch {
    return { ok: false, problem: 'The answer was not valid JSON.' };
  }
  const parsed = WorkbookOpsSchema.safeParse(data);
  if (!parsed.success) {
    const first = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    return { ok: false, problem: `The operations do not match the schema: ${first.join('; ')}` };
  }
  const problems: string[] = [];
  parsed.data.ops.forEach((op, index) => {
    for (const { field, address } of opAddresses(op)) {
      const problem = addressProblem(address, op.op === 'autofit');
      if (problem) problems.push(`ops.${index}.${field} (${op.op}): ${problem}`);
    }
    if (op.op === 'sort' && !op.table && !(op.sheet && op.address)) problems.push(`ops.${index} (sort): give either table, or sheet and address.`);
  });
  if (problems.length > 0) return { ok: false, problem: problems.slice(0, 5).join('; ') };
  return { ok: true, ops: parsed.data };
}

/** Null when the address is a usable A1 range for this op. */
export function addressProblem(address: string, allowWholeRowsOrColumns = false): string | null {
  if (/[[\]!]/.test(address)) return `"${address}" must be a range on the named sheet only, without a sheet or workbook part (e.g. "B2:D10").`;
  const parsed = parseArea(address);
  if (!parsed.ok) return parsed.problem;
  if (parsed.area.kind !== 'cells' && !allowWholeRowsOrColumns) return `"${address}" covers whole rows or columns; name the cells instead (e.g. "A1:D200"). To remove a whole sheet use deleteSheet.`;
  return null;
}
