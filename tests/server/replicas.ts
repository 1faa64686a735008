/**
 * Real redis-server and real server replicas (separate processes) on
 * 127.0.0.1 for the scale-out tests. Every process started here is killed in
 * stopAll() and, should the test process itself end first, on its exit.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServerConfig } from '../../server/config';
import { ROOT } from '../helpers/python';
import { Api, sleep, TOKEN } from './harness';

const REDIS_SERVER = '/usr/bin/redis-server';
const started = new Set<ChildProcess>();

function killAll(): void {
  for (const child of started) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}
process.once('exit', killAll);

export function stopAll(): void {
  killAll();
  started.clear();
}

/** A port the kernel just handed out and took back: free for the next process, barring a race. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

export interface Redis {
  url: string;
  process: ChildProcess;
}

/** redis-server on 127.0.0.1, no persistence, in a temporary folder. Throws (never skips) when it is not installed. */
export async function startRedis(): Promise<Redis> {
  if (!existsSync(REDIS_SERVER)) {
    throw new Error(`${REDIS_SERVER} is missing: the scale-out tests need a real Redis. Install it: apt-get install redis-server`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'excel-ai-redis-'));
  const port = await freePort();
  const child = spawn(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.add(child);
  child.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 20_000;
  while (!output.includes('Ready to accept connections')) {
    if (child.exitCode !== null) throw new Error(`redis-server exited: ${output}`);
    if (Date.now() > deadline) throw new Error(`redis-server did not start: ${output}`);
    await sleep(50);
  }
  return { url: `redis://127.0.0.1:${port}/0`, process: child };
}

export interface Replica {
  id: string;
  url: string;
  api: Api;
  process: ChildProcess;
  /** Everything the replica printed (its JSON log lines). */
  output(): string;
  /** Resolves with the exit code or signal. */
  exited: Promise<number | string | null>;
}

export async function startReplica(config: Partial<ServerConfig> & { replicaId: string; dataDir: string; redisUrl: string }): Promise<Replica> {
  const options = { token: TOKEN, host: '127.0.0.1', port: 0, ...config };
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'tests', 'server', 'replica-main.ts'), JSON.stringify(options)], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.add(child);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | string | null>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
  const deadline = Date.now() + 60_000;
  let match: RegExpExecArray | null;
  while ((match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)) === null) {
    if (child.exitCode !== null) throw new Error(`replica ${config.replicaId} exited: ${output}`);
    if (Date.now() > deadline) throw new Error(`replica ${config.replicaId} did not start: ${output}`);
    await sleep(50);
  }
  const url = match[1]!;
  return { id: config.replicaId, url, api: new Api(url), process: child, output: () => output, exited };
}

export function sharedDataDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'excel-ai-shared-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** How many times a replica's log says it started this job. */
export function startsOf(replica: Replica, jobId: string): number {
  return replica
    .output()
    .split('\n')
    .filter((line) => line.includes('"job started"') && line.includes(jobId)).length;
}
