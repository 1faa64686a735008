/**
 * Applies a validated op list with an undo snapshot: for each op, copy what it will change, save that copy, then
 * run it. If an op fails, everything done so far is put back and the snapshot is dropped.
 */
import { appendAudit, type ExcelAiDb } from '../../store';
import type { Capability, RunExcel } from '../office';
import { removeUndo, saveUndo, type UndoData } from '../undo-store';
import { collectFindings, unapproved } from './guard-ops';
import { performOp } from './perform';
import { captureStep, restoreStep, SnapshotRefused, type PreparedOp, type UndoStep } from './snapshot';
import type { WorkbookOps } from './schema';
import { validateOps, type OpProblem } from './validate';
import { describeError } from '../../../workers/api';

export type ApplyErrorKind = 'invalid' | 'formula-guard' | 'snapshot' | 'op-failed' | 'store';

export interface ApplyError {
  kind: ApplyErrorKind;
  /** The op that failed (zero-based), when one did. */
  opIndex?: number;
  message: string;
  /** What the user can do about it. */
  fix: string;
  problems?: OpProblem[];
  /** For 'op-failed': whether the workbook was put back exactly as it was. */
  rolledBack?: boolean;
}

export type ApplyResult = { ok: true; undoId: string; applied: number } | { ok: false; error: ApplyError };

export interface ApplyOptions {
  /** Keys of formula-guard findings the user explicitly approved (see previewOps). */
  approvedFindings?: readonly string[];
  capability?: Capability;
  /** Shown with the undo button; defaults to the ops' summary. */
  label?: string;
  /** For ids of undo snapshots and chart names; tests pass a fixed one. */
  newId?: () => string;
}


export async function applyOps(runExcel: RunExcel, db: ExcelAiDb, ops: WorkbookOps, options: ApplyOptions = {}): Promise<ApplyResult> {
  const newId = options.newId ?? (() => crypto.randomUUID());
  const valid = await validateOps(runExcel, ops.ops, options.capability ? { capability: options.capability } : {});
  if (!valid.ok) {
    return { ok: false, error: { kind: 'invalid', opIndex: valid.problems[0]?.opIndex, message: valid.problems.map((p) => p.message).join('\n'), fix: 'Nothing was changed. Correct the operations (or ask again) and retry.', problems: valid.problems } };
  }
  const blocked = unapproved(collectFindings(ops.ops), options.approvedFindings ?? []);
  if (blocked.length > 0) {
    return {
      ok: false,
      error: {
        kind: 'formula-guard',
        opIndex: blocked[0]?.opIndex,
        message: `Nothing was changed: ${blocked.map((f) => `${f.location}: ${f.message}`).join(' ')}`,
        fix: 'Review these formulas in the preview. Approve them explicitly only if you trust where they lead; otherwise ask for the result without them.',
      },
    };
  }

  const undoId = newId();
  const label = options.label ?? ops.summary;
  const data: UndoData = { kind: 'workbook-ops', version: 1, summary: ops.summary, steps: [] };
  const createdAt = Date.now();
  for (const [index, op] of ops.ops.entries()) {
    const prepared: PreparedOp = { op, chartName: op.op === 'chart' ? (op.name ?? `Chart ${newId().slice(0, 8)}`) : null };
    let step: UndoStep;
    try {
      step = await runExcel((context) => captureStep(context, prepared));
    } catch (error) {
      const rolledBack = await rollBack(runExcel, data.steps);
      await removeUndo(db, undoId);
      const refused = error instanceof SnapshotRefused;
      return { ok: false, error: { kind: 'snapshot', opIndex: index, rolledBack, message: `Op ${index + 1} (${op.op}) was not applied: ${refused ? '' : 'its undo copy could not be read: '}${describeError(error)}`, fix: rolledBack ? 'The workbook is as it was. ' + (refused ? 'Do what the message says, then retry.' : 'Retry; if it fails again, save the workbook and reload the add-in.') : RESTORE_FAILED } };
    }
    data.steps.push(step);
    const saved = await saveUndo(db, { id: undoId, label, data, createdAt });
    if (!saved.ok) {
      data.steps.pop();
      const rolledBack = await rollBack(runExcel, data.steps);
      await removeUndo(db, undoId);
      return { ok: false, error: { kind: 'store', opIndex: index, rolledBack, message: `The undo copy could not be saved, so op ${index + 1} was not applied: ${saved.error.message}`, fix: rolledBack ? 'The workbook is as it was. Free some browser storage (Settings: delete old history) and retry.' : RESTORE_FAILED } };
    }
    try {
      await runExcel((context) => performOp(context, prepared));
    } catch (error) {
      // The failing op may have half-run (Excel does not roll back a batch), so its own step is restored too.
      const rolledBack = await rollBack(runExcel, data.steps);
      if (rolledBack) await removeUndo(db, undoId);
      return {
        ok: false,
        error: {
          kind: 'op-failed',
          opIndex: index,
          rolledBack,
          message: `Op ${index + 1} (${op.op}) failed in Excel: ${describeError(error)}`,
          fix: rolledBack ? 'The workbook was put back as it was. Correct that operation (or ask again) and retry.' : RESTORE_FAILED,
        },
      };
    }
  }
  await appendAudit(db, 'result-written', { undoId, label, summary: ops.summary, ops: ops.ops.map((o) => o.op) });
  return { ok: true, undoId, applied: ops.ops.length };
}

const RESTORE_FAILED = 'Excel refused to put everything back. Use Undo in the pane to retry the restore, or Excel\'s own undo (Ctrl+Z), and check the workbook before saving.';

/** Restores steps last to first; false when any restore failed. */
export async function rollBack(runExcel: RunExcel, steps: readonly UndoStep[]): Promise<boolean> {
  let ok = true;
  for (const step of [...steps].reverse()) {
    try {
      await runExcel((context) => restoreStep(context, step));
    } catch {
      ok = false;
    }
  }
  return ok;
}
