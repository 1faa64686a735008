/**
 * The CLI's package cache: one file per verified package, named by its sha256,
 * in a folder (by default next to the sandbox's other cached files). Written
 * beside and renamed, so a process starting at the same time never reads half
 * a file; the loader re-checks the hash on every read anyway. The folder is
 * checked private (this user's, 0700, no symlink) before every use.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { PackageCache } from './package-download';
import { ensurePrivateFolder, writeFilePrivately } from '../../workers/node/private-folder';

export class FsPackageCache implements PackageCache {
  constructor(private readonly dir: string) {}

  async get(sha256: string): Promise<Uint8Array | undefined> {
    try {
      return new Uint8Array(await readFile(this.path(sha256)));
    } catch {
      return undefined;
    }
  }

  async put(sha256: string, bytes: Uint8Array): Promise<void> {
    writeFilePrivately(this.path(sha256), bytes);
  }

  async has(sha256: string): Promise<boolean> {
    try {
      return (await stat(this.path(sha256))).isFile();
    } catch {
      return false;
    }
  }

  private path(sha256: string): string {
    if (!/^[0-9a-f]{64}$/i.test(sha256)) throw new Error(`not a sha256: ${sha256}`);
    return join(ensurePrivateFolder(this.dir), `${sha256.toLowerCase()}.pkg`);
  }
}
