/**
 * Checks an op list against the open workbook before anything is applied: each op in turn, against the workbook as
 * the ops before it will have left it (a sheet added by op 1 exists for op 2). Any problem → nothing is applied.
 */
import { cellCount, parseArea, type Area } from './a1';
import { addressProblem, type WorkbookOp } from './schema';
import { officeCapability, type Capability, type RunExcel } from '../office';
import { MAX_OP_CELLS } from './limits';

export interface OpProblem {
  /** Zero-based index of the op in the list. */
  opIndex: number;
  op: string;
  /** What is wrong and what to do, in one or two sentences. */
  message: string;
}

export type ValidateResult = { ok: true } | { ok: false; problems: OpProblem[] };

interface TableFact {
  name: string;
  sheet: string;
  /** Null when the table is created by an earlier op and its headers are not known yet. */
  headers: string[] | null;
}

/** The workbook as the op list will leave it, op by op. */
interface Simulation {
  sheets: string[];
  tables: Map<string, TableFact>;
  names: Set<string>;
  pivots: Set<string>;
  charts: Set<string>;
  /** First row of source ranges, keyed by "sheet!address" (lower case), read before the ops run. */
  headerRows: Map<string, string[]>;
  /** Sheets that cannot be deleted with a faithful undo, and why. */
  undeletable: Map<string, string>;
}

const ILLEGAL_SHEET_CHARS = /[[\]:*?/\\]/;

export function sheetNameProblem(name: string): string | null {
  if (name.trim() === '') return 'A sheet name cannot be empty.';
  if (name.length > 31) return `"${name}" is longer than 31 characters, Excel's limit for sheet names.`;
  if (ILLEGAL_SHEET_CHARS.test(name)) return `"${name}" contains one of [ ] : * ? / \\, which Excel does not allow in sheet names.`;
  if (name.startsWith("'") || name.endsWith("'")) return `"${name}" starts or ends with an apostrophe, which Excel does not allow.`;
  if (name.toLowerCase() === 'history') return '"History" is reserved by Excel.';
  return null;
}

export function definedNameProblem(name: string): string | null {
  if (!/^[A-Za-z_\\][A-Za-z0-9_.\\]*$/.test(name)) return `"${name}" is not a valid name: start with a letter or underscore and use only letters, digits, underscores and dots (no spaces).`;
  if (/^[A-Za-z]{1,3}\d{1,7}$/.test(name) || /^[rRcC]$/.test(name) || /^[rR]\d*[cC]\d*$/.test(name)) return `"${name}" looks like a cell reference; choose another name.`;
  return null;
}

const key = (sheet: string, address: string) => `${sheet}!${address}`.toLowerCase();

/** Reads what validation needs (sheets, tables with headers, names, charts and PivotTables the ops name, source header rows) in one run. */
async function loadSimulation(runExcel: RunExcel, ops: readonly WorkbookOp[]): Promise<Simulation> {
  return runExcel(async (context) => {
    const wb = context.workbook;
    const sheets = wb.worksheets.load('items/name');
    const tables = wb.tables.load('items/name');
    const names = wb.names.load('items/name');
    await context.sync();
    const sheetNames = sheets.items.map((s) => s.name);
    const exists = (name: string) => sheetNames.some((s) => s.toLowerCase() === name.toLowerCase());
    const tableParts = tables.items.map((t) => ({ name: t.name, sheet: t.worksheet.load('name'), header: t.getHeaderRowRange().load('values') }));
    const headerReads: [string, Excel.Range][] = [];
    const chartReads: [string, Excel.Chart][] = [];
    const pivotReads: [string, Excel.PivotTable][] = [];
    const deleteReads: [string, Excel.Range, Excel.ChartCollection][] = [];
    for (const op of ops) {
      const firstRow = (sheet: string, address: string) => {
        const parsed = parseArea(address);
        if (!exists(sheet) || !parsed.ok || parsed.area.kind !== 'cells') return;
        const a = parsed.area;
        headerReads.push([key(sheet, address), wb.worksheets.getItem(sheet).getRangeByIndexes(a.row, a.column, 1, a.columnCount).load('values')]);
      };
      if (op.op === 'pivotTable') {
        firstRow(op.source.sheet, op.source.address);
        pivotReads.push([op.name, wb.pivotTables.getItemOrNullObject(op.name).load('name')]);
      }
      if (op.op === 'sort' && op.sheet && op.address) firstRow(op.sheet, op.address);
      if (op.op === 'chart' && op.name && exists(op.placement.sheet)) chartReads.push([key(op.placement.sheet, op.name), wb.worksheets.getItem(op.placement.sheet).charts.getItemOrNullObject(op.name).load('name')]);
      if (op.op === 'deleteSheet' && exists(op.sheet)) {
        const sheet = wb.worksheets.getItem(op.sheet);
        deleteReads.push([op.sheet, sheet.getUsedRange().load('cellCount'), sheet.charts.load('items/name')]);
      }
    }
    await context.sync();
    const undeletable = new Map<string, string>();
    const cfCounts: [string, OfficeExtension.ClientResult<number>, Excel.DataValidation][] = [];
    for (const [sheet, used, charts] of deleteReads) {
      if (used.cellCount > MAX_OP_CELLS) undeletable.set(sheet.toLowerCase(), `"${sheet}" has ${used.cellCount.toLocaleString('en-US')} cells in use, too many to keep an undo copy (limit ${MAX_OP_CELLS.toLocaleString('en-US')}). Delete it in Excel yourself if you are sure.`);
      else if (charts.items.length > 0) undeletable.set(sheet.toLowerCase(), `"${sheet}" has charts, which undo could not bring back. Delete it in Excel yourself if you are sure.`);
      else cfCounts.push([sheet, used.conditionalFormats.getCount(), used.dataValidation.load('type')]);
    }
    await context.sync();
    for (const [sheet, count, validation] of cfCounts) {
      if (count.value > 0 || validation.type !== 'None') undeletable.set(sheet.toLowerCase(), `"${sheet}" has conditional formatting or data validation, which undo could not bring back exactly. Delete it in Excel yourself if you are sure.`);
    }
    return {
      sheets: sheetNames,
      tables: new Map(tableParts.map((t) => [t.name.toLowerCase(), { name: t.name, sheet: t.sheet.name, headers: (t.header.values[0] ?? []).map(String) }])),
      names: new Set(names.items.map((n) => n.name.toLowerCase())),
      pivots: new Set(pivotReads.filter(([, p]) => !p.isNullObject).map(([n]) => n.toLowerCase())),
      charts: new Set(chartReads.filter(([, c]) => !c.isNullObject).map(([k]) => k)),
      headerRows: new Map(headerReads.map(([k, r]) => [k, (r.values[0] ?? []).map(String)])),
      undeletable,
    };
  });
}

/** Validates the whole list; the answer names every problem with its op. */
export async function validateOps(runExcel: RunExcel, ops: readonly WorkbookOp[], options: { capability?: Capability } = {}): Promise<ValidateResult> {
  const capability = options.capability ?? officeCapability;
  const sim = await loadSimulation(runExcel, ops);
  const problems: OpProblem[] = [];
  ops.forEach((op, index) => {
    const fail = (message: string) => problems.push({ opIndex: index, op: op.op, message: `Op ${index + 1} (${op.op}): ${message}` });
    checkOp(op, sim, capability, fail);
  });
  return problems.length === 0 ? { ok: true } : { ok: false, problems };
}

/** Ops whose undo copy needs per-cell formats (Range.getCellProperties, Excel API 1.9). */
const NEEDS_CELL_PROPERTIES = new Set<WorkbookOp['op']>(['font', 'fill', 'borders', 'sort', 'createTable', 'deleteSheet']);

function checkOp(op: WorkbookOp, sim: Simulation, capability: Capability, fail: (message: string) => void): void {
  if (NEEDS_CELL_PROPERTIES.has(op.op) && !capability('ExcelApi', '1.9')) {
    fail('this change could not be undone here: copying cell formats needs Excel API 1.9, which this version of Excel does not support. Update Excel, or make the change by hand.');
    return;
  }
  const hasSheet = (name: string) => sim.sheets.some((s) => s.toLowerCase() === name.toLowerCase());
  const needSheet = (name: string): boolean => {
    if (hasSheet(name)) return true;
    fail(`there is no sheet named "${name}". Use one of: ${sim.sheets.map((s) => `"${s}"`).join(', ')}, or add it first with addSheet.`);
    return false;
  };
  const needArea = (address: string, allowWhole = false): Area | null => {
    const problem = addressProblem(address, allowWhole);
    if (problem) {
      fail(problem);
      return null;
    }
    const parsed = parseArea(address);
    if (!parsed.ok) return null;
    if (parsed.area.kind === 'cells' && cellCount(parsed.area) > MAX_OP_CELLS) {
      fail(`${address} has ${cellCount(parsed.area).toLocaleString('en-US')} cells; one operation may change at most ${MAX_OP_CELLS.toLocaleString('en-US')} so that it can be undone. Split it into smaller ranges.`);
      return null;
    }
    return parsed.area;
  };
  const newName = (name: string, what: string): boolean => {
    const problem = definedNameProblem(name);
    if (problem) return fail(problem), false;
    const lower = name.toLowerCase();
    if (sim.tables.has(lower) || sim.names.has(lower)) return fail(`a table or name called "${name}" already exists; choose another ${what} name.`), false;
    return true;
  };
  const tableFor = (name: string): TableFact | null => {
    const t = sim.tables.get(name.toLowerCase());
    if (!t) fail(`there is no table named "${name}". Tables in the workbook: ${[...sim.tables.values()].map((x) => `"${x.name}"`).join(', ') || 'none'}; create it first with createTable.`);
    return t ?? null;
  };
  const columnOk = (headers: string[] | null, width: number | null, column: number | string, where: string): boolean => {
    if (typeof column === 'number') {
      const count = headers?.length ?? width;
      if (count !== null && column >= count) return fail(`column ${column} is outside ${where}, which has ${count} columns (indexes start at 0).`), false;
      return true;
    }
    if (headers && !headers.some((h) => h.toLowerCase() === column.toLowerCase())) return fail(`${where} has no column "${column}". Its headers are: ${headers.map((h) => `"${h}"`).join(', ')}.`), false;
    return true;
  };

  switch (op.op) {
    case 'writeValues': {
      if (!needSheet(op.sheet)) return;
      const area = needArea(op.address);
      if (!area) return;
      const widths = new Set(op.values.map((r) => r.length));
      if (op.values.length !== area.rowCount || widths.size !== 1 || !widths.has(area.columnCount)) {
        fail(`the values are ${op.values.length} row(s) of ${[...widths].join('/')} but ${op.address} is ${area.rowCount}×${area.columnCount}. Make the address match the values exactly.`);
      }
      return;
    }
    case 'formula': {
      if (!needSheet(op.sheet)) return;
      needArea(op.address);
      if (!op.formula.trim().startsWith('=')) fail(`the formula must start with "=" (got "${op.formula.slice(0, 40)}"). To write text use writeValues.`);
      return;
    }
    case 'addSheet': {
      const problem = sheetNameProblem(op.name);
      if (problem) return fail(`${problem} Choose another name.`);
      if (hasSheet(op.name)) return fail(`a sheet named "${op.name}" already exists. Choose another name, or write into that sheet instead.`);
      sim.sheets.push(op.name);
      return;
    }
    case 'renameSheet': {
      if (!needSheet(op.sheet)) return;
      const problem = sheetNameProblem(op.newName);
      if (problem) return fail(`${problem} Choose another name.`);
      if (hasSheet(op.newName) && op.newName.toLowerCase() !== op.sheet.toLowerCase()) return fail(`a sheet named "${op.newName}" already exists. Choose another name.`);
      sim.sheets = sim.sheets.map((s) => (s.toLowerCase() === op.sheet.toLowerCase() ? op.newName : s));
      for (const t of sim.tables.values()) if (t.sheet.toLowerCase() === op.sheet.toLowerCase()) t.sheet = op.newName;
      return;
    }
    case 'deleteSheet': {
      if (!needSheet(op.sheet)) return;
      if (sim.sheets.length === 1) return fail(`"${op.sheet}" is the only sheet; a workbook needs at least one. Add another sheet first.`);
      const why = sim.undeletable.get(op.sheet.toLowerCase());
      if (why) return fail(why);
      sim.sheets = sim.sheets.filter((s) => s.toLowerCase() !== op.sheet.toLowerCase());
      for (const [k, t] of sim.tables) if (t.sheet.toLowerCase() === op.sheet.toLowerCase()) sim.tables.delete(k);
      return;
    }
    case 'createTable': {
      if (!needSheet(op.sheet)) return;
      if (!needArea(op.address)) return;
      if (!newName(op.name, 'table')) return;
      sim.tables.set(op.name.toLowerCase(), { name: op.name, sheet: op.sheet, headers: null });
      return;
    }
    case 'sort': {
      if (op.table) {
        const t = tableFor(op.table);
        if (t) for (const k of op.keys) columnOk(t.headers, null, k.column, `table "${t.name}"`);
        return;
      }
      if (!op.sheet || !op.address) return fail('give either table, or sheet and address.');
      if (!needSheet(op.sheet)) return;
      const area = needArea(op.address);
      if (!area) return;
      const headers = op.hasHeaders ? (sim.headerRows.get(key(op.sheet, op.address)) ?? null) : null;
      for (const k of op.keys) {
        if (typeof k.column === 'string' && !op.hasHeaders) fail(`key "${k.column}" is a header name but hasHeaders is not true; use a column index or set hasHeaders.`);
        else columnOk(headers, area.columnCount, k.column, `${op.sheet}!${op.address}`);
      }
      return;
    }
    case 'filter': {
      const t = tableFor(op.table);
      if (t) columnOk(t.headers, null, op.column, `table "${t.name}"`);
      return;
    }
    case 'numberFormat': case 'font': case 'fill': case 'borders': case 'conditionalFormat': case 'dataValidationList': {
      if (!needSheet(op.sheet)) return;
      needArea(op.address);
      if (op.op === 'font' && [op.bold, op.italic, op.color, op.size, op.name].every((v) => v === undefined)) fail('say what to change: bold, italic, color, size or name.');
      if (op.op === 'dataValidationList') {
        if (op.values.some((v) => v.includes(','))) fail('list values cannot contain commas (Excel separates the list with them). Remove the commas or put the list in cells.');
        else if (op.values.join(',').length > 255) fail('the list is longer than the 255 characters Excel allows; put the values in cells instead.');
      }
      if (op.op === 'conditionalFormat' && op.rule.type === 'cellValue' && /Between/.test(op.rule.operator) && !op.rule.formula2) fail(`${op.rule.operator} needs formula2 (the upper bound).`);
      return;
    }
    case 'freezePanes':
      needSheet(op.sheet);
      return;
    case 'autofit': {
      if (!needSheet(op.sheet)) return;
      const area = needArea(op.address, true);
      if (!area) return;
      if (op.target !== 'rows' && area.columnCount > 1000) fail('autofit at most 1,000 columns at a time so the widths can be undone.');
      if (op.target !== 'columns' && area.rowCount > 10_000) fail('autofit at most 10,000 rows at a time so the heights can be undone.');
      return;
    }
    case 'namedRange': {
      if (!needSheet(op.sheet) || !needArea(op.address)) return;
      if (newName(op.name, 'range')) sim.names.add(op.name.toLowerCase());
      return;
    }
    case 'chart': {
      if (!needSheet(op.source.sheet) || !needArea(op.source.address)) return;
      if (!needSheet(op.placement.sheet) || !needArea(op.placement.address)) return;
      if (op.name) {
        const k = key(op.placement.sheet, op.name);
        if (sim.charts.has(k)) return fail(`a chart named "${op.name}" is already on "${op.placement.sheet}"; choose another name.`);
        sim.charts.add(k);
      }
      return;
    }
    case 'pivotTable': {
      if (!capability('ExcelApi', '1.8')) return fail('PivotTables need Excel API 1.8, which this version of Excel does not support. Build the summary with writeValues and formulas instead, or use a newer Excel.');
      if (!needSheet(op.source.sheet) || !needArea(op.source.address)) return;
      if (!needSheet(op.destination.sheet) || !needArea(op.destination.address)) return;
      if (sim.pivots.has(op.name.toLowerCase())) return fail(`a PivotTable named "${op.name}" already exists; choose another name.`);
      const headers = sim.headerRows.get(key(op.source.sheet, op.source.address)) ?? null;
      for (const field of [...op.rows, ...op.values.map((v) => v.field)]) columnOk(headers, null, field, `${op.source.sheet}!${op.source.address}`);
      sim.pivots.add(op.name.toLowerCase());
      return;
    }
  }
}
