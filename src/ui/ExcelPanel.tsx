/**
 * The Excel-only controls: use the open workbook as an input, undo the last change,
 * and put a result into the workbook (a new sheet, as a table) or open it as a new
 * workbook. Rendered only inside Excel; a plain browser never sees them.
 */
import { Button, Caption1, makeStyles, MessageBar, MessageBarBody, ProgressBar, tokens } from '@fluentui/react-components';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { OutputFile } from '../../workers/api';
import type { ExcelActionResult, ExcelActions, ExcelProgress, InsertOptions } from './excel-actions';
import { describeError } from '../../workers/api';

const useStyles = makeStyles({
  row: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'center' },
  column: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
});

/** One Excel action at a time, with its progress, a Cancel, and the outcome in words. */
function useExcelTask() {
  const [progress, setProgress] = useState<ExcelProgress | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<ExcelActionResult | null>(null);
  const controller = useRef<AbortController | undefined>(undefined);
  const run = useCallback(async (task: (onProgress: (p: ExcelProgress) => void, signal: AbortSignal) => Promise<ExcelActionResult>) => {
    controller.current = new AbortController();
    setBusy(true);
    setMessage(null);
    try {
      setMessage(await task(setProgress, controller.current.signal));
    } catch (error) {
      setMessage({ ok: false, message: `Excel did not complete the action: ${describeError(error)}. Nothing else was changed; try again.` });
    } finally {
      setBusy(false);
      setProgress(null);
    }
  }, []);
  const cancel = useCallback(() => controller.current?.abort(), []);
  return { progress, busy, message, run, cancel, setMessage };
}

function TaskStatus({ task }: { task: ReturnType<typeof useExcelTask> }) {
  const styles = useStyles();
  return (
    <>
      {task.busy && (
        <div className={styles.column} role="status" aria-live="polite">
          <ProgressBar value={task.progress && task.progress.total ? task.progress.done / task.progress.total : undefined} />
          <div className={styles.row}>
            <Caption1>{task.progress?.label ?? 'Working…'}</Caption1>
            <Button size="small" onClick={task.cancel}>
              Cancel
            </Button>
          </div>
        </div>
      )}
      {task.message && (
        <MessageBar intent={task.message.ok ? 'success' : 'error'} data-testid="excel-message">
          <MessageBarBody>{task.message.message}</MessageBarBody>
        </MessageBar>
      )}
    </>
  );
}

/** Above the files: use the open workbook; undo the last change. */
export function OpenWorkbookControls(props: { excel: ExcelActions; onAdd(file: File): void; changeCount: number }) {
  const styles = useStyles();
  const task = useExcelTask();
  const [lastChange, setLastChange] = useState<string | null>(null);
  const { excel } = props;

  useEffect(() => {
    let live = true;
    void excel.lastChange().then((label) => live && setLastChange(label));
    return () => {
      live = false;
    };
  }, [excel, props.changeCount, task.message]);

  return (
    <section aria-label="The open workbook" className={styles.column}>
      <div className={styles.row}>
        <Button
          disabled={task.busy}
          onClick={() =>
            void task.run(async (onProgress, signal) => {
              const read = await excel.readOpenWorkbook(onProgress, signal);
              if (!read.ok) return read;
              props.onAdd(read.file);
              return { ok: true, message: `Added the open workbook as “${read.file.name}”. Your workbook is not changed by reading it.` };
            })
          }
          data-testid="use-open-workbook"
        >
          Use the open workbook
        </Button>
        {lastChange && (
          <Button disabled={task.busy} onClick={() => void task.run(() => excel.undoLast())} data-testid="undo-last">
            Undo last change
          </Button>
        )}
      </div>
      {lastChange && <Caption1>Last change: {lastChange}</Caption1>}
      <TaskStatus task={task} />
    </section>
  );
}

/** Under a result: put it into the workbook (a new sheet, or at the selection), or open it as a new one. */
export function ResultExcelActions(props: { excel: ExcelActions; output: OutputFile; allowRisky: boolean; onChanged(): void }) {
  const styles = useStyles();
  const task = useExcelTask();
  const { excel, output } = props;
  const name = output.name.split('/').pop() ?? output.name;
  const insert = (options: InsertOptions) =>
    void task.run(async (onProgress, signal) => {
      const result = await excel.insertResult(output, onProgress, signal, { ...options, allowRiskyFormulas: props.allowRisky });
      if (result.ok) props.onChanged();
      return result;
    });
  const overwrite = task.message && !task.message.ok ? task.message.overwrite : undefined;
  return (
    <div className={styles.column}>
      <div className={styles.row}>
        <Button size="small" disabled={task.busy} onClick={() => insert({ at: 'new-sheet' })} data-testid="insert-result">
          Insert {name} as a new sheet
        </Button>
        <Button size="small" disabled={task.busy} onClick={() => insert({ at: 'selection' })} data-testid="insert-at-selection">
          Insert at the selected cell
        </Button>
        <Button size="small" disabled={task.busy} onClick={() => void task.run(() => excel.openAsNewWorkbook(output))} data-testid="open-new-workbook">
          Open as new workbook
        </Button>
      </div>
      <TaskStatus task={task} />
      {overwrite && !task.busy && (
        <div className={styles.row}>
          <Button size="small" appearance="primary" onClick={() => insert({ at: 'selection', approvedOverwrite: true })} data-testid="approve-overwrite">
            Replace {overwrite.cells.toLocaleString()} cells in {overwrite.address}
          </Button>
          <Button size="small" onClick={() => task.setMessage(null)}>
            Keep them
          </Button>
        </div>
      )}
    </div>
  );
}
