/**
 * `excel-ai serve` as a user starts it: a real process on 127.0.0.1. No Docker
 * engine on this machine, so this is also how the server is run here.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ROOT } from '../helpers/python';
import { startRedis, stopAll } from './replicas';

const CLI = join(ROOT, 'bin', 'excel-ai.mjs');
const dataDir = () => mkdtempSync(join(tmpdir(), 'excel-ai-serve-'));

it('prints the URL but never the token, answers /health, and stops on SIGTERM', async () => {
  const token = 'serve-test-token-0123456789';
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--data-dir', dataDir(), '--concurrency', '1'], {
    cwd: ROOT,
    env: { ...process.env, EXCEL_AI_SERVER_TOKEN: token },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    const deadline = Date.now() + 30_000;
    while (!/listening on (http:\/\/127\.0\.0\.1:\d+)/.test(stdout)) {
      if (Date.now() > deadline) throw new Error(`no URL printed: ${stdout} ${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)![1]!;
    const health = (await (await fetch(`${url}/health`)).json()) as { ok: boolean; queue: { concurrency: number } };
    expect(health).toMatchObject({ ok: true, queue: { concurrency: 1 } });
    expect((await fetch(`${url}/jobs/00000000-0000-4000-8000-000000000000`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(404);
  } finally {
    child.kill('SIGTERM');
  }
  expect(await exited).toBe(0);
  expect(stdout + stderr).not.toContain(token);
});

it('refuses to start without a token (exit 2, says how to give one)', () => {
  const env = { ...process.env };
  delete env.EXCEL_AI_SERVER_TOKEN;
  delete env.EXCEL_AI_SERVER_TOKEN_FILE;
  const result = spawnSync(process.execPath, [CLI, 'serve', '--port', '0', '--data-dir', dataDir()], { cwd: ROOT, env, encoding: 'utf8' });
  expect(result.status).toBe(2);
  expect(result.stderr).toMatch(/No API token: set one \(--token or EXCEL_AI_SERVER_TOKEN\)/);
});

it('with --redis, joins the shared queue (says so, /health reports it); an unreachable Redis stops the start with exit 2 and the fix', async () => {
  const redis = await startRedis();
  const token = 'serve-test-token-0123456789';
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--data-dir', dataDir(), '--concurrency', '1', '--redis', redis.url], {
    cwd: ROOT,
    env: { ...process.env, EXCEL_AI_SERVER_TOKEN: token },
  });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    const deadline = Date.now() + 60_000;
    // The last start-up line, so the whole block has arrived.
    while (!/per job at most/.test(stdout)) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`no start-up lines: ${stdout}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(stdout).toMatch(/replica \S+, sharing the job queue in Redis/);
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)![1]!;
    const health = (await (await fetch(`${url}/health`)).json()) as { ok: boolean; queue: { mode: string } };
    expect(health).toMatchObject({ ok: true, queue: { mode: 'redis' } });
  } finally {
    child.kill('SIGTERM');
    stopAll();
  }
  expect(await exited).toBe(0);

  // Nothing listens on that port any more.
  const result = spawnSync(process.execPath, [CLI, 'serve', '--port', '0', '--data-dir', dataDir(), '--redis', redis.url], {
    cwd: ROOT,
    env: { ...process.env, EXCEL_AI_SERVER_TOKEN: token },
    encoding: 'utf8',
  });
  expect(result.status).toBe(2);
  expect(result.stderr).toMatch(/Could not start the job queue: Cannot reach Redis at 127\.0\.0\.1:\d+ .*check --redis and that redis-server runs/);
}, 120_000);

it('--job-memory, --job-timeout, --job-tmp-mb and --allow-origin reach /health and CORS; "*" is refused with exit 2', async () => {
  const token = 'serve-test-token-0123456789';
  const pane = 'https://localhost:3000';
  const args = ['serve', '--port', '0', '--data-dir', dataDir(), '--concurrency', '1', '--job-memory', '3000', '--job-timeout', '900', '--job-tmp-mb', '1000', '--allow-origin', pane];
  const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...process.env, EXCEL_AI_SERVER_TOKEN: token } });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    const deadline = Date.now() + 30_000;
    while (!/panes allowed from/.test(stdout)) {
      if (Date.now() > deadline) throw new Error(`no start-up lines: ${stdout}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(stdout).toContain('per job at most: 3000 MiB memory, 900 s, 200 MiB of outputs, 1000 MiB /tmp');
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)![1]!;
    const health = await fetch(`${url}/health`, { headers: { origin: pane } });
    expect(health.headers.get('access-control-allow-origin')).toBe(pane);
    expect(((await health.json()) as { limits: object }).limits).toEqual({ timeoutS: 900, memoryMb: 3000, maxOutputMb: 200, tmpMb: 1000, maxUploadMb: 1024 });
  } finally {
    child.kill('SIGTERM');
  }
  expect(await exited).toBe(0);

  const refused = spawnSync(process.execPath, [CLI, 'serve', '--port', '0', '--data-dir', dataDir(), '--allow-origin', '*'], {
    cwd: ROOT,
    env: { ...process.env, EXCEL_AI_SERVER_TOKEN: token },
    encoding: 'utf8',
  });
  expect(refused.status).toBe(2);
  expect(refused.stderr).toMatch(/"\*" and "null" are not accepted/);
}, 120_000);
