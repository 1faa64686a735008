/** GET /health, the one route without a token: liveness, queue, and what the sandbox runs on. */
import type { FastifyInstance } from 'fastify';
import type { JobService } from '../jobs';
import type { PythonInfo } from '../python-probe';

export function registerHealth(app: FastifyInstance, service: JobService, python: PythonInfo): void {
  app.get('/health', async () => ({
    ok: python.sandboxWorks,
    queue: service.stats(),
    python: { version: python.version, pandas: python.pandas, openpyxl: python.openpyxl },
    sandbox: { bubblewrap: python.bwrap, works: python.sandboxWorks, ...(python.error ? { error: python.error } : {}) },
  }));
}
