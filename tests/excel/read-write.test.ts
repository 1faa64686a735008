/**
 * Reading the open workbook and writing results back, in slices, against the fake Excel
 * (tests/excel/fake-excel.ts): Excel itself cannot run here. The fake keeps Office.js's
 * batching rules and refuses syncs over 5 MB, and records every sync's payload.
 */
import { describe, expect, it } from 'vitest';
import { readWorkbook } from '../../src/excel/read-workbook';
import { previewWrite, undoWrite, writeResult, type ResultRows } from '../../src/excel/write-result';
import type { CellValue } from '../../src/excel/chunks';
import { FakeExcel, PAYLOAD_LIMIT_BYTES } from './fake-excel';
import { cellKey } from './fake/state';

const DATE = 'yyyy-mm-dd';

/** A sheet of `rows` data rows under a header: text, number, date (formatted as a date). */
function bigSheet(fake: FakeExcel, sheet: string, rows: number): CellValue[][] {
  const values: CellValue[][] = [['Item', 'Amount', 'Day']];
  for (let i = 0; i < rows; i++) values.push([`Item ${i}`, i * 1.25, 45000 + (i % 3650)]);
  fake.set(`${sheet}!A1`, values as (string | number | boolean)[][]);
  const state = fake.state.sheetByName(sheet)!;
  for (let r = 1; r <= rows; r++) state.cells.get(cellKey(r, 2))!.numberFormat = DATE;
  return values;
}

function expectEverySyncUnderTheLimit(fake: FakeExcel) {
  for (const p of fake.syncPayloads) {
    expect(p.request).toBeLessThan(PAYLOAD_LIMIT_BYTES);
    expect(p.response).toBeLessThan(PAYLOAD_LIMIT_BYTES);
  }
}

function resultRows(count: number, formats?: (string | null)[]): ResultRows & { all: CellValue[][] } {
  const all: CellValue[][] = [];
  for (let i = 0; i < count; i++) all.push([`R${i}`, i % 7 === 0 ? null : i * 2.5, 45100 + (i % 400), i % 2 === 0]);
  const pages: CellValue[][][] = [];
  for (let i = 0; i < all.length; i += 5000) pages.push(all.slice(i, i + 5000));
  return { headers: ['Name', 'Value', 'When', 'Even'], rowCount: count, pages, numberFormats: formats ?? [null, null, DATE, null], all };
}

describe('reading the open workbook', () => {
  it('reads a 200,000-row sheet in slices, every sync under 5 MB, values and date formats exact', async () => {
    const fake = new FakeExcel({ sheets: ['Data'] });
    const expected = bigSheet(fake, 'Data', 200_000);
    const progress: number[] = [];
    const read = await readWorkbook(fake.run, { onProgress: (p) => progress.push(p.rowsDone) });
    if (!read.ok) throw new Error(read.error.message);
    const [sheet] = read.value.sheets;
    expect(sheet!.name).toBe('Data');
    expect(sheet!.address).toBe('A1:C200001');
    expect(sheet!.values).toHaveLength(200_001);
    expect(sheet!.values).toEqual(expected);
    expect(sheet!.formats).toEqual({ columns: [null, null, DATE], runs: [[0, 0, 2, null]] });
    expectEverySyncUnderTheLimit(fake);
    const sliceCount = fake.syncPayloads.filter((p) => p.response > 100_000).length;
    expect(sliceCount).toBeGreaterThanOrEqual(4);
    expect(progress).toHaveLength(sliceCount);
    expect(progress.at(-1)).toBe(200_001);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
    expect(Math.max(...fake.syncPayloads.map((p) => p.response))).toBeGreaterThan(PAYLOAD_LIMIT_BYTES / 8);
  });

  it('splits a slice Excel refuses as too large (long text), reading and previewing every cell', async () => {
    const fake = new FakeExcel({ sheets: ['Notes'] });
    const long = Array.from({ length: 8_000 }, (_, i) => [`${i} ${'x'.repeat(1_000)}`]);
    fake.set('Notes!A1', long);
    const read = await readWorkbook(fake.run);
    if (!read.ok) throw new Error(read.error.message);
    expect(read.value.sheets[0]!.values).toEqual(long);
    expect(fake.syncPayloads.some((p) => p.response > PAYLOAD_LIMIT_BYTES)).toBe(true); // the refused first try
    const preview = await previewWrite(fake.run, { kind: 'existing', sheetName: 'Notes', topLeft: 'A1' }, { rows: 7_999, columns: 1 });
    if (!preview.ok) throw new Error(preview.error.message);
    expect(preview.value.nonEmptyCells).toBe(8_000);
  });

  it('stops between slices when cancelled, saying so', async () => {
    const fake = new FakeExcel({ sheets: ['Data'] });
    bigSheet(fake, 'Data', 60_000);
    const controller = new AbortController();
    const read = await readWorkbook(fake.run, { signal: controller.signal, limits: { payloadBytes: 200_000, maxCells: 5_000_000 }, onProgress: () => controller.abort() });
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.error).toEqual({ kind: 'cancelled', message: 'Reading the workbook was cancelled.' });
  });

  it('reads chosen sheets with their tables and headers, and names a sheet that is not there', async () => {
    const fake = new FakeExcel({ sheets: ['Notes', 'Sales'] });
    fake.set('Notes!A1', [['just a note']]);
    fake.set('Sales!B3', [['Region', 'Total'], ['North', 10], ['South', 20]]);
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Sales').tables.add('B3:C5', true).name = 'SalesTable';
      await ctx.sync();
    });
    const read = await readWorkbook(fake.run, { scope: { kind: 'sheets', names: ['sales'] } });
    if (!read.ok) throw new Error(read.error.message);
    expect(read.value.sheets).toEqual([
      {
        name: 'Sales', address: 'B3:C5', startRow: 2, startColumn: 1,
        values: [['Region', 'Total'], ['North', 10], ['South', 20]],
        formats: { columns: [null, null], runs: [] },
        tables: [{ name: 'SalesTable', address: 'B3:C5', headers: ['Region', 'Total'] }],
      },
    ]);
    const missing = await readWorkbook(fake.run, { scope: { kind: 'sheets', names: ['Q3'] } });
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.error.message).toBe('This workbook has no sheet named “Q3”. Its sheets are: Notes, Sales.');
  });
});

describe('reading the selection', () => {
  it('reads only the selected cells that hold data, with the tables inside the selection', async () => {
    const fake = new FakeExcel({ sheets: ['Other', 'Data'] });
    fake.set('Data!A1', Array.from({ length: 50 }, (_, r) => Array.from({ length: 5 }, (_, c) => (r === 1 && c > 0 ? `H${c}` : r * 10 + c))));
    await fake.run(async (ctx) => {
      const tables = ctx.workbook.worksheets.getItem('Data').tables;
      tables.add('B2:C10', true).name = 'Inside';
      tables.add('D2:E10', true).name = 'Outside';
      await ctx.sync();
    });
    fake.select('Data!B2:C20');
    const read = await readWorkbook(fake.run, { scope: { kind: 'selection' } });
    if (!read.ok) throw new Error(read.error.message);
    const [sheet] = read.value.sheets;
    expect(read.value.sheets).toHaveLength(1);
    expect(sheet).toMatchObject({ name: 'Data', address: 'B2:C20', startRow: 1, startColumn: 1, tables: [{ name: 'Inside', address: 'B2:C10', headers: ['H1', 'H2'] }] });
    expect(sheet!.values).toEqual(Array.from({ length: 19 }, (_, i) => (i === 0 ? ['H1', 'H2'] : [(i + 1) * 10 + 1, (i + 1) * 10 + 2])));

    fake.select('Data!B:B');
    const column = await readWorkbook(fake.run, { scope: { kind: 'selection' } });
    if (!column.ok) throw new Error(column.error.message);
    expect(column.value.sheets[0]).toMatchObject({ address: 'B1:B50', tables: [] });
    expect(column.value.sheets[0]!.values).toHaveLength(50);
  });
});

describe('writing a result back', () => {
  it('writes a 100,000-row result into a new sheet as a table, in slices under 5 MB', async () => {
    const fake = new FakeExcel({ sheets: ['Result'] });
    const data = resultRows(100_000);
    const progress: number[] = [];
    const before = fake.syncCount;
    const written = await writeResult(fake.run, { kind: 'new-sheet', sheetName: 'Result' }, data, { onProgress: (p) => progress.push(p.rowsDone) });
    if (!written.ok) throw new Error(written.error.message);
    expect(written.value).toMatchObject({ sheetName: 'Result (2)', address: 'A1:D100001', tableName: 'Result_2', rowsWritten: 100_000 });
    expectEverySyncUnderTheLimit(fake);
    const writes = fake.syncCount - before;
    expect(writes).toBeGreaterThan(5);
    expect(progress.at(-1)).toBe(100_000);
    const cells = fake.get('Result (2)!A1:D100001');
    expect(cells[0]).toEqual(['Name', 'Value', 'When', 'Even']);
    expect(cells.slice(1)).toEqual(data.all.map((r) => r.map((v) => v ?? '')));
    const sheet = fake.state.sheetByName('Result (2)')!;
    expect(sheet.cells.get(cellKey(100_000, 2))!.numberFormat).toBe(DATE);
    expect(sheet.cells.get(cellKey(0, 2))!.numberFormat).toBe('General');
    expect(fake.state.tables.map((t) => ({ name: t.name, area: t.area, sheet: t.sheetId === sheet.id }))).toEqual([
      { name: 'Result_2', area: { row: 0, column: 0, rowCount: 100_001, columnCount: 4, kind: 'cells' }, sheet: true },
    ]);
  });

  it('refuses to overwrite cells that hold data without approval, and changes nothing', async () => {
    const fake = new FakeExcel({ sheets: ['Sheet1'] });
    fake.set('Sheet1!C3', [['keep me', 42]]);
    const before = structuredClone(fake.dump());
    const data = resultRows(10);
    const preview = await previewWrite(fake.run, { kind: 'existing', sheetName: 'Sheet1', topLeft: 'B2' }, { rows: 10, columns: 4 });
    if (!preview.ok) throw new Error(preview.error.message);
    expect(preview.value).toMatchObject({ address: 'B2:E12', nonEmptyCells: 2, examples: [{ address: 'C3', value: 'keep me' }, { address: 'D3', value: 42 }] });
    const refused = await writeResult(fake.run, { kind: 'existing', sheetName: 'Sheet1', topLeft: 'B2' }, data);
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.kind).toBe('overwrite-not-approved');
      expect(refused.error.message).toBe('2 cells in Sheet1!B2:E12 already hold data, e.g. C3 ("keep me"), D3 (42). Nothing was written: approve overwriting them, or insert into a new sheet.');
    }
    expect(fake.dump()).toEqual(before);
  });

  it('overwrites after approval, and Undo puts back the values and formats it replaced', async () => {
    const fake = new FakeExcel({ sheets: ['Sheet1'] });
    fake.set('Sheet1!C3', [['keep me', 45000]]);
    fake.state.sheetByName('Sheet1')!.cells.get(cellKey(2, 3))!.numberFormat = DATE;
    const before = structuredClone(fake.dump());
    const saved: unknown[] = [];
    const written = await writeResult(fake.run, { kind: 'existing', sheetName: 'Sheet1', topLeft: 'B2' }, resultRows(10), {
      approvedOverwrite: true,
      saveUndo: async (undo) => (saved.push(structuredClone(undo)), { ok: true }),
    });
    if (!written.ok) throw new Error(written.error.message);
    expect(fake.get('Sheet1!B2:C3')).toEqual([['Name', 'Value'], ['R0', '']]);
    expect(saved).toHaveLength(1);
    expect(saved[0]).toEqual(JSON.parse(JSON.stringify(written.value.undo)));
    const undone = await undoWrite(fake.run, written.value.undo);
    expect(undone.ok).toBe(true);
    expect(fake.dump()).toEqual(before);
  });

  it('counts the blank row Excel gives an empty table, so Undo restores what was under it', async () => {
    const fake = new FakeExcel({ sheets: ['Sheet1'] });
    fake.set('Sheet1!B3', [['under the blank row']]);
    const before = structuredClone(fake.dump());
    const empty: ResultRows = { headers: ['Name', 'Value'], rowCount: 0, pages: [] };
    const refused = await writeResult(fake.run, { kind: 'existing', sheetName: 'Sheet1', topLeft: 'B2' }, empty);
    expect(refused.ok).toBe(false);
    const written = await writeResult(fake.run, { kind: 'existing', sheetName: 'Sheet1', topLeft: 'B2' }, empty, { approvedOverwrite: true });
    if (!written.ok) throw new Error(written.error.message);
    expect(written.value).toMatchObject({ address: 'B2:C3', rowsWritten: 0 });
    expect((await undoWrite(fake.run, written.value.undo)).ok).toBe(true);
    expect(fake.dump()).toEqual(before);
  });

  it('keeps nothing when writing into an existing place fails half-way', async () => {
    const fake = new FakeExcel({ sheets: ['Sheet1'] });
    fake.set('Sheet1!A1', [['old', 1], ['older', 2]]);
    const before = structuredClone(fake.dump());
    fake.failOn('Range.values', { skip: 3, message: 'The workbook is busy.' });
    const written = await writeResult(fake.run, { kind: 'existing', sheetName: 'Sheet1', topLeft: 'A1' }, resultRows(2_000), {
      approvedOverwrite: true,
      limits: { payloadBytes: 20_000, maxCells: 5_000_000 },
    });
    expect(written.ok).toBe(false);
    if (!written.ok) expect(written.error.message).toMatch(/The workbook is busy\..*What had been written was removed; the workbook is as it was\./);
    expect(fake.dump()).toEqual(before);
  });

  it('removes the new sheet when writing fails half-way or is cancelled', async () => {
    const fake = new FakeExcel({ sheets: ['Data'] });
    fake.set('Data!A1', [['x']]);
    const before = structuredClone(fake.dump());
    fake.failOn('Range.values', { skip: 2 });
    const failed = await writeResult(fake.run, { kind: 'new-sheet' }, resultRows(2_000), { limits: { payloadBytes: 20_000, maxCells: 5_000_000 } });
    expect(failed.ok).toBe(false);
    expect(fake.dump()).toEqual(before);

    const controller = new AbortController();
    const cancelled = await writeResult(fake.run, { kind: 'new-sheet' }, resultRows(2_000), {
      signal: controller.signal,
      limits: { payloadBytes: 20_000, maxCells: 5_000_000 },
      onProgress: (p) => p.rowsDone > 500 && controller.abort(),
    });
    expect(cancelled.ok).toBe(false);
    if (!cancelled.ok) expect(cancelled.error).toMatchObject({ kind: 'cancelled', message: 'Inserting the result was cancelled. What had been written was removed; the workbook is as it was.' });
    expect(fake.dump()).toEqual(before);
  });

  it('refuses a place that overlaps a table, naming it', async () => {
    const fake = new FakeExcel({ sheets: ['Sheet1'] });
    fake.set('Sheet1!D5', [['H'], [1]]);
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Sheet1').tables.add('D5:D6', true).name = 'Existing';
      await ctx.sync();
    });
    const written = await writeResult(fake.run, { kind: 'existing', sheetName: 'Sheet1', topLeft: 'A1' }, resultRows(10), { approvedOverwrite: true });
    expect(written.ok).toBe(false);
    if (!written.ok) expect(written.error).toMatchObject({ kind: 'invalid', message: expect.stringContaining('overlap the table “Existing”') });
  });
});
