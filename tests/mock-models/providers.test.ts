/**
 * Both providers through their real SDKs (@google/genai, openai) against the mock servers
 * on 127.0.0.1. Nothing here reaches the internet.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createModel, type ModelSettings } from '../../src/models';
import { ModelError, type GenerateRequest, type LanguageModel, type StreamPart } from '../../src/models/types';
import { startMockGemini } from './mock-gemini';
import { startMockOpenAI } from './mock-openai';
import { loadScenario, type MockScenario, type MockServer, type RecordedRequest } from './scenario';

const ask: GenerateRequest = {
  messages: [
    { role: 'system', content: 'You write Python for spreadsheets.' },
    { role: 'user', content: 'Say hello.' },
  ],
};

interface Harness {
  name: 'gemini' | 'openai';
  start(scenario: MockScenario): Promise<MockServer>;
  settings(server: MockServer): ModelSettings;
  /** The requests that asked for an answer (not model lists). */
  calls(server: MockServer): RecordedRequest[];
}

const gemini: Harness = {
  name: 'gemini',
  start: startMockGemini,
  settings: (server) => ({ provider: 'gemini', model: 'gemini-2.5-flash', apiKey: 'test-key', baseUrl: server.url }),
  calls: (server) => server.requests.filter((r) => r.url.includes(':generateContent') || r.url.includes(':streamGenerateContent')),
};

const openai: Harness = {
  name: 'openai',
  start: startMockOpenAI,
  settings: (server) => ({ provider: 'openai', model: 'gpt-4.1-mini', apiKey: 'test-key', baseUrl: `${server.url}/v1` }),
  calls: (server) => server.requests.filter((r) => r.url === '/v1/chat/completions'),
};

let servers: MockServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((server) => server.close()));
  servers = [];
});

async function serve(harness: Harness, scenario: string | MockScenario): Promise<MockServer> {
  const server = await harness.start(typeof scenario === 'string' ? loadScenario(scenario) : scenario);
  servers.push(server);
  return server;
}

async function collect(stream: AsyncIterable<StreamPart>): Promise<StreamPart[]> {
  const parts: StreamPart[] = [];
  for await (const part of stream) parts.push(part);
  return parts;
}

async function failureOf(promise: Promise<unknown>): Promise<ModelError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ModelError);
  return error as ModelError;
}

function lastPart(parts: StreamPart[]): StreamPart | undefined {
  return parts[parts.length - 1];
}

/** A port on 127.0.0.1 with nothing listening: bind one, then close it. */
async function deadPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe.each([gemini, openai])('$name provider through its real SDK', (harness) => {
  function model(server: MockServer, extra: Partial<ModelSettings> = {}): LanguageModel {
    return createModel({ ...harness.settings(server), ...extra });
  }

  it('generates text and reports token usage', async () => {
    const server = await serve(harness, 'hello');
    const result = await model(server).generate(ask);

    expect(result).toEqual({
      text: 'Hello from the mock.',
      usage: { inputTokens: 11, outputTokens: 5, totalTokens: 16 },
      finishReason: 'stop',
      warnings: [],
    });
    const [call] = harness.calls(server);
    if (harness.name === 'gemini') {
      expect(call?.url).toBe('/v1beta/models/gemini-2.5-flash:generateContent');
      expect(call?.headers['x-goog-api-key']).toBe('test-key');
      expect(call?.body).toMatchObject({
        systemInstruction: { parts: [{ text: 'You write Python for spreadsheets.' }] },
        contents: [{ role: 'user', parts: [{ text: 'Say hello.' }] }],
      });
    } else {
      expect(call?.headers.authorization).toBe('Bearer test-key');
      expect(call?.body).toMatchObject({
        model: 'gpt-4.1-mini',
        messages: [
          { role: 'system', content: 'You write Python for spreadsheets.' },
          { role: 'user', content: 'Say hello.' },
        ],
      });
    }
  });

  it('sends assistant turns in the provider’s own role', async () => {
    const server = await serve(harness, 'hello');
    await model(server).generate({
      messages: [
        { role: 'user', content: 'First question' },
        { role: 'assistant', content: 'First answer' },
        { role: 'user', content: 'Second question' },
      ],
    });
    const body = JSON.stringify(harness.calls(server)[0]?.body);
    expect(body).toContain(harness.name === 'gemini' ? '"role":"model"' : '"role":"assistant"');
  });

  it('streams text deltas, then a finish with usage', async () => {
    const server = await serve(harness, 'stream-chunks');
    const parts = await collect(model(server).stream(ask));

    expect(parts.filter((p) => p.type === 'text-delta')).toEqual([
      { type: 'text-delta', text: 'The ' },
      { type: 'text-delta', text: 'total ' },
      { type: 'text-delta', text: 'is 42.' },
    ]);
    expect(lastPart(parts)).toEqual({
      type: 'finish',
      result: { text: 'The total is 42.', usage: { inputTokens: 20, outputTokens: 6, totalTokens: 26 }, finishReason: 'stop', warnings: [] },
    });
    const [call] = harness.calls(server);
    if (harness.name === 'gemini') expect(call?.url).toBe('/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse');
    else expect(call?.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  it('asks for JSON in the provider’s schema form and returns the JSON', async () => {
    const server = await serve(harness, 'json-answer');
    const schema = {
      type: 'object',
      properties: { steps: { type: 'array', items: { type: 'string' } }, outputFile: { type: 'string' } },
      required: ['steps', 'outputFile'],
    };
    const result = await model(server).generate({ ...ask, jsonSchema: { name: 'plan', schema }, temperature: 0 });

    expect(JSON.parse(result.text)).toEqual({ steps: ['read north.xlsx', 'sum Amount'], outputFile: 'result.xlsx' });
    const body = harness.calls(server)[0]?.body;
    if (harness.name === 'gemini') {
      expect(body).toMatchObject({ generationConfig: { responseMimeType: 'application/json', responseJsonSchema: schema, temperature: 0 } });
    } else {
      expect(body).toMatchObject({
        response_format: { type: 'json_schema', json_schema: { name: 'plan', schema, strict: false } },
        temperature: 0,
      });
    }
  });

  it('retries a rate-limited request twice, honouring Retry-After, then succeeds', async () => {
    const server = await serve(harness, 'rate-limited-twice');
    const started = Date.now();
    // A backoff this long (at least 2.5 s + 5 s for two retries) shows whether the headers were ignored.
    const result = await model(server, { retryPolicy: { baseDelayMs: 5_000, maxDelayMs: 10_000 } }).generate(ask);

    expect(result.text).toBe('Answer after two rate limits.');
    expect(harness.calls(server)).toHaveLength(3);
    // retry-after: 0 and retry-after-ms: 20 were honoured instead of the backoff.
    expect(Date.now() - started).toBeLessThan(4_000);
  });

  it('retries a rate-limited stream before its first token', async () => {
    const server = await serve(harness, 'rate-limited-twice');
    const parts = await collect(model(server).stream(ask));

    expect(lastPart(parts)).toMatchObject({ type: 'finish', result: { text: 'Answer after two rate limits.' } });
    expect(harness.calls(server)).toHaveLength(3);
  });

  it('does not retry when the quota is used up, and says so', async () => {
    const server = await serve(harness, `${harness.name}-quota-exhausted`);
    const error = await failureOf(model(server).generate(ask));

    expect(error.kind).toBe('quota');
    expect(error.isRetryable).toBe(false);
    expect(error.message).toMatch(/quota of this API key is used up/);
    expect(harness.calls(server)).toHaveLength(1);
  });

  it('reports a wrong API key as an auth error that says where to fix it', async () => {
    const server = await serve(harness, 'hello');
    const error = await failureOf(model(server, { apiKey: 'wrong-key' }).generate(ask));

    expect(error.kind).toBe('auth');
    expect(error.message).toMatch(/^The API key was refused by .+\. Check the key in Settings \(it is stored only on this computer\)\.$/);
    expect(error.message).not.toContain('wrong-key');
    expect(harness.calls(server)).toHaveLength(1);
  });

  it('reports an unknown model as model-not-found, naming it', async () => {
    const server = await serve(harness, 'hello');
    const error = await failureOf(model(server, { model: 'no-such-model' }).generate(ask));

    expect(error.kind).toBe('model-not-found');
    expect(error.message).toContain("The model 'no-such-model' does not exist at");
    expect(error.message).toContain('Pick another model in Settings');
    expect(harness.calls(server)).toHaveLength(1);
  });

  it('reports an endpoint with nothing listening as unreachable, after retrying', async () => {
    const port = await deadPort();
    const baseUrl = harness.name === 'gemini' ? `http://127.0.0.1:${port}` : `http://127.0.0.1:${port}/v1`;
    const settings = { ...harness.settings({ url: '', requests: [], close: async () => {} }), baseUrl, maxRetries: 2 };
    const error = await failureOf(createModel({ ...settings, retryPolicy: { baseDelayMs: 1, maxDelayMs: 5 } }).generate(ask));

    expect(error.kind).toBe('unreachable');
    expect(error.message).toContain(`Could not reach ${baseUrl}. Is the server running (for Ollama: \`ollama serve\``);
  });

  it('stops with a timeout when the whole call takes longer than allowed', async () => {
    const server = await serve(harness, 'slow-answer');
    const started = Date.now();
    const error = await failureOf(model(server, { timeoutMs: 300 }).generate(ask));

    expect(error.kind).toBe('timeout');
    expect(error.message).toMatch(/did not finish answering within 0\.3 s/);
    // The answer would take 5 s.
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(harness.calls(server)).toHaveLength(1);
  });

  it('ends a stream with a cancelled error when the caller aborts mid-stream', async () => {
    const server = await serve(harness, 'slow-stream');
    const controller = new AbortController();
    const parts: StreamPart[] = [];
    const started = Date.now();
    for await (const part of model(server).stream({ ...ask, signal: controller.signal })) {
      parts.push(part);
      if (part.type === 'text-delta') controller.abort();
    }

    expect(parts[0]).toEqual({ type: 'text-delta', text: 'one ' });
    const last = lastPart(parts);
    expect(last?.type).toBe('error');
    expect(last?.type === 'error' && last.error.kind).toBe('cancelled');
    // The whole stream would take 8 × 600 ms; a loaded machine may be slow, but not that slow.
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(harness.calls(server)).toHaveLength(1);
  });

  it('rejects generate with cancelled when the caller aborts while waiting', async () => {
    const server = await serve(harness, 'slow-answer');
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await failureOf(model(server).generate({ ...ask, signal: controller.signal }));

    expect(error.kind).toBe('cancelled');
    expect(harness.calls(server)).toHaveLength(1);
  });

  it('reports a connection dropped mid-stream clearly, without replaying the answer', async () => {
    const server = await serve(harness, 'dropped-stream');
    const parts = await collect(model(server).stream(ask));

    expect(parts[0]).toEqual({ type: 'text-delta', text: 'Half ' });
    const last = lastPart(parts);
    expect(last?.type === 'error' && last.error.kind).toBe('unreachable');
    expect(last?.type === 'error' && last.error.message).toMatch(/broke in the middle of the answer/);
    expect(harness.calls(server)).toHaveLength(1);
  });

  it('retries a request whose connection dropped before any answer arrived', async () => {
    const server = await serve(harness, 'dropped-before-answer');
    const result = await model(server, { retryPolicy: { baseDelayMs: 1 } }).generate(ask);

    expect(result.text).toBe('Second try got through.');
    expect(harness.calls(server)).toHaveLength(2);
  });

  it('reports a safety block as refused, without retrying', async () => {
    const server = await serve(harness, harness.name === 'gemini' ? 'gemini-safety' : 'openai-content-filter');
    const error = await failureOf(model(server).generate(ask));
    expect(error.kind).toBe('refused');
    expect(error.message).toMatch(/Rephrase the request/);

    const parts = await collect(model(server).stream(ask));
    const last = lastPart(parts);
    expect(last?.type === 'error' && last.error.kind).toBe('refused');
    expect(harness.calls(server)).toHaveLength(2);
  });

  it('answers several prompts from one scenario by matching their text', async () => {
    const server = await serve(harness, 'matched-answers');
    const m = model(server);
    const say = (content: string): GenerateRequest => ({ messages: [{ role: 'user', content }] });
    expect((await m.generate(say('write the code'))).text).toBe("print('hello')");
    expect(JSON.parse((await m.generate(say('make a plan'))).text)).toEqual({ steps: ['read'], outputFile: 'out.xlsx' });
    expect((await m.generate(say('anything else'))).text).toBe('fallback answer');
    expect((await m.generate(say('and again'))).text).toBe('fallback answer');
  });
});

describe('gemini specifics', () => {
  const settings = (server: MockServer): ModelSettings => gemini.settings(server);

  it('waits as long as RetryInfo in the error body says, then retries', async () => {
    const server = await serve(gemini, 'gemini-rate-limited-retryinfo');
    const result = await createModel(settings(server)).generate(ask);

    expect(result.text).toBe('Answer after waiting as told.');
    expect(gemini.calls(server)).toHaveLength(2);
  });

  it('reports a blocked prompt (promptFeedback.blockReason) as refused', async () => {
    const server = await serve(gemini, 'gemini-prompt-blocked');
    const error = await failureOf(createModel(settings(server)).generate(ask));

    expect(error.kind).toBe('refused');
    expect(error.message).toContain('PROHIBITED_CONTENT');
  });

  it('asks for a key before sending anything when none is set', async () => {
    const server = await serve(gemini, 'hello');
    const error = await failureOf(createModel({ ...settings(server), apiKey: undefined }).generate(ask));

    expect(error.kind).toBe('auth');
    expect(error.message).toMatch(/No Gemini API key is set\. Add one in Settings/);
    expect(server.requests).toHaveLength(0);
  });
});

describe('openai-compatible specifics', () => {
  const schema = { type: 'object', properties: { steps: { type: 'array' } }, required: ['steps'] };

  it('falls back to json_object with a warning when the server rejects json_schema', async () => {
    const server = await serve(openai, 'openai-no-json-schema');
    const model = createModel({ ...openai.settings(server), apiKey: undefined });
    const result = await model.generate({ ...ask, jsonSchema: { name: 'plan', schema } });

    expect(JSON.parse(result.text)).toEqual({ steps: ['read north.xlsx'], outputFile: 'result.xlsx' });
    expect(result.warnings).toEqual([expect.stringMatching(/cannot be held to a JSON Schema .* asked for plain JSON instead/)]);
    const [first, second] = openai.calls(server);
    expect(first?.body).toMatchObject({ response_format: { type: 'json_schema' } });
    expect(second?.body).toMatchObject({
      response_format: { type: 'json_object' },
      messages: [{ role: 'system', content: expect.stringContaining('Answer with one JSON object that matches this JSON Schema') }, {}],
    });
    // A local server needs no key; the SDK still sends a placeholder.
    expect(first?.headers.authorization).toBe('Bearer not-needed');

    // Learnt: the next call asks for json_object straight away, and still warns.
    const parts = await collect(model.stream({ ...ask, jsonSchema: { name: 'plan', schema } }));
    expect(lastPart(parts)).toMatchObject({ type: 'finish', result: { warnings: [expect.stringContaining('plain JSON')] } });
    expect(openai.calls(server)).toHaveLength(3);
    expect(openai.calls(server)[2]?.body).toMatchObject({ response_format: { type: 'json_object' } });
  });

  it('says to check the address when the base URL has no chat API (a missing /v1)', async () => {
    const server = await serve(openai, 'hello');
    const error = await failureOf(createModel({ ...openai.settings(server), baseUrl: server.url }).generate(ask));

    expect(error.kind).toBe('bad-request');
    expect(error.message).toContain('Check the server address in Settings; for OpenAI-compatible servers it usually ends in /v1');
  });
});
