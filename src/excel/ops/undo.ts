/** Undo of the last applied op list: needs only the database, so it works after the pane is closed and reopened. */
import { appendAudit, type ExcelAiDb } from '../../store';
import type { RunExcel } from '../office';
import { latestWorkbookUndo, removeUndo } from '../undo-store';
import { rollBack } from './apply';

export type UndoResult =
  | { ok: true; undoId: string; label: string }
  | { ok: false; error: { kind: 'nothing-to-undo' | 'restore-failed'; message: string; fix: string } };

export async function undoLast(runExcel: RunExcel, db: ExcelAiDb): Promise<UndoResult> {
  const latest = await latestWorkbookUndo(db);
  if (!latest) return { ok: false, error: { kind: 'nothing-to-undo', message: 'There is no workbook change to undo.', fix: 'Only changes made by this add-in can be undone here; use Excel\'s own undo (Ctrl+Z) for others.' } };
  const restored = await rollBack(runExcel, latest.data.steps);
  if (!restored) {
    return { ok: false, error: { kind: 'restore-failed', message: `Excel refused part of the undo of "${latest.label}".`, fix: 'The undo copy is kept: close other dialogs or edits in Excel and press Undo again.' } };
  }
  await removeUndo(db, latest.id);
  await appendAudit(db, 'undo', { undoId: latest.id, label: latest.label });
  return { ok: true, undoId: latest.id, label: latest.label };
}
