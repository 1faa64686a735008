/**
 * Formulas in a text result (CSV, TSV, TXT). Excel opens such a file and takes
 * every field that starts with "=", "+", "-" or "@" as a formula, quoted or not
 * (CSV injection), so a "data" file can fetch from the web or start a program
 * as soon as it is opened. The field separator depends on the user's locale
 * (comma or semicolon) and on the file (tab), so every one of them is tried.
 */
import { inspectFormula, normalizeFormula, type FormulaFinding } from './formula-guard';

export interface TextFormula {
  /** 1-based record and field: the row and column Excel shows the field in. */
  line: number;
  field: number;
  formula: string;
  findings: FormulaFinding[];
}

const SEPARATORS = [',', ';', '\t'] as const;
const FORMULA_START = /^[=+\-@]/;

/** Text files Excel opens as a sheet; trailing spaces and dots are dropped by Windows, so they do not hide one. */
export function isSpreadsheetText(name: string): boolean {
  return /\.(csv|tsv|txt|tab|prn)[\s.]*$/i.test(name);
}

/** The file's text: UTF-16 when it starts with a UTF-16 byte order mark (Excel's "Unicode text"), else UTF-8. */
export function decodeText(bytes: ArrayBuffer): string {
  const head = new Uint8Array(bytes, 0, Math.min(2, bytes.byteLength));
  if (head[0] === 0xff && head[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (head[0] === 0xfe && head[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  return new TextDecoder('utf-8').decode(bytes);
}

/** The risky formulas in a text file's fields, each once (the first separator that shows it wins). */
export function textFormulas(text: string): TextFormula[] {
  const found = new Map<string, TextFormula>();
  for (const separator of SEPARATORS) {
    for (const field of fields(text, separator)) {
      // Cheap first: only a field that starts with one of the four (or a look-alike beyond ASCII) can be a formula.
      const first = field.text.trimStart()[0];
      if (first === undefined || (first < '\u0080' && !'=+-@'.includes(first))) continue;
      const value = normalizeFormula(field.text).trimStart();
      if (!FORMULA_START.test(value)) continue;
      const findings = inspectFormula(value.startsWith('=') ? value : `=${value.slice(1)}`);
      const key = `${field.line}:${field.text}`;
      if (findings.length && !found.has(key)) found.set(key, { line: field.line, field: field.field, formula: field.text, findings });
    }
  }
  return [...found.values()].sort((a, b) => a.line - b.line || a.field - b.field);
}

interface Field {
  line: number;
  field: number;
  text: string;
}

/** RFC 4180 fields (quotes doubled inside quoted fields, line breaks allowed there), split at `separator`. */
function* fields(text: string, separator: string): Generator<Field> {
  let line = 1;
  let field = 1;
  let value = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        value += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        value += ch;
      }
    } else if (ch === '"' && value.trim() === '') {
      quoted = true;
      value = '';
    } else if (ch === separator) {
      yield { line, field, text: value };
      field++;
      value = '';
    } else if (ch === '\n' || ch === '\r') {
      yield { line, field, text: value };
      if (ch === '\r' && text[i + 1] === '\n') i++;
      line++;
      field = 1;
      value = '';
    } else {
      value += ch;
    }
  }
  if (value !== '' || field > 1) yield { line, field, text: value };
}
