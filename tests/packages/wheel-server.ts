/**
 * Test wheels and a local package server. Wheels are built by /usr/bin/python3's
 * zipfile (a real zip writer), then served from 127.0.0.1 only.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { LockPackage, PackageLock } from '../../src/packages/package-download';

export interface TestWheel {
  meta: LockPackage;
  bytes: Uint8Array;
}

const ZIP_SCRIPT = `
import io, json, sys, zipfile
spec = json.load(sys.stdin)
buf = io.BytesIO()
with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
    for name, text in spec.items():
        z.writestr(zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0)), text)
sys.stdout.buffer.write(buf.getvalue())
`;

export function makeZip(files: Record<string, string>): Uint8Array {
  return new Uint8Array(execFileSync('/usr/bin/python3', ['-c', ZIP_SCRIPT], { input: JSON.stringify(files) }));
}

/** A pure-Python wheel: `<name>/__init__.py` with `source`, plus a minimal dist-info. */
export function makeWheel(name: string, source: string, depends: string[] = [], version = '1.0.0'): TestWheel {
  const dist = `${name}-${version}.dist-info`;
  const bytes = makeZip({
    [`${name}/__init__.py`]: source,
    [`${dist}/METADATA`]: `Metadata-Version: 2.1\nName: ${name}\nVersion: ${version}\n${depends.map((d) => `Requires-Dist: ${d}\n`).join('')}`,
    [`${dist}/WHEEL`]: 'Wheel-Version: 1.0\nGenerator: excel-ai-tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n',
    [`${dist}/RECORD`]: '',
  });
  return {
    bytes,
    meta: {
      name,
      version,
      file_name: `${name}-${version}-py3-none-any.whl`,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      depends,
      imports: [name],
      install_dir: 'site',
      package_type: 'package',
    },
  };
}

export function lockOf(wheels: TestWheel[]): PackageLock {
  return { info: { abi_version: 'test' }, packages: Object.fromEntries(wheels.map((w) => [w.meta.name, w.meta])) };
}

export interface ServeOptions {
  /** Send each file in chunks of this many bytes, with `delayMs` between them, without Content-Length. */
  chunkBytes?: number;
  delayMs?: number;
  /** Answer with `Access-Control-Allow-Origin: *`, as a package source for a browser pane must (Pyodide's CDN does). */
  cors?: boolean;
}

export interface PackageServer {
  url: string;
  /** Paths requested, in order. */
  requests: string[];
  close(): Promise<void>;
}

/** Serves `files` (name → bytes) under `/<prefix>/`; anything else is a 404. */
export async function servePackages(files: Map<string, Uint8Array>, options: ServeOptions = {}): Promise<PackageServer> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/');
    requests.push(path);
    if (options.cors) res.setHeader('Access-Control-Allow-Origin', '*');
    const bytes = files.get(path.slice(1));
    if (!bytes) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    if (!options.chunkBytes) {
      res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': String(bytes.byteLength) }).end(bytes);
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
    const step = options.chunkBytes;
    let at = 0;
    const timers = new Set<NodeJS.Timeout>();
    const send = () => {
      if (res.destroyed) return;
      res.write(bytes.subarray(at, at + step));
      at += step;
      if (at >= bytes.byteLength) res.end();
      else {
        const t = setTimeout(() => {
          timers.delete(t);
          send();
        }, options.delayMs ?? 20);
        timers.add(t);
      }
    };
    res.on('close', () => timers.forEach(clearTimeout));
    send();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  return {
    url: `http://127.0.0.1:${address.port}/`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A fetch that records every URL and refuses any host but 127.0.0.1. */
export function recordingFetch(): { fetch: typeof fetch; urls: string[] } {
  const urls: string[] = [];
  const real = globalThis.fetch;
  const wrapped: typeof fetch = (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    urls.push(url);
    if (new URL(url).hostname !== '127.0.0.1') return Promise.reject(new Error(`test refused a request to ${url}`));
    return real(input, init);
  };
  return { fetch: wrapped, urls };
}
