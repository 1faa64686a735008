/**
 * A LanguageModel for agent tests: answers from a list or a function, records every call,
 * and can fail like a real provider (any ModelError, before or after some streamed text).
 */
import {
  ModelError,
  type ChatMessage,
  type GenerateRequest,
  type GenerateResult,
  type LanguageModel,
  type ProviderId,
  type StreamPart,
  type TokenUsage,
} from '../types';

/** A string is the answer's text. */
export type FakeAnswer =
  | string
  | ModelError
  | {
      text?: string;
      /** The answer is JSON.stringify of this. */
      json?: unknown;
      /** Streamed in these pieces (their concatenation is the text). */
      chunks?: string[];
      /** Thrown by generate; streamed after the chunks, if any. */
      error?: ModelError;
      usage?: TokenUsage;
      finishReason?: GenerateResult['finishReason'];
      warnings?: string[];
    };

export type FakeResponder = (request: GenerateRequest, callIndex: number) => FakeAnswer | Promise<FakeAnswer>;

export interface FakeCall {
  method: 'generate' | 'stream';
  messages: ChatMessage[];
  jsonSchema?: GenerateRequest['jsonSchema'];
  temperature?: number;
  maxOutputTokens?: number;
}

export class FakeModel implements LanguageModel {
  readonly provider: ProviderId;
  readonly modelId: string;
  readonly calls: FakeCall[] = [];
  private readonly answers: FakeAnswer[] | FakeResponder;

  constructor(answers: FakeAnswer[] | FakeResponder, options: { provider?: ProviderId; modelId?: string } = {}) {
    this.answers = typeof answers === 'function' ? answers : [...answers];
    this.provider = options.provider ?? 'openai';
    this.modelId = options.modelId ?? 'fake-model';
  }

  /** The last user message of each call, the usual thing to assert on. */
  get prompts(): string[] {
    return this.calls.map((call) => [...call.messages].reverse().find((m) => m.role === 'user')?.content ?? '');
  }

  async generate(request: GenerateRequest): Promise<GenerateResult> {
    const answer = normalise(await this.next('generate', request));
    if (answer.error) throw answer.error;
    return answer.result;
  }

  async *stream(request: GenerateRequest): AsyncIterable<StreamPart> {
    let answer: Normalised;
    try {
      answer = normalise(await this.next('stream', request));
    } catch (error) {
      if (error instanceof ModelError) {
        yield { type: 'error', error };
        return;
      }
      throw error;
    }
    for (const text of answer.chunks) {
      if (request.signal?.aborted) {
        yield { type: 'error', error: cancelled() };
        return;
      }
      yield { type: 'text-delta', text };
    }
    if (answer.error) yield { type: 'error', error: answer.error };
    else yield { type: 'finish', result: answer.result };
  }

  private async next(method: FakeCall['method'], request: GenerateRequest): Promise<FakeAnswer> {
    const index = this.calls.length;
    this.calls.push({
      method,
      messages: request.messages.map((m) => ({ ...m })),
      jsonSchema: request.jsonSchema ? structuredClone(request.jsonSchema) : undefined,
      temperature: request.temperature,
      maxOutputTokens: request.maxOutputTokens,
    });
    if (request.signal?.aborted) throw cancelled();
    if (typeof this.answers === 'function') return this.answers(request, index);
    const answer = this.answers[index];
    // A test that asks more often than it planned is a bug in the test or the code: say so loudly.
    if (answer === undefined) throw new Error(`FakeModel: no answer left for call ${index + 1} (${this.answers.length} given).`);
    return answer;
  }
}

interface Normalised {
  result: GenerateResult;
  chunks: string[];
  error?: ModelError;
}

function normalise(answer: FakeAnswer): Normalised {
  if (answer instanceof ModelError) return { result: result(''), chunks: [], error: answer };
  if (typeof answer === 'string') return { result: result(answer), chunks: answer ? [answer] : [] };
  const text = answer.chunks?.join('') ?? (answer.json !== undefined ? JSON.stringify(answer.json) : (answer.text ?? ''));
  return {
    result: { ...result(text), usage: answer.usage ?? {}, finishReason: answer.finishReason ?? 'stop', warnings: answer.warnings ?? [] },
    chunks: answer.chunks ?? (text ? [text] : []),
    error: answer.error,
  };
}

function result(text: string): GenerateResult {
  return { text, usage: {}, finishReason: 'stop', warnings: [] };
}

function cancelled(): ModelError {
  return new ModelError('cancelled', 'The request to the model was cancelled.');
}
