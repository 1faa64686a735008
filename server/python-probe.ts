/**
 * What the sandbox runs on, probed once at start and reported by /health:
 * which Python, pandas and openpyxl a job gets, and whether bubblewrap
 * actually works here (a container without user namespaces fails this).
 *
 * The versions are read from the interpreter bwrap.py pins for the sandbox
 * (its PYTHON constant), not from the one that runs bwrap.py: the two can differ.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import type { ResolvedConfig } from './config';
import { runInSandbox } from './sandbox-process';

const run = promisify(execFile);

export interface PythonInfo {
  version: string | null;
  pandas: string | null;
  openpyxl: string | null;
  /** The interpreter inside the sandbox. */
  executable: string | null;
  /** The bubblewrap binary bwrap.py runs. */
  bwrap: string | null;
  /** A trivial job ran in the sandbox. */
  sandboxWorks: boolean;
  /** Why something above is missing. */
  error?: string;
}

const VERSIONS = String.raw`
import json, subprocess, sys
sys.path.insert(0, sys.argv[1])
import bwrap
probe = "import json, sys\nout = {'version': sys.version.split()[0]}\nfor name in ('pandas', 'openpyxl'):\n    try:\n        out[name] = __import__(name).__version__\n    except Exception:\n        out[name] = None\nprint(json.dumps(out))"
found = json.loads(subprocess.run([bwrap.PYTHON, "-c", probe], capture_output=True, text=True, timeout=60, check=True).stdout)
found.update(executable=bwrap.PYTHON, bwrap=bwrap.BWRAP)
print(json.dumps(found))
`;

export async function probePython(config: ResolvedConfig): Promise<PythonInfo> {
  // Independent, so in parallel: importing pandas takes most of a second.
  const [versions, sandbox] = await Promise.all([readVersions(config), tryTheSandbox(config)]);
  const info: PythonInfo = { version: null, pandas: null, openpyxl: null, executable: null, bwrap: null, sandboxWorks: false };
  if ('error' in versions) return { ...info, error: versions.error };
  Object.assign(info, versions);
  if (info.bwrap !== config.bwrapPath) {
    return { ...info, error: `server/sandbox/bwrap.py runs ${info.bwrap}, but the server is configured with bwrapPath ${config.bwrapPath}.` };
  }
  return sandbox === null ? { ...info, sandboxWorks: true } : { ...info, error: sandbox };
}

async function readVersions(config: ResolvedConfig): Promise<Partial<PythonInfo> | { error: string }> {
  try {
    const { stdout } = await run(config.pythonPath, ['-B', '-c', VERSIONS, dirname(config.sandboxScript)], { timeout: 90_000, env: { PATH: '/usr/bin:/bin', LANG: 'C.UTF-8' } });
    return JSON.parse(stdout) as Partial<PythonInfo>;
  } catch (error) {
    return { error: `Could not probe the sandbox's Python with ${config.pythonPath}: ${firstLine(error)}` };
  }
}

/** Runs a trivial job in bubblewrap; null when it worked, else why not. */
async function tryTheSandbox(config: ResolvedConfig): Promise<string | null> {
  // One folder per replica: replicas sharing a data folder may probe at the same time.
  const dir = join(config.dataDir, `probe-${config.replicaId}`);
  rmSync(dir, { recursive: true, force: true });
  try {
    mkdirSync(join(dir, 'input'), { recursive: true });
    mkdirSync(join(dir, 'output'));
    writeFileSync(join(dir, 'code.py'), 'print("sandbox ok")\n');
    const result = await runInSandbox({
      pythonPath: config.pythonPath,
      sandboxScript: config.sandboxScript,
      codeFile: join(dir, 'code.py'),
      inputDir: join(dir, 'input'),
      outputDir: join(dir, 'output'),
      limits: { timeoutS: 30, memoryMb: 256, maxOutputMb: 1 },
      tmpMb: 1,
      jobsAtOnce: config.concurrency,
      signal: new AbortController().signal,
    });
    if (!result.ok) return `A test job failed in the sandbox: ${result.error.message}`;
    return result.stdout.includes('sandbox ok') ? null : 'A test job in the sandbox printed nothing.';
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function firstLine(error: unknown): string {
  const e = error as { stderr?: string; message?: string };
  const text = (e.stderr && e.stderr.trim()) || e.message || String(error);
  return text.trim().split('\n').pop() ?? text;
}
