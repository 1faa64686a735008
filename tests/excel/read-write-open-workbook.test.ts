/**
 * "Open as new workbook". Excel.createWorkbook cannot run here, so the Office host is a
 * stand-in that records what it was given; the bytes it gets are checked to be the file's.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openAsNewWorkbook, toBase64, type OfficeHost } from '../../src/excel/open-workbook';
import { makeFixtures } from '../helpers/python';

function host(options: { sets?: string[]; fail?: string } = {}): OfficeHost & { opened: string[] } {
  const opened: string[] = [];
  return {
    opened,
    isSetSupported: (name, version) => (options.sets ?? ['ExcelApi 1.8']).some((s) => s === `${name} ${version}`),
    createWorkbook: async (base64) => {
      if (options.fail) throw new Error(options.fail);
      opened.push(base64);
    },
  };
}

let fixtures: string | undefined;
const workbook = () => {
  const bytes = readFileSync(join((fixtures ??= makeFixtures()), 'stack', 'north.xlsx'));
  return { name: 'out/north.xlsx', bytes: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) };
};

describe('open as new workbook', () => {
  it('hands Excel the file as base64, byte for byte', async () => {
    const file = workbook();
    const office = host();
    expect(await openAsNewWorkbook(file, office)).toEqual({ ok: true, value: undefined });
    expect(office.opened).toHaveLength(1);
    expect(Buffer.from(office.opened[0]!, 'base64').equals(Buffer.from(file.bytes))).toBe(true);
  });

  it('encodes large files in pieces without losing bytes', () => {
    const bytes = new Uint8Array(200_003).map((_, i) => (i * 7919) % 256);
    expect(toBase64(bytes.buffer)).toBe(Buffer.from(bytes).toString('base64'));
  });

  it('explains what to do when Excel lacks ExcelApi 1.8, when not in Excel, and for files that are not workbooks', async () => {
    const old = await openAsNewWorkbook(workbook(), host({ sets: [] }));
    expect(old).toEqual({ ok: false, error: { kind: 'unsupported', message: 'This version of Excel cannot open a new workbook from an add-in (it needs ExcelApi 1.8: Excel 2019 or Microsoft 365). Download the file and open it instead.' } });
    const browser = await openAsNewWorkbook(workbook(), null);
    expect(browser.ok).toBe(false);
    if (!browser.ok) expect(browser.error.message).toMatch(/plain browser\. Download the file instead\./);
    const csv = await openAsNewWorkbook({ name: 'rows.csv', bytes: new TextEncoder().encode('a,b\n').buffer }, host());
    expect(csv.ok).toBe(false);
    if (!csv.ok) expect(csv.error.message).toBe('rows.csv is not an Excel workbook (.xlsx), so Excel cannot open it as one. Download it instead.');
  });

  it('reports Excel refusing the file with its reason', async () => {
    const refused = await openAsNewWorkbook(workbook(), host({ fail: 'This operation is not allowed due to the extension hardening policy.' }));
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error).toMatchObject({ kind: 'excel', message: expect.stringContaining('Excel could not open north.xlsx as a new workbook: This operation is not allowed due to the extension hardening policy.') });
  });
});
