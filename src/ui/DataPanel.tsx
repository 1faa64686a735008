/**
 * Your data: how long history is kept, and "Clear all my data" behind a
 * confirmation that says exactly what goes.
 */
import {
  Body1, Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, DialogTrigger, Field, Input, makeStyles,
  MessageBar, MessageBarBody, tokens,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { PACKAGE_CACHE_NAME } from '../packages/package-cache';
import { applyRetention, clearAllData, getSettings, updateSettings, type ExcelAiDb } from '../store';

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

export function DataPanel(props: {
  db?: ExcelAiDb;
  /** After the stores were emptied: the pane forgets its settings and API keys too, and reloads its lists. */
  onCleared(): void;
  /** Something was written to the audit log. */
  onChanged(): void;
}) {
  const styles = useStyles();
  const { db } = props;
  const [days, setDays] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | undefined>();

  useEffect(() => {
    if (db) void getSettings(db).then((s) => setDays(String(s.retentionDays)));
  }, [db]);

  const saveRetention = async (): Promise<void> => {
    if (!db) return;
    const n = Number(days);
    if (!Number.isInteger(n) || n < 1 || n > 3650) {
      setMessage({ ok: false, text: 'Enter a whole number of days from 1 to 3650.' });
      return;
    }
    const saved = await updateSettings(db, { retentionDays: n });
    if (!saved.ok) {
      setMessage({ ok: false, text: saved.error.message });
      return;
    }
    const applied = await applyRetention(db, n);
    props.onChanged();
    if (!applied.ok) {
      setMessage({ ok: false, text: applied.error.message });
      return;
    }
    const r = applied.value;
    setMessage({ ok: true, text: `Kept for ${n} days. Removed now: ${r.history} history entries, ${r.audit} audit entries, ${r.undo} undo snapshots.` });
  };

  const clearAll = async (): Promise<void> => {
    if (!db) return;
    const cleared = await clearAllData(db);
    if (!cleared.ok) {
      setMessage({ ok: false, text: `${cleared.error.message}` });
      return;
    }
    // Downloaded packages are not yours to keep private, but they are traces of what was used: they go too.
    const packagesCleared = await clearPackageCache();
    props.onCleared();
    setDays('90');
    if (!packagesCleared) {
      setMessage({ ok: false, text: 'Your data was cleared, but the browser refused to delete the downloaded Python packages. Clear this site’s data in the browser’s settings to remove them.' });
      return;
    }
    setMessage({ ok: true, text: 'All your data in this pane was cleared. Settings are back to their defaults; enter your API key again to ask the model.' });
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

/** True when the package cache is gone (or there never was one). */
async function clearPackageCache(): Promise<boolean> {
  if (typeof caches === 'undefined') return true;
  try {
    await caches.delete(PACKAGE_CACHE_NAME);
    return true;
  } catch {
    return false;
  }
}
