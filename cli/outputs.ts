import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { OutputFile } from '../workers/api';
import { cleanFileName } from './terminal-text';

/**
 * Writes the sandbox's outputs under DIR; a name that would climb out of DIR is
 * never written, and control or bidi characters in a name (ESC, BEL, …) become
 * "_", so no host file name carries a terminal command.
 */
export async function writeOutputs(outputs: OutputFile[], outDir: string): Promise<string[]> {
  const root = resolve(outDir);
  const written: string[] = [];
  for (const file of outputs) {
    const target = resolve(join(root, cleanFileName(file.name)));
    if (!target.startsWith(root + sep) || written.includes(target)) continue;
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, new Uint8Array(file.bytes));
    written.push(target);
  }
  return written;
}
