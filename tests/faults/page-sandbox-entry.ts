/**
 * Runs in the test page (bundled by page-sandbox.ts): the product's own
 * SandboxClient over the built pane's worker script, so tests can send
 * RunRequests (skipPrecheck included) through exactly the code path the pane
 * uses, with the worker's CSP as served. `crashWorker` is for fault tests.
 * Like the pane, it keeps a Python snapshot in Cache Storage, so every worker
 * after the first (each replacement after a fatal case) starts from it.
 */
import { wrap } from 'comlink';
import type { PythonWorkerApi, RunRequest, RunResult } from '../../workers/api';
import { SandboxClient, type SandboxEvent, type StartResult } from '../../src/sandbox/sandbox-client';
import { CacheStorageSnapshotStore } from '../../src/sandbox/cache-snapshot-store';

export interface PageSandbox {
  start(): Promise<StartResult>;
  run(request: RunRequest): Promise<RunResult>;
  /** Workers started so far (one more after every restart). */
  workersStarted(): number;
  events(): SandboxEvent[];
  /**
   * Ends the live worker from outside, as the browser does when a worker dies.
   * With `report`, the worker's 'error' event is fired too, which is how a dying
   * worker is reported to the page; without it the page is never told.
   */
  crashWorker(report: boolean): boolean;
}

declare global {
  var pageSandbox: PageSandbox | undefined;
}

export function installPageSandbox(workerUrl: string, base: string): PageSandbox {
  const events: SandboxEvent[] = [];
  let live: Worker | undefined;
  let started = 0;
  const client = new SandboxClient({
    connect: () => {
      const worker = new Worker(workerUrl, { type: 'module', name: 'python-sandbox' });
      live = worker;
      started++;
      const exited = new Promise<string>((resolve) => {
        worker.addEventListener('error', (event) => resolve(event.message || 'the Python worker failed'));
      });
      return { api: wrap<PythonWorkerApi>(worker), terminate: () => worker.terminate(), exited };
    },
    startOptions: { indexURL: new URL('pyodide/', base).href, bundleURL: new URL('python/bundle.zip', base).href },
    onEvent: (event) => events.push(event),
    snapshots: new CacheStorageSnapshotStore(base),
  });
  const sandbox: PageSandbox = {
    start: () => client.start(),
    run: (request) => client.run(request),
    workersStarted: () => started,
    events: () => events,
    crashWorker(report) {
      if (!live) return false;
      live.terminate();
      if (report) live.dispatchEvent(new ErrorEvent('error', { message: 'worker killed by the test' }));
      return true;
    },
  };
  globalThis.pageSandbox = sandbox;
  return sandbox;
}
