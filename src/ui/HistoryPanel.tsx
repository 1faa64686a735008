/** Past requests with their plan, code, files and outcome; re-run one on the files added now. */
import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, Badge, Body1, Button, Caption1, makeStyles, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { HistoryEntry } from '../store';

const useStyles = makeStyles({ pre: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, whiteSpace: 'pre-wrap', margin: 0, maxHeight: '200px', overflow: 'auto' } });

export function HistoryPanel(props: {
  entries: HistoryEntry[];
  problem?: string;
  canRerun: boolean;
  onRerun(code: string): void;
  /** The "Save as recipe" action for an entry that succeeded. */
  saveRecipe?(entry: HistoryEntry): ReactNode;
}) {
  const styles = useStyles();
  return (
    <section aria-labelledby="history-heading" data-testid="history">
      <h2 id="history-heading" className="pane-heading">
        History
      </h2>
      <Caption1 block>Kept in this browser only. Inputs are remembered by name and fingerprint, never their contents.</Caption1>
      {props.problem && <Body1 block>{props.problem}</Body1>}
      {!props.entries.length && <Body1 block>No requests yet.</Body1>}
      <Accordion collapsible multiple>
        {props.entries.map((entry) => (
          <AccordionItem key={entry.id} value={entry.id}>
            <AccordionHeader size="small">
              <Badge appearance="tint" color={entry.outcome.status === 'success' ? 'success' : entry.outcome.status === 'failed' ? 'danger' : 'informative'}>
                {entry.outcome.status}
              </Badge>
              &nbsp;{entry.request}
            </AccordionHeader>
            <AccordionPanel>
              <Caption1>
                {new Date(entry.createdAt).toLocaleString()} · {entry.provider} {entry.model} · {(entry.timings.totalMs ?? 0) / 1000} s
              </Caption1>
              <Caption1 as="p">Inputs: {entry.inputs.map((i) => i.name).join(', ') || 'none'}</Caption1>
              <Caption1 as="p">Outputs: {entry.outputs.map((o) => o.name).join(', ') || 'none'}</Caption1>
              {entry.outcome.message && <Caption1 as="p">{entry.outcome.message}</Caption1>}
              {entry.code && <pre className={styles.pre}>{entry.code}</pre>}
              {entry.code && (
                <Button size="small" disabled={!props.canRerun} onClick={() => props.onRerun(entry.code ?? '')}>
                  Re-run this code on the current files
                </Button>
              )}
              {entry.code && entry.outcome.status === 'success' && props.saveRecipe?.(entry)}
            </AccordionPanel>
          </AccordionItem>
        ))}
      </Accordion>
    </section>
  );
}
