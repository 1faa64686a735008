/**
 * Large-job server throughput: a measured figure, not a pass/fail test.
 * N small jobs (tests/server/jobs/stack_pandas.py: pandas stacks three
 * workbooks of --rows rows each) are submitted at once to a real server on
 * 127.0.0.1 (in-memory queue, real CPython in bubblewrap) at concurrency 1,
 * then 2; then the same through the Redis queue with two replicas of
 * concurrency 1 each (separate processes, one shared data folder, real
 * redis-server), which shows what the shared queue costs on one machine.
 * Prints jobs per minute as a Markdown table.
 *
 * Uploads happen before the clock starts: the figure is the queue and the
 * sandboxes, from the first submit to the last job's end.
 *
 * Usage: npx tsx tests/bench/server-throughput.ts [--jobs 12] [--rows 200] [--concurrency 1,2] [--no-redis]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers/python';
import { Api, startServer } from '../server/harness';
import { sharedDataDir, startRedis, startReplica, stopAll } from '../server/replicas';

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}

const JOBS = Number(option('jobs', '12'));
const ROWS = Number(option('rows', '200'));
const CONCURRENCIES = option('concurrency', '1,2').split(',').map(Number);
const NAMES = ['north.xlsx', 'south.xlsx', 'west.xlsx'];
const CODE = readFileSync(join(ROOT, 'tests', 'server', 'jobs', 'stack_pandas.py'), 'utf8');

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

interface Measured {
  setup: string;
  wallMs: number;
  jobsPerMinute: number;
  medianRunMs: number;
  medianWaitMs: number;
}

type Files = { name: string; bytes: Uint8Array }[];

/** Submits JOBS jobs through `apis` in turn and waits for them all. */
async function timeJobs(setup: string, apis: Api[], files: Files): Promise<Measured> {
  const uploads = [];
  for (let i = 0; i < JOBS; i += 1) uploads.push((await apis[i % apis.length]!.upload(files)).uploadId);
  const began = Date.now();
  const ids = await Promise.all(uploads.map((uploadId, i) => apis[i % apis.length]!.submit(uploadId, CODE)));
  const finals = await Promise.all(ids.map((id, i) => apis[i % apis.length]!.finished(id, 30 * 60_000)));
  const wallMs = Date.now() - began;
  for (const status of finals) {
    if (status.state !== 'done') throw new Error(`job ${status.id} ended ${status.state}: ${JSON.stringify(status.result)}`);
    if (!status.result?.ok || !/^stacked \d+ rows$/m.test(status.result.stdout)) throw new Error(`unexpected result: ${JSON.stringify(status.result)}`);
  }
  return {
    setup,
    wallMs,
    jobsPerMinute: (JOBS * 60_000) / wallMs,
    medianRunMs: median(finals.map((s) => s.finishedAt! - s.startedAt!)),
    medianWaitMs: median(finals.map((s) => s.startedAt! - s.createdAt)),
  };
}

async function inMemory(concurrency: number, files: Files): Promise<Measured> {
  const server = await startServer({ concurrency, defaultLimits: { timeoutS: 600 } });
  try {
    return await timeJobs(`one server, in-memory queue, concurrency ${concurrency}`, [server.api], files);
  } finally {
    await server.stop();
  }
}

async function twoReplicas(files: Files): Promise<Measured> {
  const redis = await startRedis();
  const shared = sharedDataDir();
  try {
    const common = { redisUrl: redis.url, dataDir: shared.dir, concurrency: 1 };
    const replicas = await Promise.all([startReplica({ ...common, replicaId: 'bench-a' }), startReplica({ ...common, replicaId: 'bench-b' })]);
    return await timeJobs('two replicas x concurrency 1, Redis queue', replicas.map((r) => r.api), files);
  } finally {
    stopAll();
    shared.remove();
  }
}

async function main(): Promise<void> {
  const inputs = mkdtempSync(join(tmpdir(), 'excel-ai-bench-server-'));
  try {
    execFileSync('/usr/bin/python3', [join(ROOT, 'tests', 'bench', 'make_stack_inputs.py'), inputs, String(ROWS)]);
    const files = NAMES.map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(inputs, name))) }));
    const loadBefore = loadavg()[0]!;
    const results: Measured[] = [];
    for (const concurrency of CONCURRENCIES) results.push(await inMemory(concurrency, files));
    if (!process.argv.includes('--no-redis')) results.push(await twoReplicas(files));

    const gib = Math.round(totalmem() / 1024 ** 3);
    console.log(`Server throughput: ${JOBS} jobs of stack_pandas.py (3 workbooks x ${ROWS} rows), ${cpus().length} cores / ${gib} GiB, ${new Date().toISOString().slice(0, 10)}`);
    // The machine may be shared: the load says how much of it these figures had.
    console.log(`1-minute load average: ${loadBefore.toFixed(1)} before, ${loadavg()[0]!.toFixed(1)} after\n`);
    console.log('| set-up | wall time (s) | jobs/minute | median run (s) | median wait in line (s) |');
    console.log('|---|---|---|---|---|');
    for (const r of results) {
      console.log(`| ${r.setup} | ${(r.wallMs / 1000).toFixed(1)} | ${r.jobsPerMinute.toFixed(1)} | ${(r.medianRunMs / 1000).toFixed(2)} | ${(r.medianWaitMs / 1000).toFixed(1)} |`);
    }
  } finally {
    rmSync(inputs, { recursive: true, force: true });
  }
}

await main();
