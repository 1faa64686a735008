import { it } from 'vitest';
import { createNodeSandbox } from '../../cli/node-sandbox';
import { snapshotToInput, type WorkbookSnapshot } from '../../src/excel/read-workbook';
import { outputToRows } from '../../src/excel/output-rows';
it('figures', async () => {
  const sandbox = await createNodeSandbox();
  await sandbox.start();
  const values: (string | number)[][] = [['Item', 'Amount', 'Day']];
  for (let i = 0; i < 200000; i++) values.push([`Item ${i}`, i * 1.25, 45000 + (i % 3650)]);
  const snap: WorkbookSnapshot = { version: 1, sheets: [{ name: 'Data', address: 'A1:C200001', startRow: 0, startColumn: 0, values, formats: { columns: [null, null, 'yyyy-mm-dd'], runs: [[0, 0, 2, null]] }, tables: [{ name: 'T', address: 'A1:C200001', headers: ['Item', 'Amount', 'Day'] }] }] };
  let t = Date.now();
  const r = await snapshotToInput(sandbox, snap);
  console.log('SNAPSHOT->XLSX', Date.now() - t, 'ms', r.ok ? r.file.bytes.byteLength : JSON.stringify(r.error));
  if (!r.ok) return;
  t = Date.now();
  const rows = await outputToRows(sandbox, { name: 'big.xlsx', bytes: r.file.bytes }, 'Data');
  console.log('XLSX->ROWS', Date.now() - t, 'ms', rows.ok ? rows.value.rowCount : JSON.stringify(rows.error));
  sandbox.dispose();
}, 600_000);
