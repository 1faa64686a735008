/**
 * A zip written by Python's zipfile, with some entries replaced by data compressed
 * elsewhere: every other entry is copied as it is (never inflated again), in the same order,
 * with its own times and names; offsets and the central directory are written anew. Only
 * what zipfile writes for openpyxl is accepted (no zip64, no data descriptors, one disk).
 */
import { inflateSync } from 'fflate';
import type { CompressedPart } from './sheet-body';
import { XlsxWriteError } from './write-error';

interface Entry {
  name: string;
  /** The central directory record, as read. */
  central: Uint8Array;
  /** The local header and data, as read. */
  local: Uint8Array;
  method: number;
  compressedSize: number;
}

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;
const LIMIT = 0xffffffff;

function readEntries(zip: Uint8Array): Entry[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let end = zip.length - 22;
  while (end >= 0 && view.getUint32(end, true) !== END) end--;
  if (end < 0) throw new XlsxWriteError('not a zip file');
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const entries: Entry[] = [];
  const decoder = new TextDecoder();
  for (let i = 0; i < count; i++) {
    if (view.getUint32(at, true) !== CENTRAL) throw new XlsxWriteError('damaged central directory');
    const flags = view.getUint16(at + 8, true);
    const method = view.getUint16(at + 10, true);
    const compressedSize = view.getUint32(at + 20, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const offset = view.getUint32(at + 42, true);
    if (flags & 8 || compressedSize === LIMIT || offset === LIMIT) throw new XlsxWriteError('zip layout not handled');
    const name = decoder.decode(zip.subarray(at + 46, at + 46 + nameLength));
    const central = zip.subarray(at, at + 46 + nameLength + extraLength + commentLength);
    if (view.getUint32(offset, true) !== LOCAL) throw new XlsxWriteError('damaged local header');
    const localLength = 30 + view.getUint16(offset + 26, true) + view.getUint16(offset + 28, true) + compressedSize;
    entries.push({ name, central, local: zip.subarray(offset, offset + localLength), method, compressedSize });
    at += central.length;
  }
  return entries;
}

/** An entry's data, inflated (Python's zipfile stores or deflates). */
export function entryBytes(zip: Uint8Array, name: string): Uint8Array {
  const entry = readEntries(zip).find((e) => e.name === name);
  if (entry === undefined) throw new XlsxWriteError(`${name} is not in the file`);
  const view = new DataView(entry.local.buffer, entry.local.byteOffset, entry.local.byteLength);
  const data = entry.local.subarray(30 + view.getUint16(26, true) + view.getUint16(28, true));
  if (entry.method === 0) return data;
  if (entry.method === 8) return inflateSync(data);
  throw new XlsxWriteError(`${name} uses compression method ${entry.method}`);
}

/** The zip's bytes with the named entries' data replaced (deflated data, its CRC and size). */
export function replaceEntries(zip: Uint8Array, replaced: ReadonlyMap<string, CompressedPart>): Uint8Array {
  const entries = readEntries(zip);
  const pieces: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const entry of entries) {
    const part = replaced.get(entry.name);
    const central = entry.central.slice();
    const record = new DataView(central.buffer);
    record.setUint32(42, offset, true);
    if (part === undefined) {
      pieces.push(entry.local);
      offset += entry.local.length;
    } else {
      const compressed = part.chunks.reduce((sum, c) => sum + c.length, 0);
      if (compressed >= LIMIT || part.size >= LIMIT) throw new XlsxWriteError('a worksheet over 4 GB is not written here');
      const nameLength = new DataView(entry.local.buffer, entry.local.byteOffset).getUint16(26, true);
      const local = entry.local.slice(0, 30 + nameLength);
      const header = new DataView(local.buffer);
      header.setUint16(8, 8, true); // deflated
      header.setUint16(28, 0, true); // no extra field
      setSizes(header, 14, part.crc, compressed, part.size);
      record.setUint16(10, 8, true);
      setSizes(record, 16, part.crc, compressed, part.size);
      pieces.push(local);
      for (const chunk of part.chunks) pieces.push(chunk);
      offset += local.length + compressed;
    }
    centrals.push(central);
  }
  const directorySize = centrals.reduce((sum, c) => sum + c.length, 0);
  const end = new Uint8Array(22);
  const tail = new DataView(end.buffer);
  tail.setUint32(0, END, true);
  tail.setUint16(8, centrals.length, true);
  tail.setUint16(10, centrals.length, true);
  tail.setUint32(12, directorySize, true);
  tail.setUint32(16, offset, true);
  if (offset + directorySize >= LIMIT) throw new XlsxWriteError('a file over 4 GB is not written here');
  const out = new Uint8Array(offset + directorySize + end.length);
  let at = 0;
  for (const piece of [...pieces, ...centrals, end]) {
    out.set(piece, at);
    at += piece.length;
  }
  return out;
}

function setSizes(view: DataView, at: number, crc: number, compressed: number, size: number): void {
  view.setUint32(at, crc >>> 0, true);
  view.setUint32(at + 4, compressed, true);
  view.setUint32(at + 8, size, true);
}
