/**
 * How sizes are said, in the pane and by the CLI: data rows (the header not counted),
 * plural forms right, thousands separated. One place, so the files list, the result,
 * the grid and `excel-ai profile` never disagree about how many rows a sheet has.
 */
import type { SheetProfile } from '../../workers/api';

/** "1 row", "825 rows", "1,000,000 rows". */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? singular : plural}`;
}

/** Rows below the header (every row of the used range when no header was found). */
export function dataRows(sheet: Pick<SheetProfile, 'rowCount' | 'headerRow'>): number {
  return sheet.headerRow === null ? sheet.rowCount : Math.max(0, sheet.rowCount - sheet.headerRow);
}

/** "400 data rows × 5 columns, plus a header row" for a sheet. */
export function describeSheetSize(sheet: Pick<SheetProfile, 'rowCount' | 'headerRow' | 'columnCount'>): string {
  const rows = dataRows(sheet);
  const above = sheet.headerRow === null ? '' : sheet.headerRow === 1 ? ', plus a header row' : `, plus ${countOf(sheet.headerRow - 1, 'title row')} and a header row`;
  return `${countOf(rows, 'data row')} × ${countOf(sheet.columnCount, 'column')}${above}`;
}
