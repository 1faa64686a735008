/** The plan, in plain words, waiting for Approve / Edit request / Cancel; folded to its summary once a result stands. */
import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, Badge, Body1, Button, Caption1, Card, CardHeader, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useRef } from 'react';
import type { Plan } from '../agent/plan';

const useStyles = makeStyles({ actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' }, steps: { margin: 0, paddingLeft: tokens.spacingHorizontalL } });

export function PlanCard(props: { plan: Plan; waiting: boolean; folded?: boolean; onApprove(): void; onEdit(): void; onCancel(): void }) {
  const styles = useStyles();
  const { plan } = props;
  const card = useRef<HTMLDivElement>(null);
  const approve = useRef<HTMLButtonElement>(null);
  // The plan is the next thing to read and Approve the next thing to press: on a narrow
  // pane both are below the fold after Enter, so bring them up and move the focus there.
  useEffect(() => {
    if (!props.waiting) return;
    card.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
    approve.current?.focus({ preventScroll: true });
  }, [props.waiting]);
  const details = (
    <>
      <ol className={styles.steps}>
        {plan.steps.map((s, i) => (
          <li key={i}>
            <Body1>{s}</Body1>
          </li>
        ))}
      </ol>
      {plan.inputs.length > 0 && <Caption1>Uses: {plan.inputs.map((i) => i.file + (i.tables?.length ? ` (${i.tables.join(', ')})` : i.sheets?.length ? ` (${i.sheets.join(', ')})` : '')).join(', ')}</Caption1>}
      {plan.engine === 'workbook-ops' ? (
        <Caption1>Changes the open workbook. You will see every change before it is made, and can undo it.</Caption1>
      ) : (
        <Caption1>Writes: {plan.outputs.map((o) => `${o.file} (${o.sheets.map((s) => s.name).join(', ')})`).join(', ')}</Caption1>
      )}
      <Caption1>
        With {plan.engine === 'workbook-ops' ? 'workbook operations (no code)' : plan.engine}: {plan.engineReason}
        {plan.dropsRows ? '. Rows will be removed.' : '. No rows are removed.'}
      </Caption1>
    </>
  );
  if (props.folded && !props.waiting) {
    return (
      <Accordion collapsible data-testid="plan-card" data-folded="true">
        <AccordionItem value="plan">
          <AccordionHeader size="small">Plan: {plan.summary}</AccordionHeader>
          <AccordionPanel>{details}</AccordionPanel>
        </AccordionItem>
      </Accordion>
    );
  }
  return (
    <Card data-testid="plan-card" aria-label="Plan" ref={card}>
      <CardHeader header={<Body1><strong>Plan:</strong> {plan.summary}</Body1>} description={<Badge appearance="tint" color={plan.risk === 'low' ? 'success' : plan.risk === 'medium' ? 'warning' : 'danger'}>{plan.risk} risk</Badge>} />
      {details}
      {props.waiting && (
        <div className={styles.actions}>
          <Button appearance="primary" onClick={props.onApprove} data-testid="approve" ref={approve}>
            Approve
          </Button>
          <Button onClick={props.onEdit} data-testid="edit-request">
            Edit request
          </Button>
          <Button onClick={props.onCancel}>Cancel</Button>
        </div>
      )}
    </Card>
  );
}
