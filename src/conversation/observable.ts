/**
 * State that the pane renders and the CLI may watch: `getState()` returns the same
 * object until something changed, and `subscribe` calls back after each change
 * (the contract of React's useSyncExternalStore).
 */
export class Observable<S extends object> {
  private readonly listeners = new Set<() => void>();

  constructor(protected state: S) {}

  getState = (): S => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  protected update(patch: Partial<S>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }
}
