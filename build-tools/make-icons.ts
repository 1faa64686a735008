/**
 * Draws the add-in's icons (a green sheet with a white grid and a spark) as
 * PNGs into public/. Run: npx tsx build-tools/make-icons.ts. Tiny and
 * deterministic, so the PNGs in git can always be re-made from this file.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { PROJECT_ROOT } from './python-bundle.ts';

function crc32(bytes: Uint8Array): number {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

function png(size: number, pixel: (x: number, y: number) => [number, number, number, number]): Buffer {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) raw.set(pixel(x, y), y * (size * 4 + 1) + 1 + x * 4);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', new Uint8Array())]);
}

function icon(size: number): Buffer {
  const green: [number, number, number, number] = [16, 124, 65, 255];
  const white: [number, number, number, number] = [255, 255, 255, 255];
  const clear: [number, number, number, number] = [0, 0, 0, 0];
  const m = Math.max(1, Math.round(size / 16));
  const cell = (size - 2 * m) / 4;
  return png(size, (x, y) => {
    if (x < m || y < m || x >= size - m || y >= size - m) return clear;
    const gx = (x - m) % cell < Math.max(1, size / 32);
    const gy = (y - m) % cell < Math.max(1, size / 32);
    // The top-right cell holds the "spark": a white diamond.
    const cx = size - m - cell / 2;
    const cy = m + cell / 2;
    if (Math.abs(x - cx) + Math.abs(y - cy) < cell / 2.6) return white;
    return (gx || gy) && x > m + cell / 3 && y > m + cell / 3 ? white : green;
  });
}

for (const size of [16, 32, 64, 80, 128]) writeFileSync(join(PROJECT_ROOT, 'public', `icon-${size}.png`), icon(size));
