/**
 * The pane's application without React (src/conversation/workspace.ts), as main.tsx
 * composes it: the real Node sandbox (real Pyodide profiles the files and runs the
 * code), the real OpenAI SDK against the local mock server, the store in fake-indexeddb.
 * What the user does in the pane is called here as the intents the pane sends.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/conversation/pane-settings';
import { Workspace } from '../../src/conversation/workspace';
import { createModel } from '../../src/models';
import { apiKeySecret, exportAudit, getSecret, getSettings, listAudit, listHistory } from '../../src/store';
import type { SandboxClient } from '../../src/sandbox/sandbox-client';
import { makeFixtures } from '../helpers/python';
import { startedNodeSandbox } from '../helpers/node-sandbox';
import { startMockOpenAI } from '../mock-models/mock-openai';
import type { MockServer } from '../mock-models/scenario';
import { CONVERSATION_REQUESTS, CONVERSATION_STEPS } from '../mock-models/stack-steps';
import { freshStore } from '../store/fresh';

const KEY = 'sk-workspace-secret-5678';
let fixtures: string;
let sandbox: SandboxClient;
let server: MockServer;

beforeAll(async () => {
  fixtures = makeFixtures();
  sandbox = await startedNodeSandbox();
  server = await startMockOpenAI({ apiKey: KEY, steps: CONVERSATION_STEPS });
});
afterAll(async () => {
  sandbox?.dispose();
  await server?.close();
});

const userFile = (name: string): File => new File([readFileSync(join(fixtures, 'stack', name))], name);

/** Resolves once `ready` holds for the observable's state. */
function until<S>(source: { getState(): S; subscribe(listener: () => void): () => void }, ready: (state: S) => boolean): Promise<S> {
  return new Promise((resolve) => {
    if (ready(source.getState())) return resolve(source.getState());
    const stop = source.subscribe(() => {
      if (!ready(source.getState())) return;
      stop();
      resolve(source.getState());
    });
  });
}

describe('the workspace (the pane without React)', () => {
  it('keeps settings typed before the store opened, profiles files once, runs a request into History and the log, and clears everything', async () => {
    const { db } = await freshStore();
    // The real sandbox, with its profile calls counted.
    let profiled = 0;
    const counted = {
      start: () => sandbox.start(),
      precheck: (code: string) => sandbox.precheck(code),
      profile: (...args: Parameters<SandboxClient['profile']>) => {
        profiled += 1;
        return sandbox.profile(...args);
      },
      run: (...args: Parameters<SandboxClient['run']>) => sandbox.run(...args),
      snapshotToXlsx: (...args: Parameters<SandboxClient['snapshotToXlsx']>) => sandbox.snapshotToXlsx(...args),
      sheetRows: (...args: Parameters<SandboxClient['sheetRows']>) => sandbox.sheetRows(...args),
      inspectWorkbooks: (...args: Parameters<SandboxClient['inspectWorkbooks']>) => sandbox.inspectWorkbooks(...args),
    };
    const workspace = new Workspace({ sandbox: counted, openStore: async () => db, createModel: (s) => createModel({ ...s, retryPolicy: { baseDelayMs: 10, maxDelayMs: 50 } }) });
    // Typed while the store was still opening: kept, and saved once it opens.
    const typed = { ...DEFAULT_SETTINGS, provider: 'openai' as const, model: 'gpt-4.1-mini', baseUrl: `${server.url}/v1` };
    workspace.settings.change(typed);
    workspace.settings.setSecret(apiKeySecret('openai'), KEY);
    await workspace.start();
    await workspace.settings.saved();
    expect(workspace.getState().runtime.state).toBe('ready');
    expect(workspace.settings.getState().settings).toEqual(typed);
    expect(await getSecret(db, apiKeySecret('openai'))).toBe(KEY);
    expect((await getSettings(db)).provider).toBe('openai');

    // Three workbooks and a text file: the text file is turned away in words, the workbooks profiled.
    workspace.files.add([...['north.xlsx', 'south.xlsx', 'west.xlsx'].map(userFile), new File(['just text'], 'notes.txt')]);
    expect(workspace.files.getState().problem).toMatch(/^notes\.txt: only \.xlsx, \.xlsm, \.csv files can be added/);
    const files = await until(workspace.files, (s) => !s.profiling && s.files.every((f) => f.profile));
    expect(files.files.map((f) => f.file.name)).toEqual(['north.xlsx', 'south.xlsx', 'west.xlsx']);
    expect(files.insights).toBeDefined();

    // The user approves the plan as it is shown.
    workspace.conversation.subscribe((event) => {
      if (event.type === 'awaiting-approval') queueMicrotask(() => workspace.conversation.approve());
    });
    expect(profiled).toBe(1);
    const turn = await workspace.ask(CONVERSATION_REQUESTS[0]);
    expect(turn?.outcome?.status).toBe('done');
    // The files were profiled once, as they arrived, and the result once, to check it; the request did not profile the files again.
    expect(profiled).toBe(2);
    const [entry] = await listHistory(db, { limit: 1 });
    expect(entry).toMatchObject({ request: CONVERSATION_REQUESTS[0], provider: 'openai', model: 'gpt-4.1-mini', outcome: { status: 'success' } });
    expect(entry!.outputs.map((o) => o.name)).toEqual(['result.xlsx']);
    expect(workspace.memory.getState().history[0]?.id).toBe(entry!.id);

    // Other files: the turn folds into the thread, its result still there.
    workspace.files.remove('west.xlsx');
    expect(workspace.conversation.getState().turns.every((t) => t.folded)).toBe(true);
    expect(workspace.conversation.getState().turns[0]?.outcome?.status).toBe('done');

    // One visit to Settings, one audit entry naming what changed, never the key.
    workspace.openSettings();
    workspace.settings.change({ ...workspace.settings.getState().settings, timeoutS: 60 });
    workspace.settings.setSecret(apiKeySecret('openai'), `${KEY}-new`);
    workspace.closeSettings();
    await workspace.conversation.auditFlushed();
    await expect.poll(async () => (await listAudit(db)).some((e) => e.action === 'settings-changed')).toBe(true);
    const visit = (await listAudit(db)).filter((e) => e.action === 'settings-changed');
    expect(visit.map((e) => e.details.changed)).toEqual([['timeoutS', 'apiKey']]);
    expect((await listAudit(db)).map((e) => e.action).slice(0, 3)).toEqual(['request', 'plan-shown', 'plan-approved']);
    const exported = await workspace.memory.exportAudit('json', workspace.settings.allSecrets());
    expect(exported).not.toContain(KEY);
    expect(await exportAudit(db, 'csv')).not.toContain(KEY);

    // Clear all my data: the store is empty, the settings are the defaults, no key is kept anywhere.
    const cleared = await workspace.clearAllData();
    expect(cleared).toEqual({ ok: true, text: expect.stringMatching(/^All your data in this pane was cleared/) });
    expect(workspace.settings.getState()).toEqual({ settings: DEFAULT_SETTINGS, secrets: {} });
    expect(await getSecret(db, apiKeySecret('openai'))).toBeUndefined();
    expect(await listHistory(db)).toEqual([]);
    expect(workspace.memory.getState().history).toEqual([]);
    expect((await listAudit(db)).map((e) => e.action)).toEqual(['data-cleared']);
  });
});
