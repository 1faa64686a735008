/**
 * excel-ai serve [--port 8787] [--host 127.0.0.1] [--token T | env EXCEL_AI_SERVER_TOKEN]
 *                [--token-file F | env EXCEL_AI_SERVER_TOKEN_FILE] [--data-dir D] [--concurrency N]
 *                [--max-upload-mb N] [--log] [--insecure-no-token] [--redis URL | env EXCEL_AI_REDIS_URL]
 *                [--job-memory MB] [--job-timeout S] [--job-tmp-mb MB]
 *                [--allow-origin ORIGIN ... | env EXCEL_AI_ALLOW_ORIGINS=a,b]
 * Starts the large-job server (server/) and prints its URL. The token is never printed.
 * A token file suits container secrets (/run/secrets/...): it stays out of `ps` and `docker inspect`.
 */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, jobTmpMb } from './config';
import { closeOnSignals, startServer } from './main';
import { UsageError, parse, positiveNumber, wholeNumber } from './command-line';

export async function serveCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, {
    port: { type: 'string' },
    host: { type: 'string' },
    token: { type: 'string' },
    'token-file': { type: 'string' },
    'data-dir': { type: 'string' },
    concurrency: { type: 'string' },
    'max-upload-mb': { type: 'string' },
    log: { type: 'boolean' },
    'insecure-no-token': { type: 'boolean' },
    redis: { type: 'string' },
    'job-memory': { type: 'string' },
    'job-timeout': { type: 'string' },
    'job-tmp-mb': { type: 'string' },
    'allow-origin': { type: 'string', multiple: true },
  });
  if (positionals.length > 0) throw new UsageError(`serve takes no positional arguments (got '${positionals[0]}')`);
  const port = values.port === undefined ? 8787 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port needs a port number, got '${values.port}'`);
  const concurrency = positiveNumber(values.concurrency, '--concurrency');
  if (concurrency !== undefined && !Number.isInteger(concurrency)) throw new UsageError('--concurrency needs a whole number');
  const maxUploadMb = positiveNumber(values['max-upload-mb'], '--max-upload-mb');
  const jobMemoryMb = wholeNumber(values['job-memory'], '--job-memory');
  const jobTimeoutS = positiveNumber(values['job-timeout'], '--job-timeout');
  const tmpMb = wholeNumber(values['job-tmp-mb'], '--job-tmp-mb');
  const allowOrigins = values['allow-origin'] ?? (process.env.EXCEL_AI_ALLOW_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean);
  const token = values.token ?? process.env.EXCEL_AI_SERVER_TOKEN ?? readToken(values['token-file'] ?? process.env.EXCEL_AI_SERVER_TOKEN_FILE);
  const host = values.host ?? '127.0.0.1';
  const dataDir = values['data-dir'] ?? join(homedir(), '.excel-ai', 'server');
  try {
    const { app, url } = await startServer({
      port,
      host,
      token,
      insecureNoToken: values['insecure-no-token'] ?? false,
      dataDir,
      concurrency,
      maxUploadBytes: maxUploadMb === undefined ? undefined : Math.round(maxUploadMb * 1024 * 1024),
      log: values.log ?? false,
      // Ceilings a job may lower; the defaults (server/config.ts) fit what the pane offloads.
      defaultLimits: { ...(jobMemoryMb ? { memoryMb: jobMemoryMb } : {}), ...(jobTimeoutS ? { timeoutS: jobTimeoutS } : {}) },
      jobTmpMb: tmpMb,
      allowOrigins,
      // Replicas sharing one queue (and one --data-dir): server/README.md, "Scale-out".
      redisUrl: values.redis ?? process.env.EXCEL_AI_REDIS_URL,
    });
    closeOnSignals(app);
    const { python, interrupted, config, warnings } = app.excelAi;
    const limits = config.defaultLimits;
    // One write: whoever reads the start-up lines (a person, a supervisor, a test) gets them whole.
    const lines = [
      `excel-ai server listening on ${url}`,
      ...(config.redisUrl !== null ? [`  replica ${config.replicaId}, sharing the job queue in Redis with every replica on the same --redis and --data-dir`] : []),
      `  data: ${dataDir}; ${config.concurrency} job(s) at once; Python ${python.version ?? '?'}, pandas ${python.pandas ?? 'missing'}, openpyxl ${python.openpyxl ?? 'missing'}`,
      `  per job at most: ${limits.memoryMb} MiB memory, ${limits.timeoutS} s, ${limits.maxOutputMb} MiB of outputs, ${jobTmpMb(config, limits)} MiB /tmp`,
      config.allowOrigins.length > 0 ? `  panes allowed from: ${config.allowOrigins.join(', ')}` : '  no --allow-origin: only a pane on this same origin (or behind the same proxy) can call it',
      ...(config.token !== null ? ['  send Authorization: Bearer <your token> (the token is not printed)'] : []),
      ...(interrupted.length > 0 ? [`  ${interrupted.length} job(s) interrupted by the last shutdown were marked failed.`] : []),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    for (const warning of warnings) process.stderr.write(`excel-ai: WARNING: ${warning}\n`);
    if (!python.sandboxWorks) process.stderr.write(`excel-ai: WARNING: the sandbox does not work here, every job will fail: ${python.error ?? 'unknown reason'}\n`);
    return 0;
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
}

function readToken(path: string | undefined): string | undefined {
  if (path === undefined) return undefined;
  try {
    return readFileSync(path, 'utf8').trim();
  } catch (error) {
    throw new UsageError(`cannot read the token file ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}
