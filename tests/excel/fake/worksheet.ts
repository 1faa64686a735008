/** Excel.Worksheet and Excel.WorksheetCollection, with freeze panes. */
import { parseAddress, parseArea, cellArea, type Area } from '../../../src/excel/ops/a1';
import { FakeClientResult, FakeObject, type FakeContext, type LoadOption } from './context';
import { FakeExcelError, invalidArgument, invalidOperation, notFound } from './errors';
import { FakeRange } from './range';
import { FakeTableCollection } from './table';
import { FakeChartCollection } from './charts';
import { FakePivotTableCollection } from './pivots';
import { usedArea, type SheetState } from './state';

const ILLEGAL_SHEET_CHARS = /[[\]:*?/\\]/;

export function checkSheetName(context: FakeContext, name: string, location: string, except?: SheetState): void {
  if (name.length === 0 || name.length > 31 || ILLEGAL_SHEET_CHARS.test(name) || name.startsWith("'") || name.endsWith("'")) {
    throw invalidArgument(`"${name}" is not a legal sheet name`, location);
  }
  const other = context.state.sheetByName(name);
  if (other && other !== except) throw new FakeExcelError('ItemAlreadyExists', 'The resource with the same name or identifier already exists.', location);
}

export class FakeWorksheet extends FakeObject {
  protected readonly typeName = 'Worksheet';
  protected readonly scalarProperties = ['id', 'name', 'position', 'visibility'] as const;
  private resolved: SheetState | null = null;

  constructor(context: FakeContext, private readonly resolveSheet: () => SheetState | null) {
    super(context);
  }

  sheet(location = 'Worksheet'): SheetState {
    if (!this.resolved || !this.context.state.sheets.includes(this.resolved)) this.resolved = this.resolveSheet();
    if (!this.resolved) throw notFound('The worksheet does not exist.', location);
    return this.resolved;
  }

  protected readProperty(name: string): unknown {
    if (name === 'isNullObject') {
      this.resolved = this.resolved ?? this.resolveSheet();
      return this.resolved === null;
    }
    if (!this.resolved) this.resolved = this.resolveSheet();
    if (!this.resolved) return null;
    const sheet = this.sheet(`Worksheet.${name}`);
    switch (name) {
      case 'id': return sheet.id;
      case 'name': return sheet.name;
      case 'position': return this.context.state.sheets.indexOf(sheet);
      case 'visibility': return sheet.visibility;
      default: throw invalidArgument(`Worksheet has no property "${name}"`, 'Worksheet.load');
    }
  }

  get id(): string { return this.get('id'); }
  get isNullObject(): boolean { return this.get('isNullObject'); }
  get name(): string { return this.get('name'); }
  set name(value: string) {
    this.set('name', value, () => {
      const sheet = this.sheet('Worksheet.name');
      checkSheetName(this.context, value, 'Worksheet.name', sheet);
      sheet.name = value;
    });
  }
  get position(): number { return this.get('position'); }
  set position(value: number) {
    this.set('position', value, () => {
      const sheet = this.sheet('Worksheet.position');
      const sheets = this.context.state.sheets;
      if (value < 0 || value >= sheets.length) throw invalidArgument(`Position ${value} is outside 0..${sheets.length - 1}`, 'Worksheet.position');
      sheets.splice(sheets.indexOf(sheet), 1);
      sheets.splice(value, 0, sheet);
    });
  }
  get visibility(): string { return this.get('visibility'); }

  getRange(address?: string): FakeRange {
    return this.rangeOf(() => {
      if (address === undefined) return { row: 0, column: 0, rowCount: 1_048_576, columnCount: 16_384, kind: 'columns' };
      const parsed = parseArea(address);
      if (!parsed.ok) {
        const withSheet = parseAddress(address);
        if (!withSheet.ok) throw invalidArgument(parsed.problem, 'Worksheet.getRange');
        return withSheet.address.area;
      }
      return parsed.area;
    });
  }

  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): FakeRange {
    return this.rangeOf(() => {
      if (startRow < 0 || startColumn < 0 || rowCount < 1 || columnCount < 1 || startRow + rowCount > 1_048_576 || startColumn + columnCount > 16_384) {
        throw invalidArgument('The indexes are outside the sheet', 'Worksheet.getRangeByIndexes');
      }
      return cellArea(startRow, startColumn, rowCount, columnCount);
    });
  }

  getCell(row: number, column: number): FakeRange {
    return this.getRangeByIndexes(row, column, 1, 1);
  }

  /** An empty sheet's used range is A1, as in Excel. */
  getUsedRange(valuesOnly = false): FakeRange {
    return new FakeRange(this.context, () => {
      const sheet = this.sheet('Worksheet.getUsedRange');
      const area = usedOf(sheet, valuesOnly);
      return { sheet, area: area ?? cellArea(0, 0) };
    }, () => this);
  }

  getUsedRangeOrNullObject(valuesOnly = false): FakeRange {
    return new FakeRange(this.context, () => {
      const sheet = this.sheet('Worksheet.getUsedRangeOrNullObject');
      const area = usedOf(sheet, valuesOnly);
      return area ? { sheet, area } : null;
    }, () => this);
  }

  private rangeOf(areaOf: () => Area): FakeRange {
    return new FakeRange(this.context, () => ({ sheet: this.sheet('Worksheet.getRange'), area: areaOf() }), () => this);
  }

  delete(): void {
    this.call('delete', null, () => {
      const sheet = this.sheet('Worksheet.delete');
      const state = this.context.state;
      if (state.sheets.filter((s) => s.visibility === 'Visible' && s !== sheet).length === 0) {
        throw invalidOperation('A workbook must contain at least one visible worksheet', 'Worksheet.delete');
      }
      state.sheets.splice(state.sheets.indexOf(sheet), 1);
      state.tables = state.tables.filter((t) => t.sheetId !== sheet.id);
      state.pivots = state.pivots.filter((p) => p.sheetId !== sheet.id);
      for (const n of state.names) if (refersTo(n.formula, sheet.name)) n.formula = '=#REF!';
    });
  }

  activate(): void {
    this.call('activate', null, () => void this.sheet('Worksheet.activate'));
  }

  get tables(): FakeTableCollection { return this.memo('tables', () => new FakeTableCollection(this.context, this)); }
  get charts(): FakeChartCollection { return this.memo('charts', () => new FakeChartCollection(this.context, this)); }
  get pivotTables(): FakePivotTableCollection { return this.memo('pivotTables', () => new FakePivotTableCollection(this.context, this)); }
  get freezePanes(): FakeWorksheetFreezePanes { return this.memo('freezePanes', () => new FakeWorksheetFreezePanes(this.context, this)); }

  private readonly memos = new Map<string, unknown>();
  private memo<T>(key: string, make: () => T): T {
    if (!this.memos.has(key)) this.memos.set(key, make());
    return this.memos.get(key) as T;
  }
}

const usedOf = (sheet: SheetState, valuesOnly: boolean): Area | null => usedArea(sheet, valuesOnly);

function refersTo(formula: string, sheetName: string): boolean {
  const lower = formula.toLowerCase();
  const name = sheetName.toLowerCase();
  return lower.includes(`=${name}!`) || lower.includes(`='${name.replace(/'/g, "''")}'!`);
}

export class FakeWorksheetCollection extends FakeObject {
  protected readonly typeName = 'WorksheetCollection';
  protected readonly scalarProperties = ['items'] as const;
  private itemProxies: FakeWorksheet[] = [];

  protected readProperty(name: string): unknown {
    if (name !== 'items') throw invalidArgument(`Cannot load "${name}"`, 'WorksheetCollection.load');
    const sheets = [...this.context.state.sheets];
    this.itemProxies = sheets.map((s) => {
      const proxy = new FakeWorksheet(this.context, () => s);
      proxy.load();
      return proxy;
    });
    return sheets.map((s) => s.id);
  }

  /** load("items/name"), load("name, position") and load("items") all load every worksheet's scalar properties. */
  override load(_option?: LoadOption): this {
    return super.load('items');
  }

  get items(): FakeWorksheet[] {
    this.get('items');
    return this.itemProxies;
  }

  add(name?: string): FakeWorksheet {
    let created: SheetState | null = null;
    this.call('add', { name }, () => {
      const state = this.context.state;
      let chosen = name;
      if (chosen === undefined) {
        let n = state.sheets.length + 1;
        while (state.sheetByName(`Sheet${n}`)) n += 1;
        chosen = `Sheet${n}`;
      }
      checkSheetName(this.context, chosen, 'WorksheetCollection.add');
      created = state.addSheet(chosen);
    });
    return new FakeWorksheet(this.context, () => created);
  }

  getItem(key: string): FakeWorksheet {
    return new FakeWorksheet(this.context, () => this.context.state.sheetByName(key) ?? this.context.state.sheetById(key) ?? thrown(notFound(`No worksheet named "${key}".`, 'WorksheetCollection.getItem')));
  }

  getItemOrNullObject(key: string): FakeWorksheet {
    return new FakeWorksheet(this.context, () => this.context.state.sheetByName(key) ?? this.context.state.sheetById(key) ?? null);
  }

  getActiveWorksheet(): FakeWorksheet {
    return new FakeWorksheet(this.context, () => this.context.state.sheets[0] ?? null);
  }

  getCount(): FakeClientResult<number> {
    return this.callWithResult('getCount', null, () => this.context.state.sheets.length);
  }
}

function thrown(e: Error): never {
  throw e;
}

export class FakeWorksheetFreezePanes {
  constructor(private readonly context: FakeContext, private readonly worksheet: FakeWorksheet) {}

  private change(label: string, args: unknown, apply: (sheet: SheetState) => void): void {
    this.context.enqueue(this.worksheet, { label: `WorksheetFreezePanes.${label}`, requestBytes: JSON.stringify(args ?? null).length, run: () => (apply(this.worksheet.sheet(`WorksheetFreezePanes.${label}`)), 0) });
  }

  freezeRows(count = 1): void { this.change('freezeRows', count, (s) => { s.freeze = { rows: count, columns: 0 }; }); }
  freezeColumns(count = 1): void { this.change('freezeColumns', count, (s) => { s.freeze = { rows: 0, columns: count }; }); }
  unfreeze(): void { this.change('unfreeze', null, (s) => { s.freeze = { rows: 0, columns: 0 }; }); }

  /** The given range becomes the frozen top-left pane. */
  freezeAt(frozenRange: string | FakeRange): void {
    this.change('freezeAt', typeof frozenRange === 'string' ? frozenRange : 'range', (s) => {
      let area: Area;
      if (typeof frozenRange === 'string') {
        const parsed = parseArea(frozenRange);
        if (!parsed.ok) throw invalidArgument(parsed.problem, 'WorksheetFreezePanes.freezeAt');
        area = parsed.area;
      } else area = frozenRange.target('WorksheetFreezePanes.freezeAt').area;
      s.freeze = { rows: area.kind === 'columns' ? 0 : area.row + area.rowCount, columns: area.kind === 'rows' ? 0 : area.column + area.columnCount };
    });
  }

  getLocationOrNullObject(): FakeRange {
    return new FakeRange(this.context, () => {
      const sheet = this.worksheet.sheet('WorksheetFreezePanes.getLocationOrNullObject');
      const { rows, columns } = sheet.freeze;
      if (rows === 0 && columns === 0) return null;
      if (columns === 0) return { sheet, area: { row: 0, column: 0, rowCount: rows, columnCount: 16_384, kind: 'rows' } };
      if (rows === 0) return { sheet, area: { row: 0, column: 0, rowCount: 1_048_576, columnCount: columns, kind: 'columns' } };
      return { sheet, area: cellArea(0, 0, rows, columns) };
    }, () => this.worksheet);
  }
}
