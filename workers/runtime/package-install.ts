/**
 * Installs verified package files (wheels, zips) into Pyodide, in the worker: unpack into
 * site-packages, preload shared libraries as Pyodide's own loader does. The files were
 * resolved, downloaded and checked against the lock by src/packages/ before they came here.
 */
import type { PyodideAPI } from 'pyodide';
import type { PackageMeta } from '../api';
import { describeError } from '../api';
import { PackageLoadError } from './package-error';

type LockPackage = PackageMeta;

/** Where Pyodide puts shared libraries (`install_dir: "dynlib"`); on its default LD_LIBRARY_PATH. */
const DYNLIB_DIR = '/usr/lib';

/** What installWheel needs of Pyodide; a narrow slice so it is easy to fake. */
export type InstallTarget = Pick<PyodideAPI, 'unpackArchive' | 'runPython' | 'loadedPackages'>;

/**
 * Pyodide internals used to preload shared libraries, as Pyodide's own
 * loadPackage does. Not public API: `_api.loadDynlib` may change between
 * Pyodide versions, so it is feature-detected. Without it, an extension
 * module's .so is still loaded by Python's import (a synchronous dlopen, which
 * works in workers and Node, not on a browser's main thread for large files);
 * libraries of `shared_library` packages are then found through
 * LD_LIBRARY_PATH (/usr/lib) when a dependent module is loaded.
 */
interface PyodideInternals {
  _api?: { loadDynlib?: (path: string, global: boolean) => Promise<void>; sitepackages?: string };
}

export interface InstallOptions {
  /** Python's site-packages; asked from Python when not given. */
  sitePackages?: string;
  /** Recorded in `pyodide.loadedPackages`, so Pyodide's loadPackage will not reinstall it. */
  source?: string;
}

export interface InstallResult {
  /** Where the archive was unpacked. */
  extractDir: string;
  /** Shared libraries in the archive, as absolute paths. */
  dynlibs: string[];
  /** True when they were preloaded through Pyodide's internal loadDynlib. */
  dynlibsPreloaded: boolean;
}

/**
 * Unpacks one verified package file into Pyodide's file system (site-packages
 * for wheels, /usr/lib for shared libraries) and preloads its shared libraries.
 */
export async function installWheel(pyodide: InstallTarget, bytes: Uint8Array, meta: LockPackage, options: InstallOptions = {}): Promise<InstallResult> {
  const extractDir = meta.install_dir === 'dynlib' ? DYNLIB_DIR : (options.sitePackages ?? sitePackagesOf(pyodide));
  const format = archiveFormat(meta.file_name);
  let entries: string[];
  try {
    entries = listZipEntries(bytes);
  } catch (error) {
    throw new PackageLoadError('install', `Package "${meta.name}" is not a readable archive (${describeError(error)}).`, meta.name);
  }
  try {
    pyodide.unpackArchive(bytes, format, { extractDir });
  } catch (error) {
    throw new PackageLoadError('install', `Package "${meta.name}" could not be unpacked: ${describeError(error)}`, meta.name);
  }
  const dynlibs = entries.filter(shouldLoadDynlib).map((entry) => `${extractDir.replace(/\/$/, '')}/${entry}`);
  const loadDynlib = (pyodide as InstallTarget & PyodideInternals)._api?.loadDynlib;
  let dynlibsPreloaded = false;
  if (dynlibs.length && typeof loadDynlib === 'function') {
    for (const lib of dynlibs) {
      try {
        // Shared libraries are loaded globally so the extension modules that need them can link.
        await loadDynlib(lib, meta.install_dir === 'dynlib');
      } catch (error) {
        throw new PackageLoadError('install', `Package "${meta.name}": the library ${lib} could not be loaded (${describeError(error)}).`, meta.name);
      }
    }
    dynlibsPreloaded = true;
  }
  pyodide.runPython('import importlib\nimportlib.invalidate_caches()');
  pyodide.loadedPackages[meta.name] = options.source ?? 'excel-ai package source';
  return { extractDir, dynlibs, dynlibsPreloaded };
}

export function sitePackagesOf(pyodide: InstallTarget): string {
  const internal = (pyodide as InstallTarget & PyodideInternals)._api?.sitepackages;
  if (typeof internal === 'string') return internal;
  return String(pyodide.runPython('import site\nsite.getsitepackages()[0]'));
}

function archiveFormat(fileName: string): string {
  if (fileName.endsWith('.whl')) return 'whl';
  if (fileName.endsWith('.zip')) return 'zip';
  throw new PackageLoadError('install', `The package file "${fileName}" is neither a wheel nor a zip archive.`);
}

/**
 * Mirrors Pyodide's rule (pyodide/_package_loader.py `should_load_dynlib`):
 * a .so (optionally versioned) whose tag is ours or is no interpreter's tag.
 */
export function shouldLoadDynlib(path: string): boolean {
  const name = path.split('/').pop() ?? '';
  if (!/\.so(\.\d+)*$/.test(name)) return false;
  const parts = name.split('.');
  const soAt = parts.lastIndexOf('so');
  const tag = soAt > 1 ? `.${parts[soAt - 1]}` : '';
  if (/^\.cpython-\d+-wasm32-emscripten$/.test(tag) || tag === '.abi3') return true;
  return !/^\.(cpython|pypy|jython)-[0-9]{2,}[a-z]*(-[a-z0-9_-]*)?/.test(tag);
}

/** File names in a zip archive, from its central directory (zip64 included). Folders are left out. */
export function listZipEntries(bytes: Uint8Array): string[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const EOCD = 0x06054b50;
  let eocd = -1;
  // The end record sits in the last 22 bytes plus a comment of at most 64 KiB.
  for (let i = bytes.byteLength - 22; i >= Math.max(0, bytes.byteLength - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('no zip end record');
  let count = view.getUint16(eocd + 10, true);
  let offset = view.getUint32(eocd + 16, true);
  if ((count === 0xffff || offset === 0xffffffff) && eocd >= 20 && view.getUint32(eocd - 20, true) === 0x07064b50) {
    const zip64 = Number(view.getBigUint64(eocd - 12, true));
    if (view.getUint32(zip64, true) !== 0x06064b50) throw new Error('bad zip64 end record');
    count = Number(view.getBigUint64(zip64 + 32, true));
    offset = Number(view.getBigUint64(zip64 + 48, true));
  }
  const decoder = new TextDecoder();
  const names: string[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.byteLength || view.getUint32(at, true) !== 0x02014b50) throw new Error('bad zip central directory');
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    if (!name.endsWith('/')) names.push(name);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

/**
 * Top-level modules a script imports that cannot be found, from its AST only:
 * nothing of the script runs. Modules the lockdown refuses count as present
 * (the pre-check explains those), so they never trigger a download.
 */
export const MISSING_IMPORTS_PY = `
import ast, importlib.util, json, sys

def missing_imports(code):
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError):
        return "[]"
    roots = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            names = [node.module]
        else:
            continue
        for name in names:
            root = name.split(".")[0]
            if root and root not in roots:
                roots.append(root)
    missing = []
    for root in roots:
        if root in sys.modules:
            continue
        try:
            if importlib.util.find_spec(root) is None:
                missing.append(root)
        except Exception:
            pass
    return json.dumps(missing)
`;
