/** Relative fill: moves a formula's relative references the way Excel does when it is filled down or right. */
import { MAX_COLUMNS, MAX_ROWS, columnIndex, columnLetters } from './a1';

// A cell reference (A1, $A$1) or a whole-column range (A:C); names glued to letters, digits, "_", "." or "(" are not references.
const REFERENCE = /(^|[^A-Za-z0-9_.$])(\$?)([A-Za-z]{1,3})(\$?)(\d{1,7})(?![A-Za-z0-9_(])|(^|[^A-Za-z0-9_.$])(\$?)([A-Za-z]{1,3}):(\$?)([A-Za-z]{1,3})(?![A-Za-z0-9_(!])/g;

/** Shifts one A1 formula by rows and columns. References pushed off the sheet become #REF!. */
export function shiftFormula(formula: string, rows: number, columns: number): string {
  if (rows === 0 && columns === 0) return formula;
  // Leave string literals, quoted sheet names and structured references ([...]) as they are.
  const parts = formula.split(/("(?:[^"]|"")*"|'(?:[^']|'')*'|\[[^\]]*\])/);
  return parts.map((part, i) => (i % 2 === 1 ? part : shiftPart(part, rows, columns))).join('');
}

function shiftPart(text: string, rows: number, columns: number): string {
  return text.replace(REFERENCE, (match, pre1, colAbs, col, rowAbs, row, pre2, absA, colA, absB, colB) => {
    if (col !== undefined) {
      const c = columnIndex(col) + (colAbs ? 0 : columns);
      const r = Number(row) - 1 + (rowAbs ? 0 : rows);
      if (columnIndex(col) >= MAX_COLUMNS) return match;
      if (c < 0 || c >= MAX_COLUMNS || r < 0 || r >= MAX_ROWS) return `${pre1}#REF!`;
      return `${pre1}${colAbs}${columnLetters(c)}${rowAbs}${r + 1}`;
    }
    const a = columnIndex(colA) + (absA ? 0 : columns);
    const b = columnIndex(colB) + (absB ? 0 : columns);
    if (a < 0 || b < 0 || a >= MAX_COLUMNS || b >= MAX_COLUMNS) return `${pre2}#REF!`;
    return `${pre2}${absA}${columnLetters(a)}:${absB}${columnLetters(b)}`;
  });
}

/** The formulas for every cell of a rowCount × columnCount block, the top-left one as given. */
export function fillFormula(formula: string, rowCount: number, columnCount: number): string[][] {
  return Array.from({ length: rowCount }, (_, i) => Array.from({ length: columnCount }, (_, j) => shiftFormula(formula, i, j)));
}
