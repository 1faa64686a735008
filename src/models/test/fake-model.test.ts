import { describe, expect, it } from 'vitest';
import { FakeModel } from './fake-model';
import { ModelError, type StreamPart } from '../types';

async function collect(stream: AsyncIterable<StreamPart>): Promise<StreamPart[]> {
  const parts: StreamPart[] = [];
  for await (const part of stream) parts.push(part);
  return parts;
}

describe('FakeModel', () => {
  it('answers from a list in order and records each call', async () => {
    const model = new FakeModel(['first', { json: { ok: true } }]);
    const schema = { name: 'plan', schema: { type: 'object' } };
    expect((await model.generate({ messages: [{ role: 'user', content: 'one' }] })).text).toBe('first');
    expect((await model.generate({ messages: [{ role: 'user', content: 'two' }], jsonSchema: schema })).text).toBe('{"ok":true}');
    expect(model.calls.map((call) => call.jsonSchema)).toEqual([undefined, schema]);
    expect(model.prompts).toEqual(['one', 'two']);
  });

  it('answers from a function', async () => {
    const model = new FakeModel((request, index) => `${index}:${request.messages.length}`);
    expect((await model.generate({ messages: [{ role: 'user', content: 'x' }] })).text).toBe('0:1');
  });

  it('streams chunks, and can fail after them like a dropped connection', async () => {
    const dropped = new ModelError('unreachable', 'The connection broke in the middle of the answer.');
    const model = new FakeModel([{ chunks: ['a', 'b'] }, { chunks: ['half'], error: dropped }]);
    expect(await collect(model.stream({ messages: [] }))).toEqual([
      { type: 'text-delta', text: 'a' },
      { type: 'text-delta', text: 'b' },
      { type: 'finish', result: { text: 'ab', usage: {}, finishReason: 'stop', warnings: [] } },
    ]);
    expect(await collect(model.stream({ messages: [] }))).toEqual([
      { type: 'text-delta', text: 'half' },
      { type: 'error', error: dropped },
    ]);
  });

  it('throws a simulated ModelError from generate', async () => {
    const model = new FakeModel([new ModelError('quota', 'used up')]);
    await expect(model.generate({ messages: [] })).rejects.toMatchObject({ kind: 'quota' });
  });

  it('fails loudly when asked more often than answers were given', async () => {
    const model = new FakeModel(['only one']);
    await model.generate({ messages: [] });
    await expect(model.generate({ messages: [] })).rejects.toThrow(/no answer left for call 2/);
  });
});
