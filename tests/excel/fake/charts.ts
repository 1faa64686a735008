/** Excel.Chart and Excel.ChartCollection: type, source, title, position and name; the fake draws nothing. */
import { FakeClientResult, FakeObject, type FakeContext, type LoadOption } from './context';
import { FakeExcelError, invalidArgument, notFound } from './errors';
import type { FakeRange } from './range';
import type { ChartState, SheetState } from './state';
import type { FakeWorksheet } from './worksheet';

const CHART_TYPES = new Set(['ColumnClustered', 'BarClustered', 'Line', 'Pie', 'XYScatter', 'Area', 'ColumnStacked', 'BarStacked', 'LineMarkers', 'Doughnut']);

export class FakeChart extends FakeObject {
  protected readonly typeName = 'Chart';
  protected readonly scalarProperties = ['id', 'name', 'chartType'] as const;
  private resolved: ChartState | null = null;

  constructor(context: FakeContext, private readonly sheetOf: () => SheetState, private readonly resolveChart: () => ChartState | null) {
    super(context);
  }

  chart(location = 'Chart'): ChartState {
    if (!this.resolved || !this.sheetOf().charts.includes(this.resolved)) this.resolved = this.resolveChart();
    if (!this.resolved) throw notFound('The chart does not exist.', location);
    return this.resolved;
  }

  protected readProperty(name: string): unknown {
    if (name === 'isNullObject') return (this.resolved ?? (this.resolved = this.resolveChart())) === null;
    if (!(this.resolved ?? (this.resolved = this.resolveChart()))) return null;
    const c = this.chart(`Chart.${name}`);
    if (name === 'id') return c.id;
    if (name === 'name') return c.name;
    if (name === 'chartType') return c.type;
    throw invalidArgument(`Chart has no property "${name}"`, 'Chart.load');
  }

  get id(): string { return this.get('id'); }
  get isNullObject(): boolean { return this.get('isNullObject'); }
  get name(): string { return this.get('name'); }
  set name(v: string) {
    this.set('name', v, () => {
      const c = this.chart('Chart.name');
      if (this.sheetOf().charts.some((o) => o !== c && o.name.toLowerCase() === v.toLowerCase())) throw new FakeExcelError('ItemAlreadyExists', 'The resource with the same name or identifier already exists.', 'Chart.name');
      c.name = v;
    });
  }
  get chartType(): string { return this.get('chartType'); }

  get title(): { text: string } {
    const set = (v: string) => this.call('title.text', v, () => { this.chart('ChartTitle.text').title = v; });
    return {
      get text(): string { throw new FakeExcelError('PropertyNotLoaded', 'The fake does not load chart titles; read them from the fake state.', 'ChartTitle.text'); },
      set text(v: string) { set(v); },
    };
  }

  setPosition(startCell: string | FakeRange, endCell?: string | FakeRange): void {
    const text = (c: string | FakeRange | undefined) => (c === undefined ? '' : typeof c === 'string' ? c : c.target('Chart.setPosition').area ? 'range' : '');
    this.call('setPosition', { start: text(startCell), end: text(endCell) }, () => {
      this.chart('Chart.setPosition').position = { start: typeof startCell === 'string' ? startCell : 'range', end: typeof endCell === 'string' ? endCell : '' };
    });
  }

  delete(): void {
    this.call('delete', null, () => {
      const sheet = this.sheetOf();
      sheet.charts.splice(sheet.charts.indexOf(this.chart('Chart.delete')), 1);
    });
  }
}

export class FakeChartCollection extends FakeObject {
  protected readonly typeName = 'ChartCollection';
  protected readonly scalarProperties = ['items'] as const;
  private itemProxies: FakeChart[] = [];

  constructor(context: FakeContext, private readonly worksheet: FakeWorksheet) { super(context); }

  private sheet(): SheetState { return this.worksheet.sheet('ChartCollection'); }

  protected readProperty(name: string): unknown {
    if (name !== 'items') throw invalidArgument(`Cannot load "${name}"`, 'ChartCollection.load');
    const charts = [...this.sheet().charts];
    this.itemProxies = charts.map((c) => new FakeChart(this.context, () => this.sheet(), () => c).load());
    return charts.map((c) => c.id);
  }
  override load(_option?: LoadOption): this { return super.load('items'); }
  get items(): FakeChart[] { this.get('items'); return this.itemProxies; }

  getCount(): FakeClientResult<number> { return this.callWithResult('getCount', null, () => this.sheet().charts.length); }

  add(type: string, sourceData: FakeRange, seriesBy = 'Auto'): FakeChart {
    let created: ChartState | null = null;
    this.call('add', { type, seriesBy }, () => {
      if (!CHART_TYPES.has(type)) throw invalidArgument(`Unknown chart type "${type}"`, 'ChartCollection.add');
      const sheet = this.sheet();
      const source = sourceData.target('ChartCollection.add');
      let n = sheet.charts.length + 1;
      while (sheet.charts.some((c) => c.name === `Chart ${n}`)) n += 1;
      created = { id: this.context.state.newId('chart'), name: `Chart ${n}`, type, source: `${source.sheet.name}!${JSON.stringify(source.area)}`, seriesBy, title: '', position: null };
      sheet.charts.push(created);
    });
    return new FakeChart(this.context, () => this.sheet(), () => created);
  }

  getItem(name: string): FakeChart {
    return new FakeChart(this.context, () => this.sheet(), () => this.find(name) ?? (() => { throw notFound(`No chart named "${name}".`, 'ChartCollection.getItem'); })());
  }

  getItemOrNullObject(name: string): FakeChart {
    return new FakeChart(this.context, () => this.sheet(), () => this.find(name) ?? null);
  }

  private find(name: string): ChartState | undefined {
    return this.sheet().charts.find((c) => c.name.toLowerCase() === name.toLowerCase() || c.id === name);
  }
}
