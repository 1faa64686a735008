/**
 * The Python that will run or ran: shown read-only with line numbers when the model
 * wrote it (Edit makes it editable), editable at once when the user writes their own,
 * copyable, and re-runnable without the model. The line a run failed on is marked.
 */
import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { useId, useState } from 'react';
import { CodeEditor } from './CodeEditor';

const useStyles = makeStyles({
  hint: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, margin: `${tokens.spacingVerticalXS} 0` },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', marginTop: tokens.spacingVerticalXS },
});

export function CodeView(props: { code: string; fromModel: boolean; errorLine?: number; onChange(code: string): void; onRun(): void; canRun: boolean }) {
  const styles = useStyles();
  const hintId = useId();
  const [editing, setEditing] = useState(false);
  const editable = editing || !props.fromModel;
  return (
    <section aria-labelledby="code-heading">
      <h2 id="code-heading" className="pane-heading">
        Python code
      </h2>
      <p id={hintId} className={styles.hint}>
        {editable ? 'Each added file is at /input/<name>; write results to /output/. Tab indents; Esc then Tab leaves the editor.' : 'Written by the model. Edit to change it, or run it as it is.'}
        {props.errorLine ? ` The run failed on line ${props.errorLine}, marked in red.` : ''}
      </p>
      <CodeEditor
        code={props.code}
        onChange={props.onChange}
        readOnly={!editable}
        errorLine={props.errorLine}
        label={editable ? 'Edit the code' : 'Code'}
        describedBy={hintId}
        testId={editable ? 'code' : 'code-view'}
      />
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
