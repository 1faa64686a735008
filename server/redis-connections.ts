/**
 * The ioredis connections behind the shared queue, and what a replica says
 * when Redis is away. BullMQ is given ready-made clients (in an ES module it
 * cannot load ioredis itself):
 *   command  the Queue and the event producer: requests (submit, position,
 *            /health) fail at once while Redis is unreachable, rather than
 *            queueing behind a reconnect; the HTTP answer then says so.
 *   worker   the Worker's own connection, which BullMQ also duplicates for its
 *            blocking reads and for QueueEvents: it waits out a Redis restart
 *            (BullMQ requires maxRetriesPerRequest null there).
 */
import { Redis, type RedisOptions } from 'ioredis';
import type { RedisTarget } from './redis-url';

/** A status request must not hang on a Redis that accepts connections but does not answer. */
const COMMAND_TIMEOUT_MS = 5000;

export class RedisConnections {
  readonly command: Redis;
  readonly worker: Redis;
  /** Why the last connection attempt failed; cleared once connected. */
  private lastError: string | null = null;

  constructor(private readonly target: RedisTarget) {
    const base: RedisOptions = {
      host: target.host,
      port: target.port,
      db: target.db,
      ...(target.username !== undefined ? { username: target.username } : {}),
      ...(target.password !== undefined ? { password: target.password } : {}),
      lazyConnect: true,
      // Reconnect every 2 s at most, for ever: replicas outlive a Redis restart.
      retryStrategy: (attempt: number) => Math.min(200 * attempt, 2000),
    };
    this.command = new Redis({ ...base, enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: COMMAND_TIMEOUT_MS });
    this.worker = new Redis({ ...base, maxRetriesPerRequest: null });
    for (const client of [this.command, this.worker]) {
      // Without a listener ioredis prints every failed reconnect; the reason is kept for the next answer instead.
      client.on('error', (error: Error) => {
        this.lastError = error.message;
      });
    }
    this.command.on('ready', () => {
      this.lastError = null;
    });
  }

  /** Connects both; rejects with unreachable() at the first failure (a start with a wrong --redis stops at once). */
  async connect(): Promise<void> {
    try {
      await Promise.all([this.command.connect(), this.worker.connect()]);
    } catch (error) {
      throw this.unreachable(error);
    }
  }

  /**
   * Runs a command on the command connection. Failing for want of Redis
   * (not connected, connection lost, timed out), it throws unreachable();
   * an error Redis itself answered is passed on as it is.
   */
  async reach<T>(action: () => Promise<T>): Promise<T> {
    if (this.command.status !== 'ready') throw this.unreachable();
    try {
      return await action();
    } catch (error) {
      if (error instanceof Error && error.name === 'ReplyError') throw error;
      throw this.unreachable(error);
    }
  }

  unreachable(cause?: unknown): Error {
    const reason = this.lastError ?? (cause instanceof Error ? cause.message : `connection ${this.command.status}`);
    return new Error(`Cannot reach Redis at ${this.target.host}:${this.target.port} (${reason}); check --redis and that redis-server runs.`);
  }

  /** Closes both at once (no QUIT round trip: Redis may be gone) and stops reconnecting. */
  close(): void {
    this.command.disconnect();
    this.worker.disconnect();
  }
}
