/**
 * Files count against the run's memory limit, at write time.
 *
 * Emscripten's MEMFS keeps file data in JavaScript typed arrays, outside the
 * capped WebAssembly heap: without this, four os.truncate(path, 1500 MiB)
 * calls take gigabytes while the heap cap sees nothing. Every way a MEMFS
 * file gets bigger goes through MEMFS.expandFileStorage (write, allocate,
 * msync) or MEMFS.resizeFileStorage (truncate, setattr size); every new file,
 * folder or link goes through MEMFS.createNode. These are wrapped here, in
 * JavaScript, where Python cannot reach: past the budget they throw ENOSPC,
 * which Python sees as OSError(errno.ENOSPC), and the supervisor remembers
 * that it refused so the run ends as `memory` whatever the code does next.
 *
 * The budget: heap bytes + file bytes <= the run's memory limit (the heap
 * cap in memory-cap.ts counts file bytes the same way), so one number bounds
 * everything Python holds. Data written is charged by the capacity MEMFS
 * really allocated; each node costs NODE_BYTES plus its name, so a million
 * empty files are refused too. Deleting a file gives its bytes back only when
 * no open file still holds it.
 */
import type { PyodideAPI } from 'pyodide';

/** What one file, folder or link costs besides its data: the node object and its directory entry. */
export const NODE_BYTES = 1024;

interface MemfsNode {
  contents?: Uint8Array | Int8Array | Record<string, MemfsNode> | string | null;
}
interface MemfsStream {
  node: MemfsNode;
}
type Write = (stream: MemfsStream, buffer: Uint8Array, offset: number, length: number, position: number, canOwn?: boolean) => number;
type Unlink = (parent: MemfsNode, name: string) => void;
interface Memfs {
  expandFileStorage(node: MemfsNode, newCapacity: number): void;
  resizeFileStorage(node: MemfsNode, newSize: number): void;
  createNode(parent: MemfsNode | null, name: string, mode: number, dev: number): MemfsNode;
  ops_table: { dir: { node: { unlink: Unlink } }; file: { stream: { write: Write } } } | null;
  node_ops: { unlink: Unlink };
  stream_ops: { write: Write };
}

export interface FileBudgetRefusal {
  /** Bytes of files the code tried to hold when it was refused. */
  wantedFileBytes: number;
  /** The heap's size then. */
  heapBytes: number;
  limitBytes: number;
}

export class FileBudget {
  /** Per node: its data bytes charged in this run, and its node cost. */
  private dataCharged = new WeakMap<MemfsNode, number>();
  private nodeCost = new WeakMap<MemfsNode, number>();
  private usedBytes = 0;
  private limitBytes = Number.POSITIVE_INFINITY;
  private refusal: FileBudgetRefusal | undefined;
  private readonly fs: PyodideAPI['FS'];
  private readonly enospc: number;

  constructor(
    pyodide: PyodideAPI,
    /** The WebAssembly heap's size now: heap and files share the limit. */
    private readonly heapBytes: () => number,
  ) {
    this.fs = pyodide.FS;
    this.enospc = (pyodide.ERRNO_CODES as Record<string, number>).ENOSPC ?? 28;
    const memfs = (this.fs as unknown as { filesystems: { MEMFS: Memfs } }).filesystems.MEMFS;
    // The ops table is built by the first createNode; the root folder made it long ago.
    if (!memfs.ops_table) throw new Error('MEMFS has no operations table yet; the file budget cannot be installed.');
    this.install(memfs, memfs.ops_table);
  }

  /** Starts a run's accounting: nothing charged yet, `limitBytes` for heap + files. */
  begin(limitBytes: number): void {
    this.dataCharged = new WeakMap();
    this.nodeCost = new WeakMap();
    this.usedBytes = 0;
    this.limitBytes = limitBytes;
    this.refusal = undefined;
  }

  /** Ends the run's accounting (the supervisor's own file work is not charged). */
  end(): void {
    this.limitBytes = Number.POSITIVE_INFINITY;
  }

  /** Bytes the run's files hold now, as charged. */
  get fileBytes(): number {
    return this.usedBytes;
  }

  /** Set when something was refused during this run. */
  get refused(): FileBudgetRefusal | undefined {
    return this.refusal;
  }

  private install(memfs: Memfs, table: NonNullable<Memfs['ops_table']>): void {
    const expand = memfs.expandFileStorage.bind(memfs);
    const resize = memfs.resizeFileStorage.bind(memfs);
    const createNode = memfs.createNode.bind(memfs);
    const write = table.file.stream.write;
    const unlink = table.dir.node.unlink;

    memfs.expandFileStorage = (node, newCapacity) => this.growTo(node, newCapacity, () => expand(node, newCapacity));
    memfs.resizeFileStorage = (node, newSize) => this.growTo(node, newSize, () => resize(node, newSize));
    // MEMFS.write fills an empty file without expandFileStorage (it copies the buffer whole): wrapped too.
    const writeCounted: Write = (stream, buffer, offset, length, position, canOwn) => {
      let written = 0;
      this.growTo(stream.node, position + length, () => {
        written = write(stream, buffer, offset, length, position, canOwn);
      });
      return written;
    };
    table.file.stream.write = writeCounted;
    memfs.stream_ops.write = writeCounted; // msync calls it by this name
    memfs.createNode = (parent, name, mode, dev) => {
      const cost = NODE_BYTES + String(name).length * 2;
      this.check(cost);
      const node = createNode(parent, name, mode, dev);
      this.usedBytes += cost;
      this.nodeCost.set(node, cost);
      return node;
    };
    const unlinkCounted: Unlink = (parent, name) => {
      const entries = parent.contents;
      const node = entries && typeof entries === 'object' && !ArrayBuffer.isView(entries) ? entries[name] : undefined;
      unlink(parent, name);
      // A file still open keeps its bytes alive, so they stay charged.
      if (node && !this.isOpen(node)) {
        this.usedBytes -= (this.dataCharged.get(node) ?? 0) + (this.nodeCost.get(node) ?? 0);
        this.dataCharged.delete(node);
        this.nodeCost.delete(node);
      }
    };
    table.dir.node.unlink = unlinkCounted;
    memfs.node_ops.unlink = unlinkCounted;
  }

  /**
   * Runs `allocate` only if the node may hold `wanted` data bytes, then charges
   * what MEMFS really holds. Data a node had before this run is charged on its
   * first growth (conservative: the supervisor's own inputs are read-only).
   */
  private growTo(node: MemfsNode, wanted: number, allocate: () => void): void {
    const was = this.dataCharged.get(node) ?? 0;
    if (wanted > was) this.check(wanted - was);
    allocate();
    // Any typed array: a first write copies a slice of HEAP8, an Int8Array.
    const now = ArrayBuffer.isView(node.contents) ? node.contents.byteLength : 0;
    this.usedBytes += now - was;
    this.dataCharged.set(node, now);
  }

  private check(extra: number): void {
    const wanted = this.usedBytes + extra;
    const heap = this.heapBytes();
    if (heap + wanted > this.limitBytes) {
      this.refusal ??= { wantedFileBytes: wanted, heapBytes: heap, limitBytes: this.limitBytes };
      throw new this.fs.ErrnoError(this.enospc);
    }
  }

  private isOpen(node: MemfsNode): boolean {
    const streams = (this.fs as unknown as { streams?: ({ node?: unknown } | null | undefined)[] }).streams ?? [];
    return streams.some((s) => s?.node === node);
  }
}
