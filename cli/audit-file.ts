/**
 * `excel-ai ask --audit FILE`: the conversation's audit events as JSON Lines, one event
 * per line as it happens (appended, so a log survives a crash and collects many runs).
 * The API key and the server token never reach the file.
 */
import { appendFile } from 'node:fs/promises';
import type { AuditSink } from '../src/conversation/audit-recorder';
import { redact, redactText } from '../src/store/redact';

export function jsonLinesAudit(path: string, secrets: readonly (string | undefined)[]): AuditSink {
  const hidden = secrets.filter((s): s is string => typeof s === 'string' && s.length >= 8);
  return async (action, details, at) => {
    const line = JSON.stringify({ at: new Date(at).toISOString(), action, details: redact(details, hidden) });
    await appendFile(path, `${redactText(line, hidden)}\n`);
  };
}
