/**
 * The fast writer as Python sees it (workers/python/fast_write_only.py): write-only
 * worksheets hand their rows over in batches of JSON and take back openpyxl's XML for them,
 * made here; Python compresses it (zlib in WebAssembly is several times faster than deflate
 * in JavaScript) into a file of its own. When openpyxl has saved the workbook (its
 * worksheets with an empty <sheetData/>), finish() puts each sheet's compressed rows into
 * the file. It reads and rewrites only files under /tmp named as that module names them:
 * the module saves there, then copies the file where the code asked.
 */
import { partFromRows, type CompressedPart } from './sheet-body';
import { rowsXml } from './sheet-rows-xml';
import { XlsxWriteError } from './write-error';
import { entryBytes, replaceEntries } from './zip-rewrite';

export const WRITER_MODULE = '_xlsx_writer_js';

export interface WriterFs {
  readFile(path: string): Uint8Array;
  writeFile(path: string, data: Uint8Array): void;
  lstat(path: string): { mode: number };
  isFile(mode: number): boolean;
}

/** A sheet's rows as Python finished them: [part name, length of openpyxl's start, file of the rest deflated, its CRC, its size]. */
type FinishedSheet = [string, number, string, number, number];

export interface XlsxWriterForPython {
  rows_xml(json: string, firstRow: number): Uint8Array;
  finish(path: string, sheetsJson: string): void;
}

const OWN_FILE = /^\/tmp\/xlsx-fast-[0-9a-f]{32}(\.xlsx|-\d+\.rows)$/;

export function xlsxWriterForPython(fs: WriterFs): XlsxWriterForPython {
  const ownFile = (path: string): Uint8Array => {
    if (!OWN_FILE.test(path) || !fs.isFile(fs.lstat(path).mode)) throw new XlsxWriteError('the fast writer only reads and writes its own files');
    return fs.readFile(path);
  };
  return {
    rows_xml: (json, firstRow) => rowsXml(json, firstRow),
    finish(path, sheetsJson) {
      const zip = ownFile(path);
      const finished = JSON.parse(sheetsJson) as FinishedSheet[];
      const replaced = new Map<string, CompressedPart>(
        finished.map(([name, headLength, restFile, crc, size]) => [name, partFromRows(entryBytes(zip, name), headLength, { crc, size, chunks: [ownFile(restFile)] })]),
      );
      fs.writeFile(path, replaceEntries(zip, replaced));
    },
  };
}
