import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { OutputFile } from '../workers/api';

/** Writes the sandbox's outputs under DIR; a name that would climb out of DIR is never written. */
export async function writeOutputs(outputs: OutputFile[], outDir: string): Promise<string[]> {
  const root = resolve(outDir);
  const written: string[] = [];
  for (const file of outputs) {
    const target = resolve(join(root, file.name));
    if (!target.startsWith(root + sep)) continue;
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, new Uint8Array(file.bytes));
    written.push(target);
  }
  return written;
}
