/**
 * Folders only the current user can write, for the files the sandbox runs or
 * loads (its child script, the Python bundle, the snapshot, the package cache).
 * A file another local user could plant or swap there would run before the
 * sandbox closes the network, so every use checks the folder again:
 * a real folder (never a symlink), owned by this user, mode 0700 or stricter,
 * and every folder above it one that no other user can rename or replace
 * entries in (owned by root or this user, not group/world-writable unless sticky, like /tmp).
 */
import { chmodSync, closeSync, lstatSync, mkdirSync, openSync, realpathSync, renameSync, writeSync, type Stats } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { dirname, join, resolve, sep } from 'node:path';

/** The folder cannot be trusted; the message says what is wrong and how to fix it. */
export class UnsafeFolderError extends Error {}

const me = (): number | undefined => process.getuid?.();

const HOW_TO_FIX = 'remove it or set EXCEL_AI_CACHE_DIR to a folder of your own';

function describeOwner(stats: Stats): string {
  return stats.uid === 0 ? 'root' : `another user (uid ${stats.uid})`;
}

/** A folder above the cache: nobody but root or this user may swap what it holds. */
function checkAncestor(path: string, stats: Stats): void {
  const uid = me();
  if (uid === undefined) return;
  if (stats.uid !== 0 && stats.uid !== uid) {
    throw new UnsafeFolderError(`The sandbox cache folder cannot be used: ${path}, a folder above it, belongs to ${describeOwner(stats)}, who could replace the sandbox's files; ${HOW_TO_FIX}.`);
  }
  if (stats.isSymbolicLink()) return; // its target is checked through the resolved path
  const sticky = (stats.mode & 0o1000) !== 0;
  if ((stats.mode & 0o022) !== 0 && !sticky) {
    throw new UnsafeFolderError(`The sandbox cache folder cannot be used: ${path}, a folder above it, can be written by other users, who could replace the sandbox's files; make it writable only by its owner (chmod go-w ${path}) or set EXCEL_AI_CACHE_DIR to a folder of your own.`);
  }
}

function checkAncestors(path: string): void {
  const parts = path.split(sep).filter(Boolean);
  for (let i = 1; i <= parts.length; i++) {
    const prefix = sep + parts.slice(0, i).join(sep);
    checkAncestor(prefix, lstatSync(prefix));
  }
}

/** The folder itself: a real folder, this user's, nobody else's permissions. */
function checkLeaf(path: string): void {
  let stats: Stats;
  try {
    stats = lstatSync(path);
  } catch (error) {
    throw new UnsafeFolderError(`The sandbox cache folder ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)}); ${HOW_TO_FIX}.`);
  }
  if (stats.isSymbolicLink()) throw new UnsafeFolderError(`The sandbox cache folder ${path} is a symbolic link, which someone could point elsewhere; ${HOW_TO_FIX}.`);
  if (!stats.isDirectory()) throw new UnsafeFolderError(`The sandbox cache folder ${path} is not a folder; ${HOW_TO_FIX}.`);
  const uid = me();
  if (uid !== undefined && stats.uid !== uid) throw new UnsafeFolderError(`The sandbox cache folder ${path} is owned by ${describeOwner(stats)}; ${HOW_TO_FIX}.`);
  if ((stats.mode & 0o077) !== 0) {
    throw new UnsafeFolderError(`The sandbox cache folder ${path} can be read or written by other users (mode ${(stats.mode & 0o777).toString(8)}); make it private (chmod 700 ${path}) or ${HOW_TO_FIX}.`);
  }
}

/**
 * Creates the folder (mode 0700) if it is missing, then checks it and every
 * folder above it; returns its absolute path. Call it before every use.
 */
export function ensurePrivateFolder(folder: string): string {
  const path = resolve(folder);
  const parent = dirname(path);
  mkdirSync(parent, { recursive: true, mode: 0o700 });
  checkAncestors(parent);
  // A parent reached through a symbolic link: the folders it really is under must hold too.
  const realParent = realpathSync(parent);
  if (realParent !== parent) checkAncestors(realParent);
  try {
    mkdirSync(path, { mode: 0o700 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  checkLeaf(path);
  return path;
}

/**
 * A folder inside a private folder: created 0700; one an earlier version left
 * more open is made private (nobody else could enter the private folder to use it).
 */
export function ensurePrivateSubfolder(privateFolder: string, name: string): string {
  const path = join(ensurePrivateFolder(privateFolder), name);
  try {
    mkdirSync(path, { mode: 0o700 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const stats = lstatSync(path);
  const uid = me();
  if (stats.isDirectory() && !stats.isSymbolicLink() && (uid === undefined || stats.uid === uid) && (stats.mode & 0o077) !== 0) chmodSync(path, 0o700);
  checkLeaf(path);
  return path;
}

/** Writes a file whole: a fresh 0600 file (O_EXCL, never an existing one or a link), then renamed in place. */
export function writeFilePrivately(target: string, bytes: Uint8Array | string): void {
  const part = `${target}.${process.pid}.${randomUUID()}.part`;
  const fd = openSync(part, 'wx', 0o600);
  try {
    const data = typeof bytes === 'string' ? Buffer.from(bytes) : bytes;
    let offset = 0;
    while (offset < data.byteLength) offset += writeSync(fd, data, offset, data.byteLength - offset);
  } finally {
    closeSync(fd);
  }
  renameSync(part, target);
}
