/** Connects the pane to the Pyodide worker (browser). */
import { wrap } from 'comlink';
import type { PythonWorkerApi, StartOptions } from '../../workers/api';
import { SandboxClient, type SandboxConnection, type SandboxEvent } from './sandbox-client';

export function connectWorker(): SandboxConnection {
  const worker = new Worker(new URL('../../workers/python.worker.ts', import.meta.url), { type: 'module', name: 'python-sandbox' });
  const exited = new Promise<string>((resolve) => {
    worker.addEventListener('error', (event) => resolve(event.message || 'the Python worker failed to load'));
  });
  return { api: wrap<PythonWorkerApi>(worker), terminate: () => worker.terminate(), exited };
}

/** Runtime files are served by our own origin, next to the pane. */
export function browserStartOptions(base: string = import.meta.env.BASE_URL): StartOptions {
  const root = new URL(base, self.location.href);
  return { indexURL: new URL('pyodide/', root).href, bundleURL: new URL('python/bundle.zip', root).href };
}

export function createBrowserSandbox(onEvent?: (event: SandboxEvent) => void): SandboxClient {
  return new SandboxClient(connectWorker, browserStartOptions(), onEvent);
}
