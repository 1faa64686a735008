/**
 * Which chart helps read a result, if any: numbers by a date become a line over time,
 * numbers by a category a bar per category (largest first, the long tail folded into
 * "Other"). Pure, so the choice is tested without a browser; the chart itself is drawn
 * by ResultChart. A result with no number column, or nothing to group it by, gets none.
 */
import type { CellValue } from '../../workers/api';
import { isDateFormat, serialToText } from './cell-format';

export interface ChartPoint {
  label: string;
  value: number;
  /** Rows summed into this point. */
  rows: number;
}

export interface ChartSpec {
  kind: 'bar' | 'line';
  measure: string;
  dimension: string;
  /** Several rows fell into one point, so values are totals. */
  summed: boolean;
  /** For a line: how dates were grouped. */
  period?: 'day' | 'month' | 'year';
  points: ChartPoint[];
  /** The chart in one sentence, for screen readers and as its caption. */
  description: string;
}

/** Bars beyond this many are folded into one "Other" bar, so the chart stays readable at 320 px. */
export const MAX_BARS = 12;
const MAX_LINE_POINTS = 60;
const MAX_CATEGORIES = 50;

/** Names of columns worth adding up, money first (Sales over Units). */
const MEASURE_WORDS = [/sales|revenue|amount|total|profit|turnover|income|spend|cost|price|value|umsatz|betrag|montant|ventes|importe|ventas/i, /qty|quantity|units|count|sum|margin|hours|weight/i];
const ID_WORDS = /(^|[\s_-])(id|code|no|nr|num|number|zip|postal|postcode|phone|year|month|day|week|quarter|row|index)$/i;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}/;

type Kind = 'number' | 'date' | 'text' | 'other';

export function suggestChart(columns: readonly string[], numberFormats: readonly (string | null)[] | undefined, rows: readonly CellValue[][]): ChartSpec | null {
  if (rows.length < 2) return null;
  const kinds = columns.map((_, c) => columnKind(rows, c, numberFormats?.[c] ?? null));
  const measure = pickMeasure(columns, kinds, rows);
  if (measure === null) return null;
  const dateColumn = kinds.findIndex((k, c) => k === 'date' && c !== measure);
  if (dateColumn >= 0) return lineOverTime(columns, rows, measure, dateColumn);
  const category = pickCategory(kinds, rows, measure);
  return category === null ? null : barsByCategory(columns, rows, measure, category);
}

function columnKind(rows: readonly CellValue[][], c: number, format: string | null): Kind {
  let numbers = 0;
  let texts = 0;
  let dates = 0;
  let filled = 0;
  for (const row of rows) {
    const v = row[c];
    if (v === null || v === undefined || v === '') continue;
    filled++;
    if (typeof v === 'number') numbers++;
    else if (typeof v === 'string') {
      if (ISO_DATE.test(v)) dates++;
      else texts++;
    }
  }
  if (filled === 0) return 'other';
  if (numbers >= 0.9 * filled) return format && isDateFormat(format) ? 'date' : 'number';
  if (dates >= 0.9 * filled) return 'date';
  if (texts + numbers + dates === filled && texts > 0) return 'text';
  return 'other';
}

/** The column worth adding up: a sales-like name first, never an identifier. */
function pickMeasure(columns: readonly string[], kinds: Kind[], rows: readonly CellValue[][]): number | null {
  const candidates = kinds.flatMap((k, c) => (k === 'number' && !looksLikeIdentifier(columns[c] ?? '', rows, c) ? [c] : []));
  for (const words of MEASURE_WORDS) {
    const named = candidates.find((c) => words.test(columns[c] ?? ''));
    if (named !== undefined) return named;
  }
  return candidates[0] ?? null;
}

function looksLikeIdentifier(name: string, rows: readonly CellValue[][], c: number): boolean {
  if (ID_WORDS.test(name.trim())) return true;
  if (rows.length < 10 || MEASURE_WORDS.some((words) => words.test(name))) return false;
  const seen = new Set<CellValue>();
  for (const row of rows) {
    const v = row[c];
    if (typeof v === 'number' && !Number.isInteger(v)) return false;
    if (seen.has(v ?? null)) return false;
    seen.add(v ?? null);
  }
  return true; // whole numbers, all different: a row number or a key
}

/** The text column to group by: the one with fewest distinct values, at least two. */
function pickCategory(kinds: Kind[], rows: readonly CellValue[][], measure: number): number | null {
  let best: { column: number; distinct: number } | null = null;
  for (const [c, kind] of kinds.entries()) {
    if (kind !== 'text' || c === measure) continue;
    const distinct = new Set(rows.map((row) => labelOf(row[c]))).size;
    const groups = distinct < rows.length || rows.length <= MAX_CATEGORIES; // a label per row is fine for a short summary
    if (distinct >= 2 && groups && distinct <= Math.max(MAX_CATEGORIES, rows.length / 2) && (!best || distinct < best.distinct)) best = { column: c, distinct };
  }
  return best?.column ?? null;
}

function barsByCategory(columns: readonly string[], rows: readonly CellValue[][], measure: number, category: number): ChartSpec | null {
  const totals = sumBy(rows, measure, (row) => labelOf(row[category]));
  if (totals.length < 2) return null;
  totals.sort((a, b) => b.value - a.value);
  let points = totals;
  if (totals.length > MAX_BARS) {
    const rest = totals.slice(MAX_BARS - 1);
    points = [...totals.slice(0, MAX_BARS - 1), { label: `Other (${rest.length})`, value: sum(rest.map((p) => p.value)), rows: sum(rest.map((p) => p.rows)) }];
  }
  return finish('bar', columns[measure] ?? '', columns[category] ?? '', points, totals.length);
}

function lineOverTime(columns: readonly string[], rows: readonly CellValue[][], measure: number, dateColumn: number): ChartSpec | null {
  const days = rows.map((row) => dayOf(row[dateColumn]));
  const distinctDays = new Set(days.filter((d) => d !== null)).size;
  const distinctMonths = new Set(days.flatMap((d) => (d === null ? [] : [d.slice(0, 7)]))).size;
  const period = distinctDays <= MAX_LINE_POINTS ? 'day' : distinctMonths <= MAX_LINE_POINTS ? 'month' : 'year';
  const width = period === 'day' ? 10 : period === 'month' ? 7 : 4;
  const points = sumBy(rows, measure, (_, r) => days[r]?.slice(0, width) ?? null);
  if (points.length < 2) return null;
  points.sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  const spec = finish('line', columns[measure] ?? '', columns[dateColumn] ?? '', points, points.length);
  return { ...spec, period };
}

/** Sums the measure per key; rows without a number or a key are left out. */
function sumBy(rows: readonly CellValue[][], measure: number, keyOf: (row: CellValue[], r: number) => string | null): ChartPoint[] {
  const byKey = new Map<string, ChartPoint>();
  rows.forEach((row, r) => {
    const v = row[measure];
    const key = keyOf(row, r);
    if (typeof v !== 'number' || !Number.isFinite(v) || key === null) return;
    const point = byKey.get(key) ?? { label: key, value: 0, rows: 0 };
    point.value += v;
    point.rows++;
    byKey.set(key, point);
  });
  return [...byKey.values()];
}

function finish(kind: 'bar' | 'line', measure: string, dimension: string, points: ChartPoint[], groups: number): ChartSpec {
  const summed = points.some((p) => p.rows > 1);
  const what = `${summed ? 'total ' : ''}${measure} by ${dimension}`;
  const shown = kind === 'bar' ? points.slice(0, 3) : [points[0], points[points.length - 1]].filter((p): p is ChartPoint => p !== undefined);
  const listed = shown.map((p) => `${p.label} ${formatNumber(p.value)}`).join(kind === 'bar' ? ', ' : ' to ');
  const more = kind === 'bar' && groups > shown.length ? ` and ${groups - shown.length} more` : '';
  const description = kind === 'bar' ? `Bar chart of ${what}: ${listed}${more}.` : `Line chart of ${what}, ${points.length} points from ${listed}.`;
  return { kind, measure, dimension, summed, points, description };
}

function labelOf(v: CellValue | undefined): string {
  return v === null || v === undefined || v === '' ? '(blank)' : String(v).trim();
}

/** "2024-01-31" from an Excel serial (the column has a date format) or ISO text. */
function dayOf(v: CellValue | undefined): string | null {
  if (typeof v === 'number' && Number.isFinite(v)) return serialToText(Math.floor(v), false).slice(0, 10);
  if (typeof v === 'string' && ISO_DATE.test(v)) return v.slice(0, 10);
  return null;
}

export function formatNumber(value: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: Math.abs(value) >= 100 ? 0 : 2 });
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
