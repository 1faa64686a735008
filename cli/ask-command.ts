/**
 * excel-ai ask "REQUEST" --input FILE... --out DIR --provider gemini|openai
 *   [--base-url URL] [--model NAME] [--api-key KEY] [--yes] [--json]
 *   [--conversation FILE] [--audit FILE]
 * The whole pipeline from a terminal, as a conversation (src/conversation/): prints the
 * plan and asks for approval (or approves with --yes), shows progress on stderr, writes
 * the outputs to DIR and prints the code it ran. In a terminal without --yes it then asks
 * for the next request, which builds on the result ("now sort that by Sales");
 * --conversation FILE keeps the conversation between runs, for scripts.
 */
import { createInterface } from 'node:readline/promises';
import type { AgentEvent, AgentOutcome } from '../src/agent/run-request';
import type { Plan } from '../src/agent/plan';
import { Conversation, type ConversationFile } from '../src/conversation/conversation';
import { createModel, DEFAULT_MODELS } from '../src/models';
import type { ProviderId } from '../src/models/types';
import { jsonLinesAudit } from './audit-file';
import { loadConversation, saveConversation } from './conversation-file';
import { createNodeSandbox, packageSourceOption, readInputs } from './node-sandbox';
import { spreadInputs } from './input-list';
import { writeOutputs } from './outputs';
import { checkLines, resultCheck, type ResultCheck } from './result-check';
import { asLines, printErr, printOut, terminalJson } from './terminal-text';
import { UsageError, parse, positiveNumber } from './usage';
import { describeError } from '../workers/api';

export async function askCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(spreadInputs(args), {
    input: { type: 'string', multiple: true, short: 'i' },
    out: { type: 'string', short: 'o' },
    provider: { type: 'string' },
    'base-url': { type: 'string' },
    model: { type: 'string' },
    'api-key': { type: 'string' },
    timeout: { type: 'string' },
    yes: { type: 'boolean', short: 'y' },
    'package-source': { type: 'string' },
    json: { type: 'boolean' },
    conversation: { type: 'string' },
    audit: { type: 'string' },
  });
  const request = positionals.join(' ').trim();
  if (!request) throw new UsageError('ask needs a REQUEST in quotes');
  if (!values.out) throw new UsageError('ask needs --out DIR for the result files');
  const out = values.out;
  const provider = (values.provider ?? 'gemini') as ProviderId;
  if (provider !== 'gemini' && provider !== 'openai') throw new UsageError(`--provider must be gemini or openai, got '${values.provider}'`);
  const apiKey = values['api-key'] ?? (provider === 'gemini' ? process.env.GEMINI_API_KEY : process.env.OPENAI_API_KEY);
  if (provider === 'gemini' && !apiKey) throw new UsageError('Gemini needs an API key: --api-key KEY or the GEMINI_API_KEY environment variable');
  if (values['base-url'] !== undefined && !URL.canParse(values['base-url'])) throw new UsageError(`--base-url is not a URL: '${values['base-url']}'`);
  const timeoutS = positiveNumber(values.timeout, '--timeout');
  const saved = values.conversation ? await loadConversation(values.conversation) : undefined;
  const inputPaths = values.input?.length ? values.input : (saved?.inputs ?? []);
  const inputs = await readInputs(inputPaths);
  if (!inputs.length) throw new UsageError('ask needs at least one --input FILE');
  const files: ConversationFile[] = inputs.map((i) => ({ name: i.name, size: i.bytes.byteLength, read: async () => i.bytes.slice(0) }));

  const model = createModel({ provider, model: values.model ?? DEFAULT_MODELS[provider], apiKey, baseUrl: values['base-url'] });
  const packageSource = packageSourceOption(values['package-source']);
  const sandbox = await createNodeSandbox({ packageSource, onPackageText: (line) => printErr(`… ${line}\n`) });
  const json = values.json === true;
  const conversation = new Conversation({
    sandbox,
    settings: { makeModel: () => model, autoApprove: values.yes ? 'always' : 'never', ...(timeoutS ? { limits: { timeoutMs: timeoutS * 1000 } } : {}) },
    ...(values.audit ? { audit: jsonLinesAudit(values.audit, [apiKey]) } : {}),
    onAuditProblem: (error) => printErr(`warning: the audit log could not be written: ${describeError(error)}\n`),
  });
  if (saved) conversation.resume(saved.turns);
  conversation.subscribe((event) => {
    if (event.type === 'agent' && !json) progress(event.event);
    if (event.type === 'awaiting-approval') void askApproval(event.plan).then((yes) => (yes ? conversation.approve() : conversation.cancel()));
  });
  // A terminal and no --yes: after each result, the next request (Enter ends the conversation).
  const interactive = !values.yes && !json && process.stdin.isTTY === true;
  const onSigint = (): void => conversation.cancel();
  process.on('SIGINT', onSigint);
  try {
    let status = 1;
    for (let next = request; next; next = interactive ? await askLine('\nNext request (press Enter to finish): ') : '') {
      const turn = await conversation.ask(next, files);
      const outcome: AgentOutcome = turn?.outcome ?? { status: 'cancelled', stage: 'starting-python' };
      const written = outcome.status === 'done' ? await writeOutputs(outcome.result.outputs, out) : [];
      report(outcome, written, turn?.risks && resultCheck(turn.risks), json);
      if (values.conversation) await saveConversation(values.conversation, inputPaths, conversation.getState().turns);
      status = outcome.status === 'done' ? 0 : 1;
    }
    await conversation.auditFlushed();
    return status;
  } finally {
    process.off('SIGINT', onSigint);
    sandbox.dispose();
  }
}

const STAGE_WORDS: Record<string, string> = {
  'starting-python': 'Starting Python',
  profiling: 'Reading the files',
  planning: 'Planning',
  'awaiting-approval': 'Waiting for your approval',
  'writing-code': 'Writing code',
  checking: 'Checking the code',
  running: 'Running',
  verifying: 'Checking the result',
};

function progress(event: AgentEvent): void {
  if (event.type === 'stage') {
    const tries = event.attempt && event.attempt > 1 ? ` (try ${event.attempt} of ${event.maxAttempts})` : '';
    printErr(`… ${STAGE_WORDS[event.stage] ?? event.stage}${tries}\n`);
  } else if (event.type === 'attempt-failed') {
    const detail = event.failure.error?.message ?? event.failure.problems?.join(' ') ?? '';
    printErr(`  ✗ ${event.failure.stage} failed: ${detail.split('\n')[0]}\n`);
  }
}

function describePlan(plan: Plan): string {
  const lines = [`Plan: ${plan.summary}`, ...plan.steps.map((s, i) => `  ${i + 1}. ${s}`)];
  lines.push(`Uses: ${plan.inputs.map((i) => i.file + (i.tables?.length ? ` (${i.tables.join(', ')})` : '')).join(', ')}`);
  for (const out of plan.outputs) lines.push(`Writes: ${out.file}: ${out.sheets.map((s) => `${s.name} [${s.columns.join(', ')}]`).join('; ')}`);
  lines.push(`Engine: ${plan.engine} (${plan.engineReason}); risk: ${plan.risk}${plan.dropsRows ? '; removes rows' : ''}`);
  return lines.join('\n');
}

async function askApproval(plan: Plan): Promise<boolean> {
  printErr(`${describePlan(plan)}\n`);
  if (!process.stdin.isTTY) {
    printErr('No terminal to ask for approval; pass --yes to approve plans automatically.\n');
    return false;
  }
  return /^y(es)?$/i.test(await askLine('Run this plan? [y/N] '));
}

/** One line from the terminal, trimmed (empty at the end of input). */
async function askLine(prompt: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return (await rl.question(prompt)).trim();
  } catch {
    return '';
  } finally {
    rl.close();
  }
}

/** Plan text, code, questions, messages and file names come from the model or the code: printed escaped. */
function report(outcome: AgentOutcome, written: (string | null)[], check: ResultCheck | undefined, json: boolean): void {
  if (json) {
    const base = { status: outcome.status };
    if (outcome.status === 'done') {
      const { plan, code, verification, attempts, result } = outcome;
      process.stdout.write(`${terminalJson({ ...base, plan, code, verification, attempts: attempts.length, outputs: written.filter((path) => path !== null), check, stdout: result.stdout })}\n`);
    } else {
      process.stdout.write(`${terminalJson({ ...base, ...outcome })}\n`);
    }
    return;
  }
  switch (outcome.status) {
    case 'done':
      printErr(`${describePlan(outcome.plan)}\n`);
      if (outcome.result.stdout) printErr(asLines(outcome.result.stdout));
      for (const check of outcome.verification.checks) printErr(`  ✓ ${check}\n`);
      for (const path of written) if (path) printErr(`wrote ${path}\n`);
      if (check) for (const line of checkLines(check)) printErr(`${line}\n`);
      printOut(`# The code that ran (try ${outcome.attempts.length}):\n${outcome.code}`);
      return;
    case 'question':
      printOut(`The model needs to know: ${outcome.question}\nAsk again with the answer in the request.\n`);
      return;
    case 'cancelled':
      printErr('Cancelled. Nothing was written.\n');
      return;
    case 'failed':
      printErr(`Failed while ${STAGE_WORDS[outcome.stage]?.toLowerCase() ?? outcome.stage}: ${outcome.message}\n`);
      if (outcome.lastCode) printOut(`# The last code tried:\n${outcome.lastCode}`);
  }
}
