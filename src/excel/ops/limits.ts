/** Size limits for workbook operations. */

/** Cells one op may change: its undo copy (values, formulas, formats) must fit in IndexedDB and in a few 5 MB requests. */
export const MAX_OP_CELLS = 200_000;

/** Cells read or written per request, well under Excel on the web's 5 MB payload limit. */
export const CELLS_PER_REQUEST = 20_000;
