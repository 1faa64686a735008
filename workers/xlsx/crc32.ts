/**
 * CRC-32 (the zip one) of a small buffer, and the CRC of two buffers joined from the CRCs of
 * each (zlib's crc32_combine): a worksheet's rows are compressed, with their CRC, before the
 * part's start that precedes them is known.
 */
const POLY = 0xedb88320;

const TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ POLY : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** a times b modulo the CRC polynomial (bit-reflected, as zlib's multmodp). */
function multiplyModP(a: number, b: number): number {
  let m = 0x80000000;
  let p = 0;
  for (;;) {
    if (a & m) {
      p ^= b;
      if ((a & (m - 1)) === 0) break;
    }
    m >>>= 1;
    b = b & 1 ? (b >>> 1) ^ POLY : b >>> 1;
  }
  return p >>> 0;
}

/** x^(8 * bytes) modulo the polynomial. */
function shiftFor(bytes: number): number {
  let p = 0x80000000; // x^0
  let square = 0x40000000; // x^1, squared along: x^(2^k)
  let n = bytes * 8;
  while (n > 0) {
    if (n % 2 === 1) p = multiplyModP(square, p);
    square = multiplyModP(square, square);
    n = Math.floor(n / 2);
  }
  return p;
}

/** The CRC of first + second from crc(first), crc(second) and second's length. */
export function crc32Combine(first: number, second: number, secondLength: number): number {
  return (multiplyModP(shiftFor(secondLength), first) ^ second) >>> 0;
}
