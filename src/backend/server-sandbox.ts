/**
 * The agent's sandbox when the user chose the large-job server: the run step goes
 * to the server (upload, submit, follow, download, delete), while the pre-check
 * and the profiles stay in the browser's own worker (they are cheap, and the
 * profile of the outputs is how the agent verifies them). The runtime the model is
 * told about is the server's: native CPython with pandas.
 */
import { failedRun, type InputFile, type OutputFile, type PrecheckResult, type ProfileResult, type RunRequest, type RunResult, type SandboxError, type StartResult } from '../../workers/api';
import type { SandboxPort } from '../agent/run-request';
import type { ServerClient } from './server-client';
import type { ServerError } from './server-errors';
import type { JobResult, ServerHealth } from '../../server/wire';

export type ServerProgress =
  | { phase: 'connecting' }
  | { phase: 'uploading'; sentBytes: number; totalBytes: number }
  | { phase: 'queued'; position: number }
  | { phase: 'running' }
  | { phase: 'downloading'; file: string; index: number; count: number };


export class ServerSandbox implements SandboxPort {
  /** From /health at start: the server's ceilings, so an upload it would refuse is not sent at all. */
  private limits: ServerHealth['limits'];

  constructor(
    private readonly local: SandboxPort,
    private readonly client: ServerClient,
    private readonly onProgress: (progress: ServerProgress) => void = () => undefined,
  ) {}

  /** The local worker (for pre-check and profiles) and the server, whose Python the model will write for. */
  async start(): Promise<StartResult> {
    const began = Date.now();
    const local = await this.local.start();
    if (!local.ok) return local;
    this.onProgress({ phase: 'connecting' });
    const health = await this.client.health();
    if (!health.ok) return { ok: false, error: toSandboxError(health.error) };
    if (!health.value.ok) {
      const why = health.value.sandbox.error ?? 'its sandbox does not work';
      return { ok: false, error: { kind: 'internal', message: `The server at ${this.client.url} cannot run jobs now (${why}). Ask whoever runs it, or run in this browser.` } };
    }
    const token = await this.client.checkToken();
    if (!token.ok) return { ok: false, error: toSandboxError(token.error) };
    const { python } = health.value;
    this.limits = health.value.limits;
    const packages: Record<string, string> = {};
    if (python.pandas) packages.pandas = python.pandas;
    if (python.openpyxl) packages.openpyxl = python.openpyxl;
    return { ok: true, info: { pythonVersion: python.version ?? 'unknown', runtime: 'native CPython on the large-job server', packages, startMs: Date.now() - began } };
  }

  precheck(code: string): Promise<PrecheckResult> {
    return this.local.precheck(code);
  }

  profile(inputs: InputFile[], options?: { signal?: AbortSignal }): Promise<ProfileResult> {
    return this.local.profile(inputs, options);
  }

  /**
   * The run on the server. The pane's own limits are for the browser's worker; on the
   * server its operator's limits apply: sending none gives the job the server's
   * ceilings (reported on /health), which are sized for what the pane offloads.
   */
  async run(request: RunRequest, options: { signal?: AbortSignal } = {}): Promise<RunResult> {
    const began = Date.now();
    const failed = (error: SandboxError, extra: Partial<RunResult> = {}): RunResult => ({ ...failedRun(error, Date.now() - began), ...extra, ok: false, error });
    const { signal } = options;

    const tooLarge = this.overUploadLimit(request.inputs);
    if (tooLarge) return failed(tooLarge);
    const uploaded = await this.client.upload(request.inputs, { signal, onProgress: (sentBytes, totalBytes) => this.onProgress({ phase: 'uploading', sentBytes, totalBytes }) });
    if (!uploaded.ok) return failed(toSandboxError(uploaded.error));
    // The upload is consumed by one job; if submitting fails, the server's retention sweeps it.
    const submitted = await this.client.submit(uploaded.value.uploadId, request.code, undefined, signal);
    if (!submitted.ok) return failed(toSandboxError(submitted.error));
    const jobId = submitted.value;
    try {
      const final = await this.client.follow(
        jobId,
        (event) => this.onProgress(event.type === 'queued' ? { phase: 'queued', position: event.position } : { phase: 'running' }),
        signal,
      );
      if (!final.ok) return failed(toSandboxError(final.error));
      const result = final.value.result;
      if (final.value.state === 'cancelled' || !result) return failed({ kind: 'cancelled', message: 'The job was cancelled on the server. Nothing was written.' });
      if (!result.ok) return failed(result.error, common(result));
      const outputs: OutputFile[] = [];
      for (const [index, entry] of result.outputs.entries()) {
        this.onProgress({ phase: 'downloading', file: entry.name, index, count: result.outputs.length });
        const bytes = await this.client.download(jobId, entry.name, signal);
        if (!bytes.ok) return failed(toSandboxError(bytes.error), common(result));
        outputs.push({ name: entry.name, bytes: bytes.value });
      }
      return { ok: true, outputs, ...common(result) };
    } finally {
      // Cancel a job still running, or delete a finished one with its files: nothing stays on the server longer than needed.
      await this.client.remove(jobId);
    }
  }

  private overUploadLimit(inputs: InputFile[]): SandboxError | null {
    const maxMb = this.limits?.maxUploadMb;
    if (maxMb === undefined) return null;
    const bytes = inputs.reduce((sum, file) => sum + file.bytes.byteLength, 0);
    if (bytes <= maxMb * 1024 * 1024) return null;
    const mb = (n: number) => `${(n / (1024 * 1024)).toFixed(n < 1024 * 1024 ? 3 : 1)} MiB`;
    return {
      kind: 'internal',
      message: `The inputs (${mb(bytes)}) are over the ${mb(maxMb * 1024 * 1024)} the server at ${this.client.url} accepts per job; nothing was sent. Ask whoever runs it to raise --max-upload-mb, or use fewer or smaller files.`,
    };
  }
}

function common(result: JobResult): { stdout: string; stderr: string; streamsTruncated: boolean; durationMs: number } {
  return { stdout: result.stdout, stderr: result.stderr, streamsTruncated: result.streamsTruncated, durationMs: result.durationMs };
}

/**
 * The agent treats `internal` as "not the code's fault, stop": a transport failure
 * (unreachable, refused token, upload too large, busy) is never sent back to the
 * model as if the code were wrong.
 */
export function toSandboxError(error: ServerError): SandboxError {
  return { kind: error.kind === 'cancelled' ? 'cancelled' : 'internal', message: error.message };
}
