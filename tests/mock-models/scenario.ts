/**
 * Scenario files for the mock model servers: what each request gets back.
 * The format is documented in tests/README.md ("Mock model servers").
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

export const MockStep = z.strictObject({
  /** Only for a request whose last user message contains this text. */
  match: z.strictObject({ contains: z.string() }).optional(),
  /** An HTTP error status; the body is `{ "error": <error> }` (a provider-shaped default if `error` is absent). */
  status: z.number().int().optional(),
  error: z.unknown().optional(),
  headers: z.record(z.string(), z.string()).optional(),
  text: z.string().optional(),
  /** The answer is JSON.stringify of this. */
  json: z.unknown().optional(),
  /** Streamed in these pieces; a non-streaming request gets them joined. */
  chunks: z.array(z.string()).optional(),
  /** Close the socket after this many chunks (a non-streaming request: after half the body). */
  dropAfterChunks: z.number().int().nonnegative().optional(),
  /** Wait before answering. */
  delayMs: z.number().nonnegative().optional(),
  /** Wait between streamed chunks. */
  chunkDelayMs: z.number().nonnegative().optional(),
  /** The provider's own word: "SAFETY" (Gemini), "content_filter" (OpenAI). */
  finishReason: z.string().optional(),
  /** Gemini only: promptFeedback.blockReason, the prompt itself was blocked. */
  blockReason: z.string().optional(),
  usage: z.strictObject({ input: z.number(), output: z.number() }).optional(),
  /** Not consumed: answers every request it matches. */
  repeat: z.boolean().optional(),
});
export type MockStep = z.infer<typeof MockStep>;

export const MockScenario = z.strictObject({
  /** When set, requests must carry this key (Gemini: x-goog-api-key; OpenAI: Authorization: Bearer). */
  apiKey: z.string().optional(),
  /** When set, other model names get a 404 in the provider's shape. */
  models: z.array(z.string()).optional(),
  /** OpenAI only: answer 400 to response_format json_schema, as servers without schema support do. */
  rejectJsonSchema: z.boolean().optional(),
  steps: z.array(MockStep),
});
export type MockScenario = z.infer<typeof MockScenario>;

const scenarioDir = fileURLToPath(new URL('./scenarios/', import.meta.url));

/** A scenario from tests/mock-models/scenarios/<name>.json, checked against the format. */
export function loadScenario(name: string): MockScenario {
  return MockScenario.parse(JSON.parse(readFileSync(`${scenarioDir}${name}.json`, 'utf8')));
}

export interface RecordedRequest {
  method: string;
  /** Path and query, e.g. /v1beta/models/m:streamGenerateContent?alt=sse */
  url: string;
  headers: http.IncomingHttpHeaders;
  /** Parsed JSON, or undefined when there was no body. */
  body: unknown;
}

export interface MockServer {
  /** http://127.0.0.1:<port>, no trailing slash. */
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/** Hands out steps: the first remaining step that fits the request; a step is used once unless `repeat`. */
export class StepQueue {
  private readonly remaining: MockStep[];
  constructor(steps: MockStep[]) {
    this.remaining = [...steps];
  }
  take(lastUserText: string): MockStep | undefined {
    const index = this.remaining.findIndex((step) => !step.match || lastUserText.includes(step.match.contains));
    if (index < 0) return undefined;
    const step = this.remaining[index];
    if (step && !step.repeat) this.remaining.splice(index, 1);
    return step;
  }
}

export function answerText(step: MockStep): string {
  if (step.chunks) return step.chunks.join('');
  if (step.json !== undefined) return JSON.stringify(step.json);
  return step.text ?? '';
}

export function answerChunks(step: MockStep): string[] {
  if (step.chunks) return step.chunks;
  const text = answerText(step);
  return text ? [text] : [];
}

/** Rough token counts, so usage is never zero. */
export function usageOf(step: MockStep, prompt: string): { input: number; output: number } {
  return step.usage ?? { input: Math.max(1, Math.ceil(prompt.length / 4)), output: Math.max(1, Math.ceil(answerText(step).length / 4)) };
}

/** Resolves after `ms`, or early when the client goes away. */
export function wait(ms: number, gone: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (ms <= 0 || gone.aborted) return resolve();
    const timer = setTimeout(resolve, ms);
    gone.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}

export type Handler = (request: RecordedRequest, res: http.ServerResponse, gone: AbortSignal) => Promise<void>;

/** A node:http server on 127.0.0.1 with a free port that records each request, then hands it to `handle`. */
export async function startServer(handle: Handler): Promise<MockServer> {
  const requests: RecordedRequest[] = [];
  const server = http.createServer((req, res) => {
    // The pane calls the provider from the browser, as it does with the real APIs: answer CORS.
    res.setHeader('access-control-allow-origin', '*');
    res.setHeader('access-control-allow-headers', '*');
    res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
    res.setHeader('access-control-expose-headers', '*');
    if (req.method === 'OPTIONS') {
      res.writeHead(204).end();
      return;
    }
    const gone = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) gone.abort();
    });
    const parts: Buffer[] = [];
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('end', () => {
      const raw = Buffer.concat(parts).toString('utf8');
      let body: unknown;
      try {
        body = raw ? (JSON.parse(raw) as unknown) : undefined;
      } catch {
        body = raw;
      }
      const recorded: RecordedRequest = { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, body };
      requests.push(recorded);
      handle(recorded, res, gone.signal).catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(`mock server failed: ${String(error)}`);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** Writes a JSON body, but only its first half, then cuts the connection. */
export function sendJsonThenDrop(res: http.ServerResponse, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.write(text.slice(0, Math.floor(text.length / 2)), () => res.destroy());
}

export function startSse(res: http.ServerResponse, headers: Record<string, string> = {}): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive', ...headers });
}

export function writeSse(res: http.ServerResponse, data: string): Promise<void> {
  return new Promise((resolve) => {
    if (res.destroyed) return resolve();
    res.write(`data: ${data}\n\n`, () => resolve());
  });
}

/** Streams `chunks` through `encode`, honouring chunkDelayMs and dropAfterChunks. Returns false if the stream was cut. */
export async function streamChunks(
  res: http.ServerResponse,
  step: MockStep,
  gone: AbortSignal,
  encode: (chunk: string) => unknown,
): Promise<boolean> {
  const chunks = answerChunks(step);
  for (const [index, chunk] of chunks.entries()) {
    if (step.dropAfterChunks !== undefined && index >= step.dropAfterChunks) {
      res.destroy();
      return false;
    }
    if (index > 0) await wait(step.chunkDelayMs ?? 0, gone);
    if (gone.aborted) return false;
    await writeSse(res, JSON.stringify(encode(chunk)));
  }
  if (step.dropAfterChunks !== undefined && step.dropAfterChunks >= chunks.length) {
    res.destroy();
    return false;
  }
  return true;
}
