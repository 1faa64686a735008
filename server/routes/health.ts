/** GET /health, the one route without a token: liveness, queue, and what the sandbox runs on. */
import type { FastifyInstance } from 'fastify';
import { jobTmpMb, type ResolvedConfig } from '../config';
import type { JobService } from '../jobs';
import type { PythonInfo } from '../python-probe';
import { describeError } from '../../workers/api';
import type { ServerHealth } from '../wire';

export function registerHealth(app: FastifyInstance, service: JobService, python: PythonInfo, config: ResolvedConfig): void {
  // The most a job may ask for (and what it gets when it asks nothing): a client can size its request, or warn before uploading.
  const limits = {
    ...config.defaultLimits,
    tmpMb: jobTmpMb(config, config.defaultLimits),
    maxUploadMb: config.maxUploadBytes / (1024 * 1024),
  };
  app.get('/health', async () => {
    const queue = await service.stats().catch((error: unknown) => ({
      error: `The shared queue is unreachable (${describeError(error)}); check that Redis runs.`,
    }));
    return {
      ok: python.sandboxWorks && !('error' in queue),
      queue,
      python: { version: python.version, pandas: python.pandas, openpyxl: python.openpyxl },
      sandbox: { bubblewrap: python.bwrap, works: python.sandboxWorks, ...(python.error ? { error: python.error } : {}) },
      limits,
    } satisfies ServerHealth;
  });
}
