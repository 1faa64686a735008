/** A small workbook in the fake Excel (Excel itself cannot run here) and helpers shared by the ops tests. */
import { FakeExcel } from './fake-excel';
import type { WorkbookOp, WorkbookOps } from '../../src/excel/ops';

export const always = (): boolean => true;

export async function salesWorkbook(): Promise<FakeExcel> {
  const fake = new FakeExcel({ sheets: ['Sales', 'Data'] });
  fake.set('Sales!A1', [['Region', 'Month', 'Amount'], ['North', 'Jan', 100], ['South', 'Jan', 80], ['North', 'Feb', 120], ['East', 'Feb', 90]]);
  fake.set('Data!A1', [['Item', 'Qty', 'Price'], ['apple', 3, 1.5], ['pear', 5, 2], ['fig', 1, 4]]);
  await fake.run(async (ctx) => {
    const table = ctx.workbook.tables.add('Data!A1:C4', true);
    table.name = 'Orders';
    const sales = ctx.workbook.worksheets.getItem('Sales');
    sales.getRange('A1:C1').format.font.bold = true;
    sales.getRange('C2:C5').numberFormat = [['#,##0'], ['#,##0'], ['#,##0'], ['#,##0']];
    sales.getRange('A1').format.fill.color = '#DDEEFF';
  });
  return fake;
}

export const opsOf = (...ops: WorkbookOp[]): WorkbookOps => ({ ops, summary: `${ops.length} change(s)` });
