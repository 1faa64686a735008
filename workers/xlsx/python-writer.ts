/**
 * The fast writer as Python sees it (workers/python/fast_write_only.py): write-only
 * worksheets hand their rows over in batches of JSON; the rows are made into openpyxl's XML
 * and compressed here, outside the interpreter's heap, and when openpyxl has saved the
 * workbook (its worksheets with an empty <sheetData/>), finish() puts the rows into the
 * file. It writes only files it is given under /tmp by that module: the module saves there,
 * then copies the file where the code asked.
 */
import { SheetBody } from './sheet-body';
import { XlsxWriteError } from './write-error';
import { entryBytes, replaceEntries } from './zip-rewrite';

export const WRITER_MODULE = '_xlsx_writer_js';

export interface WriterFs {
  readFile(path: string): Uint8Array;
  writeFile(path: string, data: Uint8Array): void;
  lstat(path: string): { mode: number };
  isFile(mode: number): boolean;
}

export interface XlsxWriterForPython {
  begin_sheet(marker: string): number;
  add_rows(sheet: number, json: string | null, count: number, firstRow: number, forcedJson: string): string;
  put_row(sheet: number, index: number, xml: string): void;
  commit(sheet: number, upTo?: number): void;
  finish(path: string, partsJson: string): void;
  discard(sheet: number): void;
}

const OWN_FILE = /^\/tmp\/xlsx-fast-[0-9a-f]{32}\.xlsx$/;

export function xlsxWriterForPython(fs: WriterFs): XlsxWriterForPython {
  const sheets = new Map<number, SheetBody>();
  let next = 1;
  const sheet = (id: number): SheetBody => {
    const body = sheets.get(id);
    if (body === undefined) throw new XlsxWriteError(`no worksheet ${id}`);
    return body;
  };
  return {
    begin_sheet(marker) {
      sheets.set(next, new SheetBody(marker));
      return next++;
    },
    add_rows: (id, json, count, firstRow, forcedJson) => JSON.stringify(sheet(id).addRows(json, count, firstRow, JSON.parse(forcedJson) as number[])),
    put_row: (id, index, xml) => sheet(id).put(index, xml),
    commit: (id, upTo) => sheet(id).commit(upTo),
    discard: (id) => void sheets.delete(id),
    finish(path, partsJson) {
      if (!OWN_FILE.test(path) || !fs.isFile(fs.lstat(path).mode)) throw new XlsxWriteError('the fast writer only finishes its own files');
      const parts = JSON.parse(partsJson) as [string, number][];
      const zip = fs.readFile(path);
      const replaced = new Map(parts.map(([name, id]) => [name, sheet(id).finish(entryBytes(zip, name))]));
      for (const [, id] of parts) sheets.delete(id);
      fs.writeFile(path, replaceEntries(zip, replaced));
    },
  };
}
