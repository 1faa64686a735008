/**
 * `--redis` URLs: redis://[user:password@]host[:port][/db], checked once at
 * start (config.ts) and turned into ioredis connection options
 * (redis-queue.ts). Only plain redis://: TLS goes through a local proxy.
 */

export interface RedisTarget {
  host: string;
  port: number;
  username?: string;
  password?: string;
  db: number;
}

export class RedisUrlError extends Error {}

/** Throws a RedisUrlError saying what is wrong and what is expected. */
export function parseRedisUrl(url: string): RedisTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new RedisUrlError(`Not a Redis URL: ${JSON.stringify(url)} (expected redis://host:6379/0).`);
  }
  if (parsed.protocol !== 'redis:') throw new RedisUrlError(`Only redis:// URLs are supported (got ${parsed.protocol}//); put TLS in a local proxy such as stunnel.`);
  const db = parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0;
  if (!Number.isInteger(db) || db < 0) throw new RedisUrlError(`The database in the Redis URL must be a number, got ${JSON.stringify(parsed.pathname.slice(1))}.`);
  return {
    host: parsed.hostname || '127.0.0.1',
    port: parsed.port === '' ? 6379 : Number(parsed.port),
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    db,
  };
}
