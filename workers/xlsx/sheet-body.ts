/**
 * A write-only worksheet's part: openpyxl's own bytes of it (written with an empty
 * <sheetData/>) and the rows, which Python compressed as they came (workers/python/
 * fast_write_only.py), put together without inflating either.
 */
import { crc32, crc32Combine } from './crc32';
import { XlsxWriteError } from './write-error';

export interface CompressedPart {
  crc: number;
  /** Bytes before compression. */
  size: number;
  chunks: Uint8Array[];
}

/**
 * The part from openpyxl's bytes of it and `rest`, the deflated stream of everything after
 * its first `headLength` bytes (all before <sheetData>), with that stream's CRC and size:
 * the head goes first as stored deflate blocks, which a deflate stream may begin with; the
 * CRC of the whole is combined from the two.
 */
export function partFromRows(savedPart: Uint8Array, headLength: number, rest: CompressedPart): CompressedPart {
  if (!Number.isInteger(headLength) || headLength < 0 || headLength > savedPart.length) throw new XlsxWriteError('the worksheet part is not the one saved');
  const head = savedPart.subarray(0, headLength);
  return { crc: crc32Combine(crc32(head), rest.crc, rest.size), size: head.length + rest.size, chunks: [...storedBlocks(head), ...rest.chunks] };
}

/** Bytes as non-final stored deflate blocks (at most 65,535 bytes each). */
function storedBlocks(bytes: Uint8Array): Uint8Array[] {
  const blocks: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += 65535) {
    const piece = bytes.subarray(at, at + 65535);
    const n = piece.length;
    const block = new Uint8Array(5 + n);
    block.set([0, n & 0xff, n >>> 8, ~n & 0xff, (~n >>> 8) & 0xff]);
    block.set(piece, 5);
    blocks.push(block);
  }
  return blocks;
}
