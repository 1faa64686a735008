/**
 * Every error answer has one shape, `{ error: { kind, message } }`, with a
 * message a person can act on. Internal details (stack traces, paths) stay
 * out of answers; they would only help an attacker.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import type { ErrorBody } from './wire';

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly kind: string,
    message: string,
  ) {
    super(message);
  }
}

export function errorBody(kind: string, message: string): ErrorBody {
  return { error: { kind, message } };
}

export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${units[unit]}`;
}

export function installErrorHandlers(app: FastifyInstance, maxUploadBytes: number): void {
  app.setNotFoundHandler((_request, reply) => {
    void reply.code(404).send(errorBody('not-found', 'No such route.'));
  });
  app.setErrorHandler((error: FastifyError | HttpError, request, reply) => {
    if (error instanceof HttpError) return reply.code(error.statusCode).send(errorBody(error.kind, error.message));
    if ((error as FastifyError).validation) return reply.code(400).send(errorBody('bad-request', `Invalid request: ${error.message}.`));
    const status = error.statusCode ?? 500;
    if (status === 413) {
      return reply.code(413).send(errorBody('too-large', `The request is larger than this server's limit of ${formatBytes(maxUploadBytes)}; nothing was kept.`));
    }
    if (status >= 400 && status < 500) return reply.code(status).send(errorBody('bad-request', error.message));
    request.log.error({ err: { message: error.message, code: (error as FastifyError).code } }, 'request failed');
    return reply.code(500).send(errorBody('internal', 'The server failed to handle the request; see its log.'));
  });
}
