/**
 * Starts the server and listens; `excel-ai serve` (server/serve-command.ts) and
 * the container's entry call this. Stops cleanly on SIGINT/SIGTERM: sandbox
 * processes are killed, and jobs they were running are reported as
 * interrupted at the next start (store.ts).
 */
import type { FastifyInstance } from 'fastify';
import { buildServer } from './app';
import { ConfigError, type ServerConfig } from './config';
import { describeError } from '../workers/api';

export interface StartOptions extends ServerConfig {
  port: number;
  host: string;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

export async function startServer(options: StartOptions): Promise<{ app: FastifyInstance; url: string }> {
  if (options.insecureNoToken && !options.token && !LOOPBACK.has(options.host)) {
    throw new ConfigError(`Refusing to listen on ${options.host} without a token: without one, only 127.0.0.1 is allowed.`);
  }
  const app = await buildServer(options);
  const url = await app.listen({ port: options.port, host: options.host });
  return { app, url };
}

/** Closes the server on the first SIGINT/SIGTERM; a second one exits at once. */
export function closeOnSignals(app: FastifyInstance): void {
  let closing = false;
  const onSignal = () => {
    if (closing) process.exit(130);
    closing = true;
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`excel-ai: the server did not stop cleanly: ${describeError(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
