/**
 * Bytes written straight into a growing buffer, for XML made of many small pieces: no
 * string per piece to concatenate, flatten and encode again (that, and its garbage, is
 * most of the time otherwise). ASCII is copied a character a byte; other text is encoded
 * with encodeInto.
 */
const encoder = new TextEncoder();

export class ByteWriter {
  private buffer: Uint8Array;

  constructor(expectedBytes = 1 << 20) {
    this.buffer = new Uint8Array(expectedBytes);
  }

  private length = 0;

  /** Text known to be ASCII (markup, numbers, cell references). */
  ascii(text: string): void {
    const n = text.length;
    if (this.length + n > this.buffer.length) this.grow(n);
    const buffer = this.buffer;
    let at = this.length;
    for (let i = 0; i < n; i++) buffer[at++] = text.charCodeAt(i);
    this.length = at;
  }

  /** Any text, as UTF-8 (well formed: lone surrogates are the caller's to replace). */
  text(text: string): void {
    const n = text.length;
    if (this.length + n * 3 > this.buffer.length) this.grow(n * 3);
    const buffer = this.buffer;
    let at = this.length;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c >= 128) {
        this.length = at + encoder.encodeInto(text.slice(i), buffer.subarray(at)).written;
        return;
      }
      buffer[at++] = c;
    }
    this.length = at;
  }

  bytes(): Uint8Array {
    return this.buffer.subarray(0, this.length);
  }

  private grow(extra: number): void {
    const next = new Uint8Array(Math.max(this.buffer.length * 2, this.length + extra));
    next.set(this.buffer.subarray(0, this.length));
    this.buffer = next;
  }
}
