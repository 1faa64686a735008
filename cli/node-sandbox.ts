/** The CLI's sandbox: a SandboxClient over a locked-down Node child process. */
import { basename, join } from 'node:path';
import { readFile } from 'node:fs/promises';
import type { InputFile } from '../workers/api';
import type { PackageLock } from '../src/packages/package-download';
import { cacheDir, prepareNodeSandbox, spawnNodeSandbox } from '../workers/node/spawn-sandbox';
import { SandboxClient } from '../src/sandbox/sandbox-client';
import { FsPackageCache } from '../src/packages/fs-package-cache';
import { FsSnapshotStore } from '../src/sandbox/fs-snapshot-store';
import { PackageManager } from '../src/packages/package-manager';
import { UsageError, requireFile } from './usage';

export interface NodeSandboxOptions {
  /** Base URL to load pandas & co. from on first import (--package-source); without it, none are offered. */
  packageSource?: string;
  /** Where download progress goes, one line per package and step (stderr for the CLI). */
  onPackageText?: (line: string) => void;
  /** false keeps one interpreter between runs (benchmarks compare the two); the default replaces it after every run. */
  freshPythonPerRun?: boolean;
}

export async function createNodeSandbox(options: NodeSandboxOptions = {}): Promise<SandboxClient> {
  const { startOptions, pyodideDir } = await prepareNodeSandbox();
  // Python starts from a memory snapshot of an earlier start when the cache has a sound one.
  const snapshots = new FsSnapshotStore(join(cacheDir(), 'snapshot'));
  const policy = { freshPythonPerRun: options.freshPythonPerRun ?? true };
  if (!options.packageSource) return new SandboxClient({ connect: spawnNodeSandbox, startOptions, snapshots, policy });
  // The lock that ships with the app (the pyodide npm package), never one from the package source.
  const packages = new PackageManager({
    loadLock: async () => JSON.parse(await readFile(join(pyodideDir, 'pyodide-lock.json'), 'utf8')) as PackageLock,
    cache: new FsPackageCache(join(cacheDir(), 'packages')),
    baseUrl: options.packageSource,
  });
  let last = '';
  packages.subscribe((activity) => {
    const line = activity.state === 'idle' ? '' : activity.state === 'failed' ? activity.error.message : activity.state === 'downloading' ? `Downloading ${activity.package}` : activity.text;
    // One line per package and step, not one per chunk.
    if (line && line !== last) options.onPackageText?.(activity.state === 'downloading' ? activity.text : line);
    last = line;
  });
  return new SandboxClient({ connect: spawnNodeSandbox, startOptions, packages, snapshots, policy });
}

/** Checks a --package-source value. */
export function packageSourceOption(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!/^https?:\/\//.test(value) || !URL.canParse(value)) throw new UsageError(`--package-source must be an http(s) URL of a folder with Pyodide's package files, got '${value}'`);
  return value;
}

export async function readInputs(paths: string[]): Promise<InputFile[]> {
  const seen = new Set<string>();
  return Promise.all(
    paths.map(async (path) => {
      requireFile(path, 'input file');
      const name = basename(path);
      if (seen.has(name.toLowerCase())) throw new UsageError(`two inputs are named '${name}'; the sandbox shows files by name, so rename one`);
      seen.add(name.toLowerCase());
      const bytes = await readFile(path);
      return { name, bytes: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) };
    }),
  );
}
