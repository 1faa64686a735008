/** Conditional formats, data validation and sorting on a range. */
import { areasIntersect } from '../../../src/excel/ops/a1';
import { FakeClientResult, FakeObject, type FakeContext } from './context';
import { invalidArgument, notFound } from './errors';
import { getCell, putCell, updateCell, type Cell, type ConditionalFormatState, type SheetState } from './state';
import { forEachCell, type FakeRange } from './range';

/** A recorder for the nested settings objects of a conditional format (colorScale, cellValue.format.fill...). */
export class FakeSettingsPart {
  constructor(
    private readonly context: FakeContext,
    private readonly owner: FakeObject,
    private readonly settings: () => Record<string, unknown>,
    private readonly path: string,
  ) {}

  private record(key: string, value: unknown): void {
    this.context.enqueue(this.owner, {
      label: `ConditionalFormat.${this.path}.${key}`,
      requestBytes: JSON.stringify(value ?? null).length,
      run: () => {
        this.settings()[`${this.path}.${key}`] = structuredClone(value);
        return 0;
      },
    });
  }

  part(name: string): FakeSettingsPart {
    return new FakeSettingsPart(this.context, this.owner, this.settings, `${this.path}.${name}`);
  }

  set criteria(v: unknown) { this.record('criteria', v); }
  set rule(v: unknown) { this.record('rule', v); }
  set style(v: unknown) { this.record('style', v); }
  set barDirection(v: unknown) { this.record('barDirection', v); }
  set showDataBarOnly(v: unknown) { this.record('showDataBarOnly', v); }
  set color(v: unknown) { this.record('color', v); }
  set fillColor(v: unknown) { this.record('fillColor', v); }
  set bold(v: unknown) { this.record('bold', v); }
  set italic(v: unknown) { this.record('italic', v); }
  get format(): FakeSettingsPart { return this.part('format'); }
  get font(): FakeSettingsPart { return this.part('font'); }
  get fill(): FakeSettingsPart { return this.part('fill'); }
  get positiveFormat(): FakeSettingsPart { return this.part('positiveFormat'); }
}

export class FakeConditionalFormat extends FakeObject {
  protected readonly typeName = 'ConditionalFormat';
  protected readonly scalarProperties = ['id', 'type', 'priority'] as const;

  constructor(
    context: FakeContext,
    private readonly sheetOf: () => SheetState,
    private readonly resolve: () => ConditionalFormatState,
  ) {
    super(context);
  }

  protected readProperty(name: string): unknown {
    const cf = this.resolve();
    if (name === 'id') return cf.id;
    if (name === 'type') return cf.type;
    if (name === 'priority') return this.sheetOf().conditionalFormats.indexOf(cf);
    throw invalidArgument(`ConditionalFormat has no property "${name}"`, 'ConditionalFormat.load');
  }

  get id(): string { return this.get('id'); }
  get type(): string { return this.get('type'); }
  private part(name: string): FakeSettingsPart {
    return new FakeSettingsPart(this.context, this, () => this.resolve().settings, name);
  }
  get colorScale(): FakeSettingsPart { return this.part('colorScale'); }
  get dataBar(): FakeSettingsPart { return this.part('dataBar'); }
  get iconSet(): FakeSettingsPart { return this.part('iconSet'); }
  get cellValue(): FakeSettingsPart { return this.part('cellValue'); }
  get custom(): FakeSettingsPart { return this.part('custom'); }

  delete(): void {
    this.call('delete', null, () => {
      const sheet = this.sheetOf();
      const cf = this.resolve();
      sheet.conditionalFormats.splice(sheet.conditionalFormats.indexOf(cf), 1);
    });
  }
}

export class FakeConditionalFormatCollection extends FakeObject {
  protected readonly typeName = 'ConditionalFormatCollection';
  protected readonly scalarProperties = ['items'] as const;
  private itemProxies: FakeConditionalFormat[] = [];

  constructor(context: FakeContext, private readonly range: FakeRange) {
    super(context);
  }

  private present(): ConditionalFormatState[] {
    const { sheet, area } = this.range.target('ConditionalFormatCollection');
    return sheet.conditionalFormats.filter((cf) => areasIntersect(cf.area, area));
  }

  protected readProperty(name: string): unknown {
    if (name !== 'items' && !['id', 'type'].includes(name)) throw invalidArgument(`Cannot load "${name}"`, 'ConditionalFormatCollection.load');
    const sheet = this.range.target().sheet;
    this.itemProxies = this.present().map((cf) => {
      const proxy = new FakeConditionalFormat(this.context, () => sheet, () => cf);
      proxy.load();
      return proxy;
    });
    return this.present().map((cf) => cf.id);
  }

  override load(option?: string | string[]): this {
    // "items", "items/id", "id" all mean: the items with their scalar properties.
    void option;
    return super.load('items');
  }

  get items(): FakeConditionalFormat[] {
    this.get('items');
    return this.itemProxies;
  }

  add(type: string): FakeConditionalFormat {
    let created: ConditionalFormatState | null = null;
    const sheetOf = () => this.range.target().sheet;
    const proxy = new FakeConditionalFormat(this.context, sheetOf, () => created ?? thrownNotFound());
    this.call('add', { type }, () => {
      const { sheet, area } = this.range.target('ConditionalFormatCollection.add');
      created = { id: this.context.state.newId('cf'), type, area, settings: {} };
      sheet.conditionalFormats.push(created);
    });
    return proxy;
  }

  getItem(id: string): FakeConditionalFormat {
    const sheetOf = () => this.range.target().sheet;
    return new FakeConditionalFormat(this.context, sheetOf, () => sheetOf().conditionalFormats.find((cf) => cf.id === id) ?? thrownNotFound());
  }

  getCount(): FakeClientResult<number> {
    return this.callWithResult('getCount', null, () => this.present().length);
  }

  clearAll(): void {
    this.call('clearAll', null, () => {
      const { sheet } = this.range.target('ConditionalFormatCollection.clearAll');
      const gone = new Set(this.present());
      sheet.conditionalFormats = sheet.conditionalFormats.filter((cf) => !gone.has(cf));
    });
  }
}

function thrownNotFound(): never {
  throw notFound('The conditional format does not exist.', 'ConditionalFormat');
}

/** Per-cell data validation; a rule read on a mixed range answers type "Inconsistent". */
export class FakeDataValidation extends FakeObject {
  protected readonly typeName = 'DataValidation';
  protected readonly scalarProperties = ['rule', 'type'] as const;
  constructor(context: FakeContext, private readonly range: FakeRange) { super(context); }

  protected readProperty(name: string): unknown {
    const { sheet, area } = this.range.target(`DataValidation.${name}`);
    const seen = new Set<string>();
    forEachCell(area, (r, c) => void seen.add(getCell(sheet, r, c).validation ?? ''));
    const only = seen.size === 1 ? [...seen][0] ?? '' : null;
    if (name === 'rule') return only ? JSON.parse(only) : {};
    if (name === 'type') {
      if (only === null) return 'Inconsistent';
      if (only === '') return 'None';
      const key = Object.keys(JSON.parse(only) as object)[0] ?? '';
      return key === 'list' ? 'List' : key === 'custom' ? 'Custom' : key.charAt(0).toUpperCase() + key.slice(1);
    }
    throw invalidArgument(`DataValidation has no property "${name}"`, 'DataValidation.load');
  }

  get rule(): Record<string, unknown> { return this.get('rule'); }
  set rule(v: Record<string, unknown>) {
    this.set('rule', v, () => {
      const { sheet, area } = this.range.target('DataValidation.rule');
      const text = JSON.stringify(v);
      forEachCell(area, (r, c) => updateCell(sheet, r, c, (cell) => { cell.validation = text; }));
    });
  }
  get type(): string { return this.get('type'); }

  clear(): void {
    this.call('clear', null, () => {
      const { sheet, area } = this.range.target('DataValidation.clear');
      forEachCell(area, (r, c) => updateCell(sheet, r, c, (cell) => { cell.validation = null; }));
    });
  }
}

export interface SortField {
  key: number;
  ascending?: boolean;
}

/** Excel's order: numbers, then text (case-insensitive), then booleans; blanks always last. */
export function compareCells(a: Cell, b: Cell, ascending: boolean): number {
  const rank = (c: Cell) => (c.value === '' ? 3 : typeof c.value === 'number' ? 0 : typeof c.value === 'string' ? 1 : 2);
  const ra = rank(a), rb = rank(b);
  if (ra === 3 || rb === 3) return ra - rb;
  let d = ra - rb;
  if (d === 0) d = typeof a.value === 'string' ? a.value.toLowerCase().localeCompare(String(b.value).toLowerCase()) : Number(a.value) - Number(b.value);
  return ascending ? d : -d;
}

export function sortRows(sheet: SheetState, area: { row: number; column: number; rowCount: number; columnCount: number }, fields: SortField[]): void {
  const rows = Array.from({ length: area.rowCount }, (_, i) => Array.from({ length: area.columnCount }, (_, j) => getCell(sheet, area.row + i, area.column + j)));
  for (const f of fields) if (f.key < 0 || f.key >= area.columnCount) throw invalidArgument(`Sort key ${f.key} is outside the range`, 'RangeSort.apply');
  const order = rows.map((cells, index) => ({ cells, index }));
  order.sort((x, y) => {
    for (const f of fields) {
      const d = compareCells(x.cells[f.key] as Cell, y.cells[f.key] as Cell, f.ascending !== false);
      if (d !== 0) return d;
    }
    return x.index - y.index;
  });
  order.forEach(({ cells }, i) => cells.forEach((cell, j) => putCell(sheet, area.row + i, area.column + j, structuredClone(cell))));
}

export class FakeRangeSort {
  constructor(private readonly context: FakeContext, private readonly range: FakeRange) {}
  apply(fields: SortField[], _matchCase = false, hasHeaders = false): void {
    this.context.enqueue(this.range, {
      label: 'RangeSort.apply',
      requestBytes: JSON.stringify(fields).length,
      run: () => {
        const { sheet, area } = this.range.target('RangeSort.apply');
        const body = hasHeaders ? { ...area, row: area.row + 1, rowCount: area.rowCount - 1 } : area;
        sortRows(sheet, body, fields);
        return 0;
      },
    });
  }
}
