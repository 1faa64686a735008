/**
 * One interface for every model provider. The agent talks to this, never to an SDK.
 * Providers know nothing of the agent.
 */

import type { ProviderId } from './providers';

export type { ProviderId };

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface GenerateRequest {
  messages: ChatMessage[];
  /**
   * When set, the model must answer with JSON matching this JSON Schema
   * (Gemini: responseSchema; OpenAI-compatible: response_format json_schema, or json_object
   * where the endpoint has no schema support). The text part holds the JSON.
   */
  jsonSchema?: { name: string; schema: Record<string, unknown> };
  temperature?: number;
  maxOutputTokens?: number;
  signal?: AbortSignal;
}

export interface TokenUsage {
  inputTokens?: number;
  outputTokens?: number;
  totalTokens?: number;
}

export interface GenerateResult {
  text: string;
  usage: TokenUsage;
  finishReason: 'stop' | 'length' | 'content-filter' | 'other';
  /** Settings the provider could not honour (e.g. no schema support): warnings, not errors. */
  warnings: string[];
}

export type StreamPart =
  | { type: 'text-delta'; text: string }
  | { type: 'finish'; result: GenerateResult }
  | { type: 'error'; error: ModelError };

export interface LanguageModel {
  readonly provider: ProviderId;
  readonly modelId: string;
  generate(request: GenerateRequest): Promise<GenerateResult>;
  stream(request: GenerateRequest): AsyncIterable<StreamPart>;
}

export type ModelErrorKind =
  | 'auth' // bad or missing key
  | 'model-not-found'
  | 'quota' // quota exhausted / rate limited beyond retries
  | 'refused' // safety / content filter
  | 'unreachable' // network error, DNS, connection refused
  | 'timeout'
  | 'cancelled'
  | 'bad-request'
  | 'server' // 5xx after retries
  | 'invalid-output'; // answer not in the requested shape

/** A model failure as a value a user can act on. */
export class ModelError extends Error {
  override readonly name = 'ModelError';
  constructor(
    readonly kind: ModelErrorKind,
    message: string,
    readonly options: {
      status?: number;
      isRetryable?: boolean;
      /** How long the server asked us to wait before trying again (Retry-After, RetryInfo). */
      retryAfterMs?: number;
      cause?: unknown;
    } = {},
  ) {
    super(message, { cause: options.cause });
  }

  get isRetryable(): boolean {
    return this.options.isRetryable ?? false;
  }
}
