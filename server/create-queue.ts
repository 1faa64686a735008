/** The queue this server's configuration asks for: its own memory queue, or one shared in Redis. */
import type { ResolvedConfig } from './config';
import { MemoryQueue } from './memory-queue';
import type { JobQueue, QueueHooks } from './queue';
import { RedisQueue } from './redis-queue';

export function createQueue(config: ResolvedConfig, hooks: QueueHooks): JobQueue {
  return config.redisUrl === null
    ? new MemoryQueue(config.concurrency, config.replicaId, hooks)
    : new RedisQueue({ url: config.redisUrl, concurrency: config.concurrency, replica: config.replicaId, leaseMs: config.leaseMs, hooks });
}
