/** Carries out one validated op with Office.js. Called by applyOps after the op's undo step is saved. */
import { parseArea, type Area } from './a1';
import { writeGrid } from './cells';
import { fillFormula } from './fill-formula';
import { columnIndexIn, localAddress, type PreparedOp } from './snapshot';
import type { OpOf } from './schema';

const CHART_TYPES = { columnClustered: 'ColumnClustered', bar: 'BarClustered', line: 'Line', pie: 'Pie', scatter: 'XYScatter', area: 'Area' } as const;
const EDGES = { top: 'EdgeTop', bottom: 'EdgeBottom', left: 'EdgeLeft', right: 'EdgeRight', insideHorizontal: 'InsideHorizontal', insideVertical: 'InsideVertical' } as const;

function area(address: string): Area {
  const parsed = parseArea(address);
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.area;
}

/** Excel.FilterCriteria for our criteria. */
export function filterCriteria(criteria: OpOf<'filter'>['criteria']): Excel.FilterCriteria {
  switch (criteria.type) {
    case 'values': return { filterOn: 'Values', values: criteria.values };
    case 'top': return { filterOn: 'TopItems', criterion1: String(criteria.count) };
    case 'bottom': return { filterOn: 'BottomItems', criterion1: String(criteria.count) };
    case 'custom': return {
      filterOn: 'Custom',
      criterion1: `${criteria.operator}${criteria.value}`,
      ...(criteria.and ? { criterion2: `${criteria.and.operator}${criteria.and.value}`, operator: 'And' as const } : {}),
    };
  }
}

export async function performOp(context: Excel.RequestContext, prepared: PreparedOp): Promise<void> {
  const op = prepared.op;
  const wb = context.workbook;
  switch (op.op) {
    case 'writeValues':
      return writeGrid(context, op.sheet, area(op.address), 'values', op.values.map((row) => row.map((v) => v ?? '')));
    case 'formula': {
      const a = area(op.address);
      return writeGrid(context, op.sheet, a, 'formulas', fillFormula(op.formula.trim(), a.rowCount, a.columnCount));
    }
    case 'numberFormat': {
      const a = area(op.address);
      return writeGrid(context, op.sheet, a, 'numberFormat', Array.from({ length: a.rowCount }, () => Array.from({ length: a.columnCount }, () => op.format)));
    }
    case 'addSheet': {
      const sheet = wb.worksheets.add(op.name);
      if (op.position !== undefined) {
        const count = wb.worksheets.getCount();
        await context.sync();
        sheet.position = Math.min(op.position, count.value - 1);
      }
      break;
    }
    case 'renameSheet':
      wb.worksheets.getItem(op.sheet).name = op.newName;
      break;
    case 'deleteSheet':
      wb.worksheets.getItem(op.sheet).delete();
      break;
    case 'createTable': {
      const table = wb.worksheets.getItem(op.sheet).tables.add(op.address, op.hasHeaders);
      table.name = op.name;
      if (op.style) table.style = op.style;
      break;
    }
    case 'sort': {
      if (op.table) {
        const header = wb.tables.getItem(op.table).getHeaderRowRange().load('values');
        await context.sync();
        const headers = (header.values[0] ?? []).map(String);
        wb.tables.getItem(op.table).sort.apply(op.keys.map((k) => ({ key: columnIndexIn(headers, k.column), ascending: k.ascending })));
      } else {
        const range = wb.worksheets.getItem(op.sheet ?? '').getRange(op.address ?? '');
        const header = range.getRow(0).load('values');
        await context.sync();
        const headers = (header.values[0] ?? []).map(String);
        range.sort.apply(op.keys.map((k) => ({ key: columnIndexIn(headers, k.column), ascending: k.ascending })), false, op.hasHeaders === true);
      }
      break;
    }
    case 'filter': {
      const header = wb.tables.getItem(op.table).getHeaderRowRange().load('values');
      await context.sync();
      const column = columnIndexIn((header.values[0] ?? []).map(String), op.column);
      wb.tables.getItem(op.table).columns.getItemAt(column).filter.apply(filterCriteria(op.criteria));
      break;
    }
    case 'font': {
      const font = wb.worksheets.getItem(op.sheet).getRange(op.address).format.font;
      if (op.bold !== undefined) font.bold = op.bold;
      if (op.italic !== undefined) font.italic = op.italic;
      if (op.color !== undefined) font.color = op.color;
      if (op.size !== undefined) font.size = op.size;
      if (op.name !== undefined) font.name = op.name;
      break;
    }
    case 'fill':
      wb.worksheets.getItem(op.sheet).getRange(op.address).format.fill.color = op.color;
      break;
    case 'borders': {
      const borders = wb.worksheets.getItem(op.sheet).getRange(op.address).format.borders;
      for (const edge of op.edges) {
        const border = borders.getItem(EDGES[edge]);
        border.style = op.style;
        if (op.color) border.color = op.color;
      }
      break;
    }
    case 'conditionalFormat':
      addConditionalFormat(wb.worksheets.getItem(op.sheet).getRange(op.address), op.rule);
      break;
    case 'dataValidationList': {
      const dv = wb.worksheets.getItem(op.sheet).getRange(op.address).dataValidation;
      dv.clear();
      dv.rule = { list: { inCellDropDown: true, source: op.values.join(',') } };
      break;
    }
    case 'freezePanes': {
      const sheet = wb.worksheets.getItem(op.sheet);
      sheet.freezePanes.unfreeze();
      if (op.rows > 0 && op.columns > 0) sheet.freezePanes.freezeAt(sheet.getRangeByIndexes(0, 0, op.rows, op.columns));
      else if (op.rows > 0) sheet.freezePanes.freezeRows(op.rows);
      else if (op.columns > 0) sheet.freezePanes.freezeColumns(op.columns);
      break;
    }
    case 'autofit': {
      const format = wb.worksheets.getItem(op.sheet).getRange(op.address).format;
      if (op.target !== 'rows') format.autofitColumns();
      if (op.target !== 'columns') format.autofitRows();
      break;
    }
    case 'namedRange':
      wb.names.add(op.name, wb.worksheets.getItem(op.sheet).getRange(op.address));
      break;
    case 'chart': {
      const source = wb.worksheets.getItem(op.source.sheet).getRange(op.source.address);
      const chart = wb.worksheets.getItem(op.placement.sheet).charts.add(CHART_TYPES[op.type], source, 'Auto');
      chart.name = prepared.chartName ?? op.name ?? 'Chart';
      if (op.title) chart.title.text = op.title;
      const [start = op.placement.address, end] = localAddress(op.placement.address).split(':');
      if (end) chart.setPosition(start, end);
      else chart.setPosition(start);
      break;
    }
    case 'pivotTable': {
      const source = wb.worksheets.getItem(op.source.sheet).getRange(op.source.address);
      const destination = wb.worksheets.getItem(op.destination.sheet).getRange(op.destination.address);
      const pivot = wb.worksheets.getItem(op.destination.sheet).pivotTables.add(op.name, source, destination);
      for (const row of op.rows) pivot.rowHierarchies.add(pivot.hierarchies.getItem(row));
      for (const value of op.values) pivot.dataHierarchies.add(pivot.hierarchies.getItem(value.field)).summarizeBy = value.summarizeBy as Excel.AggregationFunction;
      break;
    }
  }
  await context.sync();
}

function addConditionalFormat(range: Excel.Range, rule: OpOf<'conditionalFormat'>['rule']): void {
  switch (rule.type) {
    case 'colorScale': {
      const cf = range.conditionalFormats.add('ColorScale');
      cf.colorScale.criteria = {
        minimum: { formula: null as unknown as string, type: 'LowestValue', color: rule.minColor },
        ...(rule.midColor ? { midpoint: { formula: '50', type: 'Percentile', color: rule.midColor } } : {}),
        maximum: { formula: null as unknown as string, type: 'HighestValue', color: rule.maxColor },
      };
      return;
    }
    case 'dataBar': {
      const cf = range.conditionalFormats.add('DataBar');
      if (rule.color) cf.dataBar.positiveFormat.fillColor = rule.color;
      return;
    }
    case 'iconSet': {
      const cf = range.conditionalFormats.add('IconSet');
      cf.iconSet.style = rule.style;
      return;
    }
    case 'cellValue': {
      const cf = range.conditionalFormats.add('CellValue');
      if (rule.fontColor) cf.cellValue.format.font.color = rule.fontColor;
      if (rule.fillColor) cf.cellValue.format.fill.color = rule.fillColor;
      cf.cellValue.rule = { formula1: rule.formula1, ...(rule.formula2 ? { formula2: rule.formula2 } : {}), operator: rule.operator };
      return;
    }
  }
}
