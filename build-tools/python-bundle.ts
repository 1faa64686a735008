/**
 * Builds the Python bundle the sandbox loads next to Pyodide's core: a zip with
 *   site-packages/openpyxl, site-packages/et_xmlfile   (pure Python, copied from a local
 *                                                        Python installation, e.g. Debian's
 *                                                        python3-openpyxl / python3-et-xmlfile)
 *   sandbox/precheck.py, runner.py, input_profile/, ... (our own Python side: the folder's
 *                                                        .py/.json files and its packages)
 * and a manifest with the package versions. Nothing is downloaded: if the local
 * installation lacks a package, the build stops and says how to install it.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const SANDBOX_PYTHON_DIR = join(PROJECT_ROOT, 'workers', 'python');
export const BUNDLED_PACKAGES = ['openpyxl', 'et_xmlfile'] as const;

export interface BundleManifest {
  packages: Record<string, string>;
  sha256: string;
  bytes: number;
}

/** The Python that owns the pure-Python packages we copy. Debian's by default. */
export function bundlePython(): string {
  return process.env.EXCEL_AI_BUNDLE_PYTHON ?? (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3');
}

const ZIP_SCRIPT = String.raw`
import json, os, sys, zipfile, importlib
out, sandbox_dir = sys.argv[1], sys.argv[2]
names = sys.argv[3:]
versions = {}
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    for name in names:
        try:
            mod = importlib.import_module(name)
        except ImportError:
            sys.stderr.write("missing:" + name)
            sys.exit(3)
        versions[name] = getattr(mod, "__version__", "unknown")
        root = os.path.dirname(mod.__file__)
        for folder, dirs, files in os.walk(root):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for f in sorted(files):
                if f.endswith((".py", ".typed")) or f == "LICENSE.rst":
                    full = os.path.join(folder, f)
                    arc = "site-packages/" + name + "/" + os.path.relpath(full, root)
                    info = zipfile.ZipInfo(arc, date_time=(2020, 1, 1, 0, 0, 0))
                    info.compress_type = zipfile.ZIP_DEFLATED
                    with open(full, "rb") as fh:
                        z.writestr(info, fh.read())
    def ours(full):
        arc = "sandbox/" + os.path.relpath(full, sandbox_dir).replace(os.sep, "/")
        info = zipfile.ZipInfo(arc, date_time=(2020, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        with open(full, "rb") as fh:
            z.writestr(info, fh.read())
    def is_package(folder, d):
        return d not in ("tests", "__pycache__") and os.path.isfile(os.path.join(folder, d, "__init__.py"))
    for f in sorted(os.listdir(sandbox_dir)):
        full = os.path.join(sandbox_dir, f)
        if os.path.isfile(full) and f.endswith((".py", ".json")):  # sandbox_rules.json: the rules precheck.py and runner.py load
            ours(full)
        elif is_package(sandbox_dir, f):  # a package of ours (input_profile/): its .py files and sub-packages
            for folder, dirs, files in os.walk(full):
                dirs[:] = sorted(d for d in dirs if is_package(folder, d))
                for g in sorted(files):
                    if g.endswith(".py"):
                        ours(os.path.join(folder, g))
print(json.dumps(versions))
`;

/** Writes bundle.zip and bundle.json into outDir; returns the manifest. */
export function buildPythonBundle(outDir: string): BundleManifest {
  mkdirSync(outDir, { recursive: true });
  const zipPath = join(outDir, 'bundle.zip');
  // Several processes (test workers, a dev server) may build into the same folder while
  // a sandbox reads it: write beside it, then rename, so a reader never sees half a zip.
  const partPath = `${zipPath}.${process.pid}.part`;
  let versionsJson: string;
  try {
    versionsJson = execFileSync(bundlePython(), ['-c', ZIP_SCRIPT, partPath, SANDBOX_PYTHON_DIR, ...BUNDLED_PACKAGES], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? '');
    const missing = /missing:(\S+)/.exec(stderr)?.[1];
    throw new Error(
      missing
        ? `The Python bundle needs the pure-Python package '${missing}'. On Debian: apt-get install python3-openpyxl python3-et-xmlfile (or set EXCEL_AI_BUNDLE_PYTHON to a Python that has it).`
        : `Could not build the Python bundle with ${bundlePython()}: ${stderr || String(error)}`,
      { cause: error },
    );
  }
  renameSync(partPath, zipPath);
  const bytes = readFileSync(zipPath);
  const manifest: BundleManifest = {
    packages: JSON.parse(versionsJson) as Record<string, string>,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    bytes: bytes.length,
  };
  const jsonPart = join(outDir, `bundle.json.${process.pid}.part`);
  writeFileSync(jsonPart, JSON.stringify(manifest, null, 2));
  renameSync(jsonPart, join(outDir, 'bundle.json'));
  return manifest;
}
