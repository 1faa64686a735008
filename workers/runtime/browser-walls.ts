/**
 * The browser worker's walls. The worker is served with its own
 * Content-Security-Policy (no eval, no other host: see WORKER_CSP), and once
 * Python is loaded every network and storage entry point is removed from the
 * worker's global scope. checkBrowserWalls proves both at start; if either is
 * missing the sandbox refuses to run model code (fail closed).
 */

// Kept privately, before lockdown, only to prove the CSP refuses other hosts.
const probeFetch: typeof fetch | undefined = typeof fetch === 'function' ? fetch.bind(globalThis) : undefined;

const REMOVED_GLOBALS = [
  'fetch',
  'XMLHttpRequest',
  'WebSocket',
  'WebSocketStream',
  'WebTransport',
  'EventSource',
  'importScripts',
  'indexedDB',
  'caches',
  'BroadcastChannel',
  'Worker',
  'SharedWorker',
  'Request',
  'FileSystemHandle',
  'navigator',
];

export function browserLockdown(): void {
  const scope = globalThis as Record<string, unknown>;
  for (const name of REMOVED_GLOBALS) {
    // The APIs live on prototypes of the global scope; shadow them on the scope itself.
    try {
      Object.defineProperty(scope, name, { value: undefined, writable: false, configurable: false });
    } catch {
      // Already non-configurable: it was removed before.
    }
  }
}

const CSP_FIX =
  "Serve the worker script with the header Content-Security-Policy: default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self' (the dev and preview servers do; see README, Hosting).";

export async function checkBrowserWalls(): Promise<string[]> {
  const problems: string[] = [];
  try {
    new Function('return 1');
    problems.push(`JavaScript eval is allowed in the worker. ${CSP_FIX}`);
  } catch {
    // Refused by the CSP, as it must be.
  }
  if (!(await otherHostsRefused())) problems.push(`The worker can reach other hosts. ${CSP_FIX}`);
  const scope = globalThis as Record<string, unknown>;
  const left = REMOVED_GLOBALS.filter((name) => scope[name] !== undefined);
  if (left.length) problems.push(`Network globals still present in the worker: ${left.join(', ')}.`);
  return problems;
}

/**
 * A request to another origin must be refused by the CSP before it leaves.
 * The probe targets a different port on loopback, so even without the policy
 * nothing reaches another machine. A CSP refusal fires securitypolicyviolation.
 */
async function otherHostsRefused(): Promise<boolean> {
  if (!probeFetch) return true;
  const own = new URL(self.location.href);
  const port = own.port === '9' ? '7' : '9';
  const target = `${own.protocol}//127.0.0.1:${port}/excel-ai-wall-check`;
  const violation = new Promise<boolean>((resolve) => {
    self.addEventListener('securitypolicyviolation', () => resolve(true), { once: true });
    setTimeout(() => resolve(false), 1500);
  });
  await probeFetch(target, { mode: 'no-cors', cache: 'no-store' }).catch(() => undefined);
  return violation;
}
