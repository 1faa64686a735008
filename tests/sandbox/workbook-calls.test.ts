/**
 * Our own Python's workbook calls (snapshotToXlsx, sheetRows, inspectWorkbooks) in the
 * real Node sandbox: called by name on one interpreter without a restart per call, the
 * caller's buffers left as they were (the client moves copies), the answers typed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CellValue, InputFile, WorkbookSnapshot } from '../../workers/api';
import { prepareNodeSandbox, spawnNodeSandbox } from '../../workers/node/spawn-sandbox';
import { SandboxClient } from '../../src/sandbox/sandbox-client';
import { makeFixtures } from '../helpers/python';

const LONG = 180_000;
let fixtures: string;
const events: string[] = [];
let client: SandboxClient;

function input(path: string): InputFile {
  const bytes = readFileSync(path);
  return { name: path.split('/').pop() ?? path, bytes: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) };
}

beforeAll(async () => {
  fixtures = makeFixtures();
  const { startOptions } = await prepareNodeSandbox();
  client = new SandboxClient({ connect: spawnNodeSandbox, startOptions, onEvent: (e) => events.push(e.type) });
  expect((await client.start()).ok).toBe(true);
}, LONG);

afterAll(() => client.dispose());

const SNAPSHOT: WorkbookSnapshot = {
  version: 1,
  sheets: [
    {
      name: 'Sales',
      address: 'A1:B3',
      startRow: 0,
      startColumn: 0,
      values: [['Region', 'Day'], ['North', 45292], ['South', 45293]],
      formats: { columns: [null, 'yyyy-mm-dd'], runs: [[0, 0, 1, null]] },
      tables: [{ name: 'SalesTable', address: 'A1:B3', headers: ['Region', 'Day'] }],
    },
  ],
};

describe('our own Python, called by name', () => {
  it('answers several calls on one interpreter, with the caller\'s files intact', async () => {
    const north = input(join(fixtures, 'stack', 'north.xlsx'));
    const size = north.bytes.byteLength;
    const starts = (): number => events.filter((e) => e === 'starting').length;
    const before = starts();
    const began = Date.now();

    const rows = await client.sheetRows(north, null, 15);
    const inspected = await client.inspectWorkbooks([north, { ...north, name: 'copy.xlsx' }]);
    const made = await client.snapshotToXlsx(SNAPSHOT, 'Open workbook.xlsx');
    const again = await client.sheetRows(north, null, 15);
    console.log(`four workbook calls on one interpreter: ${Date.now() - began} ms`);

    expect(starts()).toBe(before);
    // Not detached: the client moved a copy.
    expect(north.bytes.byteLength).toBe(size);

    if (!rows.ok) throw new Error(rows.error.message);
    expect(rows.value.headers[0]).toBe('Region');
    expect(rows.value.rowCount).toBe(40);
    expect(rows.value.pages).toHaveLength(3);
    const firstPage = JSON.parse(new TextDecoder().decode(rows.value.pages[0])) as CellValue[][];
    expect(firstPage).toHaveLength(15);
    expect(again).toEqual(rows);

    if (!inspected.ok) throw new Error(inspected.error.message);
    expect(inspected.value.map((r) => [r.file, r.networkFormulaCount, r.hasVba])).toEqual([['north.xlsx', 0, false], ['copy.xlsx', 0, false]]);

    if (!made.ok) throw new Error(made.error.message);
    expect(made.value.name).toBe('Open workbook.xlsx');
    const profiled = await client.profile([{ name: made.value.name, bytes: made.value.bytes }]);
    if (!profiled.ok) throw new Error(profiled.error.message);
    expect(profiled.files[0]!.sheets[0]!.tables.map((t) => [t.name, t.ref])).toEqual([['SalesTable', 'A1:B3']]);
    expect(starts()).toBe(before);
  }, LONG);

  it('says what is wrong with a file that is not a workbook, and a bad name, as input errors', async () => {
    const text: InputFile = { name: 'result.xlsx', bytes: new TextEncoder().encode('Region,Sales\nNorth,10\n').buffer as ArrayBuffer };
    const rows = await client.sheetRows(text, null, 100);
    expect(rows).toMatchObject({ ok: false, error: { kind: 'input', message: expect.stringMatching(/not a readable \.xlsx workbook/) } });
    const inspected = await client.inspectWorkbooks([text]);
    expect(inspected).toMatchObject({ ok: false, error: { kind: 'input', message: expect.stringMatching(/^result\.xlsx: /) } });
    const badName = await client.snapshotToXlsx(SNAPSHOT, '../escape.xlsx');
    expect(badName).toMatchObject({ ok: false, error: { kind: 'input', message: expect.stringMatching(/contains a slash/) } });
    // Failures about a file leave the interpreter as it was.
    expect((await client.sheetRows(input(join(fixtures, 'stack', 'south.xlsx')), null, 100)).ok).toBe(true);
  }, LONG);
});
