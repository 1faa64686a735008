/**
 * The fast reader as Python sees it: three functions, registered as a module for the
 * trusted start-up only (workers/python/fast_openpyxl.py takes them, then the module is
 * gone). They read files under /input only, from the interpreter's own file system, and
 * answer with bytes: no JavaScript object but the bytes' proxy crosses. Anything they
 * cannot read they refuse by throwing, and Python reads the file with openpyxl instead.
 */
import { packCells } from './pack-cells';
import { readPart } from './read-xlsx';
import { XlsxReadError } from './read-error';
import { readSharedStrings } from './shared-strings';
import { CellKind, HAS_FORMULA, readSheetCells } from './sheet-cells';

export const READER_MODULE = '_xlsx_reader_js';

export interface ReaderFs {
  readFile(path: string): Uint8Array;
}

export interface XlsxReaderForPython {
  read_sheet(path: string, part: string): Uint8Array;
  read_strings(path: string, part: string): Uint8Array;
  /** JSON {formulas, cells: [[row, column, text], ...]}: the sheet's text cells whose text starts with "=" (shared ones by index, from `sharedJson`). */
  formula_texts(path: string, part: string, sharedJson: string): Uint8Array;
}

export function xlsxReaderForPython(fs: ReaderFs): XlsxReaderForPython {
  const text = (path: string, part: string): string => {
    if (!/^\/input\/[^/]+$/.test(path)) throw new XlsxReadError('only files in /input are read here');
    const xml = readPart(fs.readFile(path), part);
    if (xml === null) throw new XlsxReadError(`${part} is not in ${path}`);
    return xml;
  };
  return {
    read_sheet: (path, part) => packCells(readSheetCells(text(path, part))),
    read_strings: (path, part) => new TextEncoder().encode(JSON.stringify(readSharedStrings(text(path, part)))),
    formula_texts: (path, part, sharedJson) => {
      const cells = readSheetCells(text(path, part));
      const shared = new Map((JSON.parse(sharedJson) as [number, string][]).map(([i, t]) => [i, t]));
      const found: [number, number, string][] = [];
      for (let i = 0; i < cells.count; i++) {
        const kind = cells.kind[i]! & ~HAS_FORMULA;
        const value = kind === CellKind.Shared ? shared.get(cells.num[i]!) : kind === CellKind.Text || kind === CellKind.Error ? cells.texts[cells.text[i]!] : undefined;
        if (value !== undefined && value.charCodeAt(0) === 61 /* = */) found.push([cells.row[i]!, cells.column[i]!, value]);
      }
      return new TextEncoder().encode(JSON.stringify({ formulas: cells.formulas, cells: found }));
    },
  };
}
