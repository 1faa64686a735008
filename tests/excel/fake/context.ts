/**
 * The request context and the proxy base class: Office.js's batching model.
 * Property reads need load() + sync(); writes and method calls are queued and run, in order, at sync().
 * A failing action fails the sync; the actions before it stay applied (Excel does not roll back a batch).
 */
import { FakeExcelError, notLoaded } from './errors';
import type { WorkbookState } from './state';

/** Excel on the web refuses requests and responses above 5 MB. */
export const PAYLOAD_LIMIT_BYTES = 5 * 1024 * 1024;

export interface QueuedAction {
  /** e.g. "Range.values", "WorksheetCollection.add"; failure injection matches on it. */
  label: string;
  requestBytes: number;
  /** Applies the action; returns the bytes it adds to the response. */
  run: () => number;
}

export interface FailureRule {
  label: string | RegExp;
  /** Let this many matching actions succeed first. */
  skip: number;
  message: string;
}

export interface Hooks {
  failures: FailureRule[];
  syncCount: number;
  /** Bytes each sync sent and received (a failed sync records what it got to), for payload assertions. */
  syncPayloads?: { request: number; response: number }[];
}

export class FakeContext {
  private queue: QueuedAction[] = [];
  closed = false;
  readonly tracked = new Set<FakeObject>();
  readonly trackedObjects = {
    add: (obj: FakeObject | FakeObject[]): void => {
      for (const o of Array.isArray(obj) ? obj : [obj]) this.tracked.add(o);
    },
    remove: (obj: FakeObject | FakeObject[]): void => {
      for (const o of Array.isArray(obj) ? obj : [obj]) this.tracked.delete(o);
    },
  };

  constructor(
    readonly state: WorkbookState,
    readonly hooks: Hooks,
  ) {}

  enqueue(owner: FakeObject, action: QueuedAction): void {
    if (this.closed && !this.tracked.has(owner)) {
      throw new FakeExcelError(
        'InvalidObjectPath',
        'The object path is not working for what you are trying to do. If you are using the object across multiple "context.sync" calls and outside the sequential execution of a ".run" batch, please use the "context.trackedObjects.add()" and "context.trackedObjects.remove()" methods to manage the object\'s lifetime.',
        action.label,
      );
    }
    this.queue.push(action);
  }

  async sync(): Promise<void> {
    const batch = this.queue;
    this.queue = [];
    this.hooks.syncCount += 1;
    const requestBytes = batch.reduce((n, a) => n + a.requestBytes, 0);
    if (requestBytes > PAYLOAD_LIMIT_BYTES) {
      throw new FakeExcelError('RequestPayloadSizeLimitExceeded', 'The request payload size has exceeded the limit. Please refer to the documentation: "https://docs.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins".', batch[0]?.label ?? '');
    }
    let responseBytes = 0;
    const record = { request: requestBytes, response: 0 };
    this.hooks.syncPayloads?.push(record);
    for (const action of batch) {
      this.injectFailure(action.label);
      responseBytes += action.run();
      // Loads queued while applying this one (a collection's items, "a/b" paths) belong to this same sync.
      if (this.queue.length > 0) batch.push(...this.queue.splice(0));
      record.response = responseBytes;
      if (responseBytes > PAYLOAD_LIMIT_BYTES) {
        throw new FakeExcelError('ResponsePayloadSizeLimitExceeded', 'The response payload size has exceeded the limit. Please refer to the documentation: "https://docs.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins".', action.label);
      }
    }
    await Promise.resolve();
  }

  private injectFailure(label: string): void {
    for (const rule of this.hooks.failures) {
      const matches = typeof rule.label === 'string' ? rule.label === label : rule.label.test(label);
      if (!matches) continue;
      if (rule.skip > 0) {
        rule.skip -= 1;
        continue;
      }
      this.hooks.failures.splice(this.hooks.failures.indexOf(rule), 1);
      throw new FakeExcelError('GeneralException', rule.message, label);
    }
  }
}

export type LoadOption = string | string[] | { select?: string; expand?: string };

/** Splits load("a, b/c") into top-level names and nested paths. */
export function loadNames(option: LoadOption | undefined): string[] | null {
  if (option === undefined) return null;
  const text = typeof option === 'string' ? option : Array.isArray(option) ? option.join(',') : [option.select, option.expand].filter(Boolean).join(',');
  return text.split(',').map((s) => s.trim()).filter(Boolean);
}

export function jsonBytes(value: unknown): number {
  return value === undefined ? 0 : JSON.stringify(value).length;
}

/** Base of every proxy: loaded properties, queued sets and calls. */
export abstract class FakeObject {
  protected readonly loaded = new Map<string, unknown>();
  protected abstract readonly typeName: string;
  /** Scalar properties load() without arguments fetches. */
  protected abstract readonly scalarProperties: readonly string[];

  constructor(readonly context: FakeContext) {}

  /** Reads a property's current value from the state at sync time (throws like Excel when the object is gone). */
  protected abstract readProperty(name: string): unknown;

  /** Child objects reachable by a load path such as "format/font/bold". */
  protected navigate(_name: string): FakeObject | undefined {
    return undefined;
  }

  load(option?: LoadOption): this {
    const names = loadNames(option) ?? [...this.scalarProperties];
    const own: string[] = [];
    for (const name of names) {
      const slash = name.indexOf('/');
      if (slash < 0) {
        own.push(name);
        continue;
      }
      const child = this.navigate(name.slice(0, slash));
      if (!child) throw new FakeExcelError('InvalidArgument', `Cannot load "${name}" on ${this.typeName}.`, `${this.typeName}.load`);
      child.load(name.slice(slash + 1));
    }
    if (own.length > 0) {
      this.context.enqueue(this, {
        label: `${this.typeName}.load`,
        requestBytes: 0,
        run: () => {
          let bytes = 0;
          // Office.js fills isNullObject with any load of an *OrNullObject proxy.
          try {
            const isNull = this.readProperty('isNullObject');
            if (typeof isNull === 'boolean') this.loaded.set('isNullObject', isNull);
          } catch {
            // This object type has no isNullObject.
          }
          for (const name of own) {
            const child = this.navigate(name);
            if (child) {
              child.load();
              continue;
            }
            const value = structuredClone(this.readProperty(name));
            this.loaded.set(name, value);
            bytes += jsonBytes(value);
          }
          return bytes;
        },
      });
    }
    return this;
  }

  protected get<T>(name: string): T {
    if (!this.loaded.has(name)) throw notLoaded(`${this.typeName}.${name}`);
    return this.loaded.get(name) as T;
  }

  /** A property write: queued, and readable locally at once like Office.js proxies. */
  protected set(name: string, value: unknown, apply: () => void): void {
    this.context.enqueue(this, { label: `${this.typeName}.${name}`, requestBytes: jsonBytes(value), run: () => (apply(), 0) });
    this.loaded.set(name, value);
  }

  protected call(name: string, args: unknown, apply: () => void): void {
    this.context.enqueue(this, { label: `${this.typeName}.${name}`, requestBytes: jsonBytes(args), run: () => (apply(), 0) });
  }

  /** A method whose answer arrives at sync, as OfficeExtension.ClientResult. */
  protected callWithResult<T>(name: string, args: unknown, compute: () => T): FakeClientResult<T> {
    const result = new FakeClientResult<T>(`${this.typeName}.${name}`);
    this.context.enqueue(this, {
      label: `${this.typeName}.${name}`,
      requestBytes: jsonBytes(args),
      run: () => {
        const value = compute();
        result.resolve(value);
        return jsonBytes(value);
      },
    });
    return result;
  }

  track(): this {
    this.context.trackedObjects.add(this);
    return this;
  }

  untrack(): this {
    this.context.trackedObjects.remove(this);
    return this;
  }

  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this.loaded);
  }
}

export class FakeClientResult<T> {
  private has = false;
  private v: T | undefined;
  constructor(private readonly label: string) {}
  resolve(value: T): void {
    this.v = value;
    this.has = true;
  }
  get value(): T {
    if (!this.has) throw new FakeExcelError('ValueNotLoaded', `The value of the result object has not been loaded yet. Before reading the value property, call "context.sync()" on the associated request context. (${this.label})`, this.label);
    return this.v as T;
  }
}
