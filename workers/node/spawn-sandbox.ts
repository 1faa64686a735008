/**
 * Starts the Node sandbox: a child process running Pyodide behind Node's
 * permission model, with code generation from strings disabled. A fatal error
 * in Python ends that process, never the caller; the caller sees a value.
 */
import { fork } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { wrap } from 'comlink';
import type { PythonWorkerApi, StartOptions } from '../api';
import type { SandboxConnection } from '../../src/sandbox/sandbox-client';
import { buildPythonBundle } from '../../build-tools/python-bundle';
import { processEndpoint } from './process-endpoint';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

/** Where the sandbox's own files are cached (the bundled child script, the Python bundle). */
export function cacheDir(): string {
  return process.env.EXCEL_AI_CACHE_DIR ?? join(tmpdir(), `excel-ai-${process.getuid?.() ?? 'user'}`);
}

let prepared: Promise<{ childScript: string; startOptions: StartOptions; pyodideDir: string }> | undefined;

/** Bundles the child script and the Python bundle once per process. */
export function prepareNodeSandbox(): Promise<{ childScript: string; startOptions: StartOptions; pyodideDir: string }> {
  prepared ??= (async () => {
    const dir = cacheDir();
    mkdirSync(dir, { recursive: true });
    const { build } = await import('esbuild');
    const result = await build({
      entryPoints: [join(here, 'child.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      write: false,
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]?.contents;
    if (!code) throw new Error('could not bundle the sandbox child script');
    const hash = createHash('sha256').update(code).digest('hex').slice(0, 16);
    const childScript = join(dir, `sandbox-child-${hash}.mjs`);
    if (!existsSync(childScript)) {
      const part = `${childScript}.${process.pid}.part`;
      writeFileSync(part, code);
      renameSync(part, childScript);
    }

    const bundleDir = join(dir, 'python-bundle');
    buildPythonBundle(bundleDir);
    const pyodideDir = dirname(require.resolve('pyodide/package.json'));
    return {
      childScript,
      pyodideDir,
      startOptions: { indexURL: `${pyodideDir}/`, bundleURL: join(bundleDir, 'bundle.zip') },
    };
  })();
  return prepared;
}

function permissionFlag(): string {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  return major > 23 || (major === 23 && minor >= 5) || (major === 22 && minor >= 13) ? '--permission' : '--experimental-permission';
}

/** Starts one sandbox process; `connect` for SandboxClient. */
export async function spawnNodeSandbox(): Promise<SandboxConnection & { startOptions: StartOptions }> {
  const { childScript, startOptions, pyodideDir } = await prepareNodeSandbox();
  const child = fork(childScript, [], {
    serialization: 'advanced',
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    env: { EXCEL_AI_PYODIDE_MODULE: pathToFileURL(join(pyodideDir, 'pyodide.mjs')).href, NODE_NO_WARNINGS: '1' },
    execArgv: [
      '--disallow-code-generation-from-strings',
      permissionFlag(),
      `--allow-fs-read=${pyodideDir}/`,
      `--allow-fs-read=${dirname(require.resolve('ws/package.json'))}/`,
      `--allow-fs-read=${childScript}`,
      `--allow-fs-read=${startOptions.bundleURL}`,
      '--max-old-space-size=4096',
    ],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => resolve(`the sandbox process ended (${signal ?? `exit code ${code}`})${stderr ? `: ${stderr.trim().split('\n').slice(-3).join(' ')}` : ''}`));
    child.once('error', (error) => resolve(`the sandbox process failed: ${error.message}`));
  });
  const api = wrap<PythonWorkerApi>(processEndpoint(child));
  return {
    api,
    exited,
    startOptions,
    terminate: () => {
      child.kill('SIGKILL');
    },
  };
}
