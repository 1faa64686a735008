/**
 * What went wrong, in a sentence a non-programmer understands, with what happens or
 * what to do next; the technical text (message, traceback) is kept as details for a
 * folded "Details" part. The model still gets the full technical text (prompts.ts).
 */
import type { FailureCause, SandboxError } from '../../workers/api';
import type { AttemptFailure } from './prompts';

export interface Explanation {
  sentence: string;
  /** The technical text behind the sentence: error message, line, traceback. */
  details?: string;
}

const LISTED = 8;

/** One failed try of the model's code; `retrying` when another try follows. */
export function explainAttempt(failure: AttemptFailure, retrying: boolean): Explanation {
  const next = retrying ? ' The model is trying again with this information.' : '';
  if (failure.stage === 'no code in the answer') {
    return { sentence: `The model answered without a script.${next}` };
  }
  if (failure.stage === 'verification' || failure.stage === 'workbook check') {
    const problems = failure.problems ?? [];
    const what = failure.stage === 'verification' ? 'The result did not match the plan' : 'The planned workbook changes did not fit the workbook';
    return { sentence: `${what}: ${sentenceCase(problems[0] ?? 'a check failed')}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}.${next}`.replace(/\.\.+/g, '.'), details: problems.join('\n') };
  }
  const error = failure.error;
  if (!error) return { sentence: `The code failed.${next}` };
  const explained = explainSandboxError(error);
  return { sentence: `${explained.sentence}${next}`, details: explained.details };
}

/** A sandbox error as a sentence; used for tries and for a run the user started themselves. */
export function explainSandboxError(error: SandboxError): Explanation {
  const details = technical(error);
  const at = error.line ? ` (line ${error.line})` : '';
  if (error.cause) return { sentence: missing(error.cause, at), details };
  switch (error.kind) {
    case 'precheck': {
      const first = error.violations?.[0];
      const tried = first ? first.message.replace(/^Line \d+: /, '') : 'something the sandbox does not allow';
      return { sentence: `The code was not run: it used something the sandbox does not allow${first ? ` (line ${first.line})` : ''}. ${sentenceCase(firstSentence(tried))}`, details };
    }
    case 'timeout':
      return { sentence: `${firstSentence(error.message)} That is the time limit: raise it in Settings → Limits (or --timeout in the CLI), or ask for less work at once.`, details };
    case 'memory':
      return { sentence: `${firstSentence(error.message)} That is the memory limit: raise it in Settings → Limits (or --memory in the CLI), use smaller files, or send large files to your server.`, details };
    case 'cancelled':
      return { sentence: 'You cancelled the run; nothing was written.' };
    // Our own messages, written for people already: shown as they are.
    case 'blocked':
    case 'input':
    case 'package':
    case 'internal':
      return { sentence: error.message, ...(error.traceback ? { details: error.traceback } : {}) };
    default:
      return { sentence: `The code stopped with an error${at}: ${firstSentence(withoutHint(error.message).replace(/\s*\(line \d+\)\s*$/, ''))}`, details };
  }
}

/** The error with its sentence as the message and the technical text as the traceback, for an error card. */
export function explainedError(error: SandboxError): Pick<SandboxError, 'kind' | 'message' | 'traceback'> {
  const { sentence, details } = explainSandboxError(error);
  return { kind: error.kind, message: sentence, ...(details ? { traceback: details } : {}) };
}

function missing(cause: FailureCause, at: string): string {
  const names = cause.available.slice(0, LISTED).map((n) => `"${n}"`).join(', ') + (cause.available.length > LISTED ? `, and ${cause.available.length - LISTED} more` : '');
  switch (cause.kind) {
    case 'missing-column':
      return `The code used a column named "${cause.name}"${at}, which the table does not have.${names ? ` Its columns are ${names}.` : ''}`;
    case 'missing-sheet':
      return `The code used a sheet named "${cause.name}"${at}, which the workbook does not have.${names ? ` Its sheets are ${names}.` : ''}`;
    case 'missing-file':
      return `The code opened a file named "${cause.name}"${at}, which is not among your files.${names ? ` The files added are ${names}.` : ' No files were added.'}`;
    case 'missing-key':
      return `The code looked for "${cause.name}"${at}, which is not in the data: a column, sheet or other name that does not match the files exactly.`;
  }
}

function technical(error: SandboxError): string {
  return [error.message, error.traceback].filter(Boolean).join('\n\n');
}

/** The first sentence, ending with exactly one full stop. */
function firstSentence(text: string): string {
  const line = text.split('\n')[0]?.trim() ?? '';
  const cut = /^(.*?[.!?])(\s|$)/.exec(line)?.[1] ?? line;
  return `${cut.replace(/[.\s]+$/, '')}.`;
}

function withoutHint(message: string): string {
  return message.replace(/\.?\s*Hint:.*$/s, '');
}

function sentenceCase(text: string): string {
  return text ? text[0]!.toUpperCase() + text.slice(1) : text;
}
