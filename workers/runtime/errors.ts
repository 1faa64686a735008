import { describeError, type SandboxError, type SandboxErrorKind } from '../api';
import type { FileBudgetRefusal } from './file-budget';

const MIB = 1024 * 1024;

/** Builds an error value; the one place that decides the shape. */
export function sandboxError(kind: SandboxErrorKind, message: string, extra: Partial<SandboxError> = {}): SandboxError {
  return { kind, message, ...extra };
}


/**
 * A JavaScript error raised while Python ran that means Python reached for
 * JavaScript's string-to-code (Function, eval): the platform wall said no.
 */
export function isBlockedEscape(error: unknown): boolean {
  const text = describeError(error);
  return /EvalError|Code generation from strings disallowed|unsafe-eval|Content Security Policy/i.test(text);
}

/** Node's permission model refused something (a program, a host file, a worker). */
export function isPermissionRefusal(error: unknown): boolean {
  return /ERR_ACCESS_DENIED|Access to this API has been restricted/.test(describeError(error));
}

/** JavaScript's stack ran out under Python: deep recursion or deeply nested data. */
export function isStackOverflow(error: unknown): boolean {
  return /Maximum call stack size exceeded|too much recursion/i.test(describeError(error));
}

/** Pyodide marks errors it cannot recover from; the instance must be replaced. */
export function isFatal(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'pyodide_fatal_error' in error;
}

/** The run passed its memory limit as the supervisor saw it: a heap grow or a file write refused. */
export function memoryError(memoryMb: number, files: FileBudgetRefusal | undefined): SandboxError {
  const message = files
    ? `The code used more than the ${memoryMb} MB memory limit: files it writes count too, and it tried to hold ${formatMiB(files.wantedFileBytes)} in files besides ${formatMiB(files.heapBytes)} of working memory. Write smaller files or process less at once.`
    : `The code used more than the ${memoryMb} MB memory limit. Process less at once: read only the columns you need (usecols=...), fewer rows (nrows=...), and avoid large intermediate copies.`;
  return sandboxError('memory', message);
}

/** Our own Python ran out of memory: the file, not any code, is the cause. */
export function ownMemoryError(memoryMb: number): SandboxError {
  return sandboxError('memory', `reading it needed more than the ${memoryMb} MB the sandbox may use. Make the result smaller (fewer rows or columns), or split it into several files.`);
}

export function formatMiB(bytes: number): string {
  return `${(bytes / MIB).toFixed(1)} MB`;
}
