/** Settings' "Test connection" and "Test server": one small call each, answered in a sentence. */
import { checkServerUrl } from '../backend/offload-policy';
import { ServerClient } from '../backend/server-client';
import type { LanguageModel } from '../models/types';
import { describeError } from '../../workers/api';

export interface TestAnswer {
  ok: boolean;
  text: string;
}

export async function testModel(model: LanguageModel): Promise<TestAnswer> {
  try {
    const answer = await model.generate({ messages: [{ role: 'user', content: 'Answer with the single word: ready' }], maxOutputTokens: 10 });
    return { ok: true, text: `Connected: the model answered "${answer.text.trim().slice(0, 40)}".` };
  } catch (error) {
    return { ok: false, text: describeError(error) };
  }
}

export async function testServer(serverUrl: string, token: string): Promise<TestAnswer> {
  const urlCheck = serverUrl.trim() ? checkServerUrl(serverUrl) : undefined;
  if (!urlCheck?.ok) return { ok: false, text: urlCheck?.message ?? 'Enter the server URL first.' };
  const client = new ServerClient({ url: urlCheck.url, token });
  const health = await client.health();
  if (!health.ok) return { ok: false, text: health.error.message };
  const checked = await client.checkToken();
  if (!checked.ok) return { ok: false, text: checked.error.message };
  const { python, queue, sandbox } = health.value;
  if (!sandbox.works) return { ok: false, text: `The server answers, but cannot run jobs: ${sandbox.error ?? 'its sandbox does not work'}.` };
  if ('error' in queue) return { ok: false, text: `The server answers, but cannot take jobs: ${queue.error}` };
  return { ok: true, text: `Connected: Python ${python.version ?? '?'} with pandas ${python.pandas ?? 'missing'}; ${queue.running} running, ${queue.waiting} waiting.` };
}
