/**
 * One job, one fresh process: `python3 server/sandbox/bwrap.py ...`, which runs
 * the code with runner.py inside bubblewrap and prints one JSON line.
 *
 * The process gets its own process group (detached), so cancelling or the
 * watchdog kills bwrap.py and everything it started in one signal; bwrap's
 * --die-with-parent and its pid namespace take the sandbox down with it.
 * --die-with-pid makes the kernel kill bwrap.py when this server dies, so a
 * server killed with SIGKILL leaves no job running behind it.
 * bwrap.py enforces the time limit itself; the watchdog here (limit + 10 s)
 * is for the day bwrap.py itself hangs.
 */
import { spawn } from 'node:child_process';
import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { failure, type JobLimits, type JobResult, type OutputEntry } from './job-types';
import { JOB_STREAM_BYTES, lastJsonLine, mapRunnerResult } from './map-result';
import { wallsOffForTests } from './test-switches';
import { describeError } from '../workers/api';

export interface SandboxRun {
  pythonPath: string;
  sandboxScript: string;
  codeFile: string;
  inputDir: string;
  /** Must be empty; bwrap.py copies the outputs here. */
  outputDir: string;
  limits: JobLimits;
  /** Size of the sandbox's /tmp in MiB (config.ts, jobTmpMb). */
  tmpMb: number;
  /** How many jobs this server runs at once: bwrap.py sizes the user's process limit on it. */
  jobsAtOnce: number;
  /** Aborting kills the process group; the result is then `cancelled`. */
  signal: AbortSignal;
  /** Seconds past the time limit before the server kills the run itself. */
  watchdogGraceS?: number;
  /** Called with the pid (= process group id) once the process has started. */
  onStart?: (pid: number) => void;
}

/** The JSON line carries stdout and stderr capped by the runner, JSON-escaped: far below this. */
const MAX_STDOUT_BYTES = 64 * 1024 * 1024;

export function runInSandbox(run: SandboxRun): Promise<JobResult> {
  const started = Date.now();
  const elapsed = () => Date.now() - started;
  if (run.signal.aborted) return Promise.resolve(cancelledResult(0));
  return new Promise((resolve) => {
    const child = spawn(
      run.pythonPath,
      [
        run.sandboxScript,
        '--code', run.codeFile,
        '--input-dir', run.inputDir,
        '--output-dir', run.outputDir,
        '--timeout', String(run.limits.timeoutS),
        '--memory-mb', String(run.limits.memoryMb),
        '--max-output-mb', String(run.limits.maxOutputMb),
        '--tmp-mb', String(run.tmpMb),
        // The cap bwrap.py applies outside the sandbox to the code's stdout and stderr (each).
        '--max-stream-bytes', String(JOB_STREAM_BYTES),
        '--jobs-at-once', String(run.jobsAtOnce),
        // Killed with the server, even by SIGKILL: nothing runs on (or writes outputs) for a server that is gone.
        '--die-with-pid', String(process.pid),
        // Tests only, from this server's own environment (test-switches.ts); never from a request.
        ...(wallsOffForTests() ? ['--test-walls-off'] : []),
      ],
      // Only what bwrap.py needs: the server's own environment (its token!) stays out.
      { detached: true, stdio: ['ignore', 'pipe', 'ignore'], env: { PATH: '/usr/bin:/bin', LANG: 'C.UTF-8' } },
    );
    let stoppedBy: 'cancel' | 'watchdog' | null = null;
    const chunks: Buffer[] = [];
    let stdoutBytes = 0;
    let overflow = false;

    const killGroup = () => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    };
    const stop = (why: 'cancel' | 'watchdog') => {
      stoppedBy ??= why;
      killGroup();
    };
    const onAbort = () => stop('cancel');
    run.signal.addEventListener('abort', onAbort, { once: true });
    const watchdog = setTimeout(() => stop('watchdog'), (run.limits.timeoutS + (run.watchdogGraceS ?? 10)) * 1000);

    child.stdout.on('data', (chunk: Buffer) => {
      stdoutBytes += chunk.length;
      if (stdoutBytes > MAX_STDOUT_BYTES) {
        overflow = true;
        killGroup();
        return;
      }
      chunks.push(chunk);
    });

    let settled = false;
    const finish = (result: JobResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(watchdog);
      run.signal.removeEventListener('abort', onAbort);
      killGroup(); // nothing may outlive the job
      resolve(result);
    };

    child.once('spawn', () => {
      if (child.pid !== undefined) run.onStart?.(child.pid);
    });
    child.once('error', (error) => finish(failure('internal', `Could not start the sandbox (${run.pythonPath}): ${error.message}`, elapsed())));
    child.once('close', (code, signal) => {
      if (stoppedBy === 'cancel') return finish(cancelledResult(elapsed()));
      if (stoppedBy === 'watchdog') {
        return finish(failure('timeout', `The run did not stop at its ${run.limits.timeoutS} s limit; the server killed it.`, elapsed()));
      }
      const raw = overflow ? null : lastJsonLine(Buffer.concat(chunks).toString('utf8'));
      const mapped = raw === null ? null : mapRunnerResult(raw, []);
      if (mapped === null) {
        const how = overflow ? 'its output passed 64 MB' : signal !== null ? `it was killed by ${signal}` : `it exited with status ${code}`;
        return finish(failure('internal', `The sandbox process ended without a result (${how}); no output was kept. This is a fault of the server, not of the code: try again.`, elapsed()));
      }
      if (mapped.ok) {
        // Listed here, from the files bwrap.py copied out: never from anything the job said.
        try {
          mapped.outputs = listOutputs(run.outputDir);
        } catch (error) {
          return finish(failure('internal', `The outputs could not be listed: ${describeError(error)}`, elapsed()));
        }
      }
      finish(mapped);
    });
  });
}

export function cancelledResult(durationMs: number): JobResult {
  return failure('cancelled', 'The job was cancelled; its files were deleted.', durationMs);
}

/** Regular files under `dir`, as '/'-separated relative names, sorted. Links and anything else are skipped. */
export function listOutputs(dir: string, prefix = ''): OutputEntry[] {
  const entries: OutputEntry[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    const stat = lstatSync(path);
    if (stat.isDirectory()) entries.push(...listOutputs(path, `${prefix}${name}/`));
    else if (stat.isFile()) entries.push({ name: `${prefix}${name}`, size: stat.size });
  }
  return entries;
}
