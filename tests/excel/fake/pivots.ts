/** Excel.PivotTable (ExcelApi 1.8): the definition only (rows, values, summarize functions); the fake lays out no cells. */
import { FakeObject, type FakeContext } from './context';
import { FakeExcelError, invalidArgument, notFound } from './errors';
import { getCell, type PivotState } from './state';
import type { FakeRange } from './range';
import type { FakeWorksheet } from './worksheet';
import type { FakeTable } from './table';

export class FakePivotTable extends FakeObject {
  protected readonly typeName = 'PivotTable';
  protected readonly scalarProperties = ['id', 'name'] as const;
  private resolved: PivotState | null = null;
  constructor(context: FakeContext, private readonly resolvePivot: () => PivotState | null) { super(context); }

  pivot(location = 'PivotTable'): PivotState {
    if (!this.resolved || !this.context.state.pivots.includes(this.resolved)) this.resolved = this.resolvePivot();
    if (!this.resolved) throw notFound('The PivotTable does not exist.', location);
    return this.resolved;
  }

  protected readProperty(name: string): unknown {
    if (name === 'isNullObject') return (this.resolved ?? (this.resolved = this.resolvePivot())) === null;
    if (!(this.resolved ?? (this.resolved = this.resolvePivot()))) return null;
    const p = this.pivot(`PivotTable.${name}`);
    if (name === 'id') return p.id;
    if (name === 'name') return p.name;
    throw invalidArgument(`PivotTable has no property "${name}"`, 'PivotTable.load');
  }

  get id(): string { return this.get('id'); }
  get name(): string { return this.get('name'); }
  get isNullObject(): boolean { return this.get('isNullObject'); }

  /** Hierarchies are the source's column headers. */
  get hierarchies(): { getItem: (name: string) => { name: string } } {
    return { getItem: (name: string) => ({ name }) };
  }

  get rowHierarchies(): { add: (h: { name: string }) => void } {
    return { add: (h) => this.call('rowHierarchies.add', h.name, () => { this.checkField(h.name); this.pivot().rows.push(h.name); }) };
  }

  get dataHierarchies(): { add: (h: { name: string }) => { summarizeBy: string } } {
    return {
      add: (h) => {
        let entry: { name: string; summarizeBy: string } | null = null;
        this.call('dataHierarchies.add', h.name, () => {
          this.checkField(h.name);
          entry = { name: h.name, summarizeBy: 'Sum' };
          this.pivot().values.push(entry);
        });
        const call = (label: string, args: unknown, apply: () => void) => this.call(label, args, apply);
        return {
          get summarizeBy(): string { throw new FakeExcelError('PropertyNotLoaded', 'The fake does not load summarizeBy.', 'DataPivotHierarchy.summarizeBy'); },
          set summarizeBy(v: string) { call('DataPivotHierarchy.summarizeBy', v, () => { if (entry) entry.summarizeBy = v; }); },
        };
      },
    };
  }

  private checkField(name: string): void {
    const p = this.pivot();
    if (!p.fields.some((f) => f.toLowerCase() === name.toLowerCase())) throw invalidArgument(`The source has no field "${name}"`, 'PivotHierarchy');
  }

  delete(): void {
    this.call('delete', null, () => {
      const pivots = this.context.state.pivots;
      pivots.splice(pivots.indexOf(this.pivot('PivotTable.delete')), 1);
    });
  }
}

export class FakePivotTableCollection extends FakeObject {
  protected readonly typeName = 'PivotTableCollection';
  protected readonly scalarProperties = [] as const;
  /** worksheet null: the workbook's collection. */
  constructor(context: FakeContext, private readonly worksheet: FakeWorksheet | null) { super(context); }
  protected readProperty(name: string): unknown {
    throw invalidArgument(`Cannot load "${name}"`, 'PivotTableCollection.load');
  }

  add(name: string, source: FakeRange | FakeTable | string, destination: FakeRange | string): FakePivotTable {
    let created: PivotState | null = null;
    this.call('add', { name }, () => {
      const state = this.context.state;
      if (state.pivots.some((p) => p.name.toLowerCase() === name.toLowerCase())) throw new FakeExcelError('ItemAlreadyExists', 'The resource with the same name or identifier already exists.', 'PivotTableCollection.add');
      if (typeof source === 'string' || typeof destination === 'string') throw invalidArgument('The fake takes Range or Table objects for source and destination', 'PivotTableCollection.add');
      const src = 'getDataBodyRange' in source ? source.getRange().target('PivotTableCollection.add') : source.target('PivotTableCollection.add');
      const dst = destination.target('PivotTableCollection.add');
      const fields = Array.from({ length: src.area.columnCount }, (_, j) => String(getCell(src.sheet, src.area.row, src.area.column + j).value));
      const sheet = this.worksheet?.sheet('PivotTableCollection.add') ?? dst.sheet;
      created = { id: state.newId('pivot'), name, sheetId: sheet.id, source: `${src.sheet.name}!${JSON.stringify(src.area)}`, destination: `${dst.sheet.name}!${JSON.stringify(dst.area)}`, fields, rows: [], values: [] };
      state.pivots.push(created);
    });
    return new FakePivotTable(this.context, () => created);
  }

  getItem(name: string): FakePivotTable {
    return new FakePivotTable(this.context, () => this.find(name) ?? (() => { throw notFound(`No PivotTable named "${name}".`, 'PivotTableCollection.getItem'); })());
  }

  getItemOrNullObject(name: string): FakePivotTable {
    return new FakePivotTable(this.context, () => this.find(name) ?? null);
  }

  private find(name: string): PivotState | undefined {
    const sheet = this.worksheet?.sheet('PivotTableCollection');
    return this.context.state.pivots.find((p) => p.name.toLowerCase() === name.toLowerCase() && (!sheet || p.sheetId === sheet.id));
  }
}
