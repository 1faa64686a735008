/**
 * Undo steps: before an op runs, what it is about to change is copied into a step; restoring the steps last to
 * first puts the workbook back. Each step is plain JSON so it can live in IndexedDB and outlive the pane.
 */
import { cellArea, parseArea, MAX_COLUMNS, MAX_ROWS, type Area } from './a1';
import { readCells, writeCells, type CellsCopy, type Json } from './cells';
import type { WorkbookOp } from './schema';

export type UndoStep =
  | { kind: 'cells'; copy: CellsCopy }
  | { kind: 'sheet-added'; name: string }
  | { kind: 'sheet-renamed'; from: string; to: string }
  | {
      kind: 'sheet-deleted';
      name: string;
      position: number;
      copy: CellsCopy | null;
      tables: { name: string; address: string; style: string }[];
      freeze: string | null;
      columnWidths: [number, number][];
      rowHeights: [number, number][];
      names: { name: string; formula: string }[];
    }
  | { kind: 'table-created'; name: string; hasHeaders: boolean; copy: CellsCopy }
  | { kind: 'filter'; table: string; column: number; criteria: Json | null }
  | { kind: 'conditional-formats'; sheet: string; address: string; ids: string[] }
  | { kind: 'validation'; sheet: string; address: string; rule: Json | null }
  | { kind: 'freeze'; sheet: string; location: string | null }
  | { kind: 'sizes'; sheet: string; columnWidths: [number, number][]; rowHeights: [number, number][] }
  | { kind: 'name-added'; name: string }
  | { kind: 'chart-added'; sheet: string; name: string }
  | { kind: 'pivot-added'; name: string };

/** An op with the names our code chooses for it (a chart's name), fixed before capture so undo can find it. */
export interface PreparedOp {
  op: WorkbookOp;
  chartName: string | null;
}

export class SnapshotRefused extends Error {}

function area(address: string): Area {
  const parsed = parseArea(address);
  if (!parsed.ok) throw new SnapshotRefused(parsed.problem);
  return parsed.area;
}

/** Borders drawn on a range also show on its neighbours' edges: keep one cell around it. */
function grown(a: Area): Area {
  const row = Math.max(0, a.row - 1), column = Math.max(0, a.column - 1);
  return cellArea(row, column, Math.min(MAX_ROWS, a.row + a.rowCount + 1) - row, Math.min(MAX_COLUMNS, a.column + a.columnCount + 1) - column);
}

/** Strips the sheet part Excel puts in addresses ("Sheet1!A1:B2" → "A1:B2"). */
export function localAddress(address: string): string {
  return address.slice(address.lastIndexOf('!') + 1);
}

async function tableBody(context: Excel.RequestContext, name: string): Promise<{ sheet: string; area: Area; headers: string[] }> {
  const table = context.workbook.tables.getItem(name);
  const body = table.getDataBodyRange().load('address');
  const header = table.getHeaderRowRange().load('values');
  const sheet = table.worksheet.load('name');
  await context.sync();
  return { sheet: sheet.name, area: area(localAddress(body.address)), headers: (header.values[0] ?? []).map(String) };
}

export function columnIndexIn(headers: string[], column: number | string): number {
  if (typeof column === 'number') return column;
  const i = headers.findIndex((h) => h.toLowerCase() === column.toLowerCase());
  if (i < 0) throw new SnapshotRefused(`There is no column "${column}".`);
  return i;
}

async function sizes(context: Excel.RequestContext, sheetName: string, columns: number[], rows: number[]): Promise<{ columnWidths: [number, number][]; rowHeights: [number, number][] }> {
  const sheet = context.workbook.worksheets.getItem(sheetName);
  const cols = columns.map((c) => [c, sheet.getRangeByIndexes(0, c, 1, 1).format.load('columnWidth')] as const);
  const rws = rows.map((r) => [r, sheet.getRangeByIndexes(r, 0, 1, 1).format.load('rowHeight')] as const);
  await context.sync();
  return { columnWidths: cols.map(([c, f]) => [c, f.columnWidth]), rowHeights: rws.map(([r, f]) => [r, f.rowHeight]) };
}

const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

/** Copies what one op will change. Runs right before the op, so it sees the workbook as the earlier ops left it. */
export async function captureStep(context: Excel.RequestContext, prepared: PreparedOp): Promise<UndoStep> {
  const op = prepared.op;
  const wb = context.workbook;
  switch (op.op) {
    case 'writeValues': case 'formula': case 'numberFormat':
      return { kind: 'cells', copy: await readCells(context, op.sheet, area(op.address), false) };
    case 'font': case 'fill':
      return { kind: 'cells', copy: await readCells(context, op.sheet, area(op.address), true) };
    case 'borders':
      return { kind: 'cells', copy: await readCells(context, op.sheet, grown(area(op.address)), true) };
    case 'sort': {
      if (op.table) {
        const body = await tableBody(context, op.table);
        return { kind: 'cells', copy: await readCells(context, body.sheet, body.area, true) };
      }
      return { kind: 'cells', copy: await readCells(context, op.sheet ?? '', area(op.address ?? ''), true) };
    }
    case 'createTable': {
      const a = area(op.address);
      // Without headers Excel inserts a header row and shifts the cells below: undo removes that row again.
      return { kind: 'table-created', name: op.name, hasHeaders: op.hasHeaders, copy: await readCells(context, op.sheet, a, true) };
    }
    case 'addSheet':
      return { kind: 'sheet-added', name: op.name };
    case 'renameSheet': {
      const sheet = wb.worksheets.getItem(op.sheet).load('name');
      await context.sync();
      return { kind: 'sheet-renamed', from: sheet.name, to: op.newName };
    }
    case 'deleteSheet':
      return captureSheet(context, op.sheet);
    case 'filter': {
      const body = await tableBody(context, op.table);
      const column = columnIndexIn(body.headers, op.column);
      const filter = wb.tables.getItem(op.table).columns.getItemAt(column).filter.load('criteria');
      await context.sync();
      const c = filter.criteria as unknown as Record<string, Json> | undefined;
      const active = c && typeof c.filterOn === 'string' && !(c.filterOn === 'Custom' && !c.criterion1);
      return { kind: 'filter', table: op.table, column, criteria: active ? c : null };
    }
    case 'conditionalFormat': {
      const cfs = wb.worksheets.getItem(op.sheet).getRange(op.address).conditionalFormats.load('items/id');
      await context.sync();
      return { kind: 'conditional-formats', sheet: op.sheet, address: op.address, ids: cfs.items.map((cf) => cf.id) };
    }
    case 'dataValidationList': {
      const dv = wb.worksheets.getItem(op.sheet).getRange(op.address).dataValidation.load('type, rule');
      await context.sync();
      if (dv.type === 'Inconsistent') throw new SnapshotRefused(`${op.sheet}!${op.address} already has different validation rules in different cells, which undo could not restore. Clear its data validation in Excel first (Data > Data Validation > Clear All).`);
      return { kind: 'validation', sheet: op.sheet, address: op.address, rule: dv.type === 'None' ? null : (dv.rule as unknown as Json) };
    }
    case 'freezePanes': {
      const location = wb.worksheets.getItem(op.sheet).freezePanes.getLocationOrNullObject().load('address');
      await context.sync();
      return { kind: 'freeze', sheet: op.sheet, location: location.isNullObject ? null : localAddress(location.address) };
    }
    case 'autofit': {
      const a = area(op.address);
      const got = await sizes(context, op.sheet, op.target === 'rows' ? [] : range(a.column, a.columnCount), op.target === 'columns' ? [] : range(a.row, a.rowCount));
      return { kind: 'sizes', sheet: op.sheet, ...got };
    }
    case 'namedRange':
      return { kind: 'name-added', name: op.name };
    case 'chart':
      return { kind: 'chart-added', sheet: op.placement.sheet, name: prepared.chartName ?? '' };
    case 'pivotTable':
      return { kind: 'pivot-added', name: op.name };
  }
}

async function captureSheet(context: Excel.RequestContext, name: string): Promise<UndoStep> {
  const wb = context.workbook;
  const sheet = wb.worksheets.getItem(name).load('name, position');
  const used = sheet.getUsedRangeOrNullObject().load('address');
  const tables = sheet.tables.load('items/name');
  const names = wb.names.load('items/name, items/formula');
  const freeze = sheet.freezePanes.getLocationOrNullObject().load('address');
  await context.sync();
  const tableParts = tables.items.map((t) => ({ name: t.name, range: t.getRange().load('address'), style: t.load('style') }));
  await context.sync();
  const usedArea = used.isNullObject ? null : area(localAddress(used.address));
  const copy = usedArea ? await readCells(context, sheet.name, usedArea, true) : null;
  const got = usedArea ? await sizes(context, sheet.name, range(usedArea.column, usedArea.columnCount), range(usedArea.row, usedArea.rowCount)) : { columnWidths: [], rowHeights: [] };
  const quoted = [`=${sheet.name}!`, `='${sheet.name.replace(/'/g, "''")}'!`].map((s) => s.toLowerCase());
  return {
    kind: 'sheet-deleted',
    name: sheet.name,
    position: sheet.position,
    copy,
    tables: tableParts.map((t) => ({ name: t.name, address: localAddress(t.range.address), style: t.style.style })),
    freeze: freeze.isNullObject ? null : localAddress(freeze.address),
    ...got,
    names: names.items.filter((n) => quoted.some((q) => n.formula.toLowerCase().startsWith(q))).map((n) => ({ name: n.name, formula: n.formula })),
  };
}

/** Puts back what one step copied. Written to be safe to run again after a partial failure. */
export async function restoreStep(context: Excel.RequestContext, step: UndoStep): Promise<void> {
  const wb = context.workbook;
  switch (step.kind) {
    case 'cells':
      return writeCells(context, step.copy, area(step.copy.address));
    case 'sheet-added': {
      const sheet = wb.worksheets.getItemOrNullObject(step.name).load('name');
      await context.sync();
      if (!sheet.isNullObject) sheet.delete();
      return context.sync();
    }
    case 'sheet-renamed': {
      const sheet = wb.worksheets.getItemOrNullObject(step.to).load('name');
      await context.sync();
      if (!sheet.isNullObject) sheet.name = step.from;
      return context.sync();
    }
    case 'sheet-deleted':
      return restoreSheet(context, step);
    case 'table-created': {
      const table = wb.tables.getItemOrNullObject(step.name).load('name');
      await context.sync();
      if (!table.isNullObject) {
        table.convertToRange();
        if (!step.hasHeaders) {
          const a = area(step.copy.address);
          wb.worksheets.getItem(step.copy.sheet).getRangeByIndexes(a.row, a.column, 1, a.columnCount).delete('Up');
        }
        await context.sync();
      }
      return writeCells(context, step.copy, area(step.copy.address));
    }
    case 'filter': {
      const filter = wb.tables.getItem(step.table).columns.getItemAt(step.column).filter;
      if (step.criteria === null) filter.clear();
      else filter.apply(step.criteria as unknown as Excel.FilterCriteria);
      return context.sync();
    }
    case 'conditional-formats': {
      const cfs = wb.worksheets.getItem(step.sheet).getRange(step.address).conditionalFormats.load('items/id');
      await context.sync();
      for (const cf of cfs.items) if (!step.ids.includes(cf.id)) cf.delete();
      return context.sync();
    }
    case 'validation': {
      const dv = wb.worksheets.getItem(step.sheet).getRange(step.address).dataValidation;
      dv.clear();
      if (step.rule !== null) dv.rule = step.rule as unknown as Excel.DataValidationRule;
      return context.sync();
    }
    case 'freeze': {
      const panes = wb.worksheets.getItem(step.sheet).freezePanes;
      panes.unfreeze();
      if (step.location) panes.freezeAt(step.location);
      return context.sync();
    }
    case 'sizes': {
      const sheet = wb.worksheets.getItem(step.sheet);
      for (const [c, w] of step.columnWidths) sheet.getRangeByIndexes(0, c, 1, 1).format.columnWidth = w;
      for (const [r, h] of step.rowHeights) sheet.getRangeByIndexes(r, 0, 1, 1).format.rowHeight = h;
      return context.sync();
    }
    case 'name-added': {
      const name = wb.names.getItemOrNullObject(step.name).load('name');
      await context.sync();
      if (!name.isNullObject) name.delete();
      return context.sync();
    }
    case 'chart-added': {
      const sheet = wb.worksheets.getItemOrNullObject(step.sheet).load('name');
      await context.sync();
      if (sheet.isNullObject) return;
      const chart = sheet.charts.getItemOrNullObject(step.name).load('name');
      await context.sync();
      if (!chart.isNullObject) chart.delete();
      return context.sync();
    }
    case 'pivot-added': {
      const pivot = wb.pivotTables.getItemOrNullObject(step.name).load('name');
      await context.sync();
      if (!pivot.isNullObject) pivot.delete();
      return context.sync();
    }
  }
}

async function restoreSheet(context: Excel.RequestContext, step: Extract<UndoStep, { kind: 'sheet-deleted' }>): Promise<void> {
  const wb = context.workbook;
  const existing = wb.worksheets.getItemOrNullObject(step.name).load('name');
  await context.sync();
  if (existing.isNullObject) {
    const sheet = wb.worksheets.add(step.name);
    sheet.position = step.position;
    await context.sync();
  }
  if (step.copy) await writeCells(context, step.copy, area(step.copy.address));
  const sheet = wb.worksheets.getItem(step.name);
  for (const t of step.tables) {
    const table = sheet.tables.add(t.address, true);
    table.name = t.name;
    table.style = t.style;
  }
  if (step.freeze) sheet.freezePanes.freezeAt(step.freeze);
  for (const [c, w] of step.columnWidths) sheet.getRangeByIndexes(0, c, 1, 1).format.columnWidth = w;
  for (const [r, h] of step.rowHeights) sheet.getRangeByIndexes(r, 0, 1, 1).format.rowHeight = h;
  for (const n of step.names) {
    wb.names.getItem(n.name).delete();
    wb.names.add(n.name, n.formula.replace(/^=/, ''));
  }
  await context.sync();
}

