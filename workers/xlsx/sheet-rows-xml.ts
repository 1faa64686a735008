/**
 * Rows of a write-only worksheet as openpyxl writes them (openpyxl/cell/_writer.py with lxml,
 * openpyxl/worksheet/_writer.py write_row): `<row r="N">`, then one `<c>` per value that is
 * not None, numbers as "%.16g", text as inline strings. The rows arrive as JSON from
 * workers/python/fast_write_only.py; a value this module does not write exactly as openpyxl
 * would makes its row unserved (null), and Python writes that row with openpyxl itself.
 */
import { formatG16 } from './g16';

/** Values the JSON may hold besides null, booleans, numbers and strings: [marker, ...]. */
export type MarkedValue = [string, ...unknown[]];

const ERROR_CODES = new Set(['#NULL!', '#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#N/A']);
// openpyxl.cell.cell.ILLEGAL_CHARACTERS_RE: openpyxl raises for these, so Python must write the row.
// eslint-disable-next-line no-control-regex -- control characters are exactly what openpyxl refuses
const ILLEGAL = /[\x00-\x08\x0b\x0c\x0e-\x1f]/;
// A lone surrogate has no UTF-8 form: openpyxl's own writing decides what happens to it.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const NEEDS_ESCAPE = /[&<>\r]/;
// lxml_write_cell: xml:space="preserve" when value != value.strip() (a wider set here costs nothing).
// eslint-disable-next-line no-control-regex -- Python's str.strip() removes these too
const EDGE_SPACE = /^[\s\x1c-\x1f\x85]|[\s\x1c-\x1f\x85]$/;
const MAX_TEXT = 32767; // longer text openpyxl truncates, by code points: Python does it

const letters: string[] = [];

export function columnLetter(column: number): string {
  let known = letters[column];
  if (known === undefined) {
    known = '';
    for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) known = String.fromCharCode(65 + ((n - 1) % 26)) + known;
    letters[column] = known;
  }
  return known;
}

function escapeText(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text.replace(/[&<>\r]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&#13;'));
}

function textCell(ref: string, text: string): string | null {
  if (text.length === 0) return `<c r="${ref}" t="inlineStr"></c>`;
  if (text.length > MAX_TEXT || ILLEGAL.test(text) || LONE_SURROGATE.test(text)) return null;
  if (text.length > 1 && text.charCodeAt(0) === 61 /* = */) return `<c r="${ref}"><f>${escapeText(text.slice(1))}</f><v></v></c>`;
  if (ERROR_CODES.has(text)) return `<c r="${ref}" t="e"><v>${text}</v></c>`;
  const space = EDGE_SPACE.test(text) ? ' xml:space="preserve"' : '';
  return `<c r="${ref}" t="inlineStr"><is><t${space}>${escapeText(text)}</t></is></c>`;
}

/**
 * One cell, '' for an empty one, null when openpyxl must write it. Marked values:
 * [marker, style, serial] a date or time (the serial and the style id openpyxl gave it),
 * [marker] a number openpyxl writes empty (nan, inf).
 */
function cellXml(ref: string, value: unknown, marker: string): string | null {
  switch (typeof value) {
    case 'number':
      return `<c r="${ref}" t="n"><v>${formatG16(value)}</v></c>`;
    case 'string':
      return textCell(ref, value);
    case 'boolean':
      return `<c r="${ref}" t="b"><v>${value ? 1 : 0}</v></c>`;
    case 'object': {
      if (value === null) return '';
      if (!Array.isArray(value) || value[0] !== marker) return null;
      if (value.length === 1) return `<c r="${ref}" t="n"><v></v></c>`;
      const [, style, serial] = value as [string, unknown, unknown];
      if (value.length !== 3 || !Number.isInteger(style) || typeof serial !== 'number') return null;
      return `<c r="${ref}" s="${style as number}" t="n"><v>${formatG16(serial)}</v></c>`;
    }
    default:
      return null;
  }
}

/** One row's XML, or null when a value in it must be written by openpyxl. */
export function rowXml(values: unknown, rowNumber: number, marker: string): string | null {
  if (!Array.isArray(values)) return null;
  let cells = '';
  for (let i = 0; i < values.length; i++) {
    const cell = cellXml(columnLetter(i + 1) + rowNumber, values[i], marker);
    if (cell === null) return null;
    cells += cell;
  }
  return cells === '' ? `<row r="${rowNumber}"/>` : `<row r="${rowNumber}">${cells}</row>`;
}

/**
 * The rows as JSON, as Python's json.dumps writes them: NaN and Infinity, which Python
 * writes bare and JSON.parse refuses, become [marker] outside strings.
 */
export function parseRows(json: string, marker: string): unknown[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    parsed = JSON.parse(json.replace(/"(?:[^"\\]|\\.)*"|-?Infinity|NaN/g, (token) => (token.charCodeAt(0) === 34 ? token : `["${marker}"]`)));
  }
  if (!Array.isArray(parsed)) throw new TypeError('rows must be a JSON array');
  return parsed;
}
