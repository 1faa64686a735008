/**
 * The fast reader as Python sees it: two functions, registered as a module for the
 * trusted start-up only (workers/python/fast_openpyxl.py takes them, then the module is
 * gone). They read files under /input only, from the interpreter's own file system, and
 * answer with bytes: no JavaScript object but the bytes' proxy crosses. Anything they
 * cannot read they refuse by throwing, and Python reads the file with openpyxl instead.
 */
import { packCells } from './pack-cells';
import { readPart } from './read-xlsx';
import { XlsxReadError } from './read-error';
import { readSharedStrings } from './shared-strings';
import { readSheetCells } from './sheet-cells';

export const READER_MODULE = '_xlsx_reader_js';

export interface ReaderFs {
  readFile(path: string): Uint8Array;
}

export function xlsxReaderForPython(fs: ReaderFs): { read_sheet(path: string, part: string): Uint8Array; read_strings(path: string, part: string): Uint8Array } {
  const text = (path: string, part: string): string => {
    if (!/^\/input\/[^/]+$/.test(path)) throw new XlsxReadError('only files in /input are read here');
    const xml = readPart(fs.readFile(path), part);
    if (xml === null) throw new XlsxReadError(`${part} is not in ${path}`);
    return xml;
  };
  return {
    read_sheet: (path, part) => packCells(readSheetCells(text(path, part))),
    read_strings: (path, part) => new TextEncoder().encode(JSON.stringify(readSharedStrings(text(path, part)))),
  };
}
