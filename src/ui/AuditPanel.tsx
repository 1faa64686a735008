/**
 * The audit log, newest first: every request, approved plan, run, write, undo and
 * settings change, in words. Export saves the whole log as JSON or CSV; the store
 * removes saved API keys from both.
 */
import { Body1, Button, Caption1, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { redactText, usableSecrets } from '../store/redact';
import type { AuditAction, AuditEntry, AuditExportFormat, JsonValue } from '../store';
import { describeError } from '../../workers/api';

const useStyles = makeStyles({
  list: { listStyle: 'none', padding: 0, margin: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  entry: {
    display: 'flex',
    flexDirection: 'column',
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    paddingBottom: tokens.spacingVerticalXS,
    overflowWrap: 'anywhere',
  },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', margin: `${tokens.spacingVerticalS} 0` },
});

export const ACTION_WORDS: Record<AuditAction, string> = {
  request: 'Request',
  'plan-shown': 'Plan shown',
  'plan-approved': 'Plan approved',
  'plan-edited': 'Plan edited and approved',
  'plan-cancelled': 'Plan cancelled',
  try: 'Code tried',
  'result-produced': 'Result produced',
  'request-ended': 'Request ended',
  'result-downloaded': 'Result downloaded',
  'code-run': 'Code run',
  'result-written': 'Result written to the workbook',
  undo: 'Undone',
  'settings-changed': 'Settings changed',
  'data-cleared': 'Data cleared',
};

/** Shown in the pane; the export has the full entries. */
const SHOWN = 200;

export function AuditPanel(props: {
  /** False when this browser refused the pane's storage. */
  available: boolean;
  /** Changes whenever something was logged, to reload. */
  version: number;
  /**
   * The user's secrets: removed from what is shown too. The store redacts against the
   * same entries as it writes; this also covers entries written before a key was saved.
   */
  secrets: readonly string[];
  /** The log, newest first (src/conversation/memory.ts). */
  load(): Promise<AuditEntry[]>;
  /** The whole log as a file's text, secrets removed. */
  exportLog(format: AuditExportFormat): Promise<string>;
}) {
  const styles = useStyles();
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [problem, setProblem] = useState<string | undefined>();

  const { available, version, load } = props;
  useEffect(() => {
    if (!available) return;
    let live = true;
    load()
      .then((all) => live && setEntries(all))
      .catch((error: unknown) => live && setProblem(`The audit log could not be read (${describeError(error)}). Reload the pane and try again.`));
    return () => {
      live = false;
    };
  }, [available, load, version]);

  const save = async (format: AuditExportFormat): Promise<void> => {
    if (!props.available) return;
    try {
      const text = await props.exportLog(format);
      downloadText(text, `excel-ai-audit-log.${format}`, format === 'json' ? 'application/json' : 'text/csv');
    } catch (error) {
      setProblem(`The audit log could not be exported (${describeError(error)}). Try again.`);
    }
  };

  return (
    <section aria-labelledby="audit-heading" data-testid="audit">
      <h2 id="audit-heading" className="pane-heading">
        Audit log
      </h2>
      <Caption1>Everything the pane did, in order, kept in this browser. Entries cannot be edited; exports never contain your API key.</Caption1>
      <div className={styles.actions}>
        <Button size="small" disabled={!props.available} onClick={() => void save('csv')} data-testid="export-audit-csv">
          Export CSV
        </Button>
        <Button size="small" disabled={!props.available} onClick={() => void save('json')} data-testid="export-audit-json">
          Export JSON
        </Button>
      </div>
      {!props.available && <Body1>The audit log is not available: this browser refused to open the pane’s storage.</Body1>}
      {problem && <Body1>{problem}</Body1>}
      {props.available && !entries.length && <Body1>Nothing logged yet.</Body1>}
      <ol className={styles.list} aria-label="Audit entries, newest first">
        {entries.slice(0, SHOWN).map((entry) => (
          <li key={entry.id ?? entry.at} className={styles.entry} data-testid="audit-entry" data-action={entry.action}>
            <Body1>
              <strong>{ACTION_WORDS[entry.action]}</strong> · <time dateTime={new Date(entry.at).toISOString()}>{new Date(entry.at).toLocaleString()}</time>
            </Body1>
            {describe(entry.details, props.secrets) && <Caption1 as="p">{describe(entry.details, props.secrets)}</Caption1>}
          </li>
        ))}
      </ol>
      {entries.length > SHOWN && <Caption1>The {SHOWN} newest of {entries.length} entries are shown; the export has them all.</Caption1>}
    </section>
  );
}

/** A value as a person reads it: lists joined by commas, objects as "name = value". */
function plain(value: JsonValue): string {
  if (Array.isArray(value)) return value.map(plain).join(', ') || 'none';
  if (value && typeof value === 'object') return Object.entries(value).map(([k, v]) => `${k} = ${plain(v)}`).join(', ');
  return String(value);
}

/** Internal ids and the whole plan (kept in History) would drown the list; the export has them. */
const HIDDEN_ON_SCREEN = new Set(['historyId', 'plan', 'undoId']);

/** Details as "key: value" pairs, short enough to scan. */
function describe(details: Record<string, JsonValue>, secrets: readonly string[]): string {
  const text = Object.entries(details)
    .filter(([key]) => !HIDDEN_ON_SCREEN.has(key))
    .map(([key, value]) => `${key}: ${plain(value)}`)
    .join(' · ');
  // Redacted before shortening, so no part of a key can survive the cut.
  return redactText(text, usableSecrets(secrets)).slice(0, 400);
}

/** Saves text as a file. The object URL exists only for this download. */
export function downloadText(text: string, name: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = name;
  anchor.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
