import type { SandboxError, SandboxErrorKind } from '../api';

/** Builds an error value; the one place that decides the shape. */
export function sandboxError(kind: SandboxErrorKind, message: string, extra: Partial<SandboxError> = {}): SandboxError {
  return { kind, message, ...extra };
}

/** Turns anything thrown into a sentence; never `[object Object]`. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  try {
    return JSON.stringify(error);
  } catch {
    return String(error);
  }
}

/**
 * A JavaScript error raised while Python ran that means Python reached for
 * JavaScript's string-to-code (Function, eval): the platform wall said no.
 */
export function isBlockedEscape(error: unknown): boolean {
  const text = describeError(error);
  return /EvalError|Code generation from strings disallowed|unsafe-eval|Content Security Policy/i.test(text);
}

/** Pyodide marks errors it cannot recover from; the instance must be replaced. */
export function isFatal(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'pyodide_fatal_error' in error;
}
