/**
 * Everything the pane can do with the open workbook (src/ui/excel-actions.ts), put
 * together from this folder: typed operations for the agent, reading the workbook,
 * inserting a result, opening one as a new workbook, and one "Undo last change" for
 * both kinds of change (operations and inserts keep their undo data side by side).
 */
import type { WorkbookPython } from '../sandbox/sandbox-client';
import { appendAudit, latestUndo, type ExcelAiDb } from '../store';
import type { ExcelActions } from '../ui/excel-actions';
import { workbookIoActions } from './insert-output';
import type { Capability, RunExcel } from './office';
import type { OfficeHost } from './open-workbook';
import { undoLast as undoLastOps } from './ops';
import { createWorkbookPort } from './workbook-port';

const INSERT_UNDO_KIND = 'write-result';

export function createExcelActions(options: { runExcel: RunExcel; sandbox: WorkbookPython; db: ExcelAiDb; host: OfficeHost | null; capability?: Capability }): ExcelActions {
  const { runExcel, sandbox, db } = options;
  const io = workbookIoActions(runExcel, sandbox, db, options.host);
  return {
    workbook: createWorkbookPort(runExcel, db, options.capability),
    readOpenWorkbook: io.readOpenWorkbook,
    async insertResult(output, onProgress, signal, options) {
      const inserted = await io.insertResult(output, onProgress, signal, options);
      if (inserted.ok) await appendAudit(db, 'result-written', { output: output.name.split('/').pop() ?? output.name, how: 'inserted as a new sheet' });
      return inserted;
    },
    openAsNewWorkbook: io.openAsNewWorkbook,
    async undoLast() {
      const latest = await latestUndo(db);
      if (!latest) return { ok: false, message: 'There is no change by this add-in to undo. Use Excel’s own Undo (Ctrl+Z) for other changes.' };
      const kind = typeof latest.data === 'object' && latest.data !== null && !Array.isArray(latest.data) ? latest.data.kind : undefined;
      if (kind === INSERT_UNDO_KIND) {
        const undone = await io.undoInsert(latest.id);
        if (undone.ok) await appendAudit(db, 'undo', { undoId: latest.id, label: latest.label });
        return undone;
      }
      const undone = await undoLastOps(runExcel, db);
      return undone.ok ? { ok: true, message: `Undid: ${undone.label}.` } : { ok: false, message: `${undone.error.message} ${undone.error.fix}` };
    },
    async lastChange() {
      return (await latestUndo(db))?.label ?? null;
    },
  };
}
