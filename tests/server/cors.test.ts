/**
 * CORS for a pane on another origin: preflight and real requests from an allowed
 * origin, nothing for any other origin, the token still required. Node's fetch
 * sends whatever Origin we give it, so these check the server's answers; that a
 * browser really refuses a non-allowed origin is in tests/e2e/server-consent.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../server/app';
import { ConfigError } from '../../server/config';
import { parseAllowedOrigin } from '../../server/cors';
import { startServer, TOKEN, type TestServer } from './harness';

const PANE = 'https://localhost:3000';
const OTHER = 'https://evil.example';

let server: TestServer;
let plain: TestServer;
beforeAll(async () => {
  server = await startServer({ allowOrigins: [PANE, 'http://127.0.0.1:5173/'] });
  plain = await startServer();
});
afterAll(async () => {
  await server?.stop();
  await plain?.stop();
});

const preflight = (base: string, origin: string, method = 'POST', headers = 'authorization,content-type') =>
  fetch(`${base}/jobs`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': headers } });

const corsHeaders = (response: Response) => [...response.headers.keys()].filter((name) => name.startsWith('access-control-'));

describe('an allowed origin', () => {
  it('gets its preflight answered without a token: its own origin, GET/POST/DELETE, authorization and content-type', async () => {
    const response = await preflight(server.url, PANE);
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(PANE);
    expect(response.headers.get('access-control-allow-methods')).toBe('GET, POST, DELETE');
    expect(response.headers.get('access-control-allow-headers')).toBe('authorization, content-type');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    expect(response.headers.get('vary')).toMatch(/Origin/);
  });

  it('gets CORS headers on the real request, which still needs the token', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    const withToken = await fetch(`${server.url}/jobs/${id}`, { headers: { origin: PANE, authorization: `Bearer ${TOKEN}` } });
    expect(withToken.status).toBe(404);
    expect(withToken.headers.get('access-control-allow-origin')).toBe(PANE);
    expect(withToken.headers.get('access-control-expose-headers')).toContain('content-disposition');
    const without = await fetch(`${server.url}/jobs/${id}`, { headers: { origin: PANE } });
    expect(without.status).toBe(401);
    // The pane can read why it was refused.
    expect(without.headers.get('access-control-allow-origin')).toBe(PANE);
    expect(await without.json()).toMatchObject({ error: { kind: 'auth' } });
  });

  it('runs a whole job cross-origin: upload, submit, events, download, delete', async () => {
    const headers = { origin: 'http://127.0.0.1:5173', authorization: `Bearer ${TOKEN}` };
    const form = new FormData();
    form.append('files', new Blob(['a,b\n1,2\n']), 'data.csv');
    const upload = await fetch(`${server.url}/uploads`, { method: 'POST', body: form, headers });
    expect(upload.status).toBe(201);
    expect(upload.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:5173');
    const { uploadId } = (await upload.json()) as { uploadId: string };
    const submit = await fetch(`${server.url}/jobs`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ uploadId, code: 'open("/output/out.txt", "w").write("hi")\n' }),
    });
    expect(submit.status).toBe(202);
    const { jobId } = (await submit.json()) as { jobId: string };
    const events = await fetch(`${server.url}/jobs/${jobId}/events`, { headers });
    expect(events.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:5173');
    expect(await events.text()).toContain('event: done');
    const output = await fetch(`${server.url}/jobs/${jobId}/outputs/out.txt`, { headers });
    expect(output.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:5173');
    expect(await output.text()).toBe('hi');
    const removed = await fetch(`${server.url}/jobs/${jobId}`, { method: 'DELETE', headers });
    expect(removed.status).toBe(200);
    expect(removed.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:5173');
  }, 120_000);

  it('answers the Private Network Access preflight only when asked', async () => {
    const response = await fetch(`${server.url}/health`, {
      method: 'OPTIONS',
      headers: { origin: PANE, 'access-control-request-method': 'GET', 'access-control-request-private-network': 'true' },
    });
    expect(response.headers.get('access-control-allow-private-network')).toBe('true');
    expect((await preflight(server.url, PANE)).headers.get('access-control-allow-private-network')).toBeNull();
  });
});

describe('any other origin', () => {
  it('gets no CORS header on a preflight, and the preflight is not a 2xx', async () => {
    const response = await preflight(server.url, OTHER);
    expect(corsHeaders(response)).toEqual([]);
    expect(response.ok).toBe(false);
  });

  it('gets no CORS header on a real request, token or not', async () => {
    const response = await fetch(`${server.url}/health`, { headers: { origin: OTHER } });
    expect(response.status).toBe(200);
    expect(corsHeaders(response)).toEqual([]);
    const authed = await fetch(`${server.url}/jobs/00000000-0000-4000-8000-000000000000`, { headers: { origin: OTHER, authorization: `Bearer ${TOKEN}` } });
    expect(corsHeaders(authed)).toEqual([]);
  });

  it('a server without --allow-origin answers no origin at all (same-origin only)', async () => {
    expect(corsHeaders(await preflight(plain.url, PANE))).toEqual([]);
    expect(corsHeaders(await fetch(`${plain.url}/health`, { headers: { origin: PANE } }))).toEqual([]);
  });
});

describe('--allow-origin values', () => {
  it('takes origins as the browser sends them, with or without a trailing slash', () => {
    expect(parseAllowedOrigin('https://localhost:3000/')).toBe('https://localhost:3000');
    expect(parseAllowedOrigin('http://127.0.0.1:5173')).toBe('http://127.0.0.1:5173');
  });

  it('refuses "*", paths and other schemes with the form to use', async () => {
    for (const bad of ['*', 'null', 'https://localhost:3000/pane', 'localhost:3000', 'ftp://x.example']) {
      expect(() => parseAllowedOrigin(bad), bad).toThrow(/scheme:\/\/host\[:port\]|"\*" and "null" are not accepted/);
    }
    await expect(buildServer({ token: TOKEN, dataDir: '/nonexistent-never-created', allowOrigins: ['*'] })).rejects.toBeInstanceOf(ConfigError);
  });
});
