/** Typed workbook operations: schema, validation, preview, apply with undo. The agent and the pane import from here. */
export { OP_KINDS, OpSchema, WorkbookOpsSchema, parseWorkbookOps, workbookOpsJsonSchema, type OpKind, type WorkbookOp, type WorkbookOps } from './schema';
export { validateOps, type OpProblem, type ValidateResult } from './validate';
export { previewOps, type OpPreview, type PreviewResult } from './preview';
export { applyOps, type ApplyError, type ApplyOptions, type ApplyResult } from './apply';
export { undoLast, type UndoResult } from './undo';
export { collectFindings, type OpFinding } from './guard-ops';
export { inspectFormula, inspectCellInput, isFormulaText, type FormulaFinding } from '../../results/formula-guard';
export type { RunExcel, Capability } from '../office';
export type { UndoData } from '../undo-store';
export type { UndoStep } from './snapshot';
