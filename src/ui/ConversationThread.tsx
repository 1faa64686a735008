/**
 * The earlier turns of the conversation, folded: each one's request and what came of
 * it, its result files still downloadable until the user starts a new conversation.
 * The latest turn is shown in full by the Work tab below this.
 */
import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, Button, Caption1, makeStyles, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { OutputFile } from '../../workers/api';
import { turnOutputs, type Turn } from '../conversation/turn';
import { ResultView } from './ResultView';
import type { SheetRows } from './SheetGrid';

const useStyles = makeStyles({
  thread: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  header: { display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: tokens.spacingHorizontalS },
  request: { overflowWrap: 'anywhere' },
});

export function ConversationThread(props: {
  turns: readonly Turn[];
  canStartOver: boolean;
  onNewConversation(): void;
  onDownload(turn: Turn, name: string): void;
  loadRows: (output: OutputFile, sheet: string) => Promise<{ ok: true; rows: SheetRows } | { ok: false; message: string }>;
  /** Inside Excel: insert a result into the workbook. */
  actions?: (output: OutputFile, allowRisky: boolean) => ReactNode;
}) {
  const styles = useStyles();
  if (!props.turns.length) return null;
  return (
    <section className={styles.thread} aria-labelledby="thread-heading" data-testid="conversation-thread">
      <div className={styles.header}>
        <h2 id="thread-heading" className="pane-heading">
          Earlier in this conversation
        </h2>
        <Button size="small" onClick={props.onNewConversation} disabled={!props.canStartOver} data-testid="new-conversation">
          New conversation
        </Button>
      </div>
      <Caption1>Your next request can build on these results (“sort that by Sales”).</Caption1>
      <Accordion collapsible multiple>
        {props.turns.map((turn, i) => (
          <AccordionItem key={turn.id} value={turn.id} data-testid="earlier-turn">
            <AccordionHeader size="small">
              <span className={styles.request}>
                {i + 1}. {turn.kind === 'code' ? `Code run (${turn.request})` : turn.request}
              </span>
            </AccordionHeader>
            <AccordionPanel>
              <TurnSummary turn={turn} />
              {turnOutputs(turn).length > 0 && (
                <ResultView
                  heading={`Result of turn ${i + 1}`}
                  testId="earlier-result"
                  outputs={turnOutputs(turn)}
                  profiles={turn.outcome?.status === 'done' ? turn.outcome.outputProfiles : turn.directProfiles}
                  stdout=""
                  durationMs={turn.outcome?.status === 'done' ? turn.outcome.result.durationMs : (turn.directRun?.durationMs ?? 0)}
                  loadRows={props.loadRows}
                  risks={turn.risks}
                  actions={props.actions}
                  onDownload={(name) => props.onDownload(turn, name)}
                  {...(turn.label ? { label: turn.label } : {})}
                />
              )}
            </AccordionPanel>
          </AccordionItem>
        ))}
      </Accordion>
    </section>
  );
}

function TurnSummary({ turn }: { turn: Turn }) {
  const outcome = turn.outcome;
  if (outcome?.status === 'question') return <Caption1>The model asked: {outcome.question}</Caption1>;
  if (outcome?.status === 'applied') return <Caption1>{outcome.label}.</Caption1>;
  if (turn.plan) return <Caption1>Plan: {turn.plan.summary}</Caption1>;
  return null;
}
