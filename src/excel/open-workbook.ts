/**
 * "Open as new workbook": hands an output .xlsx to Excel, which opens it in a new window
 * (Excel.createWorkbook, ExcelApi 1.8). Nothing in the open workbook changes.
 */
import type { OutputFile } from '../../workers/api';
import type { ExcelResult } from './chunks';
import { describeError } from '../../workers/api';

/** What this needs from Office; the globals in Excel, a fake in tests. */
export interface OfficeHost {
  isSetSupported(name: string, version: string): boolean;
  createWorkbook(base64: string): Promise<void>;
}

export function officeHost(): OfficeHost | null {
  if (typeof Office === 'undefined' || typeof Excel === 'undefined') return null;
  return {
    isSetSupported: (name, version) => Office.context.requirements.isSetSupported(name, version),
    createWorkbook: (base64) => Excel.createWorkbook(base64),
  };
}

/** Base64 without a giant intermediate string of code points (the file may be tens of MB). */
export function toBase64(bytes: ArrayBuffer): string {
  const view = new Uint8Array(bytes);
  const parts: string[] = [];
  const step = 0x8000;
  for (let i = 0; i < view.length; i += step) parts.push(String.fromCharCode(...view.subarray(i, i + step)));
  return btoa(parts.join(''));
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

export async function openAsNewWorkbook(file: OutputFile, host: OfficeHost | null = officeHost()): Promise<ExcelResult<void>> {
  const name = file.name.split('/').pop() ?? file.name;
  if (!host) return { ok: false, error: { kind: 'unsupported', message: 'Opening a new workbook needs Excel; this pane is running in a plain browser. Download the file instead.' } };
  if (!host.isSetSupported('ExcelApi', '1.8')) {
    return { ok: false, error: { kind: 'unsupported', message: 'This version of Excel cannot open a new workbook from an add-in (it needs ExcelApi 1.8: Excel 2019 or Microsoft 365). Download the file and open it instead.' } };
  }
  const head = new Uint8Array(file.bytes.slice(0, 4));
  if (!/\.xls[xm]$/i.test(name) || !ZIP_MAGIC.every((b, i) => head[i] === b)) {
    return { ok: false, error: { kind: 'invalid', message: `${name} is not an Excel workbook (.xlsx), so Excel cannot open it as one. Download it instead.` } };
  }
  try {
    await host.createWorkbook(toBase64(file.bytes));
    return { ok: true, value: undefined };
  } catch (e) {
    const message = describeError(e);
    return { ok: false, error: { kind: 'excel', message: `Excel could not open ${name} as a new workbook: ${message} If your browser blocked a pop-up, allow pop-ups for Excel and try again, or download the file.`, detail: message } };
  }
}
