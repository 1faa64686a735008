/**
 * Turns what providers and the network throw into a ModelError whose message says what
 * happened and what to do. Knows no SDK: the provider files pull status, body and headers
 * out of their SDK's errors and hand them here.
 */
import { z } from 'zod';
import { ModelError, type ProviderId } from './types';
import { describeError } from '../../workers/api';

/** Who we were talking to, for messages. */
export interface Endpoint {
  provider: ProviderId;
  /** What the user calls the service: "Gemini", "OpenAI", "Ollama", "LM Studio" or "the server at host:port". */
  label: string;
  model: string;
  baseUrl: string;
}

export function endpointLabel(provider: ProviderId, baseUrl: string): string {
  if (provider === 'gemini') return 'Gemini';
  const url = safeUrl(baseUrl);
  if (!url) return `the server at ${baseUrl}`;
  if (url.hostname === 'api.openai.com') return 'OpenAI';
  if (url.port === '11434') return 'Ollama';
  if (url.port === '1234') return 'LM Studio';
  return `the server at ${url.host}`;
}

/** An HTTP error answer, reduced to what decides the ModelError. */
export interface ServerFailure {
  status: number;
  /** The server's own words. */
  message?: string;
  /** OpenAI `code` (insufficient_quota, model_not_found) or Google `status` (RESOURCE_EXHAUSTED). */
  code?: string;
  /** OpenAI `type`. */
  type?: string;
  /** Google ErrorInfo reasons, e.g. API_KEY_INVALID. */
  reasons: string[];
  /** Google QuotaFailure quota ids, e.g. GenerateRequestsPerDayPerProjectPerModel-FreeTier. */
  quotaIds: string[];
  retryAfterMs?: number;
}

// ---- Error bodies -------------------------------------------------------------------

const GoogleErrorDetail = z.looseObject({
  '@type': z.string().optional(),
  reason: z.string().optional(),
  retryDelay: z.string().optional(),
  violations: z.array(z.looseObject({ quotaId: z.string().optional() })).optional(),
});

const GoogleErrorBody = z.object({
  error: z.looseObject({
    code: z.number().optional(),
    message: z.string().optional(),
    status: z.string().optional(),
    details: z.array(GoogleErrorDetail).optional(),
  }),
});

const OpenAIErrorObject = z.looseObject({
  message: z.string().optional(),
  type: z.string().nullish(),
  code: z.union([z.string(), z.number()]).nullish(),
  param: z.string().nullish(),
});

/** `{ error: {...} }` from OpenAI and most compatible servers; `{ error: "..." }` from some local ones. */
const OpenAIErrorBody = z.object({ error: z.union([OpenAIErrorObject, z.string()]) });

/** Gemini's error text: a JSON body, sometimes after a prefix ("got status: ... {json}"). */
export function parseGoogleError(status: number, text: string): ServerFailure {
  const failure: ServerFailure = { status, reasons: [], quotaIds: [] };
  const parsed = GoogleErrorBody.safeParse(parseJsonAt(text, text.indexOf('{')));
  if (!parsed.success) {
    failure.message = text.trim() || undefined;
    return failure;
  }
  const { error } = parsed.data;
  failure.message = error.message;
  failure.code = error.status;
  for (const detail of error.details ?? []) {
    if (detail.reason) failure.reasons.push(detail.reason);
    for (const violation of detail.violations ?? []) if (violation.quotaId) failure.quotaIds.push(violation.quotaId);
    const delay = detail.retryDelay ? /^(\d+(?:\.\d+)?)s$/.exec(detail.retryDelay) : null;
    if (delay?.[1]) failure.retryAfterMs = Math.round(Number(delay[1]) * 1000);
  }
  return failure;
}

/** An OpenAI-style error: `inner` is the `error` member (what the openai SDK keeps), or a whole body. */
export function parseOpenAIError(status: number, inner: unknown, fallbackMessage?: string): ServerFailure {
  const failure: ServerFailure = { status, reasons: [], quotaIds: [], message: fallbackMessage };
  const whole = OpenAIErrorBody.safeParse(inner);
  const object = whole.success ? whole.data.error : OpenAIErrorObject.safeParse(inner).data;
  if (typeof object === 'string') {
    failure.message = object;
  } else if (object) {
    failure.message = object.message ?? fallbackMessage;
    failure.type = object.type ?? undefined;
    failure.code = object.code === null || object.code === undefined ? undefined : String(object.code);
  }
  return failure;
}

/** Retry-After (seconds or an HTTP date) or retry-after-ms, in milliseconds. */
export function retryAfterFromHeaders(headers: Headers | undefined, now = Date.now()): number | undefined {
  if (!headers) return undefined;
  const ms = headers.get('retry-after-ms');
  if (ms !== null && ms.trim() !== '' && Number.isFinite(Number(ms))) return Math.max(0, Number(ms));
  const value = headers.get('retry-after');
  if (value === null || value.trim() === '') return undefined;
  if (Number.isFinite(Number(value))) return Math.max(0, Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

// ---- HTTP errors ----------------------------------------------------------------------

export function errorFromServer(failure: ServerFailure, endpoint: Endpoint, cause?: unknown): ModelError {
  const { status } = failure;
  const { label, model } = endpoint;
  const words = `${failure.message ?? ''} ${failure.code ?? ''} ${failure.type ?? ''}`.toLowerCase();
  const said = failure.message ? ` (${label} said: "${truncate(failure.message, 200)}")` : '';
  const base = { status, cause };

  const keyRejected =
    status === 401 ||
    status === 403 ||
    failure.reasons.includes('API_KEY_INVALID') ||
    failure.code === 'invalid_api_key' ||
    failure.code === 'UNAUTHENTICATED';
  if (keyRejected) {
    // The server's words are left out: some echo part of the key.
    return new ModelError(
      'auth',
      `The API key was refused by ${label}. Check the key in Settings (it is stored only on this computer).`,
      base,
    );
  }

  if (status === 404) {
    const aboutModel = endpoint.provider === 'gemini' || failure.code === 'model_not_found' || words.includes('model');
    if (aboutModel) {
      const pull = label === 'Ollama' ? ` For Ollama, download it first: \`ollama pull ${model}\`.` : '';
      return new ModelError(
        'model-not-found',
        `The model '${model}' does not exist at ${endpoint.baseUrl}. Pick another model in Settings.${pull}`,
        base,
      );
    }
    return new ModelError(
      'bad-request',
      `Nothing answers at ${endpoint.baseUrl} for chat requests (HTTP 404). Check the server address in Settings; for OpenAI-compatible servers it usually ends in /v1.`,
      base,
    );
  }

  if (status === 429) {
    if (isQuotaExhausted(failure, words)) {
      const what =
        endpoint.provider === 'gemini'
          ? 'Wait until it resets (free Gemini keys reset every day) or check the plan and billing of the key.'
          : 'Check the plan and billing of the key, or use another key.';
      return new ModelError('quota', `${capital(label)} says the quota of this API key is used up${said}. ${what}`, base);
    }
    return new ModelError(
      'quota',
      `${capital(label)} is limiting how fast requests may be sent (rate limit)${said}. Wait a minute and try again, or use a key with a higher limit.`,
      { ...base, isRetryable: true, retryAfterMs: failure.retryAfterMs },
    );
  }

  if (status === 408) {
    return new ModelError('timeout', `${capital(label)} gave up waiting for the request (HTTP 408). Try again.`, {
      ...base,
      isRetryable: true,
      retryAfterMs: failure.retryAfterMs,
    });
  }

  if (status === 409 || status >= 500) {
    return new ModelError('server', `${capital(label)} had a problem on its side (HTTP ${status})${said}. Try again in a moment.`, {
      ...base,
      isRetryable: true,
      retryAfterMs: failure.retryAfterMs,
    });
  }

  if (/context length|context window|too many tokens|maximum context|input token count/.test(words)) {
    return new ModelError(
      'bad-request',
      `The request is too long for the model '${model}'${said}. Use fewer or smaller files, or a model with a larger context.`,
      base,
    );
  }
  return new ModelError('bad-request', `${capital(label)} rejected the request (HTTP ${status})${said}.`, base);
}

/**
 * Quota used up (waiting minutes will not help) versus a short rate limit (it will).
 * Gemini answers RESOURCE_EXHAUSTED for both; its QuotaFailure details tell them apart:
 * per-minute quota ids, or a RetryInfo delay, mean a rate limit.
 */
function isQuotaExhausted(failure: ServerFailure, words: string): boolean {
  if (failure.code === 'insufficient_quota' || failure.type === 'insufficient_quota') return true;
  if (failure.quotaIds.some((id) => /perday/i.test(id)) || /\blimit: 0\b/.test(words)) return true;
  if (failure.code === 'RESOURCE_EXHAUSTED') {
    const shortWindow = failure.quotaIds.some((id) => /per(minute|second)/i.test(id));
    return !shortWindow && failure.retryAfterMs === undefined;
  }
  return false;
}

// ---- Network errors -------------------------------------------------------------------

interface Link {
  name: string;
  message: string;
  code?: string;
}

/** The error and its causes, outermost first (fetch hides the socket error in `cause`). */
function causeChain(error: unknown): Link[] {
  const chain: Link[] = [];
  let current: unknown = error;
  while (current !== null && current !== undefined && chain.length < 8) {
    if (typeof current !== 'object') {
      chain.push({ name: 'Error', message: String(current) });
      break;
    }
    const record = current as Record<string, unknown>;
    chain.push({
      name: typeof record.name === 'string' ? record.name : 'Error',
      message: typeof record.message === 'string' ? record.message : '',
      code: typeof record.code === 'string' ? record.code : undefined,
    });
    current = record.cause;
  }
  return chain;
}

const REFUSED_CODES = ['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL', 'UND_ERR_CONNECT_TIMEOUT', 'ETIMEDOUT'];
const DNS_CODES = ['ENOTFOUND', 'EAI_AGAIN'];
const BROKEN_CODES = ['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED'];

/** A ModelError if `error` is a network failure, else undefined. */
export function errorFromNetwork(error: unknown, endpoint: Endpoint, midStream: boolean): ModelError | undefined {
  const chain = causeChain(error);
  const codes = chain.map((link) => link.code ?? '');
  const messages = chain.map((link) => link.message).join(' | ');
  const options = { isRetryable: true, cause: error };

  if (codes.some((code) => DNS_CODES.includes(code))) {
    const host = safeUrl(endpoint.baseUrl)?.hostname ?? endpoint.baseUrl;
    return new ModelError(
      'unreachable',
      `Could not find the server '${host}'. Check the address in Settings and the internet connection.`,
      options,
    );
  }
  if (codes.some((code) => BROKEN_CODES.includes(code)) || /\bterminated\b|other side closed|socket hang up/i.test(messages)) {
    return connectionBroke(endpoint, midStream, error);
  }
  if (
    codes.some((code) => REFUSED_CODES.includes(code)) ||
    /fetch failed|failed to fetch|networkerror|load failed|connection error/i.test(messages)
  ) {
    return new ModelError('unreachable', unreachableMessage(endpoint), options);
  }
  return undefined;
}

export function connectionBroke(endpoint: Endpoint, midStream: boolean, cause?: unknown): ModelError {
  return midStream
    ? new ModelError('unreachable', `The connection to ${endpoint.label} broke in the middle of the answer. Try again.`, {
        isRetryable: true,
        cause,
      })
    : new ModelError('unreachable', `The connection to ${endpoint.label} closed before it answered. Try again.`, {
        isRetryable: true,
        cause,
      });
}

function unreachableMessage(endpoint: Endpoint): string {
  const url = safeUrl(endpoint.baseUrl);
  const local = url !== undefined && isLocalHost(url.hostname);
  if (local) {
    return (
      `Could not reach ${endpoint.baseUrl}. Is the server running (for Ollama: \`ollama serve\`; for LM Studio: start its local server)? ` +
      `If it is running, it may refuse requests from this page: for Ollama, set OLLAMA_ORIGINS.`
    );
  }
  return `Could not reach ${endpoint.baseUrl}. Check the internet connection (and any proxy or firewall) and the address in Settings.`;
}

// ---- Our own stops --------------------------------------------------------------------

export function timeoutError(endpoint: Endpoint, timeoutMs: number): ModelError {
  return new ModelError(
    'timeout',
    `${capital(endpoint.label)} did not finish answering within ${formatSeconds(timeoutMs)}. Try again, pick a faster model, or raise the time limit in Settings.`,
  );
}

export function cancelledError(cause?: unknown): ModelError {
  return new ModelError('cancelled', 'The request to the model was cancelled.', { cause });
}

/** Anything else an SDK throws: a bug or an answer it could not read. */
export function unexpectedError(error: unknown, endpoint: Endpoint): ModelError {
  const message = describeError(error);
  return new ModelError('server', `${capital(endpoint.label)} failed in an unexpected way: ${truncate(message, 300)}`, { cause: error });
}

// ---- Helpers ------------------------------------------------------------------------

function parseJsonAt(text: string, start: number): unknown {
  if (start < 0) return undefined;
  try {
    return JSON.parse(text.slice(start)) as unknown;
  } catch {
    return undefined;
  }
}

function safeUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

export function isLocalHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || hostname === '0.0.0.0' || hostname.startsWith('127.');
}

/** Labels like "the server at host:port" start a sentence now and then. */
export function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function truncate(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

function formatSeconds(ms: number): string {
  const seconds = ms / 1000;
  return seconds >= 1 ? `${Math.round(seconds)} s` : `${seconds.toFixed(1)} s`;
}
