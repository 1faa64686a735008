/** The request box: Enter sends, Shift+Enter adds a line, arrow keys recall earlier requests. */
import { Button, Field, makeStyles, Textarea, tokens } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';

const useStyles = makeStyles({ row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'flex-end' }, grow: { flexGrow: 1, flexBasis: '220px', minWidth: 0 } });

export const EXAMPLES = [
  'Stack these workbooks and keep only rows where Sales > 1000',
  'Add a Total column (Quantity × UnitPrice) to the Orders sheet',
  'Merge the two files on the customer name',
];

/** `focusRequest` counts the times the box should take the focus (e.g. after "Edit request"). */
export function RequestBox(props: { value: string; onChange(v: string): void; onSend(text: string): void; disabled: boolean; canSend: boolean; focusRequest?: number }) {
  const styles = useStyles();
  const history = useRef<string[]>([]);
  const [cursor, setCursor] = useState(-1);
  const box = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (!props.focusRequest || props.disabled) return;
    box.current?.focus();
    box.current?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }, [props.focusRequest, props.disabled]);

  const send = (): void => {
    const text = props.value.trim();
    if (!text || !props.canSend) return;
    history.current = [text, ...history.current.filter((h) => h !== text)].slice(0, 50);
    setCursor(-1);
    props.onSend(text);
  };

  return (
    <div className={styles.row}>
      <Field className={styles.grow} label="What should be done?" hint="Enter to send, Shift+Enter for a new line, ↑ for earlier requests.">
        <Textarea
          value={props.value}
          disabled={props.disabled}
          placeholder={EXAMPLES[0]}
          resize="vertical"
          data-testid="request"
          ref={box}
          onChange={(_, d) => props.onChange(d.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey) {
              e.preventDefault();
              send();
            } else if ((e.key === 'ArrowUp' || e.key === 'ArrowDown') && (props.value === '' || cursor >= 0)) {
              const next = Math.max(-1, Math.min(history.current.length - 1, cursor + (e.key === 'ArrowUp' ? 1 : -1)));
              if (next !== cursor) {
                e.preventDefault();
                setCursor(next);
                props.onChange(next < 0 ? '' : (history.current[next] ?? ''));
              }
            }
          }}
        />
      </Field>
      <Button appearance="primary" disabled={props.disabled || !props.canSend || !props.value.trim()} onClick={send} data-testid="send">
        Send
      </Button>
    </div>
  );
}
