/**
 * Tests of the fake Excel itself against documented Office.js behaviour. Excel cannot run here, so the
 * operations code is tested against this fake; these tests keep the fake honest about batching,
 * load/sync and the payload limits of Excel on the web.
 */
import { describe, expect, it } from 'vitest';
import { FakeExcel, FakeExcelError, PAYLOAD_LIMIT_BYTES } from './fake-excel';

async function rejection(p: Promise<unknown>): Promise<FakeExcelError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof FakeExcelError) return e;
    throw e;
  }
  throw new Error('expected a rejection');
}

describe('fake Excel: load and sync', () => {
  it('throws PropertyNotLoaded for a property read before load and sync, and answers after', async () => {
    const fake = new FakeExcel();
    fake.set('Sheet1!A1', [[1, 'x']]);
    await fake.runFake(async (ctx) => {
      const range = ctx.workbook.worksheets.getItem('Sheet1').getRange('A1:B1');
      expect(() => range.values).toThrow(/not available.*call the load method/);
      range.load('values, address');
      expect(() => range.values).toThrow(FakeExcelError);
      await ctx.sync();
      expect(range.values).toEqual([[1, 'x']]);
      expect(range.address).toBe('Sheet1!A1:B1');
    });
  });

  it('queues writes until sync, in order, and a value set locally reads back at once', async () => {
    const fake = new FakeExcel();
    await fake.runFake(async (ctx) => {
      const range = ctx.workbook.worksheets.getItem('Sheet1').getRange('A1:B2');
      range.values = [[1, 2], [3, 4]];
      expect(range.values).toEqual([[1, 2], [3, 4]]);
      expect(fake.get('Sheet1!A1:B2')).toEqual([['', ''], ['', '']]);
      range.getCell(0, 0).values = [[9]];
      await ctx.sync();
      expect(fake.get('Sheet1!A1:B2')).toEqual([[9, 2], [3, 4]]);
    });
  });

  it('Excel.run syncs what is still queued when the batch returns', async () => {
    const fake = new FakeExcel();
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Sheet1').getRange('C3').values = [['end']];
    });
    expect(fake.get('Sheet1!C3')).toEqual([['end']]);
  });

  it('a failing action fails the sync, keeps the actions before it and drops the ones after', async () => {
    const fake = new FakeExcel();
    const error = await rejection(fake.runFake(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem('Sheet1');
      sheet.getRange('A1').values = [['before']];
      ctx.workbook.worksheets.getItem('Missing').getRange('A1').values = [['x']];
      sheet.getRange('A2').values = [['after']];
      await ctx.sync();
    }));
    expect(error.code).toBe('ItemNotFound');
    expect(fake.get('Sheet1!A1:A2')).toEqual([['before'], ['']]);
  });

  it('rejects a values array whose shape differs from the range with InvalidArgument', async () => {
    const fake = new FakeExcel();
    const error = await rejection(fake.runFake(async (ctx) => {
      ctx.workbook.worksheets.getItem('Sheet1').getRange('A1:B2').values = [[1, 2, 3]];
      await ctx.sync();
    }));
    expect(error.code).toBe('InvalidArgument');
  });

  it('leaves a cell unchanged where the input holds null, and fills a range from a single value', async () => {
    const fake = new FakeExcel();
    fake.set('Sheet1!A1', [[1, 2]]);
    await fake.runFake(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem('Sheet1');
      (sheet.getRange('A1:B1') as unknown as { values: unknown }).values = [[null, 5]];
      sheet.getRange('A2:B2').values = 'z';
    });
    expect(fake.get('Sheet1!A1:B2')).toEqual([[1, 5], ['z', 'z']]);
  });

  it('fails a sync whose request exceeds 5 MB with RequestPayloadSizeLimitExceeded and applies nothing', async () => {
    const fake = new FakeExcel();
    const big = Array.from({ length: 1000 }, () => Array.from({ length: 10 }, () => 'x'.repeat(600)));
    expect(JSON.stringify(big).length).toBeGreaterThan(PAYLOAD_LIMIT_BYTES);
    const error = await rejection(fake.runFake(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem('Sheet1');
      sheet.getRange('Z1').values = [['small']];
      sheet.getRange('A1:J1000').values = big;
      await ctx.sync();
    }));
    expect(error.code).toBe('RequestPayloadSizeLimitExceeded');
    expect(fake.get('Sheet1!Z1')).toEqual([['']]);
  });

  it('fails a response over 5 MB with ResponsePayloadSizeLimitExceeded', async () => {
    const fake = new FakeExcel();
    fake.set('Sheet1!A1', Array.from({ length: 1000 }, () => Array.from({ length: 10 }, () => 'y'.repeat(600))));
    const error = await rejection(fake.runFake(async (ctx) => {
      ctx.workbook.worksheets.getItem('Sheet1').getRange('A1:J1000').load('values');
      await ctx.sync();
    }));
    expect(error.code).toBe('ResponsePayloadSizeLimitExceeded');
  });

  it('refuses to read a bounded range of more than 5,000,000 cells', async () => {
    const fake = new FakeExcel();
    const error = await rejection(fake.runFake(async (ctx) => {
      ctx.workbook.worksheets.getItem('Sheet1').getRange('A1:E1000001').load('values');
      await ctx.sync();
    }));
    expect(error.code).toBe('InvalidOperation');
    expect(error.message).toMatch(/5,000,000/);
  });

  it('answers null for cell-level properties of whole columns and refuses to write them, as documented for unbounded ranges', async () => {
    const fake = new FakeExcel();
    await fake.runFake(async (ctx) => {
      const cols = ctx.workbook.worksheets.getItem('Sheet1').getRange('A:B');
      cols.load('values, address, cellCount');
      await ctx.sync();
      expect(cols.values).toBeNull();
      expect(cols.address).toBe('Sheet1!A:B');
      expect(cols.cellCount).toBe(2 * 1_048_576);
    });
    const error = await rejection(fake.runFake(async (ctx) => {
      ctx.workbook.worksheets.getItem('Sheet1').getRange('A:B').values = [['x']];
      await ctx.sync();
    }));
    expect(error.code).toBe('InvalidOperation');
  });

  it('refuses objects from a finished run unless they were tracked', async () => {
    const fake = new FakeExcel();
    const kept = await fake.runFake(async (ctx) => {
      const tracked = ctx.workbook.worksheets.getItem('Sheet1').getRange('A1');
      ctx.trackedObjects.add(tracked);
      const untracked = ctx.workbook.worksheets.getItem('Sheet1').getRange('A2');
      return { tracked, untracked };
    });
    expect(() => { kept.untracked.values = [[1]]; }).toThrow(/trackedObjects/);
    expect(() => { kept.tracked.values = [[1]]; }).not.toThrow();
  });

  it('lets a test inject a failure at the n-th matching action', async () => {
    const fake = new FakeExcel();
    fake.failOn('Range.values', { skip: 1, message: 'boom' });
    const error = await rejection(fake.runFake(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem('Sheet1');
      sheet.getRange('A1').values = [[1]];
      sheet.getRange('A2').values = [[2]];
      await ctx.sync();
    }));
    expect(error.message).toBe('boom');
    expect(fake.get('Sheet1!A1:A2')).toEqual([[1], ['']]);
  });
});

describe('fake Excel: worksheets', () => {
  it('adds, renames, moves and deletes sheets, and checks names like Excel', async () => {
    const fake = new FakeExcel({ sheets: ['Data', 'Notes'] });
    await fake.runFake(async (ctx) => {
      const sheets = ctx.workbook.worksheets;
      const added = sheets.add('Summary');
      added.position = 0;
      sheets.getItem('Notes').name = 'Comments';
      sheets.getItem('Data').delete();
      sheets.load('items/name');
      await ctx.sync();
      expect(sheets.items.map((s) => s.name)).toEqual(['Summary', 'Comments']);
      expect(sheets.items[1]?.position).toBe(1);
    });
    for (const bad of ['a/b', 'x'.repeat(32), 'Summary', '']) {
      const error = await rejection(fake.runFake(async (ctx) => {
        ctx.workbook.worksheets.add(bad);
        await ctx.sync();
      }));
      expect(['InvalidArgument', 'ItemAlreadyExists']).toContain(error.code);
    }
  });

  it('answers isNullObject for a missing sheet from getItemOrNullObject and ItemNotFound from getItem', async () => {
    const fake = new FakeExcel();
    await fake.runFake(async (ctx) => {
      const none = ctx.workbook.worksheets.getItemOrNullObject('Nope');
      const some = ctx.workbook.worksheets.getItemOrNullObject('sheet1');
      none.load('name');
      some.load('name');
      await ctx.sync();
      expect(none.isNullObject).toBe(true);
      expect(some.isNullObject).toBe(false);
      expect(some.name).toBe('Sheet1');
    });
    const error = await rejection(fake.runFake(async (ctx) => {
      ctx.workbook.worksheets.getItem('Nope').load('name');
      await ctx.sync();
    }));
    expect(error.code).toBe('ItemNotFound');
  });

  it('refuses to delete the last visible sheet', async () => {
    const fake = new FakeExcel();
    const error = await rejection(fake.runFake(async (ctx) => {
      ctx.workbook.worksheets.getItem('Sheet1').delete();
      await ctx.sync();
    }));
    expect(error.code).toBe('InvalidOperation');
  });

  it('reports the used range (values only or with formats), A1 on an empty sheet, and a null object from the OrNullObject form', async () => {
    const fake = new FakeExcel();
    fake.set('Sheet1!C3', [[1, 2], [3, 4]]);
    await fake.runFake(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem('Sheet1');
      sheet.getRange('F10').format.fill.color = '#ff0000';
      await ctx.sync();
      const values = sheet.getUsedRange(true).load('address');
      const all = sheet.getUsedRange().load('address');
      const empty = ctx.workbook.worksheets.add('Empty');
      const emptyUsed = empty.getUsedRange().load('address');
      const emptyOrNull = empty.getUsedRangeOrNullObject().load('address');
      await ctx.sync();
      expect(values.address).toBe('Sheet1!C3:D4');
      expect(all.address).toBe('Sheet1!C3:F10');
      expect(emptyUsed.address).toBe('Empty!A1');
      expect(emptyOrNull.isNullObject).toBe(true);
    });
  });

  it('reads a range by indexes with text and number formats', async () => {
    const fake = new FakeExcel();
    fake.set('Sheet1!B2', [[true, 2.5]]);
    await fake.runFake(async (ctx) => {
      const range = ctx.workbook.worksheets.getItem('Sheet1').getRangeByIndexes(1, 1, 1, 2);
      range.numberFormat = [['General', '0.00']];
      range.load('text, numberFormat, rowCount, columnCount, address');
      await ctx.sync();
      expect(range.text).toEqual([['TRUE', '2.5']]);
      expect(range.numberFormat).toEqual([['General', '0.00']]);
      expect([range.rowCount, range.columnCount, range.address]).toEqual([1, 2, 'Sheet1!B2:C2']);
    });
  });
});

describe('fake Excel: tables', () => {
  it('adds a table with headers, reads its parts, and appends rows', async () => {
    const fake = new FakeExcel();
    fake.set('Sheet1!A1', [['Name', 'Qty'], ['a', 1], ['b', 2]]);
    await fake.runFake(async (ctx) => {
      const table = ctx.workbook.tables.add('Sheet1!A1:B3', true);
      table.name = 'Stock';
      table.rows.add(null, [['c', 3]]);
      const header = table.getHeaderRowRange().load('values');
      const body = table.getDataBodyRange().load('address, values');
      table.load('name');
      await ctx.sync();
      expect(table.name).toBe('Stock');
      expect(header.values).toEqual([['Name', 'Qty']]);
      expect(body.address).toBe('Sheet1!A2:B4');
      const same = ctx.workbook.tables.getItem('stock').getRange().load('address');
      await ctx.sync();
      expect(same.address).toBe('Sheet1!A1:B4');
    });
  });

  it('inserts a header row above data that has none, shifting the cells below', async () => {
    const fake = new FakeExcel();
    fake.set('Sheet1!A1', [[1], [2], ['below']]);
    await fake.runFake(async (ctx) => {
      ctx.workbook.worksheets.getItem('Sheet1').tables.add('A1:A2', false);
      await ctx.sync();
    });
    expect(fake.get('Sheet1!A1:A4')).toEqual([['Column1'], [1], [2], ['below']]);
  });

  it('refuses a table that overlaps another one', async () => {
    const fake = new FakeExcel();
    fake.set('Sheet1!A1', [['h'], [1]]);
    const error = await rejection(fake.runFake(async (ctx) => {
      ctx.workbook.tables.add('Sheet1!A1:A2', true);
      ctx.workbook.tables.add('Sheet1!A2:B3', true);
      await ctx.sync();
    }));
    expect(error.code).toBe('InvalidOperation');
  });
});

describe('fake Excel: formats and workbook objects', () => {
  it('answers null for a format that differs across the range, and #FFFFFF for no fill, as Excel does', async () => {
    const fake = new FakeExcel();
    await fake.runFake(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem('Sheet1');
      sheet.getRange('A1').format.font.bold = true;
      const mixed = sheet.getRange('A1:B1').format.font.load('bold');
      const same = sheet.getRange('A1').format.font.load('bold');
      const fill = sheet.getRange('C3').format.fill.load('color');
      await ctx.sync();
      expect(mixed.bold).toBeNull();
      expect(same.bold).toBe(true);
      expect(fill.color).toBe('#FFFFFF');
    });
  });

  it('round-trips per-cell formats through getCellProperties and setCellProperties', async () => {
    const fake = new FakeExcel();
    await fake.runFake(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem('Sheet1');
      sheet.getRange('A1').format.fill.color = '#00ff00';
      sheet.getRange('B1').format.borders.getItem('EdgeTop').style = 'Dash';
      const props = sheet.getRange('A1:B1').getCellProperties({ format: { fill: { color: true } } });
      await ctx.sync();
      expect(props.value[0]?.[0]?.format?.fill).toEqual({ color: '#00FF00', pattern: 'Solid' });
      expect(props.value[0]?.[1]?.format?.borders?.top).toEqual({ style: 'Dash', color: '#000000' });
      sheet.getRange('C1:D1').setCellProperties(props.value);
      await ctx.sync();
    });
    expect(fake.state.sheets[0]?.cells.get(2)?.fill).toBe('#00FF00');
    expect(fake.state.sheets[0]?.cells.get(3)?.borders.top).toEqual({ style: 'Dash', color: '#000000' });
  });

  it('reports frozen panes as a range, and none as a null object', async () => {
    const fake = new FakeExcel();
    await fake.runFake(async (ctx) => {
      const panes = ctx.workbook.worksheets.getItem('Sheet1').freezePanes;
      const none = panes.getLocationOrNullObject().load('address');
      await ctx.sync();
      expect(none.isNullObject).toBe(true);
      panes.freezeRows(2);
      const rows = panes.getLocationOrNullObject().load('address');
      await ctx.sync();
      expect(rows.address).toBe('Sheet1!1:2');
      panes.freezeAt('A1:B3');
      const both = panes.getLocationOrNullObject().load('address');
      await ctx.sync();
      expect(both.address).toBe('Sheet1!A1:B3');
    });
  });

  it('answers Inconsistent for data validation that differs across a range', async () => {
    const fake = new FakeExcel();
    await fake.runFake(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem('Sheet1');
      sheet.getRange('A1').dataValidation.rule = { list: { inCellDropDown: true, source: 'a,b' } };
      const mixed = sheet.getRange('A1:A2').dataValidation.load('type');
      const list = sheet.getRange('A1').dataValidation.load('type');
      await ctx.sync();
      expect(mixed.type).toBe('Inconsistent');
      expect(list.type).toBe('List');
    });
  });

  it('keeps workbook names unique and writes their formula with absolute references', async () => {
    const fake = new FakeExcel();
    await fake.runFake(async (ctx) => {
      const item = ctx.workbook.names.add('Prices', ctx.workbook.worksheets.getItem('Sheet1').getRange('B2:B9')).load('formula');
      await ctx.sync();
      expect(item.formula).toBe('=Sheet1!$B$2:$B$9');
    });
    const error = await rejection(fake.runFake(async (ctx) => {
      ctx.workbook.names.add('prices', '=Sheet1!A1');
      await ctx.sync();
    }));
    expect(error.code).toBe('ItemAlreadyExists');
  });

  it('adds, finds and deletes charts by name', async () => {
    const fake = new FakeExcel();
    fake.set('Sheet1!A1', [['m', 'v'], ['a', 1]]);
    await fake.runFake(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem('Sheet1');
      const chart = sheet.charts.add('Line', sheet.getRange('A1:B2'), 'Auto');
      chart.name = 'Trend';
      const found = sheet.charts.getItemOrNullObject('trend').load('name');
      const missing = sheet.charts.getItemOrNullObject('Other').load('name');
      await ctx.sync();
      expect(found.name).toBe('Trend');
      expect(missing.isNullObject).toBe(true);
      found.delete();
      const count = sheet.charts.getCount();
      await ctx.sync();
      expect(count.value).toBe(0);
    });
  });

  it('throws ValueNotLoaded for a ClientResult read before sync', async () => {
    const fake = new FakeExcel();
    await fake.runFake(async (ctx) => {
      const count = ctx.workbook.worksheets.getCount();
      expect(() => count.value).toThrow(/sync/);
      await ctx.sync();
      expect(count.value).toBe(1);
    });
  });
});
