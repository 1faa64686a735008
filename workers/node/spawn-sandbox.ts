/**
 * Starts the Node sandbox: a child process running Pyodide behind Node's
 * permission model, with code generation from strings disabled. A fatal error
 * in Python ends that process, never the caller; the caller sees a value.
 */
import { fork } from 'node:child_process';
import { createHash } from 'node:crypto';
import { lstatSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { wrap } from 'comlink';
import type { PythonWorkerApi, SandboxConnection, StartOptions } from '../api';
import { buildPythonBundle } from '../../build-tools/python-bundle';
import { processEndpoint } from './process-endpoint';
import { ensurePrivateFolder, ensurePrivateSubfolder, writeFilePrivately } from './private-folder';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

/**
 * Where the sandbox's own files are cached (the bundled child script, the Python
 * bundle, the snapshot, the package cache): EXCEL_AI_CACHE_DIR, else the user's
 * own cache folder ($XDG_CACHE_HOME or ~/.cache, then excel-ai), never a
 * predictable name in the shared /tmp where another user could plant files.
 * It is checked (and created 0700) by ensurePrivateFolder before every use.
 */
export function cacheDir(): string {
  const configured = process.env.EXCEL_AI_CACHE_DIR;
  if (configured) return configured;
  const xdg = process.env.XDG_CACHE_HOME;
  // The XDG spec ignores a relative XDG_CACHE_HOME.
  return join(xdg && isAbsolute(xdg) ? xdg : join(homedir(), '.cache'), 'excel-ai');
}

/** The child script at its place in the cache, holding exactly `code` (rewritten if anything else is there). */
function placeChildScript(dir: string, code: Uint8Array): string {
  const hash = createHash('sha256').update(code).digest('hex').slice(0, 16);
  const childScript = join(dir, `sandbox-child-${hash}.mjs`);
  // The name alone proves nothing: the bytes must be the ones just built.
  if (!holdsExactly(childScript, code)) writeFilePrivately(childScript, code);
  return childScript;
}

/** A regular file (not a link, a pipe or a device) whose bytes are `code`. */
function holdsExactly(path: string, code: Uint8Array): boolean {
  try {
    return lstatSync(path).isFile() && readFileSync(path).equals(code);
  } catch {
    return false;
  }
}

/** The bytes of the child script this process built: what the file on disk must hold before each start. */
let builtChildScript: Uint8Array | undefined;
let prepared: Promise<{ childScript: string; startOptions: StartOptions; pyodideDir: string }> | undefined;

/** Bundles the child script and the Python bundle once per process. */
export function prepareNodeSandbox(): Promise<{ childScript: string; startOptions: StartOptions; pyodideDir: string }> {
  prepared ??= (async () => {
    const dir = ensurePrivateFolder(cacheDir());
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
    builtChildScript = code;
    const childScript = placeChildScript(dir, code);

    // Built afresh by every process, inside a folder only this user can write, and named by its
    // content: another version of this program (another checkout, a test run beside a dev
    // server) building at the same moment can never hand this process its Python.
    const bundleDir = ensurePrivateSubfolder(dir, 'python-bundle');
    const buildDir = join(bundleDir, `build-${process.pid}`);
    const manifest = buildPythonBundle(buildDir);
    const bundlePath = join(bundleDir, `bundle-${manifest.sha256.slice(0, 16)}.zip`);
    renameSync(join(buildDir, 'bundle.zip'), bundlePath);
    rmSync(buildDir, { recursive: true, force: true });
    // Checked again last: a folder swapped while the bundle was built is refused, not used.
    ensurePrivateFolder(dir);
    const pyodideDir = dirname(require.resolve('pyodide/package.json'));
    return {
      childScript,
      pyodideDir,
      startOptions: { indexURL: `${pyodideDir}/`, bundleURL: bundlePath },
    };
  })();
  // Checked before every start, not only the first: the folder must still be private and the script the one built.
  return prepared.then((ready) => {
    ensurePrivateFolder(dirname(ready.childScript));
    if (builtChildScript) placeChildScript(dirname(ready.childScript), builtChildScript);
    return ready;
  });
}

function permissionFlag(): string {
  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  return major > 23 || (major === 23 && minor >= 5) || (major === 22 && minor >= 13) ? '--permission' : '--experimental-permission';
}

let wallsOffWarned = false;

/** The test-only switch EXCEL_AI_TEST_WALLS_OFF=1, said out loud once per process so nobody runs with it by accident. */
function testWallsOff(): boolean {
  const on = process.env.EXCEL_AI_TEST_WALLS_OFF === '1';
  if (on && !wallsOffWarned) {
    wallsOffWarned = true;
    process.stderr.write('Warning: EXCEL_AI_TEST_WALLS_OFF=1 is set: the Python sandbox runs with its Python-level walls off (a test setting). Unset it for real use.\n');
  }
  return on;
}

/**
 * Starts one sandbox process; `connect` for SandboxClient. `testWallsOff` (tests that
 * run two sandboxes side by side) overrides the EXCEL_AI_TEST_WALLS_OFF switch; the CLI
 * never passes it.
 */
export async function spawnNodeSandbox(options: { testWallsOff?: boolean } = {}): Promise<SandboxConnection & { startOptions: StartOptions }> {
  const { childScript, startOptions, pyodideDir } = await prepareNodeSandbox();
  const child = fork(childScript, [], {
    serialization: 'advanced',
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    env: {
      EXCEL_AI_PYODIDE_MODULE: pathToFileURL(join(pyodideDir, 'pyodide.mjs')).href,
      NODE_NO_WARNINGS: '1',
      // Tests only: walls 1-3 off in the child, passed on only from this process's own environment.
      ...((options.testWallsOff ?? testWallsOff()) ? { EXCEL_AI_TEST_WALLS_OFF: '1' } : {}),
    },
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
