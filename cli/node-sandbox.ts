/** The CLI's sandbox: a SandboxClient over a locked-down Node child process. */
import { basename } from 'node:path';
import { readFile } from 'node:fs/promises';
import type { InputFile } from '../workers/api';
import { prepareNodeSandbox, spawnNodeSandbox } from '../workers/node/spawn-sandbox';
import { SandboxClient } from '../src/sandbox/sandbox-client';
import { UsageError, requireFile } from './usage';

export async function createNodeSandbox(): Promise<SandboxClient> {
  const { startOptions } = await prepareNodeSandbox();
  return new SandboxClient(spawnNodeSandbox, startOptions);
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
