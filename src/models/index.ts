/** Model providers behind one interface. The agent and the UI import from here. */
import { createGeminiModel, GEMINI_BASE_URL } from './gemini';
import { createOpenAICompatibleModel, LMSTUDIO_BASE_URL, OLLAMA_BASE_URL, OPENAI_BASE_URL } from './openai-compatible';
import type { RetryPolicy } from './retry';
import type { LanguageModel, ProviderId } from './types';

export interface ModelSettings {
  provider: ProviderId;
  model: string;
  apiKey?: string;
  baseUrl?: string;
  /** Budget for a whole call, retries included (default 120 s). */
  timeoutMs?: number;
  /** Retries after the first attempt (default 3). */
  maxRetries?: number;
  /** Backoff tuning; tests shorten it. */
  retryPolicy?: Partial<RetryPolicy>;
}

export { DEFAULT_MODELS, PROVIDERS } from './providers';

export function createModel(settings: ModelSettings): LanguageModel {
  const { provider, ...rest } = settings;
  switch (provider) {
    case 'gemini':
      return createGeminiModel(rest);
    case 'openai':
      return createOpenAICompatibleModel(rest);
  }
}

export { createGeminiModel, createOpenAICompatibleModel, GEMINI_BASE_URL, LMSTUDIO_BASE_URL, OLLAMA_BASE_URL, OPENAI_BASE_URL };
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry';
export * from './types';
