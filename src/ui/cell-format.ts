/**
 * One way to show a cell's value in every view of the pane (the result's first rows,
 * the full grid, change previews): dates as dates whatever form they arrive in (the
 * profile gives ISO text, the row reader Excel serial numbers with the column's date
 * format), numbers as Python and Excel's General format write them (no grouping, no
 * float noise), empty cells blank.
 */
import type { CellValue } from '../../workers/api';

const MS_PER_DAY = 86_400_000;
/** Serial 0 of Excel's 1900 date system, counted past its fictitious 1900-02-29 (serial 60). */
const EPOCH_1900 = Date.UTC(1899, 11, 30);

export function formatCell(value: CellValue | undefined, numberFormat?: string | null): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    // The time only when there is one: a midnight datetime reads as the date, as the preview shows it.
    if (numberFormat && isDateFormat(numberFormat) && Number.isFinite(value)) return serialToText(value, false);
    return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(15)));
  }
  return String(value);
}

/** True for number formats that show a date or time (d, m, y, h, s outside quotes and [..] parts). */
export function isDateFormat(format: string): boolean {
  const bare = stripLiterals(format);
  return /[dmyhs]/i.test(bare) && !/^general$/i.test(bare.trim());
}

function stripLiterals(format: string): string {
  return format.replace(/"[^"]*"/g, '').replace(/\[[^\]]*\]/g, '').replace(/\\./g, '');
}

/** An Excel serial number (1900 date system) as "2024-01-01" or "2024-01-01 13:30:00". */
export function serialToText(serial: number, withTime: boolean): string {
  // Serials below 61 come before Excel's fictitious 1900-02-29: one day later in the calendar.
  const days = serial < 61 ? serial + 1 : serial;
  const date = new Date(EPOCH_1900 + Math.round(days * MS_PER_DAY));
  const iso = date.toISOString();
  const time = iso.slice(11, 19);
  return withTime || (time !== '00:00:00' && !Number.isInteger(serial)) ? `${iso.slice(0, 10)} ${time}` : iso.slice(0, 10);
}
