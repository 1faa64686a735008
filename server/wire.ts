/**
 * The large-job server's answers, defined once: the server's routes check what they
 * send against these types (`satisfies`), and the pane's client (src/backend/)
 * parses what it receives with these schemas, so a server of another version, or
 * something else answering on that URL, becomes a clear `protocol` error instead of
 * undefined fields deep in the pane. Fields the pane does not know are dropped when
 * parsed, so a newer server that adds some still works.
 */
import { z } from 'zod';
import { SANDBOX_ERROR_KINDS } from '../workers/api';

const violation = z.object({ rule: z.string(), message: z.string(), line: z.number(), column: z.number() });

const sandboxError = z.object({
  kind: z.enum(SANDBOX_ERROR_KINDS),
  message: z.string(),
  traceback: z.string().optional(),
  line: z.number().optional(),
  column: z.number().optional(),
  violations: z.array(violation).optional(),
  cause: z.object({ kind: z.enum(['missing-sheet', 'missing-column', 'missing-file', 'missing-key']), name: z.string(), available: z.array(z.string()) }).optional(),
});

const outputEntry = z.object({
  /** Path relative to /output (may contain sub-folders, always '/'-separated). */
  name: z.string(),
  size: z.number(),
});
export type OutputEntry = z.infer<typeof outputEntry>;

const uploadedFile = z.object({ name: z.string(), size: z.number(), sha256: z.string() });
export type UploadedFile = z.infer<typeof uploadedFile>;

const resultCommon = {
  stdout: z.string(),
  stderr: z.string(),
  streamsTruncated: z.boolean(),
  durationMs: z.number(),
  /** Things the code left in /output that were not regular files and were not kept. */
  removedOutputs: z.array(z.string()).optional(),
};

/** A job's result: the worker contract (workers/api.ts), with outputs listed as { name, size } and fetched one by one. */
export const jobResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), outputs: z.array(outputEntry), ...resultCommon }),
  z.object({ ok: z.literal(false), error: sandboxError, ...resultCommon }),
]);
export type JobResult = z.infer<typeof jobResultSchema>;

export const JOB_STATES = ['queued', 'running', 'done', 'failed', 'cancelled'] as const;
export type JobState = (typeof JOB_STATES)[number];

/** GET /jobs/:id, as the pane reads it. */
export const jobStatusSchema = z.object({
  id: z.string(),
  state: z.enum(JOB_STATES),
  /** 1-based place among the waiting jobs, while queued. */
  position: z.number().optional(),
  createdAt: z.number(),
  startedAt: z.number().optional(),
  finishedAt: z.number().optional(),
  result: jobResultSchema.optional(),
});
export type JobStatusWire = z.infer<typeof jobStatusSchema>;

const queueStats = z.object({ waiting: z.number(), running: z.number(), concurrency: z.number() });

/** GET /health. */
export const healthSchema = z.object({
  ok: z.boolean(),
  /** The queue's figures, or why they could not be had (the shared queue in Redis is unreachable). */
  queue: z.union([queueStats, z.object({ error: z.string() })]),
  python: z.object({ version: z.string().nullish(), pandas: z.string().nullish(), openpyxl: z.string().nullish() }),
  sandbox: z.object({ bubblewrap: z.unknown().optional(), works: z.boolean(), error: z.string().optional() }),
  /** The most a job may ask for; absent from servers older than this field. */
  limits: z.object({ timeoutS: z.number(), memoryMb: z.number(), maxOutputMb: z.number(), tmpMb: z.number().optional(), maxUploadMb: z.number().optional() }).optional(),
});
export type ServerHealth = z.infer<typeof healthSchema>;

/** POST /uploads. */
export const uploadSchema = z.object({ uploadId: z.string(), files: z.array(uploadedFile) });
export type UploadReceipt = z.infer<typeof uploadSchema>;

/** POST /jobs. */
export const submitSchema = z.object({ jobId: z.string() });
export type SubmitReceipt = z.infer<typeof submitSchema>;

/** Every refusal: `{ error: { kind, message } }` with an HTTP status. */
export const errorBodySchema = z.object({ error: z.object({ kind: z.string(), message: z.string() }) });
export type ErrorBody = z.infer<typeof errorBodySchema>;

/** The `queued` event of GET /jobs/:id/events. */
export const queuedEventSchema = z.object({ jobId: z.string().optional(), position: z.number() });
export type QueuedEvent = z.infer<typeof queuedEventSchema>;
