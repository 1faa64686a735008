import { describe, expect, it } from 'vitest';
import { SseParser } from '../../src/backend/sse';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('reading server-sent events from a fetch body', () => {
  it('joins frames, lines and multi-byte characters split across chunks', () => {
    const text = 'event: queued\ndata: {"position":2}\n\nevent: done\r\ndata: {"name":"Köln"}\r\n\r\n';
    const whole = bytes(text);
    const parser = new SseParser();
    const frames = [];
    // One byte at a time: every split point, including inside "ö" and inside "\r\n".
    for (const byte of whole) frames.push(...parser.push(Uint8Array.of(byte)));
    frames.push(...parser.end());
    expect(frames).toEqual([
      { event: 'queued', data: '{"position":2}' },
      { event: 'done', data: '{"name":"Köln"}' },
    ]);
  });

  it('skips keep-alive comments, joins multi-line data and keeps a last frame without its blank line', () => {
    const parser = new SseParser();
    expect(parser.push(bytes(': keep-alive\n\ndata: a\ndata: b\n\nevent: running\ndata: {}'))).toEqual([{ event: 'message', data: 'a\nb' }]);
    expect(parser.end()).toEqual([{ event: 'running', data: '{}' }]);
  });
});
