/** Excel.Workbook: the root the request context hands out. */
import { FakeObject, type FakeContext } from './context';
import { invalidArgument } from './errors';
import { FakeNamedItemCollection } from './names';
import { FakePivotTableCollection } from './pivots';
import { FakeTableCollection } from './table';
import { FakeRange } from './range';
import { FakeWorksheet, FakeWorksheetCollection } from './worksheet';
import { cellArea } from '../../../src/excel/ops/a1';

export class FakeWorkbook extends FakeObject {
  protected readonly typeName = 'Workbook';
  protected readonly scalarProperties = ['name'] as const;
  readonly worksheets: FakeWorksheetCollection;
  readonly tables: FakeTableCollection;
  readonly names: FakeNamedItemCollection;
  readonly pivotTables: FakePivotTableCollection;

  constructor(context: FakeContext, private readonly fileName: string) {
    super(context);
    this.worksheets = new FakeWorksheetCollection(context);
    this.tables = new FakeTableCollection(context, null);
    this.names = new FakeNamedItemCollection(context);
    this.pivotTables = new FakePivotTableCollection(context, null);
  }

  protected readProperty(name: string): unknown {
    if (name === 'name') return this.fileName;
    throw invalidArgument(`Workbook has no property "${name}"`, 'Workbook.load');
  }

  get name(): string { return this.get('name'); }

  getSelectedRange(): FakeRange {
    const state = this.context.state;
    const sheetOf = () => (state.selection ? state.sheetById(state.selection.sheetId) : state.sheets[0]) ?? null;
    return new FakeRange(this.context, () => {
      const sheet = sheetOf();
      return sheet ? { sheet, area: state.selection?.area ?? cellArea(0, 0) } : null;
    }, () => new FakeWorksheet(this.context, sheetOf));
  }
}
