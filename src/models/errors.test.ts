import { describe, expect, it } from 'vitest';
import { errorFromNetwork, errorFromServer, parseGoogleError, parseOpenAIError, retryAfterFromHeaders, type Endpoint } from './errors';

const geminiEndpoint: Endpoint = { provider: 'gemini', label: 'Gemini', model: 'gemini-2.5-flash', baseUrl: 'https://generativelanguage.googleapis.com' };
const ollama: Endpoint = { provider: 'openai', label: 'Ollama', model: 'llama3.2', baseUrl: 'http://localhost:11434/v1' };

describe('errorFromServer', () => {
  it('treats a bare Gemini RESOURCE_EXHAUSTED as a used-up quota, not worth retrying', () => {
    const failure = parseGoogleError(429, JSON.stringify({ error: { code: 429, message: 'Resource exhausted.', status: 'RESOURCE_EXHAUSTED' } }));
    const error = errorFromServer(failure, geminiEndpoint);
    expect(error).toMatchObject({ kind: 'quota', isRetryable: false });
  });

  it('treats a Gemini per-minute limit with RetryInfo as a rate limit, retryable after the given delay', () => {
    const body = {
      error: {
        code: 429,
        message: 'You exceeded your current quota.',
        status: 'RESOURCE_EXHAUSTED',
        details: [
          { '@type': 'type.googleapis.com/google.rpc.QuotaFailure', violations: [{ quotaId: 'GenerateRequestsPerMinutePerProjectPerModel-FreeTier' }] },
          { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '37s' },
        ],
      },
    };
    const error = errorFromServer(parseGoogleError(429, `got status: 429. ${JSON.stringify(body)}`), geminiEndpoint);
    expect(error).toMatchObject({ kind: 'quota', isRetryable: true, options: { retryAfterMs: 37_000 } });
  });

  it('tells Ollama users to pull a missing model', () => {
    const failure = parseOpenAIError(404, { message: 'model "llama3.2" not found, try pulling it first', type: 'api_error' });
    expect(errorFromServer(failure, ollama).message).toBe(
      "The model 'llama3.2' does not exist at http://localhost:11434/v1. Pick another model in Settings. For Ollama, download it first: `ollama pull llama3.2`.",
    );
  });

  it('reads error bodies whose error is a plain string', () => {
    expect(parseOpenAIError(500, { error: 'llama runner crashed' }).message).toBe('llama runner crashed');
  });

  it('reports 5xx as a retryable server error that quotes the server', () => {
    const error = errorFromServer(parseOpenAIError(503, { message: 'The model is overloaded.' }), ollama);
    expect(error).toMatchObject({ kind: 'server', isRetryable: true });
    expect(error.message).toBe('Ollama had a problem on its side (HTTP 503) (Ollama said: "The model is overloaded."). Try again in a moment.');
  });
});

describe('retryAfterFromHeaders', () => {
  it('reads retry-after-ms, seconds and HTTP dates', () => {
    expect(retryAfterFromHeaders(new Headers({ 'retry-after-ms': '250', 'retry-after': '9' }))).toBe(250);
    expect(retryAfterFromHeaders(new Headers({ 'retry-after': '2' }))).toBe(2000);
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(retryAfterFromHeaders(new Headers({ 'retry-after': 'Wed, 01 Jan 2025 00:00:05 GMT' }), now)).toBe(5000);
    expect(retryAfterFromHeaders(new Headers())).toBeUndefined();
  });
});

describe('errorFromNetwork', () => {
  it('recognises a refused connection hidden in fetch’s cause', () => {
    const refused = new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:11434'), { code: 'ECONNREFUSED' }) });
    expect(errorFromNetwork(refused, ollama, false)).toMatchObject({ kind: 'unreachable', isRetryable: true });
    expect(errorFromNetwork(refused, ollama, false)?.message).toMatch(/^Could not reach http:\/\/localhost:11434\/v1\. Is the server running \(for Ollama: `ollama serve`/);
  });

  it('names the host it could not find', () => {
    const dns = new TypeError('fetch failed', { cause: Object.assign(new Error('getaddrinfo ENOTFOUND example.invalid'), { code: 'ENOTFOUND' }) });
    expect(errorFromNetwork(dns, { ...ollama, baseUrl: 'http://example.invalid/v1' }, false)?.message).toContain("Could not find the server 'example.invalid'");
  });

  it('leaves errors that are not about the network alone', () => {
    expect(errorFromNetwork(new Error('Unexpected token < in JSON'), ollama, false)).toBeUndefined();
  });
});
