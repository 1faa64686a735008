/**
 * Vite plugin: serves and ships the sandbox's runtime from our own origin.
 *  /pyodide/*          Pyodide's core files, copied from the pyodide npm package
 *  /python/bundle.zip  openpyxl + et_xmlfile + our Python side (see python-bundle.ts)
 * and gives the worker script its own Content-Security-Policy, the platform
 * wall that stops Python from reaching the network or JavaScript's eval.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, dirname } from 'node:path';
import type { Connect, Plugin } from 'vite';
import { buildPythonBundle } from './python-bundle.ts';

const require = createRequire(import.meta.url);

export const PYODIDE_FILES = ['pyodide.mjs', 'pyodide.asm.mjs', 'pyodide.asm.wasm', 'python_stdlib.zip', 'pyodide-lock.json'];

/** The worker's policy: its own origin only, WebAssembly allowed, no eval, no other host. */
export const WORKER_CSP = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'";

const TYPES: Record<string, string> = {
  '.mjs': 'text/javascript',
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.zip': 'application/zip',
  '.json': 'application/json',
};

function contentType(name: string): string {
  return TYPES[name.slice(name.lastIndexOf('.'))] ?? 'application/octet-stream';
}

/** True for the request of a worker script: dev (`?worker_file`) and built (`/assets/python.worker-*.js`). */
export function isWorkerScript(url: string): boolean {
  return url.includes('worker_file') || /\/assets\/python\.worker-[\w-]+\.js(\?|$)/.test(url);
}

export function sandboxAssets(options: { bundleDir: string }): Plugin {
  const pyodideDir = dirname(require.resolve('pyodide/package.json'));
  let bundle: Buffer | undefined;
  let bundleJson: Buffer | undefined;
  const loadBundle = (): { zip: Buffer; json: Buffer } => {
    buildPythonBundle(options.bundleDir);
    bundle = readFileSync(join(options.bundleDir, 'bundle.zip'));
    bundleJson = readFileSync(join(options.bundleDir, 'bundle.json'));
    return { zip: bundle, json: bundleJson };
  };

  const middleware: Connect.NextHandleFunction = (req, res, next) => {
    const url = req.url ?? '';
    const path = url.split('?')[0] ?? '';
    if (isWorkerScript(url)) res.setHeader('Content-Security-Policy', WORKER_CSP);
    const pyodideFile = path.startsWith('/pyodide/') ? path.slice('/pyodide/'.length) : undefined;
    if (pyodideFile !== undefined) {
      if (!PYODIDE_FILES.includes(pyodideFile)) {
        res.statusCode = 404;
        res.end();
        return;
      }
      res.setHeader('Content-Type', contentType(pyodideFile));
      res.end(readFileSync(join(pyodideDir, pyodideFile)));
      return;
    }
    if (path === '/python/bundle.zip' || path === '/python/bundle.json') {
      const files = bundle && bundleJson ? { zip: bundle, json: bundleJson } : loadBundle();
      res.setHeader('Content-Type', contentType(path));
      res.end(path.endsWith('.zip') ? files.zip : files.json);
      return;
    }
    next();
  };

  return {
    name: 'excel-ai-sandbox-assets',
    configureServer(server) {
      server.middlewares.use(middleware);
      // Python sources change during development: rebuild the bundle when they do.
      server.watcher.add(join(process.cwd(), 'workers', 'python'));
      server.watcher.on('change', (file) => {
        if (file.includes(`${join('workers', 'python')}`) && file.endsWith('.py')) bundle = undefined;
      });
    },
    configurePreviewServer(server) {
      // Built files are served by Vite's static handler; only the CSP header is ours.
      server.middlewares.use((req, res, next) => {
        if (isWorkerScript(req.url ?? '')) res.setHeader('Content-Security-Policy', WORKER_CSP);
        next();
      });
    },
    generateBundle() {
      const files = loadBundle();
      for (const file of PYODIDE_FILES) {
        this.emitFile({ type: 'asset', fileName: `pyodide/${file}`, source: readFileSync(join(pyodideDir, file)) });
      }
      this.emitFile({ type: 'asset', fileName: 'python/bundle.zip', source: files.zip });
      this.emitFile({ type: 'asset', fileName: 'python/bundle.json', source: files.json });
    },
  };
}
