/**
 * The large-job server through its HTTP API, as the pane would use it.
 * No Docker engine on this machine: the real server runs directly on
 * 127.0.0.1, with real CPython (pandas 1.5.3) inside real bubblewrap.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobStatus } from '../../server/job-types';
import { DEFAULT_LIMITS } from '../../server/config';
import { makeFixtures, readWorkbook } from '../helpers/python';
import { Api, filesUnder, startServer, type TestServer } from './harness';

let server: TestServer;
let fixtures: string;

beforeAll(async () => {
  fixtures = makeFixtures();
  server = await startServer({ maxUploadBytes: 1024 * 1024 });
});
afterAll(async () => {
  await server?.stop();
});

describe('health', () => {
  it('reports the queue and the pandas the sandbox runs on, without a token', async () => {
    const response = await fetch(`${server.url}/health`);
    expect(response.status).toBe(200);
    const health = (await response.json()) as { ok: boolean; queue: object; python: { version: string; pandas: string; openpyxl: string } };
    expect(health.ok).toBe(true);
    expect(health.queue).toEqual({ waiting: 0, running: 0, concurrency: 2, mode: 'memory', replica: server.app.excelAi.config.replicaId });
    expect(health.python).toEqual({ version: expect.stringMatching(/^3\.\d+\.\d+/), pandas: '1.5.3', openpyxl: '3.0.9' });
  });

  it('reports the most a job may ask for, so a client can size its request before uploading', async () => {
    const health = (await (await fetch(`${server.url}/health`)).json()) as { limits: object };
    expect(health.limits).toEqual({ ...DEFAULT_LIMITS, tmpMb: 4 * DEFAULT_LIMITS.maxOutputMb, maxUploadMb: 1 });
  });
});

describe('stacking three workbooks with pandas', () => {
  it('uploads the files, runs the job and returns result.xlsx with every row of every file', async () => {
    const names = ['north.xlsx', 'south.xlsx', 'west.xlsx'];
    const bytes = names.map((name) => readFileSync(join(fixtures, 'stack', name)));
    const upload = await server.api.upload(names.map((name, i) => ({ name, bytes: bytes[i]! })));
    expect(upload.files).toEqual(names.map((name, i) => ({ name, size: bytes[i]!.length, sha256: createHash('sha256').update(bytes[i]!).digest('hex') })));

    const code = readFileSync(join(import.meta.dirname, 'jobs', 'stack_pandas.py'), 'utf8');
    const jobId = await server.api.submit(upload.uploadId, code);
    const events = await server.api.events(jobId);
    expect(events.map((e) => e.event)).toContain('running');
    expect(events.at(-1)!.event).toBe('done');

    const status = await server.api.status(jobId);
    expect(status.state).toBe('done');
    expect(status.result).toMatchObject({ ok: true, stdout: 'stacked 120 rows\n', streamsTruncated: false, outputs: [{ name: 'result.xlsx' }] });

    const response = await server.api.fetch(`/jobs/${jobId}/outputs/result.xlsx`);
    expect(response.status).toBe(200);
    const out = join(mkdtempSync(join(tmpdir(), 'excel-ai-out-')), 'result.xlsx');
    writeFileSync(out, Buffer.from(await response.arrayBuffer()));
    const [header, ...rows] = readWorkbook(out).Stacked!.rows;
    const columns = header!.map(String);
    expect([...columns].sort()).toEqual(['Channel', 'Date', 'Product', 'Region', 'Sales', 'SourceFile', 'Units']);
    const expected = JSON.parse(readFileSync(join(fixtures, 'stack', 'expected.json'), 'utf8')) as Record<string, unknown>[];
    const got = rows.map((row) => Object.fromEntries(columns.map((c, i) => [c, row[i] ?? null])));
    const asKey = (r: Record<string, unknown>) => [r.SourceFile, r.Region, String(r.Date).slice(0, 10), r.Product, r.Sales, r.Units, r.Channel ?? null].join('|');
    expect(got.map(asKey)).toEqual(expected.map(asKey)); // same rows, same order: file by file, row by row
  });

  it('refuses a second job on an upload that was already used', async () => {
    const { uploadId } = await server.api.upload([{ name: 'a.csv', bytes: 'x\n1\n' }]);
    await server.api.submit(uploadId, 'print(1)\n');
    const again = await server.api.fetch('/jobs', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ uploadId, code: 'print(2)\n' }) });
    expect(again.status).toBe(404);
  });

  it('serves only the outputs a job produced: other names and traversal are 404', async () => {
    const jobId = await server.api.run('open("/output/a.txt", "w").write("a")\n');
    const status = await server.api.finished(jobId);
    expect(status.result).toMatchObject({ ok: true, outputs: [{ name: 'a.txt', size: 1 }] });
    for (const name of ['b.txt', '..%2Fjob.json', '../job.json', '%2E%2E/code.py', '..%2F..%2F..%2Fetc%2Fpasswd']) {
      const response = await server.api.fetch(`/jobs/${jobId}/outputs/${name}`);
      expect(response.status, name).toBe(404);
    }
  });

  it('refuses limits above the server ceilings', async () => {
    const { uploadId } = await server.api.upload([{ name: 'a.csv', bytes: 'x\n' }]);
    const response = await server.api.fetch('/jobs', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ uploadId, code: 'print(1)\n', limits: { timeoutS: 100_000 } }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: { kind: 'bad-request', message: `limits.timeoutS may be at most ${DEFAULT_LIMITS.timeoutS} on this server.` } });
  });
});

describe('uploads', () => {
  it('refuses an upload over the limit with 413 and leaves nothing on disk', async () => {
    const form = new FormData();
    form.append('files', new Blob(['small']), 'first.csv');
    form.append('files', new Blob([new Uint8Array(3 * 1024 * 1024)]), 'big.bin');
    const response = await server.api.fetch('/uploads', { method: 'POST', body: form });
    expect(response.status).toBe(413);
    const body = (await response.json()) as { error: { kind: string; message: string } };
    expect(body.error.kind).toBe('too-large');
    expect(body.error.message).toMatch(/limit of 1 MiB; nothing was kept/);
    expect(filesUnder(join(server.dataDir, 'uploads')).filter((p) => p.includes('first.csv') || p.includes('big.bin'))).toEqual([]);
  });

  it.each([['../escape.xlsx'], ['a/b.xlsx'], ['a\\b.xlsx'], ['tab\there.csv'], ['..'], ['.']])('refuses the file name %j with 400', async (name) => {
    const before = filesUnder(join(server.dataDir, 'uploads')).length;
    const form = new FormData();
    form.append('files', new Blob(['x']), name);
    const response = await server.api.fetch('/uploads', { method: 'POST', body: form });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { kind: string } }).error.kind).toBe('bad-request');
    expect(filesUnder(join(server.dataDir, 'uploads')).length).toBe(before);
  });
});

describe('authentication', () => {
  it.each([
    ['no token', undefined],
    ['a wrong token', 'Bearer wrong-token-0123456789abcdef'],
    ['a token of another scheme', 'Basic dGVzdA=='],
  ])('refuses requests with %s (401)', async (_label, authorization) => {
    for (const [method, path] of [['POST', '/uploads'], ['POST', '/jobs'], ['GET', '/jobs/00000000-0000-4000-8000-000000000000'], ['DELETE', '/jobs/00000000-0000-4000-8000-000000000000']] as const) {
      const response = await fetch(`${server.url}${path}`, { method, headers: authorization ? { authorization } : {} });
      expect(response.status, `${method} ${path}`).toBe(401);
      expect(((await response.json()) as { error: { kind: string } }).error.kind).toBe('auth');
    }
  });

  it('does not let another client read a job without the token', async () => {
    const jobId = await server.api.run('print("secret")\n');
    await server.api.finished(jobId);
    const stranger = new Api(server.url, 'not-the-token-0123456789');
    expect((await stranger.fetch(`/jobs/${jobId}`)).status).toBe(401);
    expect((await stranger.fetch(`/jobs/${jobId}/events`)).status).toBe(401);
    const own = (await (await server.api.fetch(`/jobs/${jobId}`)).json()) as JobStatus;
    expect(own.result).toMatchObject({ ok: true, stdout: 'secret\n' });
  });
});
