/**
 * The pane's side of one request: runs the agent pipeline and turns its events
 * into state for the components. Components render this state and send intents
 * (ask, approve, cancel, run edited code); they never call the agent themselves.
 */
import { useCallback, useRef, useState } from 'react';
import type { FileProfile, RunResult } from '../../workers/api';
import type { Plan } from '../agent/plan';
import { MAX_ATTEMPTS, runRequest, type AgentEvent, type AgentOutcome, type AgentStage, type SandboxPort } from '../agent/run-request';
import { explainAttempt } from '../agent/explain-failure';
import type { LanguageModel } from '../models/types';
import type { ChangeDecision, PreparedChange, WorkbookPort } from '../agent/workbook-change';
import type { AddedFile } from './use-files';
import { chooseSandbox, type Chosen, type OffloadConfig } from '../backend/choose-sandbox';
import { rowsOf, type Offer, type OffloadChoice } from '../backend/offload-policy';
import type { ServerProgress } from '../backend/server-sandbox';

export interface AgentView {
  busy: boolean;
  stage?: AgentStage;
  attempt?: number;
  startedAt?: number;
  plan?: Plan;
  awaitingApproval: boolean;
  code: string;
  /** Whether the code came from the model (shown highlighted) or was typed by the user. */
  codeSource: 'model' | 'user';
  modelText: string;
  failures: { attempt: number; stage: string; sentence: string; details?: string }[];
  outcome?: AgentOutcome;
  /** Workbook operations waiting for review (inside Excel). */
  change?: PreparedChange;
  awaitingChange: boolean;
  /** The result of running code directly (edited by the user), without the model. */
  directRun?: RunResult;
  directProfiles?: FileProfile[];
  /** Large inputs: the offer card waiting for the user's choice (nothing is sent before it). */
  offer?: Offer;
  /** Where the current or last run happens, and the server run's progress. */
  runsOn?: 'browser' | 'server';
  serverProgress?: ServerProgress;
}

const IDLE: AgentView = { busy: false, awaitingApproval: false, awaitingChange: false, code: '', codeSource: 'user', modelText: '', failures: [] };

export function useAgent(sandbox: SandboxPort, makeModel: () => LanguageModel, options: { autoApproveLowRisk: boolean; limits: { timeoutMs: number; memoryMb: number }; workbook?: WorkbookPort; offload?: OffloadConfig; onOffloadChoice?(offer: Offer, choice: OffloadChoice): Promise<void> | void }) {
  const [view, setView] = useState<AgentView>(IDLE);
  const controller = useRef<AbortController | undefined>(undefined);
  const approval = useRef<((decision: { action: 'approve'; plan?: Plan } | { action: 'cancel' }) => void) | undefined>(undefined);
  const changeApproval = useRef<((decision: ChangeDecision) => void) | undefined>(undefined);
  const offerChoice = useRef<((choice: OffloadChoice | 'cancel') => void) | undefined>(undefined);
  /** Set by "Edit request": the request's end clears its cards instead of showing "cancelled". */
  const editing = useRef(false);

  /** Large inputs: the browser or the server, as the user decides on the offer card (src/backend/choose-sandbox.ts). */
  const pickSandbox = useCallback(
    async (files: AddedFile[]): Promise<Chosen | undefined> => {
      if (!options.offload) return { sandbox, runsOn: 'browser' };
      const inputs = files.map((f) => ({ name: f.file.name, bytes: f.file.size, rows: rowsOf(f.profile) }));
      const chosen = await chooseSandbox(sandbox, inputs, options.offload, {
        ask: (offer) => {
          setView((v) => ({ ...v, offer }));
          return new Promise((resolve) => {
            offerChoice.current = (choice) => {
              offerChoice.current = undefined;
              setView((v) => ({ ...v, offer: undefined }));
              resolve(choice);
            };
          });
        },
        onProgress: (serverProgress) => setView((v) => ({ ...v, serverProgress })),
        record: options.onOffloadChoice,
      });
      setView((v) => ({ ...v, runsOn: chosen?.runsOn, serverProgress: undefined }));
      return chosen;
    },
    [options.offload, options.onOffloadChoice, sandbox],
  );

  const onEvent = useCallback((event: AgentEvent) => {
    setView((v) => {
      switch (event.type) {
        case 'stage':
          return { ...v, stage: event.stage, attempt: event.attempt, modelText: event.stage === 'writing-code' ? '' : v.modelText };
        case 'plan':
          return { ...v, plan: event.plan };
        case 'change-preview':
          return { ...v, change: event.change };
        case 'model-text':
          return { ...v, modelText: v.modelText + event.text };
        case 'code':
          return { ...v, code: event.code, codeSource: 'model' };
        case 'attempt-failed': {
          const { sentence, details } = explainAttempt(event.failure, event.attempt < MAX_ATTEMPTS);
          return { ...v, failures: [...v.failures, { attempt: event.attempt, stage: event.failure.stage, sentence, details }] };
        }
        default:
          return v;
      }
    });
  }, []);

  const ask = useCallback(
    async (request: string, files: AddedFile[]) => {
      controller.current = new AbortController();
      setView((v) => ({ ...IDLE, code: v.code, codeSource: v.codeSource, busy: true, startedAt: Date.now() }));
      let outcome: AgentOutcome;
      try {
        const chosen = await pickSandbox(files);
        outcome = !chosen ? { status: 'cancelled', stage: 'starting-python' } : await runRequest(request, {
          model: makeModel(),
          sandbox: chosen.sandbox,
          readInputs: () => readFiles(files),
          approve: (plan) => {
            if (options.autoApproveLowRisk && plan.risk === 'low') return Promise.resolve({ action: 'approve' });
            setView((v) => ({ ...v, awaitingApproval: true }));
            return new Promise((resolve) => {
              approval.current = (decision) => {
                approval.current = undefined;
                setView((v) => ({ ...v, awaitingApproval: false }));
                resolve(decision);
              };
            });
          },
          onEvent,
          signal: controller.current.signal,
          limits: options.limits,
          workbook: options.workbook,
          approveChange: () => {
            setView((v) => ({ ...v, awaitingChange: true }));
            return new Promise<ChangeDecision>((resolve) => {
              changeApproval.current = (decision) => {
                changeApproval.current = undefined;
                setView((v) => ({ ...v, awaitingChange: false }));
                resolve(decision);
              };
            });
          },
        });
      } catch (error) {
        outcome = { status: 'failed', stage: 'starting-python', message: error instanceof Error ? error.message : String(error), attempts: [] };
      }
      if (editing.current) {
        // "Edit request": back to the request as it was, with no card left of this attempt.
        editing.current = false;
        setView((v) => ({ ...IDLE, code: v.code, codeSource: v.codeSource }));
        return outcome;
      }
      setView((v) => ({ ...v, busy: false, awaitingApproval: false, awaitingChange: false, outcome, code: outcome.status === 'done' ? outcome.code : outcome.status === 'failed' && outcome.lastCode ? outcome.lastCode : v.code }));
      return outcome;
    },
    [makeModel, onEvent, options.autoApproveLowRisk, options.limits, options.workbook, pickSandbox],
  );

  const runCode = useCallback(
    async (code: string, files: AddedFile[]) => {
      controller.current = new AbortController();
      // A run of the user's own code: the cards of an earlier request (plan, failed tries) no longer apply.
      setView((v) => ({ ...IDLE, codeSource: v.codeSource, busy: true, stage: 'running', startedAt: Date.now(), code }));
      const signal = controller.current.signal;
      const chosen = await pickSandbox(files);
      const directRun: RunResult = chosen
        ? await chosen.sandbox.run({ code, inputs: await readFiles(files), limits: options.limits }, { signal })
        : { ok: false, error: { kind: 'cancelled', message: 'Cancelled before running. Nothing was sent or written.' }, stdout: '', stderr: '', streamsTruncated: false, durationMs: 0 };
      let directProfiles: FileProfile[] | undefined;
      if (directRun.ok && directRun.outputs.length) {
        const profiled = await sandbox.profile(directRun.outputs.map((o) => ({ name: o.name.split('/').pop() ?? o.name, bytes: o.bytes.slice(0) })));
        if (profiled.ok) directProfiles = profiled.files;
      }
      setView((v) => ({ ...v, busy: false, stage: undefined, directRun, directProfiles }));
    },
    [options.limits, pickSandbox, sandbox],
  );

  const approve = useCallback((plan?: Plan) => approval.current?.({ action: 'approve', plan }), []);
  const rejectPlan = useCallback(() => {
    editing.current = true;
    approval.current?.({ action: 'cancel' });
  }, []);
  /** The files changed: a plan, failure or result of other files would mislead; a running request goes on. */
  const forgetOutcome = useCallback(() => setView((v) => (v.busy ? v : { ...IDLE, code: v.code, codeSource: v.codeSource })), []);
  const applyChange = useCallback((approveRisky: boolean) => changeApproval.current?.({ action: 'apply', approveRisky }), []);
  const chooseOffload = useCallback((choice: OffloadChoice | 'cancel') => offerChoice.current?.(choice), []);
  const cancel = useCallback(() => {
    offerChoice.current?.('cancel');
    approval.current?.({ action: 'cancel' });
    changeApproval.current?.({ action: 'cancel' });
    controller.current?.abort();
  }, []);
  const setCode = useCallback((code: string) => setView((v) => ({ ...v, code, codeSource: 'user' })), []);

  return { view, ask, runCode, approve, rejectPlan, forgetOutcome, applyChange, cancel, setCode, chooseOffload };
}

/** Fresh copies of the files for each call: buffers may be transferred to the worker. */
async function readFiles(files: AddedFile[]) {
  return Promise.all(files.map(async (f) => ({ name: f.file.name, bytes: await f.file.arrayBuffer() })));
}
