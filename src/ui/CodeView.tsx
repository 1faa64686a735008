/**
 * The Python that will run or ran: highlighted for reading, editable for a user who
 * wants to change it, copyable, and re-runnable without the model.
 */
import { Button, Field, makeStyles, Textarea, tokens } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import { highlightPython } from './highlight';

const useStyles = makeStyles({
  code: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  pre: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    backgroundColor: tokens.colorNeutralBackground3,
    padding: tokens.spacingHorizontalS,
    margin: 0,
    overflowX: 'auto',
    maxHeight: '320px',
  },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', marginTop: tokens.spacingVerticalXS },
});

export function CodeView(props: { code: string; fromModel: boolean; onChange(code: string): void; onRun(): void; canRun: boolean }) {
  const styles = useStyles();
  const [editing, setEditing] = useState(false);
  const highlighted = useMemo(() => highlightPython(props.code), [props.code]);
  return (
    <section aria-labelledby="code-heading">
      <h2 id="code-heading" className="pane-heading">
        Python code
      </h2>
      {editing || !props.fromModel ? (
        <Field label="Edit the code" hint="Each added file is at /input/<name>; write results to /output/.">
          <Textarea className={styles.code} value={props.code} rows={12} resize="vertical" onChange={(_, d) => props.onChange(d.value)} data-testid="code" />
        </Field>
      ) : (
        <pre className={styles.pre} aria-label="Code" tabIndex={0} data-testid="code-view">
          <code>{highlighted}</code>
        </pre>
      )}
      <div className={styles.actions}>
        {props.fromModel && (
          <Button size="small" onClick={() => setEditing(!editing)}>
            {editing ? 'Done editing' : 'Edit'}
          </Button>
        )}
        {props.code && (
          <Button size="small" onClick={() => void navigator.clipboard?.writeText(props.code)}>
            Copy
          </Button>
        )}
        <Button size="small" appearance="primary" disabled={!props.canRun || !props.code.trim()} onClick={props.onRun} data-testid="run">
          Run this code
        </Button>
      </div>
    </section>
  );
}
