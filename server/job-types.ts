/**
 * What the server stores and answers about a job. The result is the worker
 * contract of workers/api.ts (camelCase), except that outputs are listed as
 * { name, size } and fetched one by one from GET /jobs/:id/outputs/:name:
 * output bytes never travel inside JSON.
 */
import { failedRun, type SandboxError } from '../workers/api';

export type JobState = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

export const FINAL_STATES: ReadonlySet<JobState> = new Set(['done', 'failed', 'cancelled']);

/** Per-job limits; the client may lower the server's defaults, never raise them. */
export interface JobLimits {
  timeoutS: number;
  memoryMb: number;
  maxOutputMb: number;
}

export interface OutputEntry {
  /** Path relative to /output (may contain sub-folders, always '/'-separated). */
  name: string;
  size: number;
}

export interface UploadedFile {
  name: string;
  size: number;
  sha256: string;
}

interface ResultCommon {
  stdout: string;
  stderr: string;
  streamsTruncated: boolean;
  durationMs: number;
  /** Things the code left in /output that were not regular files and were not kept. */
  removedOutputs?: string[];
}

export type JobResult =
  | (ResultCommon & { ok: true; outputs: OutputEntry[] })
  | (ResultCommon & { ok: false; error: SandboxError });

/** The job's file on disk (job.json). The code lives next to it in code.py, never in here. */
export interface JobRecord {
  id: string;
  state: JobState;
  createdAt: number;
  startedAt?: number;
  finishedAt?: number;
  inputs: UploadedFile[];
  limits: JobLimits;
  result?: JobResult;
  /** The server (replica) that ran it: config.replicaId. */
  runner?: string;
  /** The job failed because the server running it stopped, not because of its code: submitting it again may well work. */
  retryable?: boolean;
}

/** GET /jobs/:id */
export interface JobStatus extends JobRecord {
  /** 1-based place among the waiting jobs, while queued. */
  position?: number;
}

export function failure(kind: SandboxError['kind'], message: string, durationMs = 0): JobResult {
  return failedRun({ kind, message }, durationMs);
}
