/**
 * The sandbox's virtual file system: /input (read-only copies of the user's
 * files), /output (what the code writes), and the runtime's own files, which
 * the code must not change.
 *
 * Read-only is enforced by Emscripten itself, not only by Python: every node
 * under a protected folder gets its own node/stream operations that refuse
 * writes, truncation, chmod, rename and unlink with EROFS, so even Python that
 * slips past the runner's guard (os.chmod, os.remove...) cannot change them.
 */
import type { PyodideAPI } from 'pyodide';
import { fileNameProblem, type InputFile, type OutputFile, type SandboxError } from '../api';
import { sandboxError } from './errors';

type FS = PyodideAPI['FS'];
// Emscripten's FS node; its type is not exported by pyodide's typings.
interface FsNode {
  mode: number;
  node_ops: Record<string, unknown>;
  stream_ops: Record<string, unknown>;
  contents?: Record<string, FsNode> | Uint8Array;
}

export const INPUT_DIR = '/input';
export const OUTPUT_DIR = '/output';
const SCRATCH_DIRS = ['/tmp', '/home/pyodide'];

export class VirtualFs {
  private readonly fs: FS;
  private readonly erofs: number;

  constructor(pyodide: PyodideAPI) {
    this.fs = pyodide.FS;
    this.erofs = (pyodide.ERRNO_CODES as Record<string, number>).EROFS ?? 6;
  }

  /** Empties /input, /output and the scratch folders, then writes this run's inputs read-only. */
  prepare(inputs: InputFile[]): void {
    // Folders stay (the home folder is Python's working directory); their contents go.
    for (const dir of [INPUT_DIR, OUTPUT_DIR, ...SCRATCH_DIRS]) this.emptyDir(dir);
    for (const input of inputs) {
      this.fs.writeFile(`${INPUT_DIR}/${input.name}`, new Uint8Array(input.bytes));
    }
    this.makeReadOnly(INPUT_DIR);
  }

  /** Every file under /output, with paths relative to it. */
  collectOutputs(): { files: OutputFile[]; totalBytes: number } {
    const files: OutputFile[] = [];
    let totalBytes = 0;
    const walk = (dir: string, prefix: string): void => {
      for (const entry of this.fs.readdir(dir) as string[]) {
        if (entry === '.' || entry === '..') continue;
        const path = `${dir}/${entry}`;
        const stat = this.fs.lstat(path);
        if (this.fs.isDir(stat.mode)) walk(path, `${prefix}${entry}/`);
        else if (this.fs.isFile(stat.mode)) {
          const data = this.fs.readFile(path) as Uint8Array;
          // Copy into a buffer of its own so it can be transferred without detaching the heap.
          files.push({ name: `${prefix}${entry}`, bytes: data.slice().buffer });
          totalBytes += data.byteLength;
        }
        // Symlinks and devices are not outputs: they are skipped on purpose.
      }
    };
    walk(OUTPUT_DIR, '');
    files.sort((a, b) => a.name.localeCompare(b.name));
    return { files, totalBytes };
  }

  /** Protects a folder and everything in it from any change, at the file-system level. */
  makeReadOnly(root: string): void {
    const refuse = (): never => {
      throw new this.fs.ErrnoError(this.erofs);
    };
    const guardNode = (node: FsNode): void => {
      const isDir = this.fs.isDir(node.mode);
      node.node_ops = {
        ...node.node_ops,
        setattr: refuse,
        mknod: refuse,
        rename: refuse,
        unlink: refuse,
        rmdir: refuse,
        symlink: refuse,
      };
      node.stream_ops = { ...node.stream_ops, write: refuse, allocate: refuse, msync: refuse };
      // Without write bits Emscripten also refuses opening for writing, before our ops are reached.
      node.mode = isDir ? (node.mode & ~0o7777) | 0o555 : (node.mode & ~0o7777) | 0o444;
      if (isDir && node.contents && !(node.contents instanceof Uint8Array)) {
        for (const child of Object.values(node.contents)) guardNode(child);
      }
    };
    guardNode(this.fs.lookupPath(root, { follow: true }).node as unknown as FsNode);
  }

  private emptyDir(dir: string): void {
    if (!this.exists(dir)) {
      this.fs.mkdirTree(dir);
      return;
    }
    // A protected folder from an earlier run: give it back ordinary operations first.
    this.restoreWritable(dir);
    for (const entry of this.fs.readdir(dir) as string[]) {
      if (entry !== '.' && entry !== '..') this.removeTree(`${dir}/${entry}`);
    }
  }

  private removeTree(path: string): void {
    const stat = this.fs.lstat(path);
    if (this.fs.isDir(stat.mode)) {
      for (const entry of this.fs.readdir(path) as string[]) {
        if (entry !== '.' && entry !== '..') this.removeTree(`${path}/${entry}`);
      }
      this.fs.rmdir(path);
    } else {
      this.fs.unlink(path);
    }
  }

  private restoreWritable(path: string): void {
    const node = this.fs.lookupPath(path, { follow: false }).node as unknown as FsNode;
    const memfs = (this.fs as unknown as { filesystems: { MEMFS: { ops_table: Record<string, { node: Record<string, unknown>; stream: Record<string, unknown> }> } } }).filesystems.MEMFS;
    const walk = (n: FsNode): void => {
      const table = this.fs.isDir(n.mode) ? memfs.ops_table.dir : this.fs.isFile(n.mode) ? memfs.ops_table.file : memfs.ops_table.link;
      if (table) {
        n.node_ops = table.node;
        n.stream_ops = table.stream;
      }
      n.mode = this.fs.isDir(n.mode) ? (n.mode & ~0o7777) | 0o777 : (n.mode & ~0o7777) | 0o666;
      if (this.fs.isDir(n.mode) && n.contents && !(n.contents instanceof Uint8Array)) {
        for (const child of Object.values(n.contents)) walk(child);
      }
    };
    walk(node);
  }

  private exists(path: string): boolean {
    try {
      this.fs.lstat(path);
      return true;
    } catch {
      return false;
    }
  }
}

/** Why these inputs cannot be placed in /input (a bad name, two with one name), or undefined. */
export function checkInputs(inputs: InputFile[]): SandboxError | undefined {
  const seen = new Set<string>();
  for (const input of inputs) {
    const problem = fileNameProblem(input.name);
    if (problem) return sandboxError('input', `The file name "${input.name}" cannot be used: ${problem}. Rename the file and add it again.`);
    const key = input.name.toLowerCase();
    if (seen.has(key)) return sandboxError('input', `Two files are named "${input.name}". Rename one of them and add it again.`);
    seen.add(key);
  }
  return undefined;
}
