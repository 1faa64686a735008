/**
 * What the server stores about a job. What it answers is defined in wire.ts
 * (the result, the states, the files): output bytes never travel inside JSON,
 * they are fetched one by one from GET /jobs/:id/outputs/:name.
 */
import { failedRun, type SandboxError } from '../workers/api';
import type { JobResult, JobState, JobStatusWire, UploadedFile } from './wire';

export type { JobResult, JobState, OutputEntry, UploadedFile } from './wire';

export const FINAL_STATES: ReadonlySet<JobState> = new Set(['done', 'failed', 'cancelled']);

/** Per-job limits; the client may lower the server's defaults, never raise them. */
export interface JobLimits {
  timeoutS: number;
  memoryMb: number;
  maxOutputMb: number;
}

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

/** GET /jobs/:id: the record with its place in the line; the pane reads the wire's part of it. */
export interface JobStatus extends JobRecord {
  /** 1-based place among the waiting jobs, while queued. */
  position?: number;
}

/** Checked where it is compiled: every status the server sends is one the pane can read. */
export const asWire = (status: JobStatus): JobStatusWire => status;

export function failure(kind: SandboxError['kind'], message: string, durationMs = 0): JobResult {
  return failedRun({ kind, message }, durationMs);
}
