/**
 * The rows of one write-only worksheet, compressed (deflate level 1) as they arrive, so only
 * compressed bytes are kept. When the workbook is saved, openpyxl has written the sheet's
 * part with an empty <sheetData/>; finish() makes the part from it: what comes before
 * <sheetData> as stored (uncompressed) deflate blocks, which a deflate stream may begin
 * with, then the rows' stream, closed with what comes after. The CRC of the whole is
 * combined from the two parts' CRCs.
 */
import { ZipDeflate } from 'fflate';
import { crc32, crc32Combine } from './crc32';
import { XlsxWriteError } from './write-error';
import { parseRows, rowXml } from './sheet-rows-xml';

export interface CompressedPart {
  crc: number;
  /** Bytes before compression. */
  size: number;
  chunks: Uint8Array[];
}

const EMPTY_SHEET_DATA = /<sheetData\s*\/>|<sheetData><\/sheetData>/g;
const encoder = new TextEncoder();
const latin1 = new TextDecoder('latin1');

export class SheetBody {
  private readonly stream = new ZipDeflate('', { level: 1 });
  private readonly chunks: Uint8Array[] = [];
  /** The rows of the last batch, null where Python has to put openpyxl's own XML. */
  private pending: (string | null)[] = [];
  private done = false;

  constructor(private readonly marker: string) {
    this.stream.ondata = (error, chunk) => {
      if (error) throw error;
      this.chunks.push(chunk);
    };
    this.stream.push(encoder.encode('<sheetData>'));
  }

  /**
   * Takes a batch of rows (JSON, or null when Python could not encode them: all its rows are
   * then Python's) numbered from firstRow; returns the indexes of the rows Python must write
   * with put(), then commit(). `forced` rows are Python's whatever their values.
   */
  addRows(json: string | null, count: number, firstRow: number, forced: readonly number[]): number[] {
    this.assertOpen();
    if (this.pending.length > 0) throw new XlsxWriteError('the previous rows were not committed');
    const rows = json === null || json === undefined ? new Array<unknown>(count).fill(undefined) : parseRows(json, this.marker);
    if (rows.length !== count) throw new XlsxWriteError(`expected ${count} rows, got ${rows.length}`);
    const xml = rows.map((row, i) => rowXml(row, firstRow + i, this.marker));
    for (const i of forced) xml[i] = null;
    const unserved: number[] = [];
    xml.forEach((row, i) => {
      if (row === null) unserved.push(i);
    });
    this.pending = xml;
    if (unserved.length === 0) this.commit();
    return unserved;
  }

  put(index: number, xml: string): void {
    if (this.pending[index] !== null) throw new XlsxWriteError(`row ${index} of the batch is not Python's`);
    this.pending[index] = xml;
  }

  /** Writes the batch's rows, or with `upTo` only those before it (the rest are dropped: openpyxl failed on that row). */
  commit(upTo = this.pending.length): void {
    const rows = this.pending.slice(0, upTo);
    if (rows.some((row) => row === null)) throw new XlsxWriteError('a row of the batch is missing');
    this.pending = [];
    if (rows.length > 0) this.stream.push(encoder.encode(rows.join('')));
  }

  /** The sheet's part: openpyxl's own (its bytes, with an empty sheetData) with the rows in it. */
  finish(savedPart: Uint8Array): CompressedPart {
    this.assertOpen();
    if (this.pending.length > 0) throw new XlsxWriteError('the last rows were not committed');
    const text = latin1.decode(savedPart); // openpyxl's XML here is ASCII: one character a byte
    const empty = [...text.matchAll(EMPTY_SHEET_DATA)];
    if (empty.length !== 1 || text.split('<sheetData').length !== 2) throw new XlsxWriteError("openpyxl's worksheet does not have one empty sheetData");
    const at = empty[0]!.index;
    this.done = true;
    this.stream.push(concat(encoder.encode('</sheetData>'), savedPart.subarray(at + empty[0]![0].length)), true);
    const head = savedPart.subarray(0, at);
    const rest = this.stream.size;
    return { crc: crc32Combine(crc32(head), this.stream.crc, rest), size: head.length + rest, chunks: [...storedBlocks(head), ...this.chunks] };
  }

  private assertOpen(): void {
    if (this.done) throw new XlsxWriteError('this worksheet is already saved');
  }
}

/** Bytes as non-final stored deflate blocks (at most 65,535 bytes each). */
function storedBlocks(bytes: Uint8Array): Uint8Array[] {
  const blocks: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += 65535) {
    const piece = bytes.subarray(at, at + 65535);
    const block = new Uint8Array(5 + piece.length);
    const n = piece.length;
    block.set([0, n & 0xff, n >>> 8, ~n & 0xff, (~n >>> 8) & 0xff]);
    block.set(piece, 5);
    blocks.push(block);
  }
  return blocks;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
