/**
 * Twenty jobs at once against a server that runs two at a time. No Docker
 * engine on this machine: the real server runs directly on 127.0.0.1 with
 * real CPython in bubblewrap.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { JobStatus } from '../../server/job-types';
import { sleep, startServer, type TestServer } from './harness';

let server: TestServer;

beforeAll(async () => {
  server = await startServer({ concurrency: 2 });
});
afterAll(async () => {
  await server?.stop();
});

// Each job checks that its input is its own, prints its tag and writes a file
// named after it; the busy wait keeps it running long enough to overlap others.
const jobCode = (tag: string) => `import datetime
EXPECTED = "${tag}"
with open("/input/tag.txt") as f:
    tag = f.read()
if tag != EXPECTED:
    raise ValueError("got the input of " + tag)
end = datetime.datetime.now() + datetime.timedelta(seconds=0.3)
while datetime.datetime.now() < end:
    pass
print("job", tag)
with open("/output/" + tag + ".txt", "w") as f:
    f.write(tag)
`;

it('runs 20 concurrent jobs two at a time, each with its own input, output and stdout', async () => {
  const tags = Array.from({ length: 20 }, (_, i) => `job-${i}`);
  const ids = await Promise.all(tags.map((tag) => server.api.run(jobCode(tag), { timeoutS: 60 }, [{ name: 'tag.txt', bytes: tag }])));

  // Sample the queue while the jobs run: never more than two at once.
  let peak = 0;
  let sawWaiting = false;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      const health = (await (await fetch(`${server.url}/health`)).json()) as { queue: { running: number; waiting: number } };
      peak = Math.max(peak, health.queue.running);
      sawWaiting ||= health.queue.waiting > 0;
      await sleep(20);
    }
  })();
  const finals = await Promise.all(ids.map((id) => server.api.finished(id, 90_000)));
  sampling = false;
  await sampler;

  finals.forEach((status: JobStatus, i) => {
    const tag = tags[i]!;
    expect(status.state, `${tag}: ${JSON.stringify(status.result)}`).toBe('done');
    expect(status.id).toBe(ids[i]);
    expect(status.result).toMatchObject({ ok: true, stdout: `job ${tag}\n`, outputs: [{ name: `${tag}.txt`, size: tag.length }] });
  });
  const bodies = await Promise.all(ids.map(async (id, i) => (await server.api.fetch(`/jobs/${id}/outputs/${tags[i]}.txt`)).text()));
  expect(bodies).toEqual(tags);

  expect(peak).toBeLessThanOrEqual(2);
  expect(sawWaiting).toBe(true);
  // The server's own start and end times: at no instant were more than two running, and two did overlap.
  const edges = finals.flatMap((s) => [
    { at: s.startedAt!, delta: 1 },
    { at: s.finishedAt!, delta: -1 },
  ]);
  edges.sort((a, b) => a.at - b.at || a.delta - b.delta); // an end and a start at the same ms: the end first
  let running = 0;
  let most = 0;
  for (const edge of edges) {
    running += edge.delta;
    most = Math.max(most, running);
  }
  expect(most).toBe(2);
  // FIFO: a job submitted earlier never started after one submitted later.
  for (const a of finals) {
    for (const b of finals) {
      if (a.createdAt < b.createdAt) expect(a.startedAt!).toBeLessThanOrEqual(b.startedAt!);
    }
  }
});

it('reports each waiting job its place in the line', async () => {
  const code = jobCode('slow');
  const ids = [];
  for (let i = 0; i < 4; i += 1) ids.push(await server.api.run(code, { timeoutS: 60 }, [{ name: 'tag.txt', bytes: 'slow' }]));
  const positions = await Promise.all(ids.map(async (id) => (await server.api.status(id)).position));
  expect(positions).toEqual([undefined, undefined, 1, 2]);
  const events = await server.api.events(ids[3]!);
  const queued = events.filter((e) => e.event === 'queued').map((e) => (e.data as { position: number }).position);
  expect(queued[0]).toBe(2);
  expect(queued).toContain(1);
  expect(events.map((e) => e.event).slice(-2)).toEqual(['running', 'done']);
  await Promise.all(ids.map((id) => server.api.finished(id)));
});
