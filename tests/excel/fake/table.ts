/** Excel.Table, its collection, rows, columns, filters and sort. */
import { areasIntersect, cellArea, parseAddress, type Area } from '../../../src/excel/ops/a1';
import { FakeClientResult, FakeObject, type FakeContext, type LoadOption } from './context';
import { FakeExcelError, invalidArgument, invalidOperation, notFound } from './errors';
import { FakeRange } from './range';
import { sortRows, type SortField } from './range-extras';
import { getCell, putCell, updateCell, type SheetState, type TableState } from './state';
import { FakeWorksheet } from './worksheet';

const TABLE_NAME = /^[A-Za-z_\\][A-Za-z0-9_.\\]*$/;

function checkTableName(context: FakeContext, name: string, location: string, except?: TableState): void {
  if (!TABLE_NAME.test(name) || name.length > 255 || /^[A-Za-z]{1,3}\d+$/.test(name) || /^[rRcC]$/.test(name)) throw invalidArgument(`"${name}" is not a legal table name`, location);
  const other = context.state.tableByName(name);
  if ((other && other !== except) || context.state.names.some((n) => n.name.toLowerCase() === name.toLowerCase())) {
    throw new FakeExcelError('ItemAlreadyExists', 'The resource with the same name or identifier already exists.', location);
  }
}

function sheetProxy(context: FakeContext, t: () => TableState): FakeWorksheet {
  return new FakeWorksheet(context, () => context.state.sheetById(t().sheetId) ?? null);
}

export class FakeTable extends FakeObject {
  protected readonly typeName = 'Table';
  protected readonly scalarProperties = ['id', 'name', 'showHeaders', 'style'] as const;
  private resolved: TableState | null = null;

  constructor(context: FakeContext, private readonly resolveTable: () => TableState | null) {
    super(context);
  }

  table(location = 'Table'): TableState {
    if (!this.resolved || !this.context.state.tables.includes(this.resolved)) this.resolved = this.resolveTable();
    if (!this.resolved) throw notFound('The table does not exist.', location);
    return this.resolved;
  }

  private sheetOf(t: TableState): SheetState {
    return this.context.state.sheetById(t.sheetId) ?? (() => { throw notFound('The table\'s worksheet does not exist.', 'Table'); })();
  }

  protected readProperty(name: string): unknown {
    if (name === 'isNullObject') return (this.resolved ?? (this.resolved = this.resolveTable())) === null;
    if (!(this.resolved ?? (this.resolved = this.resolveTable()))) return null;
    const t = this.table(`Table.${name}`);
    switch (name) {
      case 'id': return t.id;
      case 'name': return t.name;
      case 'showHeaders': return t.showHeaders;
      case 'style': return t.style;
      default: throw invalidArgument(`Table has no property "${name}"`, 'Table.load');
    }
  }

  get id(): string { return this.get('id'); }
  get isNullObject(): boolean { return this.get('isNullObject'); }
  get name(): string { return this.get('name'); }
  set name(v: string) { this.set('name', v, () => { const t = this.table('Table.name'); checkTableName(this.context, v, 'Table.name', t); t.name = v; }); }
  get showHeaders(): boolean { return this.get('showHeaders'); }
  get style(): string { return this.get('style'); }
  set style(v: string) { this.set('style', v, () => { this.table('Table.style').style = v; }); }

  get worksheet(): FakeWorksheet { return sheetProxy(this.context, () => this.table()); }

  private rangeOf(part: (a: Area, t: TableState) => Area | null): FakeRange {
    return new FakeRange(this.context, () => {
      const t = this.table('Table.getRange');
      const area = part(t.area, t);
      return area ? { sheet: this.sheetOf(t), area } : null;
    }, () => this.worksheet);
  }

  getRange(): FakeRange { return this.rangeOf((a) => a); }
  getHeaderRowRange(): FakeRange { return this.rangeOf((a, t) => (t.showHeaders ? { ...a, rowCount: 1 } : null)); }
  getDataBodyRange(): FakeRange { return this.rangeOf((a, t) => (t.showHeaders ? { ...a, row: a.row + 1, rowCount: a.rowCount - 1 } : a)); }

  get rows(): FakeTableRowCollection { return new FakeTableRowCollection(this.context, this); }
  get columns(): FakeTableColumnCollection { return new FakeTableColumnCollection(this.context, this); }
  get sort(): { apply: (fields: SortField[], matchCase?: boolean) => void } {
    return {
      apply: (fields: SortField[]) => this.call('sort.apply', fields, () => {
        const t = this.table('TableSort.apply');
        const body = t.showHeaders ? { ...t.area, row: t.area.row + 1, rowCount: t.area.rowCount - 1 } : t.area;
        sortRows(this.sheetOf(t), body, fields);
      }),
    };
  }

  clearFilters(): void {
    this.call('clearFilters', null, () => this.table('Table.clearFilters').filters.clear());
  }

  /** Deletes the table and what its cells held. */
  delete(): void {
    this.call('delete', null, () => {
      const t = this.table('Table.delete');
      const sheet = this.sheetOf(t);
      for (let r = t.area.row; r < t.area.row + t.area.rowCount; r++) for (let c = t.area.column; c < t.area.column + t.area.columnCount; c++) sheet.cells.delete(r * 16384 + c);
      this.context.state.tables.splice(this.context.state.tables.indexOf(t), 1);
    });
  }

  /** Keeps the cells, drops the table. */
  convertToRange(): FakeRange {
    let area: Area | null = null;
    let sheet: SheetState | null = null;
    this.call('convertToRange', null, () => {
      const t = this.table('Table.convertToRange');
      area = t.area;
      sheet = this.sheetOf(t);
      this.context.state.tables.splice(this.context.state.tables.indexOf(t), 1);
    });
    return new FakeRange(this.context, () => (sheet && area ? { sheet, area } : null), () => this.worksheet);
  }

  /** Internal: used by rows and columns. */
  internals(): { table: TableState; sheet: SheetState } {
    const t = this.table();
    return { table: t, sheet: this.sheetOf(t) };
  }

  enqueueChange(label: string, args: unknown, apply: () => void): void {
    this.call(label, args, apply);
  }
}

export class FakeTableCollection extends FakeObject {
  protected readonly typeName = 'TableCollection';
  protected readonly scalarProperties = ['items'] as const;
  private itemProxies: FakeTable[] = [];

  /** worksheet null: the workbook's collection. */
  constructor(context: FakeContext, private readonly worksheet: FakeWorksheet | null) {
    super(context);
  }

  private list(): TableState[] {
    const sheet = this.worksheet?.sheet('TableCollection');
    return this.context.state.tables.filter((t) => !sheet || t.sheetId === sheet.id);
  }

  protected readProperty(name: string): unknown {
    if (name !== 'items') throw invalidArgument(`Cannot load "${name}"`, 'TableCollection.load');
    const tables = this.list();
    this.itemProxies = tables.map((t) => new FakeTable(this.context, () => t).load());
    return tables.map((t) => t.id);
  }

  override load(_option?: LoadOption): this {
    return super.load('items');
  }

  get items(): FakeTable[] {
    this.get('items');
    return this.itemProxies;
  }

  getCount(): FakeClientResult<number> {
    return this.callWithResult('getCount', null, () => this.list().length);
  }

  getItem(key: string): FakeTable {
    return new FakeTable(this.context, () => this.find(key) ?? thrown(notFound(`No table named "${key}".`, 'TableCollection.getItem')));
  }

  getItemOrNullObject(key: string): FakeTable {
    return new FakeTable(this.context, () => this.find(key) ?? null);
  }

  private find(key: string): TableState | undefined {
    return this.list().find((t) => t.name.toLowerCase() === key.toLowerCase() || t.id === key);
  }

  /** Without headers, Excel inserts a header row (Column1, Column2...) above the data, shifting the cells below down. */
  add(address: string | FakeRange, hasHeaders: boolean): FakeTable {
    let created: TableState | null = null;
    this.call('add', { address: typeof address === 'string' ? address : 'range', hasHeaders }, () => {
      const state = this.context.state;
      let sheet: SheetState;
      let area: Area;
      if (typeof address === 'string') {
        const parsed = parseAddress(address);
        if (!parsed.ok) throw invalidArgument(parsed.problem, 'TableCollection.add');
        const named = parsed.address.sheet;
        sheet = named ? (state.sheetByName(named) ?? thrown(notFound(`No worksheet named "${named}".`, 'TableCollection.add'))) : (this.worksheet?.sheet('TableCollection.add') ?? state.sheets[0] ?? thrown(notFound('No worksheet.', 'TableCollection.add')));
        area = parsed.address.area;
      } else {
        const t = address.target('TableCollection.add');
        sheet = t.sheet;
        area = t.area;
      }
      if (area.kind !== 'cells') throw invalidArgument('A table needs a bounded range', 'TableCollection.add');
      if (state.tables.some((t) => t.sheetId === sheet.id && areasIntersect(t.area, area))) throw invalidOperation('A table cannot overlap another table', 'TableCollection.add');
      let n = state.tables.length + 1;
      while (state.tableByName(`Table${n}`)) n += 1;
      if (!hasHeaders) {
        shiftDown(sheet, area.row, area.column, area.columnCount, 1);
        for (let j = 0; j < area.columnCount; j++) updateCell(sheet, area.row, area.column + j, (c) => { c.value = `Column${j + 1}`; c.formula = null; });
        area = { ...area, rowCount: area.rowCount + 1 };
      } else {
        // Excel names blank or duplicate headers itself.
        const seen = new Set<string>();
        for (let j = 0; j < area.columnCount; j++) {
          const cell = getCell(sheet, area.row, area.column + j);
          let header = String(cell.value);
          if (header === '' || seen.has(header.toLowerCase())) header = `Column${j + 1}`;
          seen.add(header.toLowerCase());
          if (header !== String(cell.value)) updateCell(sheet, area.row, area.column + j, (c) => { c.value = header; c.formula = null; });
        }
      }
      created = { id: state.newId('table'), name: `Table${n}`, sheetId: sheet.id, area, showHeaders: true, style: 'TableStyleMedium2', filters: new Map() };
      state.tables.push(created);
    });
    return new FakeTable(this.context, () => created);
  }
}

export function shiftDown(sheet: SheetState, fromRow: number, column: number, columnCount: number, by: number): void {
  const moved: [number, number, ReturnType<typeof getCell>][] = [];
  for (const key of [...sheet.cells.keys()]) {
    const r = Math.floor(key / 16384), c = key % 16384;
    if (r < fromRow || c < column || c >= column + columnCount) continue;
    moved.push([r + by, c, getCell(sheet, r, c)]);
    sheet.cells.delete(key);
  }
  for (const [r, c, cell] of moved) putCell(sheet, r, c, cell);
}

function thrown(e: Error): never {
  throw e;
}

export class FakeTableRowCollection extends FakeObject {
  protected readonly typeName = 'TableRowCollection';
  protected readonly scalarProperties = ['count'] as const;
  constructor(context: FakeContext, private readonly owner: FakeTable) { super(context); }
  protected readProperty(name: string): unknown {
    if (name !== 'count') throw invalidArgument(`Cannot load "${name}"`, 'TableRowCollection.load');
    const { table } = this.owner.internals();
    return table.area.rowCount - (table.showHeaders ? 1 : 0);
  }
  get count(): number { return this.get('count'); }
  getCount(): FakeClientResult<number> {
    return this.callWithResult('getCount', null, () => this.readProperty('count') as number);
  }

  /** Adds rows at the end (index null) or before data row `index`, shifting the cells below the table's columns down. */
  add(index: number | null = null, values?: (string | number | boolean)[][]): void {
    this.call('add', { index, values }, () => {
      const { table, sheet } = this.owner.internals();
      const rows = values ?? [[]];
      if (values && values.some((r) => r.length !== table.area.columnCount)) throw invalidArgument("The number of columns in the input array doesn't match the table", 'TableRowCollection.add');
      const bodyStart = table.area.row + (table.showHeaders ? 1 : 0);
      const end = table.area.row + table.area.rowCount;
      const at = index === null || index === undefined ? end : bodyStart + index;
      if (at < bodyStart || at > end) throw invalidArgument(`Row index ${index} is outside the table`, 'TableRowCollection.add');
      shiftDown(sheet, at, table.area.column, table.area.columnCount, rows.length);
      rows.forEach((row, i) => row.forEach((v, j) => updateCell(sheet, at + i, table.area.column + j, (c) => {
        c.value = v;
        c.formula = typeof v === 'string' && v.startsWith('=') ? v : null;
      })));
      table.area = { ...table.area, rowCount: table.area.rowCount + rows.length };
    });
  }
}

export class FakeTableColumnCollection extends FakeObject {
  protected readonly typeName = 'TableColumnCollection';
  protected readonly scalarProperties = ['items'] as const;
  private itemProxies: FakeTableColumn[] = [];
  constructor(context: FakeContext, private readonly owner: FakeTable) { super(context); }

  private headers(): string[] {
    const { table, sheet } = this.owner.internals();
    return Array.from({ length: table.area.columnCount }, (_, j) => String(getCell(sheet, table.area.row, table.area.column + j).value));
  }

  protected readProperty(name: string): unknown {
    if (name !== 'items') throw invalidArgument(`Cannot load "${name}"`, 'TableColumnCollection.load');
    const headers = this.headers();
    this.itemProxies = headers.map((_, j) => new FakeTableColumn(this.context, this.owner, () => j).load());
    return headers;
  }

  override load(_option?: LoadOption): this {
    return super.load('items');
  }

  get items(): FakeTableColumn[] {
    this.get('items');
    return this.itemProxies;
  }

  getCount(): FakeClientResult<number> {
    return this.callWithResult('getCount', null, () => this.headers().length);
  }

  getItem(key: string | number): FakeTableColumn {
    return new FakeTableColumn(this.context, this.owner, () => this.indexOf(key) ?? thrown(notFound(`No column "${key}".`, 'TableColumnCollection.getItem')));
  }

  getItemAt(index: number): FakeTableColumn {
    return new FakeTableColumn(this.context, this.owner, () => (index >= 0 && index < this.headers().length ? index : thrown(notFound(`No column at ${index}.`, 'TableColumnCollection.getItemAt'))));
  }

  getItemOrNullObject(key: string | number): FakeTableColumn {
    return new FakeTableColumn(this.context, this.owner, () => this.indexOf(key) ?? null);
  }

  private indexOf(key: string | number): number | null {
    const headers = this.headers();
    // Like Excel, a number (or numeric string) is the column's id, which the fake numbers from 1.
    const asId = typeof key === 'number' ? key : /^\d+$/.test(key) ? Number(key) : NaN;
    if (!Number.isNaN(asId) && asId >= 1 && asId <= headers.length) return asId - 1;
    const i = headers.findIndex((h) => h.toLowerCase() === String(key).toLowerCase());
    return i >= 0 ? i : null;
  }
}

export class FakeTableColumn extends FakeObject {
  protected readonly typeName = 'TableColumn';
  protected readonly scalarProperties = ['id', 'index', 'name'] as const;
  constructor(context: FakeContext, private readonly owner: FakeTable, private readonly indexOf: () => number | null) { super(context); }

  private index_(): number {
    const i = this.indexOf();
    if (i === null) throw notFound('The column does not exist.', 'TableColumn');
    return i;
  }

  protected readProperty(name: string): unknown {
    if (name === 'isNullObject') return this.indexOf() === null;
    const i = this.index_();
    if (name === 'index') return i;
    if (name === 'id') return i + 1;
    if (name === 'name') {
      const { table, sheet } = this.owner.internals();
      return String(getCell(sheet, table.area.row, table.area.column + i).value);
    }
    throw invalidArgument(`TableColumn has no property "${name}"`, 'TableColumn.load');
  }

  get id(): number { return this.get('id'); }
  get index(): number { return this.get('index'); }
  get name(): string { return this.get('name'); }
  get isNullObject(): boolean { return this.get('isNullObject'); }

  get filter(): FakeFilter { return new FakeFilter(this.context, this.owner, () => this.index_()); }

  getDataBodyRange(): FakeRange {
    return new FakeRange(this.context, () => {
      const { table, sheet } = this.owner.internals();
      const i = this.index_();
      const body = table.showHeaders ? { ...table.area, row: table.area.row + 1, rowCount: table.area.rowCount - 1 } : table.area;
      return { sheet, area: cellArea(body.row, body.column + i, body.rowCount, 1) };
    }, () => this.owner.worksheet);
  }
}

/** A column's AutoFilter: the fake keeps the criteria (it does not hide rows). */
export class FakeFilter extends FakeObject {
  protected readonly typeName = 'Filter';
  protected readonly scalarProperties = ['criteria'] as const;
  constructor(context: FakeContext, private readonly owner: FakeTable, private readonly column: () => number) { super(context); }

  protected readProperty(name: string): unknown {
    if (name !== 'criteria') throw invalidArgument(`Filter has no property "${name}"`, 'Filter.load');
    const text = this.owner.internals().table.filters.get(this.column());
    return text ? JSON.parse(text) : { filterOn: 'Custom', criterion1: '' };
  }

  get criteria(): Record<string, unknown> { return this.get('criteria'); }

  apply(criteria: Record<string, unknown>): void {
    this.call('apply', criteria, () => {
      if (typeof criteria.filterOn !== 'string') throw invalidArgument('criteria.filterOn is required', 'Filter.apply');
      this.owner.internals().table.filters.set(this.column(), JSON.stringify(criteria));
    });
  }
  applyValuesFilter(values: string[]): void { this.apply({ filterOn: 'Values', values }); }
  applyTopItemsFilter(count: number): void { this.apply({ filterOn: 'TopItems', criterion1: String(count) }); }
  applyBottomItemsFilter(count: number): void { this.apply({ filterOn: 'BottomItems', criterion1: String(count) }); }
  applyCustomFilter(criteria1: string, criteria2?: string, oper?: string): void {
    this.apply({ filterOn: 'Custom', criterion1: criteria1, ...(criteria2 ? { criterion2: criteria2 } : {}), ...(oper ? { operator: oper } : {}) });
  }
  clear(): void {
    this.call('clear', null, () => void this.owner.internals().table.filters.delete(this.column()));
  }
}
