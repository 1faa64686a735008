/**
 * CORS for the pane: a task pane served from another origin (https://localhost:3000
 * in Excel, the dev server, a hosted add-in) may call the server only if its origin
 * was named with --allow-origin. An allowed origin gets its own origin back (never
 * `*`, never credentials: the token travels in the Authorization header, not in a
 * cookie); any other origin gets no CORS header at all, so the browser refuses it.
 * Preflights are answered here, before the token check: a browser never sends the
 * token on a preflight.
 */
import type { FastifyInstance } from 'fastify';

/** Methods and request headers the pane uses (server-client.ts, upload-transport.ts). */
const ALLOWED_METHODS = 'GET, POST, DELETE';
const ALLOWED_HEADERS = 'authorization, content-type';
/** What a cross-origin script may read besides the CORS-safelisted headers. */
const EXPOSED_HEADERS = 'content-disposition, location, www-authenticate';
/** Browsers cap this anyway (Chromium: 2 h); 10 minutes keeps a changed list from lingering. */
const PREFLIGHT_MAX_AGE_S = 600;

/**
 * An origin as the browser sends it: scheme, host and port only. Throws with a
 * sentence the operator can act on; `*` is refused on purpose (any site could then
 * drive the server with a token a user pasted into it).
 */
export function parseAllowedOrigin(value: string): string {
  const trimmed = value.trim().replace(/\/$/, '');
  if (trimmed === '*' || trimmed === 'null') {
    throw new Error(`--allow-origin ${value}: name each origin the pane is served from (e.g. https://localhost:3000); "*" and "null" are not accepted.`);
  }
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new Error(`--allow-origin ${value}: not an origin; write it as scheme://host[:port], e.g. https://localhost:3000.`);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.origin !== trimmed) {
    throw new Error(`--allow-origin ${value}: not an origin; write it as scheme://host[:port] with no path, e.g. https://localhost:3000.`);
  }
  return url.origin;
}

/** Must be registered before the routes' token hooks (a root-level onRequest hook runs first). */
export function registerCors(app: FastifyInstance, allowedOrigins: readonly string[]): void {
  if (allowedOrigins.length === 0) return;
  const allowed = new Set(allowedOrigins);
  app.addHook('onRequest', async (request, reply) => {
    // Answers differ by Origin: a shared cache must not hand one origin's answer to another.
    reply.header('vary', 'Origin');
    const origin = request.headers.origin;
    if (origin === undefined || !allowed.has(origin)) return;
    reply.header('access-control-allow-origin', origin);
    const preflight = request.method === 'OPTIONS' && request.headers['access-control-request-method'] !== undefined;
    if (!preflight) {
      reply.header('access-control-expose-headers', EXPOSED_HEADERS);
      return;
    }
    reply
      .header('access-control-allow-methods', ALLOWED_METHODS)
      .header('access-control-allow-headers', ALLOWED_HEADERS)
      .header('access-control-max-age', String(PREFLIGHT_MAX_AGE_S));
    // Chromium's Private Network Access: a pane on a public origin calling a server on the LAN asks this first.
    if (request.headers['access-control-request-private-network'] === 'true') reply.header('access-control-allow-private-network', 'true');
    return reply.code(204).send();
  });
}
