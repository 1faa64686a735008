/**
 * The large-job server's answers as the pane expects them (server/README.md, API).
 * Checked with zod at the boundary: a server of another version, or something
 * else answering on that URL, becomes a clear `protocol` error instead of
 * undefined fields deep in the pane. Unknown extra fields are allowed, so a newer
 * server that adds some still works.
 */
import { z } from 'zod';
import { SANDBOX_ERROR_KINDS } from '../../workers/api';

const errorKind = z.enum(SANDBOX_ERROR_KINDS);

const sandboxError = z.looseObject({
  kind: errorKind,
  message: z.string(),
  traceback: z.string().optional(),
  line: z.number().optional(),
  column: z.number().optional(),
  violations: z.array(z.object({ rule: z.string(), message: z.string(), line: z.number(), column: z.number() })).optional(),
});

const resultCommon = {
  stdout: z.string(),
  stderr: z.string(),
  streamsTruncated: z.boolean(),
  durationMs: z.number(),
  removedOutputs: z.array(z.string()).optional(),
};

export const jobResultSchema = z.discriminatedUnion('ok', [
  z.looseObject({ ok: z.literal(true), outputs: z.array(z.object({ name: z.string(), size: z.number() })), ...resultCommon }),
  z.looseObject({ ok: z.literal(false), error: sandboxError, ...resultCommon }),
]);

export const jobStatusSchema = z.looseObject({
  id: z.string(),
  state: z.enum(['queued', 'running', 'done', 'failed', 'cancelled']),
  position: z.number().optional(),
  createdAt: z.number(),
  startedAt: z.number().optional(),
  finishedAt: z.number().optional(),
  result: jobResultSchema.optional(),
});

export const healthSchema = z.looseObject({
  ok: z.boolean(),
  queue: z.looseObject({ waiting: z.number(), running: z.number(), concurrency: z.number() }),
  python: z.looseObject({ version: z.string().nullish(), pandas: z.string().nullish(), openpyxl: z.string().nullish() }),
  sandbox: z.looseObject({ bubblewrap: z.unknown().optional(), works: z.boolean(), error: z.string().optional() }),
  /** The most a job may ask for; absent from servers older than this field. */
  limits: z
    .looseObject({ timeoutS: z.number(), memoryMb: z.number(), maxOutputMb: z.number(), tmpMb: z.number().optional(), maxUploadMb: z.number().optional() })
    .optional(),
});

export const uploadSchema = z.looseObject({
  uploadId: z.string(),
  files: z.array(z.object({ name: z.string(), size: z.number(), sha256: z.string() })),
});

export const submitSchema = z.looseObject({ jobId: z.string() });

export const errorBodySchema = z.object({ error: z.looseObject({ kind: z.string(), message: z.string() }) });

export const queuedEventSchema = z.looseObject({ position: z.number() });

export type JobResultWire = z.infer<typeof jobResultSchema>;
export type JobStatusWire = z.infer<typeof jobStatusSchema>;
export type ServerHealth = z.infer<typeof healthSchema>;
export type UploadReceipt = z.infer<typeof uploadSchema>;
