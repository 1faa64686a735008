/**
 * A sheet's cells as one byte buffer for Python (workers/python/xlsx_fast.py unpack_cells):
 * no JavaScript object crosses into Python, only bytes, which Python reads whole into
 * arrays. Little-endian: u32 header length, the header as UTF-8 JSON (dimension, counts,
 * the cells' texts), zero padding to 8 bytes, then num f64[count], column, text, style
 * i32[count], rowNumbers, rowStarts i32[rows], row i32[count], kind, type u8[count].
 */
import type { SheetCells } from './sheet-cells';

export function packCells(cells: SheetCells): Uint8Array {
  const header = new TextEncoder().encode(JSON.stringify({ dimension: cells.dimension, count: cells.count, rows: cells.rowNumbers.length, formulas: cells.formulas, texts: cells.texts }));
  const start = align8(4 + header.length);
  const n = cells.count;
  const rows = cells.rowNumbers.length;
  const size = start + n * 8 + n * 16 + rows * 8 + n * 2;
  const out = new Uint8Array(size);
  new DataView(out.buffer).setUint32(0, header.length, true);
  out.set(header, 4);
  let at = start;
  const put = (array: Float64Array | Int32Array | Uint8Array): void => {
    out.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), at);
    at += array.byteLength;
  };
  put(cells.num);
  put(cells.column);
  put(cells.text);
  put(cells.style);
  put(cells.rowNumbers);
  put(cells.rowStarts);
  put(cells.row);
  put(cells.kind);
  put(cells.type);
  return out;
}

function align8(n: number): number {
  return (n + 7) & ~7;
}
