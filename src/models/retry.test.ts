import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_POLICY, retryDelayMs, retryingModel, type ProviderCore, type ProviderStreamPart } from './retry';
import { ModelError, type GenerateRequest, type GenerateResult, type StreamPart } from './types';

const ask: GenerateRequest = { messages: [{ role: 'user', content: 'hi' }] };
const fast = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 1, maxDelayMs: 2 };
const ok: GenerateResult = { text: 'ok', usage: {}, finishReason: 'stop', warnings: [] };
const rateLimited = (retryAfterMs?: number): ModelError => new ModelError('quota', 'slow down', { status: 429, isRetryable: true, retryAfterMs });
const network = (): ModelError => new ModelError('unreachable', 'no route', { isRetryable: true });

/** A core that fails with `failures` in turn, then answers; counts its attempts. */
function scriptedCore(failures: ModelError[], streamed: ProviderStreamPart[] = [{ type: 'finish', result: ok }]) {
  const state = { attempts: 0, signals: [] as AbortSignal[] };
  const core: ProviderCore = {
    provider: 'openai',
    modelId: 'scripted',
    async generate(_request, signal) {
      state.signals.push(signal);
      const failure = failures[state.attempts++];
      if (failure) throw failure;
      return ok;
    },
    async *stream(_request, signal) {
      state.signals.push(signal);
      const failure = failures[state.attempts++];
      if (failure) throw failure;
      for (const part of streamed) {
        if (part.type === 'text-delta' && part.text === 'BOOM') throw network();
        yield part;
      }
    },
    toModelError: (error) => (error instanceof ModelError ? error : new ModelError('server', String(error))),
    timeoutError: () => new ModelError('timeout', 'too slow'),
  };
  return { core, state };
}

async function collect(stream: AsyncIterable<StreamPart>): Promise<StreamPart[]> {
  const parts: StreamPart[] = [];
  for await (const part of stream) parts.push(part);
  return parts;
}

describe('retryDelayMs', () => {
  it('backs off exponentially from 500 ms with jitter, capped at 8 s', () => {
    const low = (retry: number) => retryDelayMs(network(), retry, { ...DEFAULT_RETRY_POLICY, maxRetries: 10 }, 60_000, () => 0);
    const high = (retry: number) => retryDelayMs(network(), retry, { ...DEFAULT_RETRY_POLICY, maxRetries: 10 }, 60_000, () => 1);
    expect([0, 1, 2, 3, 4, 5].map(high)).toEqual([500, 1000, 2000, 4000, 8000, 8000]);
    expect([0, 1, 2].map(low)).toEqual([250, 500, 1000]);
  });

  it('waits as long as the server asked, when it asked', () => {
    expect(retryDelayMs(rateLimited(1234), 0, DEFAULT_RETRY_POLICY, 60_000)).toBe(1234);
  });

  it('gives up rather than wait longer than the cap the server asked for', () => {
    expect(retryDelayMs(rateLimited(45_000), 0, DEFAULT_RETRY_POLICY, 120_000)).toBeUndefined();
  });

  it('gives up when the wait would run past the deadline', () => {
    expect(retryDelayMs(rateLimited(5_000), 0, DEFAULT_RETRY_POLICY, 4_000)).toBeUndefined();
  });

  it('never retries errors that are not retryable, or past maxRetries', () => {
    expect(retryDelayMs(new ModelError('auth', 'bad key'), 0, DEFAULT_RETRY_POLICY, 60_000)).toBeUndefined();
    expect(retryDelayMs(network(), 3, DEFAULT_RETRY_POLICY, 60_000)).toBeUndefined();
  });
});

describe('retryingModel', () => {
  it('retries network errors up to maxRetries, then reports the last one', async () => {
    const { core, state } = scriptedCore([network(), network(), network(), network(), network()]);
    const error = await retryingModel(core, { ...fast, maxRetries: 3 }).generate(ask).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'unreachable' });
    expect(state.attempts).toBe(4);
  });

  it('stops at once with cancelled when the caller aborts during a backoff wait', async () => {
    const { core, state } = scriptedCore([rateLimited(5_000)]);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    const started = Date.now();
    const error = await retryingModel(core, { ...fast, maxRetryAfterMs: 10_000 }).generate({ ...ask, signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'cancelled' });
    expect(state.attempts).toBe(1);
    // The server asked for 5 s; a loaded machine is slow, but not that slow.
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('does not call the provider at all when the signal is already aborted', async () => {
    const { core, state } = scriptedCore([]);
    const error = await retryingModel(core, fast).generate({ ...ask, signal: AbortSignal.abort() }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'cancelled' });
    expect(state.attempts).toBe(0);
  });

  it('does not retry a stream that fails after its first token', async () => {
    const { core, state } = scriptedCore([], [
      { type: 'text-delta', text: 'Half' },
      { type: 'text-delta', text: 'BOOM' },
    ]);
    const parts = await collect(retryingModel(core, fast).stream(ask));
    expect(parts).toEqual([{ type: 'text-delta', text: 'Half' }, { type: 'error', error: expect.objectContaining({ kind: 'unreachable' }) }]);
    expect(state.attempts).toBe(1);
  });

  it('reports a provider stream that ends without a finish as an error', async () => {
    const { core } = scriptedCore([], [{ type: 'text-delta', text: 'no end' }]);
    const parts = await collect(retryingModel(core, fast).stream(ask));
    expect(parts[1]).toMatchObject({ type: 'error', error: { kind: 'server' } });
  });

  it('aborts the request when the consumer stops reading the stream early', async () => {
    const { core, state } = scriptedCore([], [
      { type: 'text-delta', text: 'a' },
      { type: 'text-delta', text: 'b' },
      { type: 'finish', result: ok },
    ]);
    for await (const part of retryingModel(core, fast).stream(ask)) {
      expect(part).toEqual({ type: 'text-delta', text: 'a' });
      break;
    }
    expect(state.signals[0]?.aborted).toBe(true);
  });
});
