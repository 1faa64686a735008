/** Excel.RangeFormat with font, fill, borders, column widths, row heights and autofit. */
import { FakeObject, type FakeContext } from './context';
import { invalidArgument } from './errors';
import { DEFAULT_COLUMN_WIDTH, DEFAULT_ROW_HEIGHT, getCell, updateCell, type Font } from './state';
import { forEachCell, type FakeRange } from './range';

export class FakeRangeFormat extends FakeObject {
  protected readonly typeName = 'RangeFormat';
  protected readonly scalarProperties = ['columnWidth', 'rowHeight'] as const;
  readonly font: FakeRangeFont;
  readonly fill: FakeRangeFill;
  readonly borders: FakeRangeBorderCollection;

  constructor(context: FakeContext, readonly range: FakeRange) {
    super(context);
    this.font = new FakeRangeFont(context, range);
    this.fill = new FakeRangeFill(context, range);
    this.borders = new FakeRangeBorderCollection(context, range);
  }

  protected override navigate(name: string): FakeObject | undefined {
    return name === 'font' ? this.font : name === 'fill' ? this.fill : undefined;
  }

  get columnWidth(): number | null { return this.get('columnWidth'); }
  set columnWidth(w: number) {
    this.set('columnWidth', w, () => {
      const { sheet, area } = this.range.target('RangeFormat.columnWidth');
      for (let c = area.column; c < area.column + area.columnCount; c++) setSize(sheet.columnWidths, c, w, DEFAULT_COLUMN_WIDTH);
    });
  }
  get rowHeight(): number | null { return this.get('rowHeight'); }
  set rowHeight(h: number) {
    this.set('rowHeight', h, () => {
      const { sheet, area } = this.range.target('RangeFormat.rowHeight');
      for (let r = area.row; r < area.row + area.rowCount; r++) setSize(sheet.rowHeights, r, h, DEFAULT_ROW_HEIGHT);
    });
  }

  protected readProperty(name: string): unknown {
    const { sheet, area } = this.range.target(`RangeFormat.${name}`);
    const seen = new Set<number>();
    if (name === 'columnWidth') for (let c = area.column; c < area.column + Math.min(area.columnCount, 16384); c++) seen.add(sheet.columnWidths.get(c) ?? DEFAULT_COLUMN_WIDTH);
    else if (name === 'rowHeight') for (let r = area.row; r < area.row + Math.min(area.rowCount, 1_048_576); r++) seen.add(sheet.rowHeights.get(r) ?? DEFAULT_ROW_HEIGHT);
    else throw invalidArgument(`RangeFormat has no property "${name}"`, 'RangeFormat.load');
    // Excel answers null when the columns (rows) differ.
    return seen.size === 1 ? [...seen][0] : null;
  }

  /** Widths from the longest text in each column: about 7 points a character plus padding. */
  autofitColumns(): void {
    this.call('autofitColumns', null, () => {
      const { sheet, area } = this.range.target('RangeFormat.autofitColumns');
      for (let c = area.column; c < area.column + area.columnCount; c++) {
        let longest = 0;
        for (const [key, cell] of sheet.cells) if (key % 16384 === c && key >= area.row * 16384 && Math.floor(key / 16384) < area.row + area.rowCount) longest = Math.max(longest, String(cell.value).length);
        setSize(sheet.columnWidths, c, longest === 0 ? DEFAULT_COLUMN_WIDTH : longest * 7 + 5, DEFAULT_COLUMN_WIDTH);
      }
    });
  }

  autofitRows(): void {
    this.call('autofitRows', null, () => {
      const { sheet, area } = this.range.target('RangeFormat.autofitRows');
      for (let r = area.row; r < area.row + area.rowCount; r++) {
        let size = 11;
        for (let c = area.column; c < area.column + Math.min(area.columnCount, 200); c++) size = Math.max(size, getCell(sheet, r, c).font.size);
        setSize(sheet.rowHeights, r, size === 11 ? DEFAULT_ROW_HEIGHT : Math.round(size * 1.36 * 4) / 4, DEFAULT_ROW_HEIGHT);
      }
    });
  }
}

/** The fake keeps only sizes that differ from the standard one: a column set back to the default reads like one never changed. */
function setSize(map: Map<number, number>, index: number, size: number, standard: number): void {
  if (size === standard) map.delete(index);
  else map.set(index, size);
}

/** Range-wide reads answer null when cells differ, as Excel does. */
function uniform<T>(range: FakeRange, pick: (c: ReturnType<typeof getCell>) => T, location: string): T | null {
  const { sheet, area } = range.target(location);
  const seen = new Set<string>();
  let first: T | null = null;
  forEachCell(area, (r, c) => {
    const v = pick(getCell(sheet, r, c));
    if (seen.size === 0) first = v;
    seen.add(JSON.stringify(v));
  });
  return seen.size === 1 ? first : null;
}

export class FakeRangeFont extends FakeObject {
  protected readonly typeName = 'RangeFont';
  protected readonly scalarProperties = ['bold', 'italic', 'color', 'size', 'name'] as const;
  constructor(context: FakeContext, private readonly range: FakeRange) { super(context); }
  protected readProperty(name: string): unknown {
    if (!this.scalarProperties.includes(name as keyof Font)) throw invalidArgument(`RangeFont has no property "${name}"`, 'RangeFont.load');
    return uniform(this.range, (c) => c.font[name as keyof Font], `RangeFont.${name}`);
  }
  private put<K extends keyof Font>(key: K, value: Font[K]): void {
    this.set(key, value, () => {
      const { sheet, area } = this.range.target(`RangeFont.${key}`);
      forEachCell(area, (r, c) => updateCell(sheet, r, c, (cell) => { cell.font[key] = (key === 'color' ? String(value).toUpperCase() : value) as Font[K]; }));
    });
  }
  get bold(): boolean | null { return this.get('bold'); }
  set bold(v: boolean) { this.put('bold', v); }
  get italic(): boolean | null { return this.get('italic'); }
  set italic(v: boolean) { this.put('italic', v); }
  get color(): string | null { return this.get('color'); }
  set color(v: string) { this.put('color', v); }
  get size(): number | null { return this.get('size'); }
  set size(v: number) { this.put('size', v); }
  get name(): string | null { return this.get('name'); }
  set name(v: string) { this.put('name', v); }
}

export class FakeRangeFill extends FakeObject {
  protected readonly typeName = 'RangeFill';
  protected readonly scalarProperties = ['color'] as const;
  constructor(context: FakeContext, private readonly range: FakeRange) { super(context); }
  protected readProperty(name: string): unknown {
    if (name !== 'color') throw invalidArgument(`RangeFill has no property "${name}"`, 'RangeFill.load');
    return uniform(this.range, (c) => c.fill ?? '#FFFFFF', 'RangeFill.color');
  }
  get color(): string | null { return this.get('color'); }
  set color(v: string) {
    this.set('color', v, () => {
      const { sheet, area } = this.range.target('RangeFill.color');
      forEachCell(area, (r, c) => updateCell(sheet, r, c, (cell) => { cell.fill = v.toUpperCase(); }));
    });
  }
  clear(): void {
    this.call('clear', null, () => {
      const { sheet, area } = this.range.target('RangeFill.clear');
      forEachCell(area, (r, c) => updateCell(sheet, r, c, (cell) => { cell.fill = null; }));
    });
  }
}

type Edge = 'EdgeTop' | 'EdgeBottom' | 'EdgeLeft' | 'EdgeRight' | 'InsideHorizontal' | 'InsideVertical';
const EDGES: readonly string[] = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight', 'InsideHorizontal', 'InsideVertical'];

export class FakeRangeBorderCollection {
  constructor(private readonly context: FakeContext, private readonly range: FakeRange) {}
  getItem(index: string): FakeRangeBorder {
    if (!EDGES.includes(index)) throw invalidArgument(`Unknown border "${index}"`, 'RangeBorderCollection.getItem');
    return new FakeRangeBorder(this.context, this.range, index as Edge);
  }
}

/** One edge of a range: sets the matching side of the cells along it (and their neighbours for inside edges). */
export class FakeRangeBorder extends FakeObject {
  protected readonly typeName = 'RangeBorder';
  protected readonly scalarProperties = ['style', 'color'] as const;
  constructor(context: FakeContext, private readonly range: FakeRange, private readonly edge: Edge) { super(context); }
  protected readProperty(name: string): unknown {
    const { sheet, area } = this.range.target(`RangeBorder.${name}`);
    const side = this.edge === 'EdgeTop' ? 'top' : this.edge === 'EdgeBottom' ? 'bottom' : this.edge === 'EdgeLeft' ? 'left' : this.edge === 'EdgeRight' ? 'right' : this.edge === 'InsideHorizontal' ? 'bottom' : 'right';
    const cell = getCell(sheet, area.row, area.column);
    const border = cell.borders[side];
    return name === 'style' ? (border?.style ?? 'None') : (border?.color ?? '#000000');
  }
  get style(): string { return this.get('style'); }
  set style(v: string) { this.set('style', v, () => this.apply({ style: v })); }
  get color(): string { return this.get('color'); }
  set color(v: string) { this.set('color', v, () => this.apply({ color: v.toUpperCase() })); }

  private apply(change: Partial<{ style: string; color: string }>): void {
    const { sheet, area } = this.range.target(`RangeBorder.${this.edge}`);
    const last = { row: area.row + area.rowCount - 1, column: area.column + area.columnCount - 1 };
    forEachCell(area, (r, c) => {
      const sides: ('top' | 'bottom' | 'left' | 'right')[] = [];
      if (this.edge === 'EdgeTop' && r === area.row) sides.push('top');
      if (this.edge === 'EdgeBottom' && r === last.row) sides.push('bottom');
      if (this.edge === 'EdgeLeft' && c === area.column) sides.push('left');
      if (this.edge === 'EdgeRight' && c === last.column) sides.push('right');
      if (this.edge === 'InsideHorizontal') { if (r > area.row) sides.push('top'); if (r < last.row) sides.push('bottom'); }
      if (this.edge === 'InsideVertical') { if (c > area.column) sides.push('left'); if (c < last.column) sides.push('right'); }
      if (sides.length === 0) return;
      updateCell(sheet, r, c, (cell) => {
        for (const s of sides) {
          const next = { style: 'Continuous', color: '#000000', ...(cell.borders[s] ?? {}), ...change };
          cell.borders[s] = next.style === 'None' ? null : next;
        }
      });
    });
  }
}
