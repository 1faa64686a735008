/**
 * Your data: how long history is kept, and "Clear all my data" behind a
 * confirmation that says exactly what goes.
 */
import {
  Body1, Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, DialogTrigger, Field, Input, makeStyles,
  MessageBar, MessageBarBody, tokens,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';

/** What "Your data" asks of the application (src/conversation/memory.ts, workspace.ts). */
export interface DataActions {
  /** False when this browser refused the pane's storage. */
  available: boolean;
  retentionDays(): Promise<number | undefined>;
  setRetention(days: number): Promise<{ ok: boolean; text: string }>;
  clearAll(): Promise<{ ok: boolean; text: string }>;
}

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'flex-end', flexWrap: 'wrap' },
  /** Deleting everything looks like what it is, not like the pane's main action. */
  destructive: {
    backgroundColor: tokens.colorStatusDangerBackground3,
    color: tokens.colorNeutralForegroundOnBrand,
    ':hover': { backgroundColor: tokens.colorStatusDangerBackground3Hover, color: tokens.colorNeutralForegroundOnBrand },
    ':hover:active': { backgroundColor: tokens.colorStatusDangerBackground3Pressed, color: tokens.colorNeutralForegroundOnBrand },
  },
});

export function DataPanel({ data }: { data: DataActions }) {
  const styles = useStyles();
  const [days, setDays] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | undefined>();
  const db = data.available;

  useEffect(() => {
    if (db) void data.retentionDays().then((d) => d !== undefined && setDays(String(d)));
  }, [data, db]);

  const saveRetention = async (): Promise<void> => {
    setMessage(await data.setRetention(Number(days)));
  };

  const clearAll = async (): Promise<void> => {
    setMessage(await data.clearAll());
    // Back to the default period, as the emptied store now says.
    const d = await data.retentionDays();
    if (d !== undefined) setDays(String(d));
  };

  return (
    <section aria-labelledby="data-heading" className={styles.form} data-testid="your-data">
      <h2 id="data-heading" className="pane-heading">
        Your data
      </h2>
      {!db && <Body1>History, recipes and the audit log are not available: this browser refused to open the pane’s storage.</Body1>}
      <div className={styles.row}>
        <Field label="Keep history and the audit log for (days)" hint="Older entries are deleted when the pane opens. Recipes are kept.">
          <Input type="number" min={1} max={3650} value={days} onChange={(_, d) => setDays(d.value)} disabled={!db} data-testid="retention-days" />
        </Field>
        <Button onClick={() => void saveRetention()} disabled={!db} data-testid="save-retention">
          Apply
        </Button>
      </div>
      <Dialog>
        <DialogTrigger disableButtonEnhancement>
          <Button disabled={!db} data-testid="clear-all-data">
            Clear all my data…
          </Button>
        </DialogTrigger>
        <DialogSurface aria-describedby="clear-all-what">
          <DialogBody>
            <DialogTitle>Clear all your data?</DialogTitle>
            <DialogContent id="clear-all-what">
              This deletes, from this browser: your history, the audit log, your recipes, undo snapshots, your settings and saved API keys, and downloaded Python
              packages (pandas and the like; downloaded again when a request needs them). It cannot be undone; export the audit log first if you need it. Your
              files are not touched, and the pane’s own program files stay cached so it still starts offline.
            </DialogContent>
            <DialogActions>
              <DialogTrigger disableButtonEnhancement>
                <Button>Keep my data</Button>
              </DialogTrigger>
              <DialogTrigger disableButtonEnhancement>
                <Button className={styles.destructive} onClick={() => void clearAll()} data-testid="confirm-clear-all">
                  Clear everything
                </Button>
              </DialogTrigger>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
      {message && (
        <MessageBar intent={message.ok ? 'success' : 'error'} data-testid="data-message">
          <MessageBarBody>{message.text}</MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}
