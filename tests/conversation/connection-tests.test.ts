/**
 * Settings' "Test connection" (src/conversation/connection-tests.ts) through the real
 * SDKs against the local mock servers: a working key gets the model's word back, a
 * wrong key and a wrong model name get the sentence the user reads in the pane.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { testModel, testServer } from '../../src/conversation/connection-tests';
import { createModel } from '../../src/models';
import type { ProviderId } from '../../src/models/types';
import { startMockGemini } from '../mock-models/mock-gemini';
import { startMockOpenAI } from '../mock-models/mock-openai';
import type { MockServer } from '../mock-models/scenario';

const KEY = 'sk-test-connection-4321';
const servers: MockServer[] = [];
afterAll(async () => Promise.all(servers.map((s) => s.close())));

const MODELS: Record<ProviderId, string> = { gemini: 'gemini-2.5-flash', openai: 'gpt-4.1-mini' };

describe.each(['gemini', 'openai'] as ProviderId[])('Test connection through %s', (provider) => {
  const start = provider === 'gemini' ? startMockGemini : startMockOpenAI;
  const model = async (apiKey: string, name = MODELS[provider]) => {
    const server = await start({ apiKey: KEY, models: [MODELS[provider]], steps: [{ text: 'Ready.', repeat: true }] });
    servers.push(server);
    return createModel({ provider, model: name, apiKey, baseUrl: provider === 'gemini' ? server.url : `${server.url}/v1`, retryPolicy: { baseDelayMs: 10, maxDelayMs: 50 } });
  };

  it('says the model answered', async () => {
    expect(await testModel(await model(KEY))).toEqual({ ok: true, text: 'Connected: the model answered "Ready.".' });
  });

  it('says the key was refused, in words', async () => {
    const answer = await testModel(await model('sk-wrong-key-000000'));
    expect(answer.ok).toBe(false);
    expect(answer.text).toMatch(/key/i);
    expect(answer.text).not.toContain('sk-wrong-key-000000');
  });

  it('names a model the endpoint does not have', async () => {
    const answer = await testModel(await model(KEY, 'no-such-model'));
    expect(answer.ok).toBe(false);
    expect(answer.text).toContain('no-such-model');
  });
});

describe('Test server', () => {
  it('asks for a URL first and refuses one that is not http(s)', async () => {
    expect(await testServer('  ', '')).toEqual({ ok: false, text: 'Enter the server URL first.' });
    expect(await testServer('ftp://127.0.0.1:1', '')).toEqual({ ok: false, text: 'The server URL must start with http:// or https:// (got ftp:).' });
  });

  it('says nothing answers on a closed port', async () => {
    const answer = await testServer('http://127.0.0.1:9', '');
    expect(answer.ok).toBe(false);
    expect(answer.text).toMatch(/^The large-job server at http:\/\/127.0.0.1:9 did not answer .*Check that it is running/);
  });
});
