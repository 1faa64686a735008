/** Bearer-token check for every route but /health. */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Both sides are hashed first so the comparison is over equal lengths:
 * timingSafeEqual then reveals neither the token's bytes nor its length.
 */
export function tokenMatches(presented: string, expected: string): boolean {
  const a = createHash('sha256').update(presented).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer ([^\s]+)$/i.exec(header?.trim() ?? '');
  return match?.[1] ?? null;
}

/** An onRequest hook; `token === null` means the server runs without one (local development). */
export function requireToken(token: string | null) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (token === null) return;
    const presented = bearerToken(request.headers.authorization);
    if (presented !== null && tokenMatches(presented, token)) return;
    await reply
      .code(401)
      .header('www-authenticate', 'Bearer')
      .send({ error: { kind: 'auth', message: presented === null ? 'Missing token: send Authorization: Bearer <token>.' : 'Wrong token.' } });
  };
}
