/**
 * In-memory FIFO queue with bounded concurrency. It knows nothing of
 * sandboxes: a task is a function that gets an AbortSignal and settles when
 * the job has ended. Scale-out (several servers sharing one queue) is not
 * here: see server/README.md.
 */
export type Task = (signal: AbortSignal) => Promise<void>;

export interface QueueStats {
  waiting: number;
  running: number;
  concurrency: number;
}

interface Running {
  controller: AbortController;
  settled: Promise<void>;
}

export class JobQueue {
  private readonly waiting: { id: string; task: Task }[] = [];
  private readonly running = new Map<string, Running>();
  private stopped = false;

  /** `onChange` runs whenever a job starts or the waiting line moves, so positions can be re-announced. */
  constructor(
    readonly concurrency: number,
    private readonly onChange: () => void = () => {},
  ) {}

  enqueue(id: string, task: Task): void {
    if (this.stopped) throw new Error('The queue is stopped.');
    this.waiting.push({ id, task });
    this.pump();
  }

  /** 1-based place in the waiting line, or undefined when not waiting. */
  position(id: string): number | undefined {
    const index = this.waiting.findIndex((entry) => entry.id === id);
    return index < 0 ? undefined : index + 1;
  }

  isRunning(id: string): boolean {
    return this.running.has(id);
  }

  /** Takes a waiting job out of the line. False when it was not waiting. */
  remove(id: string): boolean {
    const index = this.waiting.findIndex((entry) => entry.id === id);
    if (index < 0) return false;
    this.waiting.splice(index, 1);
    this.onChange();
    return true;
  }

  /** Aborts a running job; resolves once its task has settled (its process is gone). */
  async abort(id: string, reason = 'cancelled'): Promise<boolean> {
    const entry = this.running.get(id);
    if (!entry) return false;
    entry.controller.abort(reason);
    await entry.settled;
    return true;
  }

  stats(): QueueStats {
    return { waiting: this.waiting.length, running: this.running.size, concurrency: this.concurrency };
  }

  /** Starts nothing more, forgets the waiting line, aborts what runs and waits for it to end. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.waiting.length = 0;
    await Promise.all([...this.running.keys()].map((id) => this.abort(id, 'shutdown')));
  }

  private pump(): void {
    let moved = false;
    while (!this.stopped && this.running.size < this.concurrency && this.waiting.length > 0) {
      const { id, task } = this.waiting.shift()!;
      const controller = new AbortController();
      // A task that throws is its own bug; the slot must be freed all the same.
      const settled = Promise.resolve()
        .then(() => task(controller.signal))
        .catch(() => {})
        .finally(() => {
          this.running.delete(id);
          this.pump();
        });
      this.running.set(id, { controller, settled });
      moved = true;
    }
    if (moved) this.onChange();
  }
}
