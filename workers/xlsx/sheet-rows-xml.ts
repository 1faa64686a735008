/**
 * Rows of a write-only worksheet as openpyxl writes them (openpyxl/cell/_writer.py with lxml,
 * openpyxl/worksheet/_writer.py write_row): `<row r="N">`, then one `<c>` per value that is
 * not None, numbers as "%.16g", text as inline strings. The rows arrive as JSON from
 * workers/python/fast_write_only.py, which sends only rows of plain values: an array in a
 * row is a date or time Python converted (the only arrays it lets through), [style, serial].
 * Python writes every other row with openpyxl itself; a value here that is none of these is
 * an error, never a cell written some other way.
 */
import { ByteWriter } from './byte-writer';
import { formatG16 } from './g16';
import { XlsxWriteError } from './write-error';

const ERROR_CODES = new Set(['#NULL!', '#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#N/A']);
// A lone surrogate has no UTF-8 form: ElementTree, openpyxl's writer here, writes a character reference.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const NEEDS_ESCAPE = /[&<>\r]/;
// lxml_write_cell: xml:space="preserve" when value != value.strip() (a wider set here costs nothing).
// eslint-disable-next-line no-control-regex -- Python's str.strip() removes these too
const EDGE_SPACE = /^[\s\x1c-\x1f\x85]|[\s\x1c-\x1f\x85]$/;
const MAX_TEXT = 32767; // openpyxl cuts longer text, counted in code points

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
  const escaped = NEEDS_ESCAPE.test(text) ? text.replace(/[&<>\r]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&#13;')) : text;
  return escaped.replace(LONE_SURROGATE, (c) => `&#${c.charCodeAt(0)};`);
}

// Text that is written as it is: no character to escape or refuse, printable ASCII at both ends.
// eslint-disable-next-line no-control-regex -- control characters are what makes text not plain
const NOT_PLAIN = /[\x00-\x1f&<>\ud800-\udfff]/;

function textCell(out: ByteWriter, ref: string, value: string): void {
  let text = value;
  if (text.length > MAX_TEXT) {
    const points = Array.from(text);
    if (points.length > MAX_TEXT) text = points.slice(0, MAX_TEXT).join('');
  }
  const n = text.length;
  out.ascii('<c r="');
  out.ascii(ref);
  if (n === 0) return out.ascii('" t="inlineStr"></c>');
  const first = text.charCodeAt(0);
  const last = text.charCodeAt(n - 1);
  if (first > 32 && first < 127 && first !== 61 && first !== 35 && last > 32 && last < 127 && !NOT_PLAIN.test(text)) {
    out.ascii('" t="inlineStr"><is><t>');
    out.text(text);
    return out.ascii('</t></is></c>');
  }
  if (n > 1 && first === 61 /* = */) {
    out.ascii('"><f>');
    out.text(escapeText(text.slice(1)));
    return out.ascii('</f><v></v></c>');
  }
  if (ERROR_CODES.has(text)) {
    out.ascii('" t="e"><v>');
    out.ascii(text);
    return out.ascii('</v></c>');
  }
  out.ascii(EDGE_SPACE.test(text) ? '" t="inlineStr"><is><t xml:space="preserve">' : '" t="inlineStr"><is><t>');
  out.text(escapeText(text));
  out.ascii('</t></is></c>');
}

/**
 * One cell (none for null). Arrays: [style, serial] a date or time (the serial and the
 * style id openpyxl gave it), [] a number openpyxl writes empty (nan, inf).
 */
function cellXml(out: ByteWriter, ref: string, value: unknown): void {
  switch (typeof value) {
    case 'number':
      out.ascii('<c r="');
      out.ascii(ref);
      out.ascii('" t="n"><v>');
      out.ascii(formatG16(value));
      return out.ascii('</v></c>');
    case 'string':
      return textCell(out, ref, value);
    case 'boolean':
      out.ascii('<c r="');
      out.ascii(ref);
      return out.ascii(value ? '" t="b"><v>1</v></c>' : '" t="b"><v>0</v></c>');
    case 'object': {
      if (value === null) return;
      if (!Array.isArray(value)) break;
      if (value.length === 0) {
        out.ascii('<c r="');
        out.ascii(ref);
        return out.ascii('" t="n"><v></v></c>');
      }
      const [style, serial] = value as [unknown, unknown];
      if (value.length !== 2 || !Number.isInteger(style) || typeof serial !== 'number') break;
      out.ascii('<c r="');
      out.ascii(ref);
      out.ascii(`" s="${style as number}" t="n"><v>`);
      out.ascii(formatG16(serial));
      return out.ascii('</v></c>');
    }
  }
  throw new XlsxWriteError(`${ref}: a value the fast writer is not given: ${JSON.stringify(value)?.slice(0, 80)}`);
}

/** The rows' XML as UTF-8, numbered from firstRow: a row with no value is `<row r="N"/>`. */
export function rowsXml(json: string, firstRow: number): Uint8Array {
  const rows = parseRows(json);
  const out = new ByteWriter(json.length * 3);
  for (let r = 0; r < rows.length; r++) {
    const values = rows[r];
    const digits = String(firstRow + r);
    if (!Array.isArray(values)) throw new XlsxWriteError(`row ${digits} is not a list of values`);
    if (values.every((v) => v === null)) {
      out.ascii(`<row r="${digits}"/>`);
      continue;
    }
    out.ascii(`<row r="${digits}">`);
    for (let i = 0; i < values.length; i++) {
      if (values[i] !== null) cellXml(out, columnLetter(i + 1) + digits, values[i]);
    }
    out.ascii('</row>');
  }
  return out.bytes();
}

/**
 * The rows as JSON, as Python's json.dumps writes them: NaN and Infinity, which Python
 * writes bare and JSON.parse refuses, become [] outside strings.
 */
function parseRows(json: string): unknown[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    parsed = JSON.parse(json.replace(/"(?:[^"\\]|\\.)*"|-?Infinity|NaN/g, (token) => (token.charCodeAt(0) === 34 ? token : '[]')));
  }
  if (!Array.isArray(parsed)) throw new XlsxWriteError('rows must be a JSON array');
  return parsed;
}
