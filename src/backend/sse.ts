/**
 * An incremental server-sent-events parser for a body read with fetch: the
 * browser's EventSource cannot send an Authorization header, so the token would
 * have to travel in the URL (and end up in logs). Chunks may split a frame, a
 * line or a multi-byte character anywhere; the parser keeps what is unfinished.
 */
export interface SseFrame {
  event: string;
  data: string;
}

export class SseParser {
  private readonly decoder = new TextDecoder();
  private buffer = '';

  /** Feeds bytes; returns every frame they complete. */
  push(chunk: Uint8Array): SseFrame[] {
    this.buffer += this.decoder.decode(chunk, { stream: true });
    return this.drain();
  }

  /** The stream ended: a last frame without its blank line still counts (the spec says so). */
  end(): SseFrame[] {
    this.buffer += this.decoder.decode();
    if (this.buffer.trim() === '') return [];
    this.buffer += '\n\n';
    return this.drain();
  }

  private drain(): SseFrame[] {
    const frames: SseFrame[] = [];
    // The whole buffer is normalized each time, so a CRLF split across chunks still joins up.
    const normalized = this.buffer.replace(/\r\n/g, '\n');
    const blocks = normalized.split('\n\n');
    this.buffer = blocks.pop() ?? '';
    for (const block of blocks) {
      const frame = parseBlock(block);
      if (frame) frames.push(frame);
    }
    return frames;
  }
}

function parseBlock(block: string): SseFrame | undefined {
  let event = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line === '' || line.startsWith(':')) continue; // comments are keep-alives
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  }
  return data.length ? { event, data: data.join('\n') } : undefined;
}
