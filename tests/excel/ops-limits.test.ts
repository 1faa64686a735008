/**
 * Sizes and refusals: large writes stay under Excel on the web's 5 MB request limit, and ops whose undo copy cannot be
 * made are refused with everything put back. Excel is the fake (tests/excel/fake-excel.ts): it cannot run here.
 */
import { describe, expect, it } from 'vitest';
import { applyOps, undoLast } from '../../src/excel/ops';
import { latestUndo } from '../../src/store';
import { freshStore } from '../store/fresh';
import { PAYLOAD_LIMIT_BYTES } from './fake-excel';
import { always, opsOf, salesWorkbook } from './ops-fixture';

describe('op sizes and refusals (fake Excel)', () => {
  it('writes 100,000 cells whose values are over 5 MB in chunks, and undoes them', async () => {
    const fake = await salesWorkbook();
    const { db } = await freshStore();
    const before = fake.dump();
    const values = Array.from({ length: 10_000 }, (_, r) => Array.from({ length: 10 }, (_, c) => `row ${r} column ${c} `.padEnd(60, '.')));
    expect(JSON.stringify(values).length).toBeGreaterThan(PAYLOAD_LIMIT_BYTES);
    const result = await applyOps(fake.run, db, opsOf({ op: 'writeValues', sheet: 'Data', address: 'F1:O10000', values }), { capability: always });
    expect(result).toMatchObject({ ok: true });
    expect(fake.get('Data!O10000')[0]?.[0]).toMatch(/^row 9999 column 9 /);
    expect(await undoLast(fake.run, db)).toMatchObject({ ok: true });
    expect(fake.dump()).toEqual(before);
  });

  it('refuses an op over 200,000 cells before anything is changed', async () => {
    const fake = await salesWorkbook();
    const { db } = await freshStore();
    const result = await applyOps(fake.run, db, opsOf({ op: 'fill', sheet: 'Sales', address: 'A1:Z10000', color: '#FFFF00' }), { capability: always });
    expect(result).toMatchObject({ ok: false, error: { kind: 'invalid', opIndex: 0 } });
    if (!result.ok) expect(result.error.message).toMatch(/260,000 cells.*at most 200,000.*Split it/);
  });

  it('puts earlier ops back when a later op cannot be copied for undo (mixed data validation)', async () => {
    const fake = await salesWorkbook();
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Sales').getRange('A2').dataValidation.rule = { list: { inCellDropDown: true, source: 'x,y' } };
    });
    const { db } = await freshStore();
    const before = fake.dump();
    const result = await applyOps(fake.run, db, opsOf(
      { op: 'writeValues', sheet: 'Sales', address: 'A3', values: [['West']] },
      { op: 'dataValidationList', sheet: 'Sales', address: 'A2:A5', values: ['North', 'South'] },
    ), { capability: always });
    expect(result).toMatchObject({ ok: false, error: { kind: 'snapshot', opIndex: 1, rolledBack: true } });
    if (!result.ok) expect(result.error.message).toMatch(/different validation rules.*Clear its data validation/);
    expect(fake.dump()).toEqual(before);
    expect(await latestUndo(db)).toBeUndefined();
  });

  it('refuses to delete a sheet with a chart, since undo could not bring the chart back', async () => {
    const fake = await salesWorkbook();
    const { db } = await freshStore();
    expect(await applyOps(fake.run, db, opsOf({ op: 'chart', type: 'bar', source: { sheet: 'Sales', address: 'A1:C5' }, placement: { sheet: 'Sales', address: 'E2' } }), { capability: always })).toMatchObject({ ok: true });
    const result = await applyOps(fake.run, db, opsOf({ op: 'deleteSheet', sheet: 'Sales' }), { capability: always });
    expect(result).toMatchObject({ ok: false, error: { kind: 'invalid' } });
    if (!result.ok) expect(result.error.message).toMatch(/has charts.*Delete it in Excel yourself/);
  });

  it('refuses format changes where Excel API 1.9 (needed to copy cell formats for undo) is missing', async () => {
    const fake = await salesWorkbook();
    const { db } = await freshStore();
    const before = fake.dump();
    const result = await applyOps(fake.run, db, opsOf({ op: 'fill', sheet: 'Sales', address: 'A1', color: '#FFFF00' }), { capability: (_set, version) => version !== '1.9' });
    expect(result).toMatchObject({ ok: false, error: { kind: 'invalid', opIndex: 0 } });
    if (!result.ok) expect(result.error.message).toMatch(/Excel API 1\.9/);
    expect(fake.dump()).toEqual(before);
  });
});
