/**
 * Our own retry loop, deadline and cancellation, the same for every provider (the SDKs'
 * retries are switched off). A provider supplies a ProviderCore: one attempt at a call,
 * and how to turn what it throws into a ModelError.
 */
import {
  ModelError,
  type GenerateRequest,
  type GenerateResult,
  type LanguageModel,
  type ProviderId,
  type StreamPart,
} from './types';
import { cancelledError } from './errors';

export interface RetryPolicy {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** Budget for the whole call, retries and streaming included. */
  timeoutMs: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** The longest server-requested wait (Retry-After) we sit through; beyond it we report the error. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 3,
  timeoutMs: 120_000,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 30_000,
};

export function retryPolicy(settings: { maxRetries?: number; timeoutMs?: number; retryPolicy?: Partial<RetryPolicy> }): RetryPolicy {
  return {
    ...DEFAULT_RETRY_POLICY,
    ...settings.retryPolicy,
    ...(settings.maxRetries !== undefined ? { maxRetries: settings.maxRetries } : {}),
    ...(settings.timeoutMs !== undefined ? { timeoutMs: settings.timeoutMs } : {}),
  };
}

/**
 * How long to wait before retry number `retryIndex` (0 for the first retry), or undefined
 * when the error must not be retried. Exponential backoff with jitter, unless the server
 * said how long to wait.
 */
export function retryDelayMs(
  error: ModelError,
  retryIndex: number,
  policy: RetryPolicy,
  remainingMs: number,
  random: () => number = Math.random,
): number | undefined {
  if (!error.isRetryable || retryIndex >= policy.maxRetries) return undefined;
  let delay: number;
  const asked = error.options.retryAfterMs;
  if (asked !== undefined) {
    if (asked > policy.maxRetryAfterMs) return undefined;
    delay = asked;
  } else {
    const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retryIndex);
    delay = Math.round(ceiling / 2 + (random() * ceiling) / 2);
  }
  // Waiting past the deadline would only turn this error into a less useful timeout.
  return delay < remainingMs ? delay : undefined;
}

/**
 * One AbortSignal for a call, aborted by the caller's signal, by the deadline, or by us
 * (when the consumer stops reading a stream). A plain controller rather than
 * AbortSignal.any/AbortSignal.timeout: the timer can be cleared when the call ends, we know
 * which of the three fired, and it works in webviews that lack AbortSignal.any.
 */
export class CallScope {
  private readonly controller = new AbortController();
  private readonly timer: ReturnType<typeof setTimeout>;
  private readonly startedAt = Date.now();
  private timedOut = false;
  private readonly onCallerAbort = (): void => this.controller.abort(this.caller?.reason);

  constructor(
    private readonly caller: AbortSignal | undefined,
    private readonly timeoutMs: number,
    private readonly onTimeout: () => ModelError,
  ) {
    this.timer = setTimeout(() => {
      this.timedOut = true;
      this.controller.abort(new DOMException('The model call took too long.', 'TimeoutError'));
    }, timeoutMs);
    if (caller?.aborted) this.controller.abort(caller.reason);
    else caller?.addEventListener('abort', this.onCallerAbort, { once: true });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** The ModelError for a call stopped by the caller or the deadline; undefined otherwise. */
  stopReason(): ModelError | undefined {
    if (this.caller?.aborted) return cancelledError(this.caller.reason);
    if (this.timedOut) return this.onTimeout();
    return undefined;
  }

  remainingMs(): number {
    return this.timeoutMs - (Date.now() - this.startedAt);
  }

  abort(): void {
    this.controller.abort();
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.caller?.removeEventListener('abort', this.onCallerAbort);
  }
}

export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted || ms <= 0) return resolve();
    // Resolving (not rejecting) on abort: the loop then asks the scope why it stopped.
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

/** What a provider streams; errors are thrown, and turned into an error part here. */
export type ProviderStreamPart = Extract<StreamPart, { type: 'text-delta' | 'finish' }>;

/** One provider, one attempt at a time; retries, deadline and cancellation are added by retryingModel. */
export interface ProviderCore {
  readonly provider: ProviderId;
  readonly modelId: string;
  generate(request: GenerateRequest, signal: AbortSignal): Promise<GenerateResult>;
  /** Must end with a finish part, or throw. */
  stream(request: GenerateRequest, signal: AbortSignal): AsyncIterable<ProviderStreamPart>;
  /** `midStream`: some of the answer had arrived when it failed. ModelErrors pass through. */
  toModelError(error: unknown, midStream: boolean): ModelError;
  timeoutError(timeoutMs: number): ModelError;
}

export function retryingModel(core: ProviderCore, policy: RetryPolicy): LanguageModel {
  return {
    provider: core.provider,
    modelId: core.modelId,
    generate: (request) => generateWithRetries(core, policy, request),
    stream: (request) => streamWithRetries(core, policy, request),
  };
}

async function generateWithRetries(core: ProviderCore, policy: RetryPolicy, request: GenerateRequest): Promise<GenerateResult> {
  const scope = new CallScope(request.signal, policy.timeoutMs, () => core.timeoutError(policy.timeoutMs));
  try {
    for (let retry = 0; ; retry++) {
      const stopped = scope.stopReason();
      if (stopped) throw stopped;
      try {
        return await core.generate(request, scope.signal);
      } catch (thrown) {
        const error = scope.stopReason() ?? core.toModelError(thrown, false);
        const delay = retryDelayMs(error, retry, policy, scope.remainingMs());
        if (delay === undefined) throw error;
        await sleep(delay, scope.signal);
      }
    }
  } finally {
    scope.dispose();
  }
}

/**
 * Retries only until the first text arrives: a half-streamed answer is never replayed,
 * because the consumer has already shown it.
 */
async function* streamWithRetries(core: ProviderCore, policy: RetryPolicy, request: GenerateRequest): AsyncGenerator<StreamPart> {
  const scope = new CallScope(request.signal, policy.timeoutMs, () => core.timeoutError(policy.timeoutMs));
  let started = false;
  try {
    for (let retry = 0; ; retry++) {
      try {
        const stopped = scope.stopReason();
        if (stopped) throw stopped;
        for await (const part of core.stream(request, scope.signal)) {
          if (part.type === 'text-delta') {
            if (part.text === '') continue;
            started = true;
          }
          // Some SDKs end a stream quietly when it is aborted, so check before passing parts on.
          const stoppedNow = scope.stopReason();
          if (stoppedNow) throw stoppedNow;
          yield part;
          if (part.type === 'finish') return;
        }
        throw scope.stopReason() ?? new ModelError('server', 'The model stream ended without a finish.');
      } catch (thrown) {
        const error = scope.stopReason() ?? core.toModelError(thrown, started);
        const delay = started ? undefined : retryDelayMs(error, retry, policy, scope.remainingMs());
        if (delay === undefined) {
          yield { type: 'error', error };
          return;
        }
        await sleep(delay, scope.signal);
      }
    }
  } finally {
    // The consumer may stop reading early: abort the request still running.
    scope.abort();
    scope.dispose();
  }
}
