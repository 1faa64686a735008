/**
 * A small Redis client (RESP2 over one TCP connection): commands in, replies
 * out in order, plus a subscriber mode for pub/sub. Written here because
 * BullMQ 6 needs a Redis driver (ioredis or node-redis) that this project
 * does not install (server/README.md, "Scale-out"); the queue needs only a
 * handful of commands and Lua scripts.
 *
 * A lost connection rejects the commands in flight; the next command
 * reconnects. A subscriber re-subscribes when it reconnects.
 */
import { connect, type Socket } from 'node:net';

export type RedisReply = string | number | null | RedisReply[];

export class RedisError extends Error {}

interface Pending {
  resolve: (reply: RedisReply) => void;
  reject: (error: Error) => void;
}

export interface RedisTarget {
  host: string;
  port: number;
  username?: string;
  password?: string;
  db: number;
}

/** redis://[user:password@]host[:port][/db]. Throws a RedisError saying what is wrong. */
export function parseRedisUrl(url: string): RedisTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new RedisError(`Not a Redis URL: ${JSON.stringify(url)} (expected redis://host:6379/0).`);
  }
  if (parsed.protocol !== 'redis:') throw new RedisError(`Only redis:// URLs are supported (got ${parsed.protocol}//); put TLS in a local proxy such as stunnel.`);
  const db = parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0;
  if (!Number.isInteger(db) || db < 0) throw new RedisError(`The database in the Redis URL must be a number, got ${JSON.stringify(parsed.pathname.slice(1))}.`);
  return {
    host: parsed.hostname || '127.0.0.1',
    port: parsed.port === '' ? 6379 : Number(parsed.port),
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    db,
  };
}

export class RedisClient {
  private socket: Socket | null = null;
  private connecting: Promise<Socket> | null = null;
  private buffer: Buffer = Buffer.alloc(0);
  private readonly pending: Pending[] = [];
  private closed = false;
  /** Set in subscriber mode: messages go here instead of to `pending`. */
  private onMessage: ((channel: string, message: string) => void) | null = null;
  private readonly channels: string[] = [];

  constructor(private readonly target: RedisTarget) {}

  async command(...args: (string | number)[]): Promise<RedisReply> {
    const socket = await this.ensureConnected();
    return this.send(socket, args);
  }

  /** Runs a Lua script (EVAL: the scripts are small and few, no SHA cache needed). */
  eval(script: string, keys: string[], args: (string | number)[] = []): Promise<RedisReply> {
    return this.command('EVAL', script, keys.length, ...keys, ...args);
  }

  /** Turns this connection into a subscriber; it may send no other command after this. */
  async subscribe(channels: string[], onMessage: (channel: string, message: string) => void): Promise<void> {
    this.onMessage = onMessage;
    this.channels.push(...channels);
    const socket = await this.ensureConnected();
    await this.send(socket, ['SUBSCRIBE', ...channels]);
  }

  close(): void {
    this.closed = true;
    this.socket?.destroy();
    this.socket = null;
    this.failPending(new RedisError('The Redis connection was closed.'));
  }

  private ensureConnected(): Promise<Socket> {
    if (this.closed) return Promise.reject(new RedisError('The Redis connection was closed.'));
    if (this.socket) return Promise.resolve(this.socket);
    this.connecting ??= this.open().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private open(): Promise<Socket> {
    const { host, port } = this.target;
    return new Promise<Socket>((resolve, reject) => {
      const socket = connect({ host, port });
      socket.setNoDelay(true);
      const onError = (error: Error) => reject(new RedisError(`Cannot reach Redis at ${host}:${port} (${error.message}); check --redis and that redis-server runs.`));
      socket.once('error', onError);
      socket.once('connect', () => {
        socket.off('error', onError);
        socket.on('error', () => {}); // 'close' follows and does the work
        socket.on('close', () => this.lost(socket));
        socket.on('data', (chunk: Buffer) => this.received(chunk));
        this.socket = socket;
        this.buffer = Buffer.alloc(0);
        this.handshake(socket).then(
          () => resolve(socket),
          (error: unknown) => {
            socket.destroy();
            reject(error instanceof Error ? error : new RedisError(String(error)));
          },
        );
      });
    });
  }

  private async handshake(socket: Socket): Promise<void> {
    const { username, password, db } = this.target;
    if (password !== undefined) await this.send(socket, username ? ['AUTH', username, password] : ['AUTH', password]);
    if (db !== 0) await this.send(socket, ['SELECT', db]);
    if (this.onMessage && this.channels.length > 0) await this.send(socket, ['SUBSCRIBE', ...this.channels]);
  }

  private send(socket: Socket, args: (string | number)[]): Promise<RedisReply> {
    return new Promise<RedisReply>((resolve, reject) => {
      this.pending.push({ resolve, reject });
      socket.write(encode(args));
    });
  }

  private lost(socket: Socket): void {
    if (this.socket === socket) this.socket = null;
    this.failPending(new RedisError('The connection to Redis was lost; the command may not have run.'));
    // A subscriber must keep listening: reconnect (and re-subscribe) in a moment.
    if (this.onMessage && !this.closed) setTimeout(() => void this.ensureConnected().catch(() => this.lost(socket)), 500).unref();
  }

  private failPending(error: Error): void {
    for (const entry of this.pending.splice(0)) entry.reject(error);
  }

  private received(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    for (;;) {
      let parsed: Parsed | undefined;
      try {
        parsed = parseReply(this.buffer, 0);
      } catch (error) {
        // Out of step with the server: nothing after this can be trusted, start over.
        this.failPending(error as Error);
        this.socket?.destroy();
        return;
      }
      if (parsed === undefined) return; // incomplete: wait for more bytes
      this.buffer = this.buffer.subarray(parsed.end);
      this.dispatch(parsed.value);
    }
  }

  private dispatch(reply: RedisReply | RedisError): void {
    if (this.onMessage && Array.isArray(reply) && reply[0] === 'message') {
      this.onMessage(String(reply[1]), String(reply[2]));
      return;
    }
    const entry = this.pending.shift();
    if (!entry) return;
    if (reply instanceof RedisError) entry.reject(reply);
    else entry.resolve(reply);
  }
}

function encode(args: (string | number)[]): Buffer {
  const parts: Buffer[] = [Buffer.from(`*${args.length}\r\n`)];
  for (const arg of args) {
    const bytes = Buffer.from(String(arg), 'utf8');
    parts.push(Buffer.from(`$${bytes.length}\r\n`), bytes, Buffer.from('\r\n'));
  }
  return Buffer.concat(parts);
}

type Parsed = { value: RedisReply | RedisError; end: number };

/** One RESP2 reply starting at `start`, or undefined when the buffer does not hold all of it yet. */
function parseReply(buffer: Buffer, start: number): Parsed | undefined {
  const lineEnd = buffer.indexOf('\r\n', start);
  if (lineEnd < 0) return undefined;
  const type = String.fromCharCode(buffer[start]!);
  const line = buffer.toString('utf8', start + 1, lineEnd);
  const next = lineEnd + 2;
  switch (type) {
    case '+':
      return { value: line, end: next };
    case '-':
      return { value: new RedisError(`Redis: ${line}`), end: next };
    case ':':
      return { value: Number(line), end: next };
    case '$': {
      const length = Number(line);
      if (length < 0) return { value: null, end: next };
      if (buffer.length < next + length + 2) return undefined;
      return { value: buffer.toString('utf8', next, next + length), end: next + length + 2 };
    }
    case '*': {
      const count = Number(line);
      if (count < 0) return { value: null, end: next };
      const items: RedisReply[] = [];
      let at = next;
      for (let i = 0; i < count; i += 1) {
        const item = parseReply(buffer, at);
        if (item === undefined) return undefined;
        // An error inside an array (EXEC, scripts) is kept as its message.
        items.push(item.value instanceof RedisError ? item.value.message : item.value);
        at = item.end;
      }
      return { value: items, end: at };
    }
    default:
      throw new RedisError(`Unexpected reply from Redis (type ${JSON.stringify(type)}); is this really a Redis server?`);
  }
}
