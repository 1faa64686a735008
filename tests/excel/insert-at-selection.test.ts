/**
 * "Insert at the selected cell": the result goes where the user points, never over data
 * without asking, and Undo puts back what was there. Excel is the fake of
 * tests/excel/fake-excel.ts (Excel cannot run here); the sandbox that reads the result
 * is the real Node Pyodide one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeSandbox } from '../../cli/node-sandbox';
import { createExcelActions } from '../../src/excel/pane-actions';
import type { SandboxClient } from '../../src/sandbox/sandbox-client';
import type { OutputFile } from '../../workers/api';
import { freshStore } from '../store/fresh';
import { FakeExcel } from './fake-excel';

let sandbox: SandboxClient;
let result: OutputFile;
const progress = () => undefined;

beforeAll(async () => {
  sandbox = await createNodeSandbox();
  const run = await sandbox.run({
    code: 'import openpyxl\nwb = openpyxl.Workbook()\nws = wb.active\nws.title = "Totals"\nfor row in [["Region", "Sales"], ["North", 1200], ["South", 900], ["West", 1500]]:\n    ws.append(row)\nwb.save("/output/totals.xlsx")',
    inputs: [],
  });
  if (!run.ok) throw new Error(JSON.stringify(run.error));
  result = run.outputs[0]!;
}, 120_000);

afterAll(() => sandbox?.dispose());

async function workbookWithData() {
  const fake = new FakeExcel({ sheets: ['Report'] });
  fake.set('Report!A1', [['Quarterly report']]);
  fake.set('Report!B2', [['keep me']]);
  const { db } = await freshStore();
  const excel = createExcelActions({ runExcel: fake.run, sandbox, db, host: null, capability: () => true });
  return { fake, excel };
}

describe('insert at the selected cell', () => {
  it('writes into an empty place at once, as a table', async () => {
    const { fake, excel } = await workbookWithData();
    fake.select('Report!D5');
    const inserted = await excel.insertResult(result, progress, undefined, { at: 'selection' });
    expect(inserted).toMatchObject({ ok: true });
    expect(inserted.message).toMatch(/at Report!D5:E8/);
    expect(fake.get('Report!D5:E8')).toEqual([['Region', 'Sales'], ['North', 1200], ['South', 900], ['West', 1500]]);
  }, 60_000);

  it('asks before replacing data, writes only after approval, and Undo restores what was there', async () => {
    const { fake, excel } = await workbookWithData();
    const before = fake.dump();
    fake.select('Report!B2');
    const asked = await excel.insertResult(result, progress, undefined, { at: 'selection' });
    expect(asked.ok).toBe(false);
    if (asked.ok) return;
    expect(asked.overwrite).toMatchObject({ cells: 1, address: 'Report!B2:C5' });
    expect(asked.message).toMatch(/B2: "keep me"/);
    expect(fake.dump()).toEqual(before);

    const replaced = await excel.insertResult(result, progress, undefined, { at: 'selection', approvedOverwrite: true });
    expect(replaced).toMatchObject({ ok: true });
    expect(fake.get('Report!B2:C2')).toEqual([['Region', 'Sales']]);
    await expect(excel.lastChange()).resolves.toMatch(/Report/);

    await expect(excel.undoLast()).resolves.toMatchObject({ ok: true });
    expect(fake.get('Report!A1:C5')).toEqual([['Quarterly report', '', ''], ['', 'keep me', ''], ['', '', ''], ['', '', ''], ['', '', '']]);
    await expect(excel.lastChange()).resolves.toBeNull();
  }, 60_000);
});
