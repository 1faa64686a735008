/**
 * A fake of the Office.js Excel subset this project uses, for tests: Excel itself cannot run here.
 *
 * It keeps Office.js's batching rules so code that passes against it respects them in Excel:
 * - reading a property needs load() and sync(), else PropertyNotLoaded;
 * - writes and method calls are queued and applied in order at sync(); a failing action fails the
 *   sync and leaves earlier actions applied (Excel does not roll back a batch);
 * - a sync whose queued request exceeds 5 MB fails with RequestPayloadSizeLimitExceeded (Excel on
 *   the web); responses over 5 MB fail with ResponsePayloadSizeLimitExceeded;
 * - a bounded range over 5,000,000 cells cannot be read or written in one request; whole rows or
 *   columns answer null for cell-level properties and refuse cell-level writes;
 * - objects from a finished run need context.trackedObjects to be used again.
 * It does not calculate formulas (a formula cell's value reads back as its formula text), draw
 * charts, lay out PivotTables or hide filtered rows: it records what was asked.
 *
 * One class per Office.js object lives in ./fake/; add methods there as tests need them.
 */
import { cellKey, emptyCell, putCell, WorkbookState, type Cell, type CellValue } from './fake/state';
import { FakeContext, type Hooks } from './fake/context';
import { FakeWorkbook } from './fake/workbook';
import { parseAddress } from '../../src/excel/ops/a1';

export { FakeExcelError } from './fake/errors';
export { PAYLOAD_LIMIT_BYTES } from './fake/context';
export { MAX_CELLS_PER_REQUEST } from './fake/range';
export type { CellValue } from './fake/state';

export type FakeRequestContext = FakeContext & { workbook: FakeWorkbook };

export class FakeExcel {
  readonly state = new WorkbookState();
  private readonly hooks: Hooks = { failures: [], syncCount: 0, syncPayloads: [] };

  constructor(options: { sheets?: string[]; fileName?: string } = {}) {
    for (const name of options.sheets ?? ['Sheet1']) this.state.addSheet(name);
    this.fileName = options.fileName ?? 'Book1.xlsx';
  }

  private readonly fileName: string;

  /** Like Excel.run: a fresh context, the batch, a final sync of anything still queued. */
  run = async <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => {
    const context = this.newContext();
    try {
      // The fake implements the subset of Excel.RequestContext we use; the cast is the boundary.
      const result = await batch(context as unknown as Excel.RequestContext);
      await context.sync();
      return result;
    } finally {
      context.closed = true;
    }
  };

  /** A context in the fake's own types, for tests of the fake itself. */
  runFake = async <T>(batch: (context: FakeRequestContext) => Promise<T>): Promise<T> => {
    const context = this.newContext();
    try {
      const result = await batch(context);
      await context.sync();
      return result;
    } finally {
      context.closed = true;
    }
  };

  private newContext(): FakeRequestContext {
    const context = new FakeContext(this.state, this.hooks) as FakeRequestContext;
    context.workbook = new FakeWorkbook(context, this.fileName);
    return context;
  }

  /** Makes the next matching action (e.g. "Range.values", /^Chart/) fail at sync, after `skip` matching ones succeed. */
  failOn(label: string | RegExp, options: { skip?: number; message?: string } = {}): void {
    this.hooks.failures.push({ label, skip: options.skip ?? 0, message: options.message ?? `Injected failure at ${String(label)}.` });
  }

  get syncCount(): number {
    return this.hooks.syncCount;
  }

  /** Request and response bytes of every sync so far, in order. */
  get syncPayloads(): readonly { request: number; response: number }[] {
    return this.hooks.syncPayloads ?? [];
  }

  /** Test setup: writes values directly (no batching), e.g. set('Sheet1!A1', [[1, 2]]). */
  set(address: string, values: CellValue[][]): void {
    const parsed = parseAddress(address);
    if (!parsed.ok || !parsed.address.sheet) throw new Error(`Bad test address ${address}`);
    const sheet = this.state.sheetByName(parsed.address.sheet) ?? this.state.addSheet(parsed.address.sheet);
    const { row, column } = parsed.address.area;
    values.forEach((r, i) => r.forEach((v, j) => {
      const cell: Cell = { ...emptyCell(), ...(sheet.cells.get(cellKey(row + i, column + j)) ?? {}) };
      cell.value = v;
      cell.formula = typeof v === 'string' && v.startsWith('=') ? v : null;
      putCell(sheet, row + i, column + j, cell);
    }));
  }

  /** Test setup: what the user has selected, e.g. select('Sheet1!B2:C40'). */
  select(address: string): void {
    const parsed = parseAddress(address);
    const sheet = parsed.ok && parsed.address.sheet ? this.state.sheetByName(parsed.address.sheet) : undefined;
    if (!parsed.ok || !sheet) throw new Error(`Bad test address ${address}`);
    this.state.selection = { sheetId: sheet.id, area: parsed.address.area };
  }

  /** Test inspection: values of a range, read directly. */
  get(address: string): CellValue[][] {
    const parsed = parseAddress(address);
    if (!parsed.ok || !parsed.address.sheet) throw new Error(`Bad test address ${address}`);
    const sheet = this.state.sheetByName(parsed.address.sheet);
    if (!sheet) throw new Error(`No sheet ${parsed.address.sheet}`);
    const { row, column, rowCount, columnCount } = parsed.address.area;
    return Array.from({ length: rowCount }, (_, i) => Array.from({ length: columnCount }, (_, j) => sheet.cells.get(cellKey(row + i, column + j))?.value ?? ''));
  }

  /** The whole workbook as plain JSON, to compare before and after. */
  dump(): unknown {
    const s = this.state;
    // A deep copy: later changes must not reach a dump taken earlier.
    return structuredClone({
      sheets: s.sheets.map((sh) => ({
        id: sh.id, name: sh.name, visibility: sh.visibility, freeze: sh.freeze,
        cells: [...sh.cells.entries()].sort((a, b) => a[0] - b[0]),
        columnWidths: [...sh.columnWidths.entries()].sort((a, b) => a[0] - b[0]),
        rowHeights: [...sh.rowHeights.entries()].sort((a, b) => a[0] - b[0]),
        conditionalFormats: sh.conditionalFormats, charts: sh.charts,
      })),
      tables: s.tables.map((t) => ({ ...t, filters: [...t.filters.entries()].sort((a, b) => a[0] - b[0]) })),
      names: s.names,
      pivots: s.pivots,
    });
  }
}
