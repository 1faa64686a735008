/**
 * The pane's HTTP client for the large-job server (server/README.md, API): health,
 * upload, submit, follow (server-sent events read with fetch, so the token stays in
 * a header), download, cancel/delete. Every method answers a ServerResult; nothing
 * throws at the caller.
 */
import type { InputFile } from '../../workers/api';
import { SseParser } from './sse';
import { cancelled, failure, fromStatus, success, unreachable, type ServerResult } from './server-errors';
import { defaultUploadTransport, type UploadTransport } from './upload-transport';
import {
  healthSchema,
  jobStatusSchema,
  queuedEventSchema,
  submitSchema,
  uploadSchema,
  type JobStatusWire,
  type ServerHealth,
  type UploadReceipt,
} from '../../server/wire';

export interface ServerClientOptions {
  /** The server's base URL, e.g. http://127.0.0.1:8787 or https://example.org/excel-ai (no trailing slash needed). */
  url: string;
  token: string;
  upload?: UploadTransport;
}

export type JobEvent = { type: 'queued'; position: number } | { type: 'running' } | { type: 'final'; status: JobStatusWire };

/** The job's limits on the server; it may lower the server's own ceilings, never raise them. */
export interface ServerJobLimits {
  timeoutS?: number;
  memoryMb?: number;
  maxOutputMb?: number;
}

/** The event stream may drop (a proxy's idle timeout); a late client gets the current state, so reconnect a few times. */
const MAX_RECONNECTS = 5;
/** A job id as the server mints them; used to ask about a job that cannot exist. */
const NO_SUCH_JOB = '00000000-0000-4000-8000-000000000000';

export class ServerClient {
  readonly url: string;
  private readonly token: string;
  private readonly uploadTransport: UploadTransport;

  constructor(options: ServerClientOptions) {
    this.url = options.url.replace(/\/+$/, '');
    this.token = options.token;
    this.uploadTransport = options.upload ?? defaultUploadTransport();
  }

  /** GET /health: needs no token. */
  async health(signal?: AbortSignal): Promise<ServerResult<ServerHealth>> {
    const answer = await this.request('/health', { signal }, false);
    return answer.ok ? this.parse(answer.value, healthSchema, '/health') : answer;
  }

  /** Proves the token without creating anything: asking about a job that cannot exist answers 404 with a good token, 401 without. */
  async checkToken(signal?: AbortSignal): Promise<ServerResult<void>> {
    const answer = await this.raw(`/jobs/${NO_SUCH_JOB}`, { signal });
    if (!answer.ok) return answer;
    if (answer.value.status === 404) return success(undefined);
    return { ok: false, error: fromStatus(answer.value.status === 200 ? 502 : answer.value.status, answer.value.body, this.url) };
  }

  async upload(files: InputFile[], options: { signal?: AbortSignal; onProgress?(sent: number, total: number): void } = {}): Promise<ServerResult<UploadReceipt>> {
    const form = new FormData();
    let total = 0;
    for (const file of files) {
      form.append('files', new Blob([file.bytes]), file.name);
      total += file.bytes.byteLength;
    }
    try {
      const answer = await this.uploadTransport(`${this.url}/uploads`, this.authHeaders(), form, total, options);
      if (answer.status !== 201) return { ok: false, error: fromStatus(answer.status, answer.body, this.url) };
      return this.parse(answer.body, uploadSchema, '/uploads');
    } catch (error) {
      return this.networkFailure(error, options.signal);
    }
  }

  async submit(uploadId: string, code: string, limits?: ServerJobLimits, signal?: AbortSignal): Promise<ServerResult<string>> {
    const answer = await this.request('/jobs', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ uploadId, code, ...(limits ? { limits } : {}) }),
      signal,
    });
    if (!answer.ok) return answer;
    const parsed = this.parse(answer.value, submitSchema, '/jobs');
    return parsed.ok ? success(parsed.value.jobId) : parsed;
  }

  async status(jobId: string, signal?: AbortSignal): Promise<ServerResult<JobStatusWire>> {
    const answer = await this.request(`/jobs/${encodeURIComponent(jobId)}`, { signal });
    return answer.ok ? this.parse(answer.value, jobStatusSchema, '/jobs/:id') : answer;
  }

  /** Follows the job's events until it is done, failed or cancelled; resolves with its final status. */
  async follow(jobId: string, onEvent: (event: JobEvent) => void, signal?: AbortSignal): Promise<ServerResult<JobStatusWire>> {
    for (let attempt = 0; attempt <= MAX_RECONNECTS; attempt++) {
      const outcome = await this.followOnce(jobId, onEvent, signal);
      if (outcome !== 'dropped') return outcome;
    }
    return failure('protocol', `The server at ${this.url} kept closing the job's event stream before the job ended. Try again.`);
  }

  async download(jobId: string, name: string, signal?: AbortSignal): Promise<ServerResult<ArrayBuffer>> {
    const path = `/jobs/${encodeURIComponent(jobId)}/outputs/${name.split('/').map(encodeURIComponent).join('/')}`;
    try {
      const response = await fetch(`${this.url}${path}`, { headers: this.authHeaders(), signal });
      if (!response.ok) return { ok: false, error: fromStatus(response.status, await response.text(), this.url) };
      return success(await response.arrayBuffer());
    } catch (error) {
      return this.networkFailure(error, signal);
    }
  }

  /** DELETE /jobs/:id: cancels a queued or running job, deletes a finished one (and its files). */
  async remove(jobId: string): Promise<ServerResult<void>> {
    const answer = await this.request(`/jobs/${encodeURIComponent(jobId)}`, { method: 'DELETE' });
    return answer.ok ? success(undefined) : answer;
  }

  private async followOnce(jobId: string, onEvent: (event: JobEvent) => void, signal?: AbortSignal): Promise<ServerResult<JobStatusWire> | 'dropped'> {
    let response: Response;
    try {
      response = await fetch(`${this.url}/jobs/${encodeURIComponent(jobId)}/events`, { headers: { ...this.authHeaders(), accept: 'text/event-stream' }, signal });
    } catch (error) {
      return this.networkFailure(error, signal);
    }
    if (!response.ok || !response.body) return { ok: false, error: fromStatus(response.status, await response.text(), this.url) };
    const reader = response.body.getReader();
    const parser = new SseParser();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        const frames = done ? parser.end() : parser.push(value);
        for (const frame of frames) {
          const event = this.toJobEvent(frame.event, frame.data);
          if (!event.ok) return event;
          if (event.value === undefined) continue;
          if (event.value.type === 'final') return success(event.value.status);
          onEvent(event.value);
        }
        if (done) return 'dropped';
      }
    } catch {
      if (signal?.aborted) return { ok: false, error: cancelled() };
      return 'dropped'; // the connection broke mid-stream: reconnect and get the current state
    } finally {
      reader.releaseLock();
    }
  }

  private toJobEvent(event: string, data: string): ServerResult<JobEvent | undefined> {
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      return failure('protocol', `The server sent an event that is not JSON (${event}).`);
    }
    if (event === 'queued') {
      const parsed = queuedEventSchema.safeParse(json);
      return parsed.success ? success({ type: 'queued', position: parsed.data.position }) : failure('protocol', 'The server sent a queued event without a position.');
    }
    if (event === 'running') return success({ type: 'running' });
    if (event === 'done' || event === 'failed' || event === 'cancelled') {
      const parsed = jobStatusSchema.safeParse(json);
      return parsed.success ? success({ type: 'final', status: parsed.data }) : failure('protocol', `The server's final job status is not in the expected shape: ${parsed.error.issues[0]?.message ?? ''}`);
    }
    return success(undefined); // an event this client does not know: a newer server may send more
  }

  private authHeaders(): Record<string, string> {
    return { authorization: `Bearer ${this.token}` };
  }

  private async raw(path: string, init: RequestInit, withToken = true): Promise<ServerResult<{ status: number; body: string }>> {
    try {
      const headers = { ...(init.headers as Record<string, string> | undefined), ...(withToken ? this.authHeaders() : {}) };
      const response = await fetch(`${this.url}${path}`, { ...init, headers });
      return success({ status: response.status, body: await response.text() });
    } catch (error) {
      return this.networkFailure(error, init.signal ?? undefined);
    }
  }

  /** A 2xx answer's body, or the error the status means. */
  private async request(path: string, init: RequestInit, withToken = true): Promise<ServerResult<string>> {
    const answer = await this.raw(path, init, withToken);
    if (!answer.ok) return answer;
    const { status, body } = answer.value;
    return status >= 200 && status < 300 ? success(body) : { ok: false, error: fromStatus(status, body, this.url) };
  }

  private parse<T>(body: string, schema: { safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: { message: string }[] } } }, route: string): ServerResult<T> {
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      return failure('protocol', `Something at ${this.url} answered ${route}, but not with JSON: is this URL really the large-job server (excel-ai serve)?`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) return failure('protocol', `The answer of ${this.url}${route} is not what this pane expects (${parsed.error.issues[0]?.message ?? 'unknown shape'}); the server may be of another version.`);
    return success(parsed.data);
  }

  private networkFailure<T>(error: unknown, signal?: AbortSignal): ServerResult<T> {
    if (signal?.aborted || (error instanceof DOMException && error.name === 'AbortError')) return { ok: false, error: cancelled() };
    return { ok: false, error: unreachable(this.url, error) };
  }
}
