import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, extname, join, resolve, sep } from 'node:path';
import type { OutputFile } from '../workers/api';
import { cleanFileName } from './terminal-text';

/**
 * Writes the sandbox's outputs under DIR; a name that would climb out of DIR is
 * never written, and control or bidi characters in a name (ESC, BEL, …) become
 * "_", so no host file name carries a terminal command. Two outputs whose host
 * names would be the same (after cleaning, or differing only in case, which
 * macOS and Windows folders do not tell apart) are both kept: the later one
 * gets " (2)" before its extension, so no output silently replaces another.
 * Returns the host path of each output, in order; null for one that was not written.
 */
export async function writeOutputs(outputs: OutputFile[], outDir: string): Promise<(string | null)[]> {
  const root = resolve(outDir);
  const written: (string | null)[] = [];
  const taken = new Set<string>();
  for (const file of outputs) {
    const wanted = resolve(join(root, cleanFileName(file.name)));
    if (!wanted.startsWith(root + sep)) {
      written.push(null);
      continue;
    }
    const target = unusedName(wanted, taken);
    taken.add(target.toLowerCase());
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, new Uint8Array(file.bytes));
    written.push(target);
  }
  return written;
}

/** The path itself, or "name (2).ext", "name (3).ext"… when a file of this run already holds it. */
function unusedName(path: string, taken: ReadonlySet<string>): string {
  if (!taken.has(path.toLowerCase())) return path;
  const ext = extname(path);
  const stem = path.slice(0, path.length - ext.length);
  for (let n = 2; ; n++) {
    const candidate = `${stem} (${n})${ext}`;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}
