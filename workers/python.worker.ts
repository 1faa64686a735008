/**
 * The Pyodide worker: hosts PyodideSandbox and exposes it with comlink.
 * All logic lives in runtime/; this file only wires the browser's walls in.
 */
import { expose } from 'comlink';
import type { loadPyodide as LoadPyodide } from 'pyodide';
import { PyodideSandbox } from './runtime/pyodide-sandbox';
import { browserLockdown, checkBrowserWalls } from './runtime/browser-walls';
import type { CreatePyodideModule } from './runtime/snapshot';

const ownFetch = fetch.bind(globalThis);

/** Only our own origin serves the runtime; anything else is refused here too, not just by the CSP. */
async function readRuntimeFile(url: string): Promise<Uint8Array> {
  const target = new URL(url, self.location.href);
  if (target.origin !== self.location.origin) throw new Error(`refusing to load runtime file from another host: ${target.origin}`);
  const response = await ownFetch(target);
  if (!response.ok) throw new Error(`could not load ${target.pathname} (HTTP ${response.status})`);
  return new Uint8Array(await response.arrayBuffer());
}

const loadPyodide: typeof LoadPyodide = async (options) => {
  const indexURL = new URL(options?.indexURL ?? '/pyodide/', self.location.href).href;
  const module = (await import(/* @vite-ignore */ `${indexURL}pyodide.mjs`)) as { loadPyodide: typeof LoadPyodide };
  return module.loadPyodide({ ...options, indexURL });
};

/** Pyodide's module factory, for restoring a snapshot (same file Pyodide itself would import). */
async function loadModuleFactory(indexURL: string): Promise<CreatePyodideModule> {
  const base = new URL(indexURL, self.location.href).href;
  const module = (await import(/* @vite-ignore */ `${base}pyodide.asm.mjs`)) as { default: CreatePyodideModule };
  return module.default;
}

expose(
  new PyodideSandbox({
    name: 'browser worker',
    // Tests only: a test page that builds the Worker itself adds ?test-walls-off=1; the pane never does.
    testWallsOff: new URL(self.location.href).searchParams.get('test-walls-off') === '1',
    loadPyodide,
    readRuntimeFile,
    lockdown: browserLockdown,
    checkWalls: checkBrowserWalls,
    loadModuleFactory,
  }),
);
