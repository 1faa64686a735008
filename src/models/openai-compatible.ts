/**
 * OpenAI and compatible servers (Ollama, LM Studio, vLLM, llama.cpp) through the openai SDK.
 * One attempt per call: retries, deadline and cancellation come from retry.ts.
 * Settings a server rejects (json_schema answers, temperature) are dropped with a warning.
 */
import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import {
  cancelledError,
  capital,
  connectionBroke,
  endpointLabel,
  errorFromNetwork,
  errorFromServer,
  parseOpenAIError,
  retryAfterFromHeaders,
  timeoutError,
  unexpectedError,
  type Endpoint,
} from './errors';
import { retryingModel, retryPolicy, type ProviderCore, type ProviderStreamPart, type RetryPolicy } from './retry';
import { ModelError, type ChatMessage, type GenerateRequest, type GenerateResult, type LanguageModel, type TokenUsage } from './types';

export const OPENAI_BASE_URL = 'https://api.openai.com/v1';
export const OLLAMA_BASE_URL = 'http://localhost:11434/v1';
export const LMSTUDIO_BASE_URL = 'http://localhost:1234/v1';

export interface OpenAICompatibleSettings {
  model: string;
  /** Local servers need none. */
  apiKey?: string;
  baseUrl?: string;
  timeoutMs?: number;
  maxRetries?: number;
  /** Backoff tuning; tests shorten it. */
  retryPolicy?: Partial<RetryPolicy>;
}

export function createOpenAICompatibleModel(settings: OpenAICompatibleSettings): LanguageModel {
  const policy = retryPolicy(settings);
  return retryingModel(new OpenAICompatibleCore(settings, policy), policy);
}

type Body = OpenAI.Chat.ChatCompletionCreateParamsNonStreaming;

const JSON_OBJECT_WARNING =
  'This server cannot be held to a JSON Schema (response_format json_schema); it was asked for plain JSON instead, so the shape of the answer is only checked after it arrives.';
const TEMPERATURE_WARNING = 'This model does not accept a temperature setting; its default was used.';

class OpenAICompatibleCore implements ProviderCore {
  readonly provider = 'openai' as const;
  readonly modelId: string;
  private readonly endpoint: Endpoint;
  private readonly client: OpenAI;
  /** Learnt from rejections, so later calls do not ask again. */
  private noJsonSchema = false;
  private noTemperature = false;
  private readonly timeoutMs: number;

  constructor(settings: OpenAICompatibleSettings, policy: RetryPolicy) {
    this.modelId = settings.model;
    this.timeoutMs = policy.timeoutMs;
    const baseUrl = (settings.baseUrl || OPENAI_BASE_URL).replace(/\/+$/, '');
    this.endpoint = { provider: 'openai', label: endpointLabel('openai', baseUrl), model: settings.model, baseUrl };
    this.client = new OpenAI({
      apiKey: settings.apiKey || 'not-needed',
      baseURL: baseUrl,
      // Explicit nulls: otherwise the SDK reads OPENAI_ORG_ID / OPENAI_PROJECT_ID from the environment.
      organization: null,
      project: null,
      maxRetries: 0,
      // Our deadline (retry.ts) fires first; this only bounds a request should it not.
      timeout: policy.timeoutMs + 10_000,
      // The pane calls the model from the browser with the user's own key, on their own computer.
      dangerouslyAllowBrowser: true,
    });
  }

  async generate(request: GenerateRequest, signal: AbortSignal): Promise<GenerateResult> {
    const { value: completion, warnings } = await this.send(request, (body) =>
      this.client.chat.completions.create(body, { signal }),
    );
    const choice = completion.choices[0];
    if (!choice) throw new ModelError('invalid-output', `${capital(this.endpoint.label)} returned no answer. Try again.`);
    if (choice.finish_reason === 'content_filter' || choice.message.refusal) throw this.refusal(choice.message.refusal);
    return {
      text: choice.message.content ?? '',
      usage: usageOf(completion.usage),
      finishReason: finishReasonOf(choice.finish_reason),
      warnings,
    };
  }

  async *stream(request: GenerateRequest, signal: AbortSignal): AsyncIterable<ProviderStreamPart> {
    const { value: chunks, warnings } = await this.send(request, (body) =>
      this.client.chat.completions.create({ ...body, stream: true, stream_options: { include_usage: true } }, { signal }),
    );
    let text = '';
    let refusal = '';
    let usage: TokenUsage = {};
    let finishReason: string | undefined;
    try {
      for await (const chunk of chunks) {
        if (chunk.usage) usage = usageOf(chunk.usage);
        const choice = chunk.choices[0];
        if (!choice) continue; // the usage chunk has no choices
        const delta = choice.delta.content;
        if (delta) {
          text += delta;
          yield { type: 'text-delta', text: delta };
        }
        if (choice.delta.refusal) refusal += choice.delta.refusal;
        if (choice.finish_reason) finishReason = choice.finish_reason;
      }
    } catch (error) {
      throw this.toModelError(error, text !== '');
    }
    // The usage chunk follows the finish reason, so the stream is judged only at its end.
    if (finishReason === undefined) throw connectionBroke(this.endpoint, text !== '');
    if (finishReason === 'content_filter' || refusal) throw this.refusal(refusal);
    yield { type: 'finish', result: { text, usage, finishReason: finishReasonOf(finishReason), warnings } };
  }

  toModelError(error: unknown, midStream: boolean): ModelError {
    if (error instanceof ModelError) return error;
    if (error instanceof APIUserAbortError) return cancelledError(error);
    if (error instanceof APIConnectionTimeoutError) return timeoutError(this.endpoint, this.timeoutMs);
    if (error instanceof APIConnectionError) {
      return errorFromNetwork(error, this.endpoint, midStream) ?? connectionBroke(this.endpoint, midStream, error);
    }
    if (error instanceof APIError) {
      if (error.status === undefined) {
        // An error event inside the stream.
        const failure = parseOpenAIError(500, error.error, error.message);
        return new ModelError('server', `${capital(this.endpoint.label)} reported an error during the answer: ${failure.message ?? 'no details'}. Try again.`, {
          cause: error,
        });
      }
      const failure = parseOpenAIError(error.status, error.error, stripStatus(error.message, error.status));
      failure.retryAfterMs = retryAfterFromHeaders(error.headers);
      return errorFromServer(failure, this.endpoint, error);
    }
    return errorFromNetwork(error, this.endpoint, midStream) ?? unexpectedError(error, this.endpoint);
  }

  timeoutError(timeoutMs: number): ModelError {
    return timeoutError(this.endpoint, timeoutMs);
  }

  /** Sends, and on a rejected setting sends once more without it (at most twice). */
  private async send<T>(request: GenerateRequest, call: (body: Body) => Promise<T>): Promise<{ value: T; warnings: string[] }> {
    const warnings: string[] = [];
    if (request.jsonSchema && this.noJsonSchema) warnings.push(JSON_OBJECT_WARNING);
    if (request.temperature !== undefined && this.noTemperature) warnings.push(TEMPERATURE_WARNING);
    for (let adjustments = 0; ; adjustments++) {
      const body = this.body(request);
      try {
        return { value: await call(body), warnings };
      } catch (error) {
        const rejected = adjustments < 2 ? this.rejectedSetting(error, body) : undefined;
        if (rejected === 'json_schema') {
          this.noJsonSchema = true;
          warnings.push(JSON_OBJECT_WARNING);
        } else if (rejected === 'temperature') {
          this.noTemperature = true;
          warnings.push(TEMPERATURE_WARNING);
        } else {
          throw this.toModelError(error, false);
        }
      }
    }
  }

  private rejectedSetting(error: unknown, body: Body): 'json_schema' | 'temperature' | undefined {
    if (!(error instanceof APIError) || (error.status !== 400 && error.status !== 422)) return undefined;
    const words = `${error.message} ${error.param ?? ''}`;
    if (body.response_format?.type === 'json_schema' && /response_format|json_schema/i.test(words)) return 'json_schema';
    if (body.temperature !== undefined && /temperature/i.test(words)) return 'temperature';
    return undefined;
  }

  private body(request: GenerateRequest): Body {
    let messages: ChatMessage[] = request.messages;
    const body: Body = { model: this.modelId, messages: [] };
    if (request.temperature !== undefined && !this.noTemperature) body.temperature = request.temperature;
    if (request.maxOutputTokens !== undefined) {
      // OpenAI's newer models refuse max_tokens; many compatible servers know only max_tokens.
      if (this.endpoint.label === 'OpenAI') body.max_completion_tokens = request.maxOutputTokens;
      else body.max_tokens = request.maxOutputTokens;
    }
    if (request.jsonSchema && !this.noJsonSchema) {
      body.response_format = {
        type: 'json_schema',
        json_schema: { name: schemaName(request.jsonSchema.name), schema: request.jsonSchema.schema, strict: false },
      };
    } else if (request.jsonSchema) {
      body.response_format = { type: 'json_object' };
      // json_object mode knows no schema, and OpenAI demands the word JSON in the prompt.
      messages = withSystemNote(
        messages,
        `Answer with one JSON object that matches this JSON Schema:\n${JSON.stringify(request.jsonSchema.schema)}`,
      );
    }
    body.messages = messages.map((m) => ({ role: m.role, content: m.content }));
    return body;
  }

  private refusal(said: string | null | undefined): ModelError {
    const detail = said ? ` (${said.trim()})` : '';
    return new ModelError(
      'refused',
      `${capital(this.endpoint.label)} refused to answer (content filter)${detail}. Rephrase the request, or leave out content that could look harmful.`,
    );
  }
}

/** Some chat templates accept a system message only first, so the note joins the first one. */
function withSystemNote(messages: ChatMessage[], note: string): ChatMessage[] {
  const first = messages[0];
  if (first?.role === 'system') return [{ role: 'system', content: `${first.content}\n\n${note}` }, ...messages.slice(1)];
  return [{ role: 'system', content: note }, ...messages];
}

function schemaName(name: string): string {
  const clean = name.replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, 64);
  return clean || 'answer';
}

function usageOf(usage: OpenAI.CompletionUsage | null | undefined): TokenUsage {
  if (!usage) return {};
  return { inputTokens: usage.prompt_tokens, outputTokens: usage.completion_tokens, totalTokens: usage.total_tokens };
}

function finishReasonOf(reason: string | null | undefined): GenerateResult['finishReason'] {
  if (reason === 'stop') return 'stop';
  if (reason === 'length') return 'length';
  if (reason === 'content_filter') return 'content-filter';
  return 'other';
}

/** The SDK's message is "<status> <text>"; the text alone reads better inside ours. */
function stripStatus(message: string, status: number): string {
  return message.startsWith(`${status} `) ? message.slice(String(status).length + 1) : message;
}
