import { describeError, type SandboxError, type SandboxErrorKind } from '../api';

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
