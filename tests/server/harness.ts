/**
 * The real server for tests: buildServer on 127.0.0.1 (port 0), real CPython
 * and bubblewrap. There is no Docker engine on the test machine, so the server
 * runs directly on the host instead of in its container.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../server/app';
import type { ServerConfig } from '../../server/config';
import type { JobLimits, JobStatus, UploadedFile } from '../../server/job-types';

export const TOKEN = 'test-token-0123456789abcdef';

export interface TestServer {
  app: FastifyInstance;
  url: string;
  dataDir: string;
  api: Api;
  /** Closes the server (killing its sandboxes) and deletes its data folder. */
  stop(): Promise<void>;
}

export async function startServer(config: Partial<ServerConfig> = {}): Promise<TestServer> {
  const dataDir = config.dataDir ?? mkdtempSync(join(tmpdir(), 'excel-ai-server-'));
  const app = await buildServer({ token: TOKEN, concurrency: 2, ...config, dataDir });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const stop = async () => {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { app, url, dataDir, api: new Api(url), stop };
}

export interface SseEvent {
  event: string;
  data: unknown;
}

export class Api {
  constructor(
    readonly url: string,
    private readonly token = TOKEN,
  ) {}

  fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${this.token}`);
    return fetch(`${this.url}${path}`, { ...init, headers });
  }

  async upload(files: { name: string; bytes: Uint8Array | string }[]): Promise<{ uploadId: string; files: UploadedFile[] }> {
    const form = new FormData();
    // A copy as a plain Uint8Array: Blob wants ArrayBuffer-backed bytes, a Buffer may sit on a shared pool.
    for (const file of files) form.append('files', new Blob([typeof file.bytes === 'string' ? file.bytes : new Uint8Array(file.bytes)]), file.name);
    const response = await this.fetch('/uploads', { method: 'POST', body: form });
    if (response.status !== 201) throw new Error(`upload: ${response.status} ${await response.text()}`);
    return (await response.json()) as { uploadId: string; files: UploadedFile[] };
  }

  async submit(uploadId: string, code: string, limits?: Partial<JobLimits>): Promise<string> {
    const response = await this.fetch('/jobs', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ uploadId, code, ...(limits ? { limits } : {}) }),
    });
    if (response.status !== 202) throw new Error(`submit: ${response.status} ${await response.text()}`);
    return ((await response.json()) as { jobId: string }).jobId;
  }

  /** Uploads the files (or one placeholder) and submits the code. */
  async run(code: string, limits?: Partial<JobLimits>, files = [{ name: 'data.csv', bytes: 'a,b\n1,2\n' }]): Promise<string> {
    const { uploadId } = await this.upload(files);
    return this.submit(uploadId, code, limits);
  }

  async status(id: string): Promise<JobStatus> {
    const response = await this.fetch(`/jobs/${id}`);
    if (response.status !== 200) throw new Error(`status: ${response.status} ${await response.text()}`);
    return (await response.json()) as JobStatus;
  }

  /** Follows the job's event stream to its end; the last event is the final one. */
  async events(id: string, timeoutMs = 60_000): Promise<SseEvent[]> {
    const response = await this.fetch(`/jobs/${id}/events`, { signal: AbortSignal.timeout(timeoutMs) });
    if (response.status !== 200) throw new Error(`events: ${response.status} ${await response.text()}`);
    return parseSse(await response.text());
  }

  /** Waits for the final state and returns the job's status. */
  async finished(id: string, timeoutMs?: number): Promise<JobStatus> {
    const events = await this.events(id, timeoutMs);
    return events.at(-1)!.data as JobStatus;
  }

  async waitFor(id: string, state: JobStatus['state'], timeoutMs = 30_000): Promise<JobStatus> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const status = await this.status(id);
      if (status.state === state) return status;
      if (Date.now() > deadline) throw new Error(`job ${id} still ${status.state}, never ${state}`);
      await sleep(50);
    }
  }
}

export function parseSse(text: string): SseEvent[] {
  return text
    .split('\n\n')
    .filter((frame) => frame.trim() !== '')
    .map((frame) => {
      const lines = frame.split('\n');
      const event = lines.find((l) => l.startsWith('event: '))?.slice(7) ?? 'message';
      const data = lines.filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n');
      return { event, data: JSON.parse(data) as unknown };
    });
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Processes whose command line contains `needle` (e.g. a job id), with their command lines. */
export function processesMatching(needle: string): { pid: number; cmdline: string[] }[] {
  const found: { pid: number; cmdline: string[] }[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').filter(Boolean);
      if (cmdline.some((arg) => arg.includes(needle))) found.push({ pid: Number(entry), cmdline });
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}

export function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true }).map(String);
  } catch {
    return [];
  }
}
