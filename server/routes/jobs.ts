/** POST /jobs, GET /jobs/:id, DELETE /jobs/:id, GET /jobs/:id/outputs/<name>. */
import { createReadStream, lstatSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { isId } from '../file-names';
import { HttpError } from '../http-errors';
import { asWire, type JobLimits } from '../job-types';
import type { JobService } from '../jobs';
import type { Store } from '../store';
import type { SubmitReceipt } from '../wire';

interface SubmitBody {
  uploadId: string;
  code: string;
  limits?: Partial<JobLimits>;
}

const MAX_CODE_CHARS = 1_000_000;

const submitSchema = {
  body: {
    type: 'object',
    required: ['uploadId', 'code'],
    additionalProperties: false,
    properties: {
      uploadId: { type: 'string', maxLength: 64 },
      code: { type: 'string', minLength: 1, maxLength: MAX_CODE_CHARS },
      limits: {
        type: 'object',
        additionalProperties: false,
        properties: {
          timeoutS: { type: 'number', exclusiveMinimum: 0 },
          memoryMb: { type: 'integer', minimum: 64 },
          maxOutputMb: { type: 'integer', minimum: 1 },
        },
      },
    },
  },
} as const;

export function registerJobs(app: FastifyInstance, service: JobService, store: Store, ceilings: JobLimits): void {
  app.post<{ Body: SubmitBody }>('/jobs', { schema: submitSchema, bodyLimit: 4 * MAX_CODE_CHARS }, async (request, reply) => {
    const { uploadId, code } = request.body;
    const limits = withinCeilings(request.body.limits ?? {}, ceilings);
    if (!isId(uploadId)) throw new HttpError(404, 'not-found', 'No such upload.');
    const outcome = await service.submit(uploadId, code, limits);
    if (!outcome.ok) throw new HttpError(outcome.status, outcome.kind, outcome.message);
    return reply.code(202).header('location', `/jobs/${outcome.job.id}`).send({ jobId: outcome.job.id } satisfies SubmitReceipt);
  });

  app.get<{ Params: { id: string } }>('/jobs/:id', async (request) => {
    const status = isId(request.params.id) ? await service.status(request.params.id) : undefined;
    if (!status) throw noSuchJob();
    return asWire(status);
  });

  app.delete<{ Params: { id: string } }>('/jobs/:id', async (request) => {
    const outcome = isId(request.params.id) ? await service.cancelOrDelete(request.params.id) : undefined;
    if (outcome === undefined) throw noSuchJob();
    return outcome === 'deleted' ? { deleted: true } : outcome;
  });

  app.get<{ Params: { id: string; '*': string } }>('/jobs/:id/outputs/*', async (request, reply) => {
    const { id, '*': name } = request.params;
    const status = isId(id) ? await service.status(id) : undefined;
    if (!status) throw noSuchJob();
    // Only a name the job's result lists is served: the request never composes a path of its own.
    const entry = status.result?.ok ? status.result.outputs.find((output) => output.name === name) : undefined;
    if (!entry) throw new HttpError(404, 'not-found', `Job ${id} has no output named ${JSON.stringify(name)}.`);
    const root = store.paths(id).output;
    const path = resolve(root, name);
    const inside = relative(root, path);
    if (inside.startsWith('..') || inside.startsWith(sep)) throw new HttpError(404, 'not-found', 'No such output.');
    if (!isRegularFile(path)) throw new HttpError(410, 'gone', 'This output was deleted (the job was deleted or expired).');
    const base = name.split('/').pop() ?? name;
    return reply
      .header('content-type', 'application/octet-stream')
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(base)}`)
      .header('x-content-type-options', 'nosniff')
      .send(createReadStream(path));
  });
}

/** lstat: a link is never followed. */
function isRegularFile(path: string): boolean {
  try {
    return lstatSync(path).isFile();
  } catch {
    return false;
  }
}

function noSuchJob(): HttpError {
  return new HttpError(404, 'not-found', 'No such job (it never existed, was deleted, or expired).');
}

/** The server's limits are ceilings: a job may ask for less, never for more. */
function withinCeilings(asked: Partial<JobLimits>, ceilings: JobLimits): JobLimits {
  const limits = { ...ceilings };
  for (const key of Object.keys(ceilings) as (keyof JobLimits)[]) {
    const value = asked[key];
    if (value === undefined) continue;
    if (value > ceilings[key]) throw new HttpError(400, 'bad-request', `limits.${key} may be at most ${ceilings[key]} on this server.`);
    limits[key] = value;
  }
  return limits;
}
