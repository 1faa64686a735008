/**
 * The large-job server: uploads in, jobs queued and run one process each in
 * bubblewrap, results and output files out. `buildServer` returns the fastify
 * instance without listening (main.ts listens; tests use port 0).
 */
import { existsSync } from 'node:fs';
import multipart from '@fastify/multipart';
import Fastify, { type FastifyInstance } from 'fastify';
import { requireToken } from './auth';
import { registerCors } from './cors';
import { ConfigError, configWarnings, resolveConfig, type ResolvedConfig, type ServerConfig } from './config';
import { installErrorHandlers } from './http-errors';
import { JobService } from './jobs';
import { probePython, type PythonInfo } from './python-probe';
import { registerEvents } from './routes/events';
import { registerHealth } from './routes/health';
import { registerJobs } from './routes/jobs';
import { registerUploads } from './routes/uploads';
import { Store } from './store';
import { WALLS_OFF_WARNING, wallsOffForTests } from './test-switches';
import { describeError } from '../workers/api';

/** What main.ts prints at start, reachable as `app.excelAi`. */
export interface ServerInfo {
  config: ResolvedConfig;
  python: PythonInfo;
  /** Jobs a previous run left queued or running, now failed (see store.ts). */
  interrupted: string[];
  /** Settings that work but will hurt (see configWarnings). */
  warnings: string[];
}

declare module 'fastify' {
  interface FastifyInstance {
    excelAi: ServerInfo;
  }
}

export async function buildServer(options: ServerConfig): Promise<FastifyInstance> {
  const config = resolveConfig(options);
  if (!existsSync(config.sandboxScript)) throw new ConfigError(`The sandbox script is missing: ${config.sandboxScript}`);
  if (!existsSync(config.bwrapPath)) throw new ConfigError(`bubblewrap is not installed at ${config.bwrapPath} (apt-get install bubblewrap).`);

  const app = Fastify({
    // Metadata only. Fastify's request log has method, url, status and timing,
    // never headers or bodies; the redaction is a second lock on the token.
    logger: config.log
      ? { level: 'info', redact: ['req.headers.authorization'], ...(config.log === true ? {} : { stream: config.log }) }
      : false,
    // close() must not wait on a client that stops reading a download or an
    // event stream: the jobs are being killed anyway, so every connection goes.
    forceCloseConnections: true,
  });
  const store = new Store(config.dataDir, config.redisUrl !== null);
  const interrupted = store.open();
  if (interrupted.length > 0) app.log.warn({ jobs: interrupted.length }, 'jobs interrupted by a restart were marked failed');
  const python = await probePython(config);
  const service = new JobService(store, config, app.log);
  try {
    await service.start();
  } catch (error) {
    await service.shutdown();
    throw new ConfigError(`Could not start the job queue: ${describeError(error)}`);
  }
  const stopSweeper = store.startSweeper(config.retentionMs);

  app.addHook('preClose', async () => {
    stopSweeper();
    await service.shutdown();
  });

  installErrorHandlers(app, config.maxUploadBytes);
  // Before the token hook of the scope below: a preflight carries no token.
  registerCors(app, config.allowOrigins);
  // preservePath: busboy would otherwise cut "a/../b.xlsx" down to "b.xlsx" silently; we refuse such names instead.
  await app.register(multipart, { preservePath: true, limits: { fileSize: config.maxUploadBytes, fields: 10, fieldSize: 1024 } });
  registerHealth(app, service, python, config);
  await app.register(async (scope) => {
    scope.addHook('onRequest', requireToken(config.token));
    registerUploads(scope, store, config.maxUploadBytes);
    registerJobs(scope, service, store, config.defaultLimits);
    registerEvents(scope, service);
  });
  // The test-only walls-off switch is said at every start, with the other warnings.
  const warnings = [...configWarnings(config), ...(wallsOffForTests() ? [WALLS_OFF_WARNING] : [])];
  app.decorate('excelAi', { config, python, interrupted, warnings });
  return app;
}
