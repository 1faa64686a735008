/**
 * What the server does around jobs: refuses to start without a token, logs
 * metadata only, deletes old files, maps bwrap.py's JSON to the contract.
 * No Docker engine on this machine: the real server runs directly on
 * 127.0.0.1 with real CPython in bubblewrap.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { buildServer } from '../../server/app';
import { ConfigError } from '../../server/config';
import { mapRunnerResult, lastJsonLine } from '../../server/map-result';
import { parseRunnerResult } from '../../workers/runtime/python-result';
import { TOKEN, filesUnder, startServer } from './harness';

const tmp = () => mkdtempSync(join(tmpdir(), 'excel-ai-server-'));

describe('start-up', () => {
  it('refuses to start without a token unless told it is local development', async () => {
    await expect(buildServer({ dataDir: tmp() })).rejects.toThrow(ConfigError);
    await expect(buildServer({ dataDir: tmp(), token: 'short' })).rejects.toThrow(/too short/);
    const app = await buildServer({ dataDir: tmp(), insecureNoToken: true });
    try {
      const response = await app.inject({ method: 'GET', url: '/jobs/00000000-0000-4000-8000-000000000000' });
      expect(response.statusCode).toBe(404); // no 401: there is no token to check
    } finally {
      await app.close();
    }
  });
});

describe('logging', () => {
  it('logs requests and job states, never the token, the code, file names or contents', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        lines.push(chunk.toString('utf8'));
        callback();
      },
    });
    const server = await startServer({ log: sink });
    try {
      const id = await server.api.run('SECRET_CODE = 1\nprint("SECRET_STDOUT")\nwith open("/output/SECRET_OUT.txt", "w") as f:\n    f.write("x")\n', undefined, [
        { name: 'SECRET_NAME.csv', bytes: 'SECRET_CONTENT\n' },
      ]);
      expect((await server.api.finished(id)).state).toBe('done');
      expect(await (await server.api.fetch(`/jobs/${id}/outputs/SECRET_OUT.txt`)).text()).toBe('x');
    } finally {
      await server.stop();
    }
    const log = lines.join('');
    expect(log).toMatch(/"msg":"job finished"/);
    expect(log).toMatch(/"url":"\/uploads"/);
    expect(log).not.toContain(TOKEN);
    for (const secret of ['SECRET_CODE', 'SECRET_STDOUT', 'SECRET_NAME', 'SECRET_CONTENT']) expect(log).not.toContain(secret);
    // The output's name appears only as the requested URL, like any path.
    expect(log.split('\n').filter((l) => l.includes('SECRET_OUT')).every((l) => l.includes('"url":'))).toBe(true);
  });
});

describe('retention', () => {
  it('deletes finished jobs and unused uploads once they are older than the retention time', async () => {
    const server = await startServer({ retentionMs: 400 });
    try {
      const id = await server.api.run('print(1)\n');
      await server.api.finished(id);
      const unused = await server.api.upload([{ name: 'left.csv', bytes: 'x\n' }]);
      expect(filesUnder(join(server.dataDir, 'uploads'))).toContain(unused.uploadId);
      await vi.waitFor(
        () => {
          expect(filesUnder(join(server.dataDir, 'jobs'))).toEqual([]);
          expect(filesUnder(join(server.dataDir, 'uploads'))).toEqual([]);
        },
        { timeout: 5000, interval: 100 },
      );
      expect((await server.api.fetch(`/jobs/${id}`)).status).toBe(404);
    } finally {
      await server.stop();
    }
  });
});

describe("bwrap.py's JSON to the contract", () => {
  it('maps a success to camelCase with the listed outputs', () => {
    const raw = lastJsonLine('noise\n{"ok": true, "stdout": "hi\\n", "stderr": "", "streams_truncated": true, "error": null, "duration_ms": 70}\n');
    expect(mapRunnerResult(raw, [{ name: 'a.xlsx', size: 3 }])).toEqual({
      ok: true,
      outputs: [{ name: 'a.xlsx', size: 3 }],
      stdout: 'hi\n',
      stderr: '',
      streamsTruncated: true,
      durationMs: 70,
    });
  });

  it('maps a precheck failure with its violations and drops nulls', () => {
    const raw = {
      ok: false,
      stdout: '',
      stderr: '',
      streams_truncated: false,
      duration_ms: 5,
      error: { kind: 'precheck', message: 'no', traceback: null, line: 1, column: 7, violations: [{ rule: 'import-not-allowed', message: 'm', line: 1, column: 7 }] },
    };
    expect(mapRunnerResult(raw, [])).toEqual({
      ok: false,
      error: { kind: 'precheck', message: 'no', line: 1, column: 7, violations: [{ rule: 'import-not-allowed', message: 'm', line: 1, column: 7 }] },
      stdout: '',
      stderr: '',
      streamsTruncated: false,
      durationMs: 5,
    });
  });

  it("keeps the runner's note of what was missing and every kind of the contract, as the pane's sandbox does", () => {
    const cause = { kind: 'missing-column', name: 'Sales', available: ['Region', 'Amount'] };
    expect(mapRunnerResult({ ok: false, error: { kind: 'python', message: "KeyError: 'Sales'", cause } }, [])).toMatchObject({ error: { kind: 'python', cause } });
    expect(mapRunnerResult({ ok: false, error: { kind: 'package', message: 'no pandas' } }, [])).toMatchObject({ error: { kind: 'package' } });
    // The same answer read from inside a sandbox: a claimed supervisor kind means nothing there.
    expect(parseRunnerResult({ ok: false, error: { kind: 'timeout', message: 'x', cause } }, 'inside').error).toEqual({ kind: 'python', message: 'x', cause });
  });

  it('treats an unknown error kind as internal and a line that is not a result as nothing', () => {
    expect(mapRunnerResult({ ok: false, error: { kind: 'weird', message: 'x' } }, [])).toMatchObject({ error: { kind: 'internal', message: 'x' } });
    expect(lastJsonLine('Traceback (most recent call last):\n  boom\n')).toBeNull();
    expect(mapRunnerResult({ hello: 1 }, [])).toBeNull();
  });
});
