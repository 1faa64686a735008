/**
 * Gemini through @google/genai. One attempt per call: retries, deadline and cancellation
 * come from retry.ts, so the SDK's own retries and automatic continuation stay off.
 */
import { ApiError, GoogleGenAI, type Content, type GenerateContentConfig, type GenerateContentResponse } from '@google/genai';
import {
  connectionBroke,
  endpointLabel,
  errorFromNetwork,
  errorFromServer,
  parseGoogleError,
  retryAfterFromHeaders,
  timeoutError,
  unexpectedError,
  type Endpoint,
} from './errors';
import { retryingModel, retryPolicy, type ProviderCore, type ProviderStreamPart, type RetryPolicy } from './retry';
import { ModelError, type GenerateRequest, type GenerateResult, type LanguageModel, type TokenUsage } from './types';

export const GEMINI_BASE_URL = 'https://generativelanguage.googleapis.com';

export interface GeminiSettings {
  model: string;
  apiKey?: string;
  baseUrl?: string;
  timeoutMs?: number;
  maxRetries?: number;
  /** Backoff tuning; tests shorten it. */
  retryPolicy?: Partial<RetryPolicy>;
}

export function createGeminiModel(settings: GeminiSettings): LanguageModel {
  return retryingModel(new GeminiCore(settings), retryPolicy(settings));
}

/** Finish reasons that mean Gemini would not answer; the answer so far is not usable. */
const REFUSALS = new Set([
  'SAFETY',
  'PROHIBITED_CONTENT',
  'BLOCKLIST',
  'SPII',
  'RECITATION',
  'IMAGE_SAFETY',
  'IMAGE_PROHIBITED_CONTENT',
  'IMAGE_RECITATION',
]);

class GeminiCore implements ProviderCore {
  readonly provider = 'gemini' as const;
  readonly modelId: string;
  private readonly endpoint: Endpoint;
  private readonly client: GoogleGenAI | undefined;

  constructor(settings: GeminiSettings) {
    this.modelId = settings.model;
    const baseUrl = (settings.baseUrl || GEMINI_BASE_URL).replace(/\/+$/, '');
    this.endpoint = { provider: 'gemini', label: endpointLabel('gemini', baseUrl), model: settings.model, baseUrl };
    // Without a key the SDK would read GEMINI_API_KEY from the environment (and warn); we never want that.
    this.client = settings.apiKey
      ? new GoogleGenAI({ apiKey: settings.apiKey, vertexai: false, httpOptions: { baseUrl } })
      : undefined;
  }

  async generate(request: GenerateRequest, signal: AbortSignal): Promise<GenerateResult> {
    const failed: FailedResponse = {};
    let response: GenerateContentResponse;
    try {
      response = await this.requireClient().models.generateContent({
        model: this.modelId,
        contents: toContents(request),
        config: this.config(request, signal, failed),
      });
    } catch (error) {
      throw this.toModelError(error, false, failed.headers);
    }
    const read = readResponse(response, this.endpoint);
    if (read.refusal) throw read.refusal;
    if (!response.candidates?.[0]) throw new ModelError('invalid-output', 'Gemini returned no answer. Try again.');
    return { text: read.text, usage: read.usage ?? {}, finishReason: finishReasonOf(read.finishReason), warnings: [] };
  }

  async *stream(request: GenerateRequest, signal: AbortSignal): AsyncIterable<ProviderStreamPart> {
    const failed: FailedResponse = {};
    let text = '';
    let usage: TokenUsage | undefined;
    let finishReason: string | undefined;
    try {
      const chunks = await this.requireClient().models.generateContentStream({
        model: this.modelId,
        contents: toContents(request),
        config: this.config(request, signal, failed),
      });
      for await (const chunk of chunks) {
        const read = readResponse(chunk, this.endpoint);
        if (read.text) {
          text += read.text;
          yield { type: 'text-delta', text: read.text };
        }
        if (read.refusal) throw read.refusal;
        usage = read.usage ?? usage;
        finishReason = read.finishReason ?? finishReason;
      }
    } catch (error) {
      throw this.toModelError(error, text !== '', failed.headers);
    }
    // Gemini marks its last chunk with a finish reason; a stream without one was cut off.
    if (finishReason === undefined) throw connectionBroke(this.endpoint, text !== '');
    yield { type: 'finish', result: { text, usage: usage ?? {}, finishReason: finishReasonOf(finishReason), warnings: [] } };
  }

  toModelError(error: unknown, midStream: boolean, headers?: Headers): ModelError {
    if (error instanceof ModelError) return error;
    if (error instanceof ApiError) {
      const failure = parseGoogleError(error.status, error.message);
      failure.retryAfterMs ??= retryAfterFromHeaders(headers);
      return errorFromServer(failure, this.endpoint, error);
    }
    const network = errorFromNetwork(error, this.endpoint, midStream);
    if (network) return network;
    // The SDK's SSE reader says this when the connection closes inside an event.
    if (error instanceof Error && /Incomplete JSON segment|exception parsing stream chunk/.test(error.message)) {
      return connectionBroke(this.endpoint, midStream, error);
    }
    return unexpectedError(error, this.endpoint);
  }

  timeoutError(timeoutMs: number): ModelError {
    return timeoutError(this.endpoint, timeoutMs);
  }

  private requireClient(): GoogleGenAI {
    if (this.client) return this.client;
    throw new ModelError(
      'auth',
      'No Gemini API key is set. Add one in Settings (it is stored only on this computer); a free key is at https://aistudio.google.com/apikey.',
    );
  }

  private config(request: GenerateRequest, signal: AbortSignal, failed: FailedResponse): GenerateContentConfig {
    const system = request.messages.filter((m) => m.role === 'system').map((m) => m.content);
    const config: GenerateContentConfig = {
      abortSignal: signal,
      automaticContinuation: false,
      // Our own fetch only to keep the headers of a failed response (ApiError keeps status and
      // body, not Retry-After). A custom fetch also means the SDK skips its no-timeout undici
      // dispatcher; undici's 300 s default is above our deadline.
      httpOptions: {
        fetch: async (input, init) => {
          const response = await globalThis.fetch(input, init);
          if (!response.ok) failed.headers = response.headers;
          return response;
        },
      },
    };
    if (system.length > 0) config.systemInstruction = system.join('\n\n');
    if (request.temperature !== undefined) config.temperature = request.temperature;
    if (request.maxOutputTokens !== undefined) config.maxOutputTokens = request.maxOutputTokens;
    if (request.jsonSchema) {
      config.responseMimeType = 'application/json';
      // responseJsonSchema takes standard JSON Schema; responseSchema wants Gemini's OpenAPI subset.
      config.responseJsonSchema = request.jsonSchema.schema;
    }
    return config;
  }
}

interface FailedResponse {
  headers?: Headers;
}

function toContents(request: GenerateRequest): Content[] {
  return request.messages
    .filter((m) => m.role !== 'system')
    .map((m) => ({ role: m.role === 'assistant' ? 'model' : 'user', parts: [{ text: m.content }] }));
}

interface ReadResponse {
  text: string;
  finishReason?: string;
  usage?: TokenUsage;
  refusal?: ModelError;
}

function readResponse(response: GenerateContentResponse, endpoint: Endpoint): ReadResponse {
  const candidate = response.candidates?.[0];
  const text = (candidate?.content?.parts ?? [])
    .filter((part) => typeof part.text === 'string' && !part.thought)
    .map((part) => part.text)
    .join('');
  const read: ReadResponse = { text, finishReason: candidate?.finishReason, usage: usageOf(response) };
  const blocked = response.promptFeedback?.blockReason;
  if (blocked) {
    read.refusal = new ModelError(
      'refused',
      `${endpoint.label} refused to read this request (blocked: ${blocked}). Rephrase it, or leave out content that could look harmful.`,
    );
  } else if (candidate?.finishReason && REFUSALS.has(candidate.finishReason)) {
    const why =
      candidate.finishReason === 'RECITATION'
        ? 'the answer would have repeated protected text'
        : `safety filter: ${candidate.finishReason}`;
    read.refusal = new ModelError('refused', `${endpoint.label} stopped answering (${why}). Rephrase the request.`);
  }
  return read;
}

function usageOf(response: GenerateContentResponse): TokenUsage | undefined {
  const meta = response.usageMetadata;
  if (!meta) return undefined;
  const output =
    meta.candidatesTokenCount === undefined && meta.thoughtsTokenCount === undefined
      ? undefined
      : (meta.candidatesTokenCount ?? 0) + (meta.thoughtsTokenCount ?? 0);
  return { inputTokens: meta.promptTokenCount, outputTokens: output, totalTokens: meta.totalTokenCount };
}

function finishReasonOf(reason: string | undefined): GenerateResult['finishReason'] {
  if (reason === 'STOP') return 'stop';
  if (reason === 'MAX_TOKENS') return 'length';
  return 'other';
}
