/**
 * The supervisor's own caps on stdout and stderr. Whatever runner.py reports
 * (its writer can be patched) is cut here to maxStreamBytes UTF-8 bytes, and
 * what Python writes to fd 1/2 directly reaches Pyodide's raw handlers, which
 * keep at most that much too (the rest is dropped, never buffered).
 */
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: false });

/** `text` cut to at most `maxBytes` UTF-8 bytes (never in the middle of a character). */
export function capText(text: string, maxBytes: number): { text: string; truncated: boolean } {
  // A UTF-16 unit is at most 3 UTF-8 bytes: short strings need no encoding.
  if (text.length * 3 <= maxBytes) return { text, truncated: false };
  const bytes = encoder.encode(text);
  if (bytes.byteLength <= maxBytes) return { text, truncated: false };
  let end = maxBytes;
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end--; // back to a character's first byte
  return { text: decoder.decode(bytes.subarray(0, end)), truncated: true };
}

/** Pyodide's raw stdout/stderr handler for one run: keeps the first `maxBytes`, counts the rest. */
export class RawStreamSink {
  private parts: Uint8Array[] = [];
  private kept = 0;
  private max = 0;
  dropped = false;

  reset(maxBytes: number): void {
    this.parts = [];
    this.kept = 0;
    this.max = Math.max(0, maxBytes);
    this.dropped = false;
  }

  /** Pyodide's `write(buffer)`: says every byte was written, keeps what fits. */
  write(buffer: Uint8Array): number {
    const room = this.max - this.kept;
    if (room > 0) {
      const part = buffer.slice(0, room);
      this.parts.push(part);
      this.kept += part.byteLength;
    }
    if (buffer.byteLength > room) this.dropped = true;
    return buffer.byteLength;
  }

  text(): string {
    const all = new Uint8Array(this.kept);
    let at = 0;
    for (const p of this.parts) {
      all.set(p, at);
      at += p.byteLength;
    }
    return decoder.decode(all);
  }
}
