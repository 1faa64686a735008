/**
 * What the workbook operations will change, before anything is changed: each step in
 * plain words with a before/after sample, the cells it replaces, and any formula that
 * could reach the network or run something, which needs its own explicit tick.
 */
import {
  Badge, Body1, Button, Caption1, Card, CardHeader, Checkbox, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { CellValue } from '../../workers/api';
import type { PreparedChange } from '../agent/workbook-change';
import { formatCell } from './cell-format';

const useStyles = makeStyles({
  steps: { margin: 0, paddingLeft: tokens.spacingHorizontalL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  samples: { display: 'flex', gap: tokens.spacingHorizontalM, flexWrap: 'wrap', overflowX: 'auto' },
  sample: { borderCollapse: 'collapse', fontSize: tokens.fontSizeBase200, '& td': { border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`, padding: `0 ${tokens.spacingHorizontalXS}`, maxWidth: '90px', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' } },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
});

function Sample({ caption, cells }: { caption: string; cells: CellValue[][] }) {
  const styles = useStyles();
  return (
    <table className={styles.sample} aria-label={caption}>
      <caption>
        <Caption1>{caption}</Caption1>
      </caption>
      <tbody>
        {cells.map((row, r) => (
          <tr key={r}>
            {row.map((v, c) => (
              <td key={c} title={formatCell(v)}>
                {formatCell(v)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ChangePreview(props: { change: PreparedChange; waiting: boolean; onApply(approveRisky: boolean): void; onCancel(): void }) {
  const styles = useStyles();
  const { change } = props;
  const [riskyApproved, setRiskyApproved] = useState(false);
  const overwrites = change.steps.reduce((n, s) => n + (s.overwrites ?? 0), 0);
  const blocked = change.risky.length > 0 && !riskyApproved;

  return (
    <Card data-testid="change-preview" aria-label="Changes to the workbook">
      <CardHeader
        header={
          <Body1>
            <strong>Changes to the workbook:</strong> {change.summary}
          </Body1>
        }
        description={overwrites > 0 ? <Badge color="warning" appearance="tint">replaces {overwrites.toLocaleString()} non-empty cells</Badge> : <Badge appearance="tint">no existing data replaced</Badge>}
      />
      <ol className={styles.steps}>
        {change.steps.map((step, i) => (
          <li key={i} data-testid="change-step">
            <Body1>{step.description}</Body1>
            {(step.before || step.after) && (
              <div className={styles.samples}>
                {step.before && <Sample caption="Before" cells={step.before} />}
                {step.after && <Sample caption="After" cells={step.after} />}
              </div>
            )}
          </li>
        ))}
      </ol>
      {change.risky.length > 0 && (
        <MessageBar intent="warning" layout="multiline" data-testid="risky-formulas">
          <MessageBarBody>
            <MessageBarTitle>These formulas can reach the internet or run programs when the workbook calculates</MessageBarTitle>
            <ul>
              {change.risky.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
            <Checkbox checked={riskyApproved} onChange={(_, d) => setRiskyApproved(d.checked === true)} label="I asked for these formulas and want them written" data-testid="approve-risky" />
          </MessageBarBody>
        </MessageBar>
      )}
      <Caption1>Nothing has changed yet. After applying, “Undo last change” puts everything back, even after closing the pane.</Caption1>
      {props.waiting && (
        <div className={styles.actions}>
          <Button appearance="primary" disabled={blocked} onClick={() => props.onApply(riskyApproved)} data-testid="apply-changes">
            Apply changes
          </Button>
          <Button onClick={props.onCancel} data-testid="cancel-changes">
            Cancel
          </Button>
        </div>
      )}
    </Card>
  );
}
