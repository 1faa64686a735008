/** Which step runs, for how long, and a Cancel that works at every step. */
import { Button, makeStyles, Spinner, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { AgentStage } from '../agent/run-request';

const WORDS: Record<AgentStage, string> = {
  'starting-python': 'Loading Python',
  profiling: 'Reading the files',
  planning: 'Planning',
  'awaiting-approval': 'Waiting for your approval',
  'writing-code': 'Writing code',
  checking: 'Checking the code',
  running: 'Running',
  verifying: 'Checking the result',
  'writing-changes': 'Preparing the workbook changes',
  'reviewing-changes': 'Waiting for you to review the changes',
  applying: 'Changing the workbook',
};

const useStyles = makeStyles({ row: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' } });

export function ProgressView(props: { stage?: AgentStage; attempt?: number; startedAt?: number; onCancel(): void }) {
  const styles = useStyles();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, []);
  const seconds = props.startedAt ? Math.max(0, Math.round((now - props.startedAt) / 1000)) : 0;
  const tries = props.attempt && props.attempt > 1 ? ` (try ${props.attempt} of 3)` : '';
  return (
    <div className={styles.row} role="status" aria-live="polite" data-testid="progress">
      <Spinner size="tiny" label={`${props.stage ? WORDS[props.stage] : 'Working'}${tries} · ${seconds} s`} />
      <Button onClick={props.onCancel} data-testid="cancel">
        Cancel
      </Button>
    </div>
  );
}
