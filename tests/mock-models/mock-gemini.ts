/**
 * A fake of the Gemini REST API (generativelanguage.googleapis.com), just enough for
 * @google/genai: POST /v1beta/models/{model}:generateContent, :streamGenerateContent?alt=sse
 * (`data: {json}` events), GET /v1beta/models. Errors in Google's shape.
 */
import type http from 'node:http';
import { z } from 'zod';
import {
  answerText,
  sendJson,
  sendJsonThenDrop,
  startServer,
  startSse,
  StepQueue,
  streamChunks,
  usageOf,
  wait,
  writeSse,
  type MockScenario,
  type MockServer,
  type MockStep,
  type RecordedRequest,
} from './scenario';

const STATUS_NAMES: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  408: 'DEADLINE_EXCEEDED',
  409: 'ABORTED',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

export function googleError(code: number, message: string, details?: unknown[]): { error: Record<string, unknown> } {
  return { error: { code, message, status: STATUS_NAMES[code] ?? 'UNKNOWN', ...(details ? { details } : {}) } };
}

/** What Google sends for a short rate limit when a step gives only `"status": 429`. */
function defaultError(status: number): { error: Record<string, unknown> } {
  if (status === 429) {
    return googleError(429, 'You exceeded your current quota, please check your plan and billing details.', [
      {
        '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
        violations: [{ quotaMetric: 'generativelanguage.googleapis.com/generate_content_free_tier_requests', quotaId: 'GenerateRequestsPerMinutePerProjectPerModel-FreeTier' }],
      },
    ]);
  }
  return googleError(status, `mock error ${status}`);
}

export async function startMockGemini(scenario: MockScenario): Promise<MockServer> {
  const queue = new StepQueue(scenario.steps);
  return startServer(async (request, res, gone) => {
    const path = new URL(request.url, 'http://mock').pathname;
    const key = request.headers['x-goog-api-key'] ?? new URL(request.url, 'http://mock').searchParams.get('key') ?? undefined;

    if (scenario.apiKey !== undefined && key === undefined) {
      return sendJson(
        res,
        403,
        googleError(
          403,
          "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
        ),
      );
    }
    if (scenario.apiKey !== undefined && key !== scenario.apiKey) {
      return sendJson(
        res,
        400,
        googleError(400, 'API key not valid. Please pass a valid API key.', [
          { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID', domain: 'googleapis.com' },
        ]),
      );
    }

    if (request.method === 'GET' && path === '/v1beta/models') {
      const names = scenario.models ?? [];
      return sendJson(res, 200, {
        models: names.map((name) => ({ name: `models/${name}`, displayName: name, supportedGenerationMethods: ['generateContent'] })),
      });
    }

    const route = /^\/v1beta\/models\/([^/:]+):(generateContent|streamGenerateContent)$/.exec(path);
    if (request.method !== 'POST' || !route) {
      res.writeHead(404, { 'content-type': 'text/html; charset=UTF-8' });
      return void res.end('<!DOCTYPE html><title>Error 404 (Not Found)!!1</title>');
    }
    const model = decodeURIComponent(route[1] ?? '');
    const streaming = route[2] === 'streamGenerateContent';
    if (scenario.models && !scenario.models.includes(model)) {
      return sendJson(
        res,
        404,
        googleError(
          404,
          `models/${model} is not found for API version v1beta, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods.`,
        ),
      );
    }

    const prompt = promptText(request);
    const step = queue.take(prompt.lastUser);
    if (!step) return sendJson(res, 500, googleError(500, 'mock: no scenario step left for this request'));
    await wait(step.delayMs ?? 0, gone);
    if (gone.aborted) return;
    if (step.status !== undefined && step.status >= 400) {
      const body = step.error !== undefined ? { error: step.error } : defaultError(step.status);
      return sendJson(res, step.status, body, step.headers);
    }
    if (streaming) return streamAnswer(res, step, model, prompt.all, gone);
    const body = wholeAnswer(step, model, prompt.all);
    if (step.dropAfterChunks !== undefined) return sendJsonThenDrop(res, body);
    sendJson(res, 200, body, step.headers);
  });
}

async function streamAnswer(res: http.ServerResponse, step: MockStep, model: string, prompt: string, gone: AbortSignal): Promise<void> {
  startSse(res, step.headers);
  if (step.blockReason) {
    await writeSse(res, JSON.stringify(blocked(step, prompt, model)));
    return void res.end();
  }
  const usage = usageMetadata(step, prompt);
  const whole = await streamChunks(res, step, gone, (text) => ({
    candidates: [{ content: { parts: [{ text }], role: 'model' }, index: 0 }],
    usageMetadata: { promptTokenCount: usage.promptTokenCount, totalTokenCount: usage.promptTokenCount },
    modelVersion: model,
    responseId: 'mock-response',
  }));
  if (!whole) return;
  await writeSse(
    res,
    JSON.stringify({
      candidates: [{ content: { parts: [{ text: '' }], role: 'model' }, finishReason: step.finishReason ?? 'STOP', index: 0 }],
      usageMetadata: usage,
      modelVersion: model,
      responseId: 'mock-response',
    }),
  );
  res.end();
}

function wholeAnswer(step: MockStep, model: string, prompt: string): unknown {
  if (step.blockReason) return blocked(step, prompt, model);
  const text = answerText(step);
  const finishReason = step.finishReason ?? 'STOP';
  // A candidate stopped by a safety filter comes without content.
  const content = text || finishReason === 'STOP' ? { content: { parts: [{ text }], role: 'model' } } : {};
  return {
    candidates: [{ ...content, finishReason, index: 0 }],
    usageMetadata: usageMetadata(step, prompt),
    modelVersion: model,
    responseId: 'mock-response',
  };
}

function blocked(step: MockStep, prompt: string, model: string): unknown {
  return {
    promptFeedback: { blockReason: step.blockReason, safetyRatings: [] },
    usageMetadata: { promptTokenCount: usageOf(step, prompt).input, totalTokenCount: usageOf(step, prompt).input },
    modelVersion: model,
  };
}

function usageMetadata(step: MockStep, prompt: string): { promptTokenCount: number; candidatesTokenCount: number; totalTokenCount: number } {
  const { input, output } = usageOf(step, prompt);
  return { promptTokenCount: input, candidatesTokenCount: output, totalTokenCount: input + output };
}

const Parts = z.array(z.looseObject({ text: z.string().optional() })).optional();
const GeminiBody = z.looseObject({
  contents: z.array(z.looseObject({ role: z.string().optional(), parts: Parts })).optional(),
  systemInstruction: z.looseObject({ parts: Parts }).optional(),
});

function promptText(request: RecordedRequest): { lastUser: string; all: string } {
  const body = GeminiBody.safeParse(request.body).data ?? {};
  const textOf = (parts: { text?: string }[] | undefined): string => (parts ?? []).map((part) => part.text ?? '').join('');
  const contents = body.contents ?? [];
  const lastUser = [...contents].reverse().find((content) => content.role === undefined || content.role === 'user');
  return {
    lastUser: textOf(lastUser?.parts),
    all: [textOf(body.systemInstruction?.parts), ...contents.map((content) => textOf(content.parts))].join('\n'),
  };
}
