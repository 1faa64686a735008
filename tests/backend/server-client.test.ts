/**
 * The pane's client against the real large-job server on 127.0.0.1 (server/app.ts,
 * real CPython with pandas in real bubblewrap; no Docker engine here, so it runs on
 * the host). In Node the upload goes through fetch; the browser's XMLHttpRequest
 * path with byte progress is exercised in tests/e2e/server-consent.test.ts.
 */
import { createServer, type Server } from 'node:http';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServerClient, type JobEvent } from '../../src/backend/server-client';
import type { InputFile } from '../../workers/api';
import { makeFixtures, readWorkbook, ROOT } from '../helpers/python';
import { sleep, startServer, TOKEN, type TestServer } from '../server/harness';

const NAMES = ['north.xlsx', 'south.xlsx', 'west.xlsx'];
const HANGS = 'print("started")\nwhile True:\n    pass\n';
const STACK_PANDAS = readFileSync(join(ROOT, 'tests', 'server', 'jobs', 'stack_pandas.py'), 'utf8');

let server: TestServer;
let fixtures: string;

function inputs(): InputFile[] {
  return NAMES.map((name) => {
    const bytes = readFileSync(join(fixtures, 'stack', name));
    return { name, bytes: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer };
  });
}

const file = (name: string, text: string): InputFile => ({ name, bytes: new TextEncoder().encode(text).buffer as ArrayBuffer });

beforeAll(async () => {
  fixtures = makeFixtures();
  server = await startServer({ concurrency: 1, maxQueued: 1, maxUploadBytes: 256 * 1024 });
});
afterAll(async () => {
  await server?.stop();
});

describe('the server client', () => {
  it('reads health: the server runs pandas and openpyxl in a working sandbox', async () => {
    const health = await new ServerClient({ url: `${server.url}/`, token: TOKEN }).health();
    expect(health).toMatchObject({ ok: true, value: { ok: true, python: { pandas: '1.5.3', openpyxl: '3.0.9' }, sandbox: { works: true } } });
  });

  it('proves a good token and names a wrong one, with what to do', async () => {
    expect(await new ServerClient({ url: server.url, token: TOKEN }).checkToken()).toEqual({ ok: true, value: undefined });
    const wrong = await new ServerClient({ url: server.url, token: 'not-the-token-at-all' }).checkToken();
    expect(wrong).toMatchObject({ ok: false, error: { kind: 'auth', status: 401, message: expect.stringMatching(/refused the token \(Wrong token\.\).*Settings/) } });
  });

  it('says a server that does not answer is unreachable, naming its URL', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise((resolve) => closed.close(resolve));
    const answer = await new ServerClient({ url: `http://127.0.0.1:${port}`, token: TOKEN }).health();
    expect(answer).toMatchObject({ ok: false, error: { kind: 'unreachable', message: expect.stringContaining(`http://127.0.0.1:${port} did not answer`) } });
  });

  it('says when something else answers on that URL', async () => {
    const other: Server = createServer((_req, res) => res.end('<html>hello</html>'));
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(other.address() as { port: number }).port}`;
    const answer = await new ServerClient({ url, token: TOKEN }).health();
    await new Promise((resolve) => other.close(resolve));
    expect(answer).toMatchObject({ ok: false, error: { kind: 'protocol', message: expect.stringMatching(/not with JSON.*large-job server/) } });
  });

  it('uploads, runs pandas on the server, follows the events and downloads every row', async () => {
    const client = new ServerClient({ url: server.url, token: TOKEN });
    const progress: [number, number][] = [];
    const upload = await client.upload(inputs(), { onProgress: (sent, total) => progress.push([sent, total]) });
    if (!upload.ok) throw new Error(upload.error.message);
    expect(upload.value.files.map((f) => f.name)).toEqual(NAMES);
    const total = inputs().reduce((n, f) => n + f.bytes.byteLength, 0);
    expect(progress).toEqual([[0, total], [total, total]]);

    const submitted = await client.submit(upload.value.uploadId, STACK_PANDAS);
    if (!submitted.ok) throw new Error(submitted.error.message);
    const events: JobEvent[] = [];
    const final = await client.follow(submitted.value, (e) => events.push(e));
    if (!final.ok) throw new Error(final.error.message);
    expect(events.map((e) => e.type)).toContain('running');
    expect(final.value).toMatchObject({ state: 'done', result: { ok: true, stdout: 'stacked 120 rows\n', outputs: [{ name: 'result.xlsx' }] } });

    const bytes = await client.download(submitted.value, 'result.xlsx');
    if (!bytes.ok) throw new Error(bytes.error.message);
    const saved = join(mkdtempSync(join(tmpdir(), 'excel-ai-client-')), 'result.xlsx');
    writeFileSync(saved, Buffer.from(bytes.value));
    expect(readWorkbook(saved).Stacked!.rows).toHaveLength(121);

    expect(await client.remove(submitted.value)).toEqual({ ok: true, value: undefined });
    expect(await client.status(submitted.value)).toMatchObject({ ok: false, error: { kind: 'not-found', status: 404 } });
  });

  it('returns a failed job as the worker contract: kind python, the line, the traceback', async () => {
    const client = new ServerClient({ url: server.url, token: TOKEN });
    const upload = await client.upload([file('data.csv', 'a,b\n1,2\n')]);
    if (!upload.ok) throw new Error(upload.error.message);
    const job = await client.submit(upload.value.uploadId, 'x = 1\nraise ValueError("no Sales column")\n');
    if (!job.ok) throw new Error(job.error.message);
    const final = await client.follow(job.value, () => undefined);
    expect(final).toMatchObject({ ok: true, value: { state: 'failed', result: { ok: false, error: { kind: 'python', line: 2, message: expect.stringContaining('no Sales column') } } } });
    await client.remove(job.value);
  });

  it('refuses an upload over the server limit as too large, with what to do', async () => {
    const client = new ServerClient({ url: server.url, token: TOKEN });
    const answer = await client.upload([file('big.csv', 'x'.repeat(300 * 1024))]);
    expect(answer).toMatchObject({ ok: false, error: { kind: 'too-large', status: 413, message: expect.stringMatching(/256 KiB.*smaller files/) } });
  });

  it('stops following when the signal aborts, cancels a running job with remove, and says busy when the queue is full', async () => {
    const client = new ServerClient({ url: server.url, token: TOKEN });
    const submit = async (code: string): Promise<string> => {
      const upload = await client.upload([file('data.csv', 'a\n1\n')]);
      if (!upload.ok) throw new Error(upload.error.message);
      const job = await client.submit(upload.value.uploadId, code, { timeoutS: 60 });
      if (!job.ok) throw new Error(`${job.error.kind}: ${job.error.message}`);
      return job.value;
    };
    const running = await submit(HANGS);
    const controller = new AbortController();
    const seen: JobEvent[] = [];
    const following = client.follow(running, (e) => {
      seen.push(e);
      if (e.type === 'running') controller.abort();
    }, controller.signal);
    expect(await following).toMatchObject({ ok: false, error: { kind: 'cancelled' } });

    // concurrency 1, maxQueued 1: one running and one waiting fill the server.
    const queued = await submit(HANGS);
    await client.remove(running);
    await sleep(200);
    const waiting = await submit(HANGS);
    const upload = await client.upload([file('data.csv', 'a\n1\n')]);
    if (!upload.ok) throw new Error(upload.error.message);
    const refused = await client.submit(upload.value.uploadId, HANGS);
    expect(refused).toMatchObject({ ok: false, error: { kind: 'busy', status: 503, message: expect.stringMatching(/queue is full.*run in this browser/) } });
    await Promise.all([client.remove(queued), client.remove(waiting)]);
    expect(await client.status(running)).toMatchObject({ ok: true, value: { state: 'cancelled' } });
  });
});
