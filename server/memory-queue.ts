/**
 * One server's own FIFO line with bounded concurrency (the default queue).
 * Jobs waiting here are lost with the process; store.open() then reports
 * them failed at the next start.
 */
import type { JobQueue, QueueHooks, QueueStats } from './queue';

interface Running {
  controller: AbortController;
  settled: Promise<void>;
}

export class MemoryQueue implements JobQueue {
  readonly mode = 'memory';
  private readonly waiting: string[] = [];
  private readonly running = new Map<string, Running>();
  private stopped = false;

  constructor(
    readonly concurrency: number,
    private readonly replica: string,
    private readonly hooks: QueueHooks,
  ) {}

  async start(): Promise<void> {}

  async enqueue(id: string): Promise<void> {
    if (this.stopped) throw new Error('The queue is stopped.');
    this.waiting.push(id);
    this.pump();
  }

  async position(id: string): Promise<number | undefined> {
    const index = this.waiting.indexOf(id);
    return index < 0 ? undefined : index + 1;
  }

  async tracked(id: string): Promise<boolean> {
    return this.waiting.includes(id) || this.running.has(id);
  }

  async remove(id: string): Promise<boolean> {
    const index = this.waiting.indexOf(id);
    if (index < 0) return false;
    this.waiting.splice(index, 1);
    this.hooks.noticed(null);
    return true;
  }

  async abort(id: string, reason = 'cancel'): Promise<void> {
    const entry = this.running.get(id);
    if (!entry) return;
    entry.controller.abort(reason);
    await entry.settled;
  }

  announce(id: string | null): void {
    this.hooks.noticed(id);
  }

  async stats(): Promise<QueueStats> {
    return { waiting: this.waiting.length, running: this.running.size, concurrency: this.concurrency, mode: this.mode, replica: this.replica };
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.waiting.length = 0;
    await Promise.all([...this.running.keys()].map((id) => this.abort(id, 'shutdown')));
  }

  private pump(): void {
    let moved = false;
    while (!this.stopped && this.running.size < this.concurrency && this.waiting.length > 0) {
      const id = this.waiting.shift()!;
      const controller = new AbortController();
      // A run that throws is its own bug; the slot must be freed all the same.
      const settled = Promise.resolve()
        .then(() => this.hooks.run(id, controller.signal))
        .then(
          () => {},
          () => {},
        )
        .finally(() => {
          this.running.delete(id);
          this.pump();
        });
      this.running.set(id, { controller, settled });
      moved = true;
    }
    if (moved) this.hooks.noticed(null);
  }
}
