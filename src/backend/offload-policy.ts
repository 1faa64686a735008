/**
 * When to offer the large-job server, and what the offer says. Pure functions:
 * the pane asks before anything leaves the browser, and only when the inputs are
 * past a threshold; the user decides.
 */
import type { FileProfile } from '../../workers/api';

export interface OffloadThresholds {
  /** All inputs together, in MB (10^6 bytes, as file managers show them). */
  thresholdMb: number;
  /** Data rows across every sheet of every input. */
  thresholdRows: number;
}

/**
 * BENCHMARKS.md: the browser's Pyodide stacks 300,000 rows (3 workbooks, 8.5 MB of
 * xlsx) with openpyxl in about 110 s, inside the 2 GB heap and near the 120 s default
 * time limit; native CPython is about 2× faster. The browser handles that fine, so the
 * offer starts well above it: 1,000,000 rows (about 3× the stack that already takes
 * minutes, and where openpyxl's memory per loaded cell nears the browser's heap), or
 * 50 MB of input (xlsx at ~28 bytes per row is ~1.8 M rows; a CSV of 50 MB is
 * around a million rows too). Either one is enough.
 */
export const DEFAULT_OFFLOAD_THRESHOLDS: OffloadThresholds = { thresholdMb: 50, thresholdRows: 1_000_000 };

export interface InputSize {
  name: string;
  bytes: number;
  /** Unknown while the file is still being profiled. */
  rows?: number;
}

export interface InputAssessment {
  files: InputSize[];
  totalBytes: number;
  totalRows: number;
  /** True when a threshold is passed: the pane must ask before running. */
  overThreshold: boolean;
  /** Why, in words (e.g. "62.1 MB of input, over the 50 MB threshold"). */
  reasons: string[];
}

/** Rows a profile counts: every sheet's used range, header rows included (close enough for a threshold). */
export function rowsOf(profile: FileProfile | undefined): number | undefined {
  if (!profile || profile.error) return undefined;
  return profile.sheets.reduce((sum, sheet) => sum + sheet.rowCount, 0);
}

export function assessInputs(files: InputSize[], thresholds: OffloadThresholds): InputAssessment {
  const totalBytes = files.reduce((sum, f) => sum + f.bytes, 0);
  const totalRows = files.reduce((sum, f) => sum + (f.rows ?? 0), 0);
  const reasons: string[] = [];
  if (totalBytes > thresholds.thresholdMb * 1e6) reasons.push(`${formatSize(totalBytes)} of input, over the ${thresholds.thresholdMb} MB threshold`);
  if (totalRows > thresholds.thresholdRows) reasons.push(`${totalRows.toLocaleString('en')} rows, over the ${thresholds.thresholdRows.toLocaleString('en')}-row threshold`);
  return { files, totalBytes, totalRows, overThreshold: reasons.length > 0, reasons };
}

export type ServerUrlCheck = { ok: true; url: string } | { ok: false; message: string };

/** An http(s) URL with nothing after the path: the token goes in a header, never in the URL. */
export function checkServerUrl(text: string): ServerUrlCheck {
  const trimmed = text.trim();
  if (!trimmed) return { ok: false, message: 'No server is configured.' };
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return { ok: false, message: `"${trimmed}" is not a URL; write it like http://127.0.0.1:8787.` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, message: `The server URL must start with http:// or https:// (got ${url.protocol}).` };
  if (url.username || url.password || url.search || url.hash) return { ok: false, message: 'The server URL must not carry a user, password, query or fragment; the token has its own field.' };
  return { ok: true, url: url.href.replace(/\/+$/, '') };
}

/** What the pane shows before a large run. */
export type Offer =
  | { kind: 'server'; serverUrl: string; assessment: InputAssessment }
  | { kind: 'no-server'; why: string; assessment: InputAssessment };

export function makeOffer(assessment: InputAssessment, server: { url: string; token: string }): Offer | undefined {
  if (!assessment.overThreshold) return undefined;
  const checked = checkServerUrl(server.url);
  if (!checked.ok) return { kind: 'no-server', why: checked.message, assessment };
  if (!server.token.trim()) return { kind: 'no-server', why: 'A server URL is set, but no token.', assessment };
  return { kind: 'server', serverUrl: checked.url, assessment };
}

export type OffloadChoice = 'server' | 'browser';

/** The audit log's record of the choice: where the files went, never the token or the bytes. */
export function choiceAuditDetails(offer: Offer, choice: OffloadChoice): { [key: string]: string | number | string[] } {
  return {
    choice,
    ...(offer.kind === 'server' ? { server: offer.serverUrl } : { server: 'none configured' }),
    files: offer.assessment.files.map((f) => `${f.name} (${formatSize(f.bytes)})`),
    totalBytes: offer.assessment.totalBytes,
    reasons: offer.assessment.reasons,
  };
}

export function formatSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} bytes`;
  if (bytes < 1e6) return `${(bytes / 1e3).toFixed(1)} kB`;
  if (bytes < 1e9) return `${(bytes / 1e6).toFixed(1)} MB`;
  return `${(bytes / 1e9).toFixed(2)} GB`;
}
