/**
 * What can go wrong between the pane and the large-job server, as values with a
 * sentence the user can act on. The server's own error bodies ({ error: { kind,
 * message } }) are kept when they say more than the status does.
 */
export type ServerErrorKind =
  /** No answer at all: not running, wrong URL, blocked by the browser (CORS, mixed content), offline. */
  | 'unreachable'
  /** Missing or wrong token. */
  | 'auth'
  /** The upload is over the server's limit. */
  | 'too-large'
  /** The server's queue is full. */
  | 'busy'
  /** The job or upload is gone (deleted, expired, or the server restarted). */
  | 'not-found'
  | 'gone'
  /** The server refused the request as malformed (e.g. a file name it does not accept). */
  | 'bad-request'
  /** The user cancelled. */
  | 'cancelled'
  /** Something answered, but not like this server does (another service on that URL, another version). */
  | 'protocol'
  /** The server failed on its side (5xx). */
  | 'server';

export interface ServerError {
  kind: ServerErrorKind;
  message: string;
  /** The HTTP status, when there was an answer. */
  status?: number;
}

export type ServerResult<T> = { ok: true; value: T } | { ok: false; error: ServerError };

export const success = <T>(value: T): ServerResult<T> => ({ ok: true, value });
export const failure = <T>(kind: ServerErrorKind, message: string, status?: number): ServerResult<T> => ({
  ok: false,
  error: { kind, message, ...(status === undefined ? {} : { status }) },
});

export function unreachable(url: string, cause: unknown): ServerError {
  const detail = cause instanceof Error && cause.message ? ` (${cause.message})` : '';
  // A browser hides a CORS refusal behind the same error as a dead server, so both fixes are named.
  const origin = typeof location === 'undefined' ? "this pane's origin" : location.origin;
  return {
    kind: 'unreachable',
    message:
      `The large-job server at ${url} did not answer${detail}. Check that it is running and that the URL in Settings is right; ` +
      `a server on another address must also allow this pane to call it: start it with --allow-origin ${origin} ` +
      '(or put it behind the same address as the pane). Or run in this browser.',
  };
}

export function cancelled(): ServerError {
  return { kind: 'cancelled', message: 'Cancelled. The job on the server was stopped and its files deleted.' };
}

/** Turns a non-2xx answer into an error, preferring the server's own message. */
export function fromStatus(status: number, body: string, url: string): ServerError {
  const serverMessage = parseServerMessage(body);
  switch (status) {
    case 401:
    case 403:
      return { kind: 'auth', status, message: `The server at ${url} refused the token (${serverMessage ?? 'unauthorized'}). Paste the token the server was started with into Settings → Large-job server.` };
    case 413:
      return { kind: 'too-large', status, message: `${serverMessage ?? 'The files are larger than the server accepts.'} Use smaller files, or ask whoever runs the server to raise --max-upload-mb.` };
    case 503:
      return { kind: 'busy', status, message: `${serverMessage ?? 'The server is busy.'} Its queue is full: try again in a few minutes, or run in this browser.` };
    case 404:
      return { kind: 'not-found', status, message: serverMessage ?? `The server at ${url} does not know this route or job (it may have expired or the server restarted).` };
    case 410:
      return { kind: 'gone', status, message: serverMessage ?? 'The job\'s files were deleted on the server (expired). Run it again.' };
    default:
      if (status >= 400 && status < 500) return { kind: 'bad-request', status, message: serverMessage ?? `The server refused the request (HTTP ${status}).` };
      return { kind: 'server', status, message: `The server failed (HTTP ${status})${serverMessage ? `: ${serverMessage}` : ''}. Try again, or run in this browser.` };
  }
}

function parseServerMessage(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { error?: { message?: unknown } };
    return typeof parsed.error?.message === 'string' ? parsed.error.message : undefined;
  } catch {
    return undefined;
  }
}
