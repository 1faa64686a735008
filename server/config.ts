/** The server's settings, with the defaults filled in and checked once at start. */
import { randomBytes } from 'node:crypto';
import { cpus, hostname } from 'node:os';
import { resolve } from 'node:path';
import { parseAllowedOrigin } from './cors';
import type { JobLimits } from './job-types';
import { parseRedisUrl } from './redis-url';

export interface ServerConfig {
  /** Shared secret for `Authorization: Bearer <token>`. Required unless insecureNoToken. */
  token?: string;
  /** Local development only: accept requests without a token. */
  insecureNoToken?: boolean;
  /** Uploads, jobs and their files live here. */
  dataDir: string;
  /** Per upload request (all files together). */
  maxUploadBytes?: number;
  /** Jobs running at once, each in its own sandbox process. 0 (with redisUrl only): this replica serves the API and runs nothing. */
  concurrency?: number;
  /**
   * redis://host:port/db: share one waiting line with every replica that uses
   * the same Redis and the same dataDir (a volume all of them reach). Unset:
   * this process keeps its line in memory.
   */
  redisUrl?: string;
  /** This server's id in a job's `runner` field. Default: host name, pid and a random suffix. */
  replicaId?: string;
  /** With Redis: a replica silent this long has its running jobs reported failed (it is taken for dead). */
  leaseMs?: number;
  /** Jobs waiting beyond this are refused with 503 instead of queueing without bound. */
  maxQueued?: number;
  /** Finished jobs and unused uploads are deleted after this long. */
  retentionMs?: number;
  /** Defaults, and ceilings: a request may lower them, never raise them. */
  defaultLimits?: Partial<JobLimits>;
  /**
   * Size of each job's /tmp (a tmpfs, so RAM) in MiB. Default: TMP_PER_OUTPUT times
   * the job's output cap, since openpyxl writes each sheet's uncompressed XML there first.
   */
  jobTmpMb?: number;
  /** Origins (scheme://host[:port]) a pane may call this server from (CORS); none: same-origin only. */
  allowOrigins?: string[];
  /** The Python that runs server/sandbox/bwrap.py (stdlib only; the sandbox itself runs bwrap.py's pinned interpreter). */
  pythonPath?: string;
  /** The bubblewrap binary; checked at start against the one bwrap.py runs. */
  bwrapPath?: string;
  /** server/sandbox/bwrap.py. */
  sandboxScript?: string;
  /**
   * Log requests (method, url, status, timing) and job state changes as JSON
   * lines, to stdout (true) or to the given stream. Never code, file names or
   * contents, or the token. Off by default.
   */
  log?: boolean | NodeJS.WritableStream;
}

export type ResolvedConfig = Required<Omit<ServerConfig, 'token' | 'defaultLimits' | 'redisUrl' | 'jobTmpMb'>> & {
  token: string | null;
  redisUrl: string | null;
  defaultLimits: JobLimits;
  /** null: TMP_PER_OUTPUT times each job's maxOutputMb. */
  jobTmpMb: number | null;
};

/**
 * Sized for what the pane sends here: inputs over 50 MB or 1,000,000 rows
 * (src/backend/offload-policy.ts). The old 512 MiB of address space ended a
 * 300,000-row openpyxl stack with kind `memory` (BENCHMARKS.md, Browser vs server);
 * 4 GiB leaves room for openpyxl's cells at a million rows. 30 minutes covers a
 * million-row job on a busy machine. Output: 200 MiB of files per job.
 */
export const DEFAULT_LIMITS: JobLimits = { timeoutS: 1800, memoryMb: 4096, maxOutputMb: 200 };

/** Default /tmp per MiB of output cap; must match TMP_PER_OUTPUT in server/sandbox/bwrap.py. */
export const TMP_PER_OUTPUT = 4;

/** The /tmp size a job with these limits gets, in MiB. */
export function jobTmpMb(config: Pick<ResolvedConfig, 'jobTmpMb'>, limits: JobLimits): number {
  return config.jobTmpMb ?? TMP_PER_OUTPUT * limits.maxOutputMb;
}

/** Settings that work but will hurt, said once at start. */
export function configWarnings(config: ResolvedConfig): string[] {
  const warnings: string[] = [];
  if (config.token === null) warnings.push('no token: anyone who can reach this port can run jobs.');
  return warnings;
}

/** A configuration the server refuses to start with. */
export class ConfigError extends Error {}

/** Short tokens can be guessed; 16 characters is the least we accept. */
const MIN_TOKEN_LENGTH = 16;

export function resolveConfig(config: ServerConfig): ResolvedConfig {
  const token = config.token && config.token.length > 0 ? config.token : null;
  if (token === null && !config.insecureNoToken) {
    throw new ConfigError('No API token: set one (--token or EXCEL_AI_SERVER_TOKEN). Only local development may run without one (insecureNoToken).');
  }
  if (token !== null && token.length < MIN_TOKEN_LENGTH) {
    throw new ConfigError(`The API token is too short: use at least ${MIN_TOKEN_LENGTH} characters (e.g. openssl rand -hex 32).`);
  }
  const limits = { ...DEFAULT_LIMITS, ...config.defaultLimits };
  for (const [key, value] of Object.entries(limits)) positive(value, `defaultLimits.${key}`);
  const resolved: ResolvedConfig = {
    token,
    insecureNoToken: config.insecureNoToken ?? false,
    dataDir: resolve(config.dataDir),
    maxUploadBytes: config.maxUploadBytes ?? 1024 ** 3,
    // One job per core. bwrap.py sizes each job's RLIMIT_NPROC on what the user already runs plus
    // 64 per job at once, so an unprivileged server is not held to a handful of jobs (it used to be 5: a fixed 64 shared by all).
    concurrency: config.concurrency ?? Math.max(1, cpus().length),
    redisUrl: config.redisUrl && config.redisUrl.length > 0 ? config.redisUrl : null,
    replicaId: config.replicaId ?? `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`,
    leaseMs: config.leaseMs ?? 30_000,
    maxQueued: config.maxQueued ?? 1000,
    retentionMs: config.retentionMs ?? 60 * 60 * 1000,
    defaultLimits: limits,
    jobTmpMb: config.jobTmpMb ?? null,
    allowOrigins: allowedOrigins(config.allowOrigins ?? []),
    pythonPath: config.pythonPath ?? '/usr/bin/python3',
    bwrapPath: config.bwrapPath ?? '/usr/bin/bwrap',
    sandboxScript: config.sandboxScript ?? resolve(import.meta.dirname, 'sandbox', 'bwrap.py'),
    log: config.log ?? false,
  };
  positive(resolved.maxUploadBytes, 'maxUploadBytes');
  if (resolved.jobTmpMb !== null && (!Number.isInteger(resolved.jobTmpMb) || resolved.jobTmpMb < 1)) {
    throw new ConfigError(`jobTmpMb must be a whole number of MiB, at least 1, got ${resolved.jobTmpMb}.`);
  }
  positive(resolved.retentionMs, 'retentionMs');
  const leastConcurrency = resolved.redisUrl === null ? 1 : 0;
  if (!Number.isInteger(resolved.concurrency) || resolved.concurrency < leastConcurrency) {
    throw new ConfigError(
      resolved.redisUrl === null
        ? 'concurrency must be a whole number of at least 1 (0, a replica that runs no jobs, needs a shared Redis queue).'
        : 'concurrency must be a whole number of at least 0.',
    );
  }
  if (resolved.redisUrl !== null) {
    try {
      parseRedisUrl(resolved.redisUrl);
    } catch (error) {
      throw new ConfigError((error as Error).message);
    }
  }
  if (!Number.isInteger(resolved.leaseMs) || resolved.leaseMs < 500) throw new ConfigError('leaseMs must be a whole number of at least 500.');
  if (!/^[\w.:-]{1,100}$/.test(resolved.replicaId)) throw new ConfigError('replicaId may hold only letters, digits, ".", ":", "_" and "-" (at most 100).');
  if (!Number.isInteger(resolved.maxQueued) || resolved.maxQueued < 1) throw new ConfigError('maxQueued must be a whole number of at least 1.');
  return resolved;
}

function allowedOrigins(values: string[]): string[] {
  try {
    return [...new Set(values.map(parseAllowedOrigin))];
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
}

function positive(value: number, name: string): void {
  if (!Number.isFinite(value) || value <= 0) throw new ConfigError(`${name} must be a positive number, got ${value}.`);
}
