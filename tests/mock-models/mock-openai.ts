/**
 * A fake of the OpenAI chat completions API (and of servers that copy it: Ollama, LM Studio):
 * POST /v1/chat/completions (JSON, or SSE ending in `data: [DONE]`), GET /v1/models.
 * Errors in OpenAI's shape.
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
} from './scenario';

export function openaiError(message: string, type: string, code: string | null = null, param: string | null = null): { error: Record<string, unknown> } {
  return { error: { message, type, param, code } };
}

function defaultError(status: number, model: string): { error: Record<string, unknown> } {
  if (status === 429) {
    return openaiError(`Rate limit reached for ${model} on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 20s.`, 'requests', 'rate_limit_exceeded');
  }
  if (status >= 500) return openaiError('The server had an error while processing your request. Sorry about that!', 'server_error');
  return openaiError(`mock error ${status}`, 'invalid_request_error');
}

const Message = z.looseObject({
  role: z.string(),
  content: z.union([z.string(), z.array(z.looseObject({ text: z.string().optional() })), z.null()]).optional(),
});
const ChatBody = z.looseObject({
  model: z.string(),
  messages: z.array(Message),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullish(),
  response_format: z.looseObject({ type: z.string() }).nullish(),
});
type ChatBody = z.infer<typeof ChatBody>;

export async function startMockOpenAI(scenario: MockScenario): Promise<MockServer> {
  const queue = new StepQueue(scenario.steps);
  return startServer(async (request, res, gone) => {
    const path = new URL(request.url, 'http://mock').pathname;

    if (scenario.apiKey !== undefined && request.headers.authorization !== `Bearer ${scenario.apiKey}`) {
      return sendJson(
        res,
        401,
        openaiError(
          'Incorrect API key provided: sk-mock***. You can find your API key at https://platform.openai.com/account/api-keys.',
          'invalid_request_error',
          'invalid_api_key',
        ),
      );
    }

    if (request.method === 'GET' && path === '/v1/models') {
      const created = Math.floor(Date.now() / 1000);
      return sendJson(res, 200, {
        object: 'list',
        data: (scenario.models ?? []).map((id) => ({ id, object: 'model', created, owned_by: 'mock' })),
      });
    }

    if (request.method !== 'POST' || path !== '/v1/chat/completions') {
      // What Ollama answers for a path it does not know.
      res.writeHead(404, { 'content-type': 'text/plain' });
      return void res.end('404 page not found');
    }

    const parsed = ChatBody.safeParse(request.body);
    if (!parsed.success) {
      return sendJson(res, 400, openaiError(`mock: not a chat completions body: ${parsed.error.message}`, 'invalid_request_error'));
    }
    const body = parsed.data;
    if (scenario.models && !scenario.models.includes(body.model)) {
      return sendJson(
        res,
        404,
        openaiError(`The model \`${body.model}\` does not exist or you do not have access to it.`, 'invalid_request_error', 'model_not_found'),
      );
    }
    if (scenario.rejectJsonSchema && body.response_format?.type === 'json_schema') {
      return sendJson(
        res,
        400,
        openaiError(
          "Invalid parameter: 'response_format' of type 'json_schema' is not supported with this model.",
          'invalid_request_error',
          null,
          'response_format',
        ),
      );
    }

    const prompt = promptText(body);
    const step = queue.take(prompt.lastUser);
    if (!step) return sendJson(res, 500, openaiError('mock: no scenario step left for this request', 'server_error'));
    await wait(step.delayMs ?? 0, gone);
    if (gone.aborted) return;
    if (step.status !== undefined && step.status >= 400) {
      const error = step.error !== undefined ? { error: step.error } : defaultError(step.status, body.model);
      return sendJson(res, step.status, error, step.headers);
    }
    if (body.stream) return streamAnswer(res, step, body, prompt.all, gone);
    const answer = wholeAnswer(step, body.model, prompt.all);
    if (step.dropAfterChunks !== undefined) return sendJsonThenDrop(res, answer);
    sendJson(res, 200, answer, step.headers);
  });
}

const created = (): number => Math.floor(Date.now() / 1000);

function wholeAnswer(step: MockStep, model: string, prompt: string): unknown {
  const { input, output } = usageOf(step, prompt);
  return {
    id: 'chatcmpl-mock',
    object: 'chat.completion',
    created: created(),
    model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: answerText(step), refusal: null },
        logprobs: null,
        finish_reason: step.finishReason ?? 'stop',
      },
    ],
    usage: { prompt_tokens: input, completion_tokens: output, total_tokens: input + output },
  };
}

async function streamAnswer(res: http.ServerResponse, step: MockStep, body: ChatBody, prompt: string, gone: AbortSignal): Promise<void> {
  const includeUsage = body.stream_options?.include_usage === true;
  const chunk = (choices: unknown[], usage: unknown = null): unknown => ({
    id: 'chatcmpl-mock',
    object: 'chat.completion.chunk',
    created: created(),
    model: body.model,
    choices,
    ...(includeUsage ? { usage } : {}),
  });
  startSse(res, step.headers);
  await writeSse(res, JSON.stringify(chunk([{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }])));
  const whole = await streamChunks(res, step, gone, (content) => chunk([{ index: 0, delta: { content }, finish_reason: null }]));
  if (!whole) return;
  await writeSse(res, JSON.stringify(chunk([{ index: 0, delta: {}, finish_reason: step.finishReason ?? 'stop' }])));
  if (includeUsage) {
    const { input, output } = usageOf(step, prompt);
    await writeSse(res, JSON.stringify(chunk([], { prompt_tokens: input, completion_tokens: output, total_tokens: input + output })));
  }
  await writeSse(res, '[DONE]');
  res.end();
}

function promptText(body: ChatBody): { lastUser: string; all: string } {
  const textOf = (content: z.infer<typeof Message>['content']): string =>
    typeof content === 'string' ? content : (content ?? []).map((part) => part.text ?? '').join('');
  const lastUser = [...body.messages].reverse().find((message) => message.role === 'user');
  return { lastUser: textOf(lastUser?.content), all: body.messages.map((message) => textOf(message.content)).join('\n') };
}
