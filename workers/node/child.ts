/**
 * Entry of the sandbox child process (Node). Bundled to one file by
 * spawn-sandbox.ts and started with the flags that make the walls; it hosts
 * PyodideSandbox and answers comlink calls over the IPC channel.
 */
import { expose } from 'comlink';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { loadPyodide as LoadPyodide } from 'pyodide';
import { PyodideSandbox } from '../runtime/pyodide-sandbox';
import type { CreatePyodideModule } from '../runtime/snapshot';
import { checkNodeWalls, closeNetwork, shimProcessBinding } from './node-walls';
import { processEndpoint } from './process-endpoint';

shimProcessBinding();
closeNetwork();

const pyodideModule = process.env.EXCEL_AI_PYODIDE_MODULE;
if (!pyodideModule) throw new Error('EXCEL_AI_PYODIDE_MODULE is not set');

const sandbox = new PyodideSandbox({
  name: 'node',
  // Tests only: the parent passes this on only when its own environment has it.
  testWallsOff: process.env.EXCEL_AI_TEST_WALLS_OFF === '1',
  loadPyodide: (async (options) => {
    const { loadPyodide } = (await import(pyodideModule)) as { loadPyodide: typeof LoadPyodide };
    return loadPyodide(options);
  }) as typeof LoadPyodide,
  readRuntimeFile: async (url) => new Uint8Array(await readFile(url.startsWith('file:') ? fileURLToPath(url) : url)),
  lockdown: closeNetwork,
  checkWalls: async () => checkNodeWalls(),
  // Pyodide's module factory sits next to pyodide.mjs; needed only to restore a snapshot.
  loadModuleFactory: async () => ((await import(new URL('pyodide.asm.mjs', pyodideModule).href)) as { default: CreatePyodideModule }).default,
});

expose(sandbox, processEndpoint(process));
