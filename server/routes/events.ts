/**
 * GET /jobs/:id/events: server-sent events. `queued` (with the position,
 * again whenever it changes), `running`, then one of `done`, `failed`,
 * `cancelled` carrying the job's status with its result; the stream ends
 * after that final event. A client that connects late gets the current state
 * at once.
 */
import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { isId } from '../file-names';
import { HttpError } from '../http-errors';
import { FINAL_STATES, asWire, type JobStatus } from '../job-types';
import type { JobService } from '../jobs';
import type { QueuedEvent } from '../wire';

const STATE_RANK: Record<JobStatus['state'], number> = { queued: 0, running: 1, done: 2, failed: 2, cancelled: 2 };

export function registerEvents(app: FastifyInstance, service: JobService): void {
  app.get<{ Params: { id: string } }>('/jobs/:id/events', async (request, reply) => {
    const { id } = request.params;
    const first = isId(id) ? await service.status(id) : undefined;
    if (!first) throw new HttpError(404, 'not-found', 'No such job (it never existed, was deleted, or expired).');

    const stream = new PassThrough();
    let lastSent = '';
    let lastRank = 0;
    const stopFollowing: (() => void)[] = [];
    const end = () => {
      for (const stop of stopFollowing.splice(0)) stop();
      stream.end();
    };
    const send = (status: JobStatus) => {
      // Statuses are read asynchronously (the queue position may come from Redis): one read late never takes the stream back.
      const rank = STATE_RANK[status.state];
      if (rank < lastRank) return;
      lastRank = rank;
      let event: string;
      let data: unknown;
      if (status.state === 'queued') {
        if (status.position === undefined) return;
        event = 'queued';
        data = { jobId: id, position: status.position } satisfies QueuedEvent;
      } else if (status.state === 'running') {
        event = 'running';
        data = { jobId: id, startedAt: status.startedAt };
      } else {
        event = status.state;
        data = asWire(status);
      }
      const frame = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
      if (frame === lastSent || stream.writableEnded) return; // the same position announced twice says nothing new
      lastSent = frame;
      stream.write(frame);
      if (FINAL_STATES.has(status.state)) end();
    };

    stopFollowing.push(service.subscribe(id, send), service.onShutdown(end));
    reply.raw.once('close', end); // the client went away (the request's own 'close' fires as soon as its body is read)
    send(first);
    return reply
      .header('content-type', 'text/event-stream; charset=utf-8')
      .header('cache-control', 'no-cache, no-transform')
      .header('x-accel-buffering', 'no') // a proxy in front must not hold events back
      .send(stream);
  });
}
