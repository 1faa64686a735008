/**
 * Every cell of a sheet's XML, in document order, into typed arrays: the column, row and
 * value openpyxl's WorkSheetParser would give each <c>, nothing converted yet (numbers
 * stay numbers, shared strings their index), so Python can do the rest with openpyxl's
 * own rules (workers/python/xlsx_fast.py).
 */
import { XlsxReadError } from './read-error';
import { closesRoot, richText } from './shared-strings';
import { attr, nextTag, textUntilClose, type Tag } from './xml-scan';

/** What a cell holds, as openpyxl's reader distinguishes it. */
export const CellKind = {
  /** A cell element without a value (openpyxl: None). */
  Empty: 0,
  /** A number written without '.', 'e' or 'E' (openpyxl: int); too long for a double: BigInt (text). */
  Int: 1,
  Float: 2,
  /** A shared string: `num` is its index. */
  Shared: 3,
  /** Inline or formula-result text (t="inlineStr", t="str"). */
  Text: 4,
  Bool: 5,
  /** An error value ("#N/A"), kept as text. */
  Error: 6,
  /** t="d": an ISO 8601 date as text. */
  IsoDate: 7,
  BigInt: 8,
} as const;

/** Set on a cell's kind when it has a formula (its value is then the cached result). */
export const HAS_FORMULA = 0x80;

/** Every cell of a sheet in document order, one entry per <c> element. */
export interface SheetCells {
  /** The <dimension ref> before the data, as written, or null. */
  dimension: string | null;
  /** Row number of each <row> element in order, and where its cells start in the arrays. */
  rowNumbers: Int32Array;
  rowStarts: Int32Array;
  count: number;
  column: Int32Array;
  kind: Uint8Array;
  /** Numbers, booleans (0/1), shared string indexes. */
  num: Float64Array;
  /** Index into `texts` for Text, Error, IsoDate and BigInt cells (else -1). */
  text: Int32Array;
  style: Int32Array;
  /** The row openpyxl gives the cell itself: its reference's (r="B7" → 7), else its <row>'s. */
  row: Int32Array;
  /** Its t attribute as TYPE_CODES numbers it (what a ReadOnlyCell's data_type starts from). */
  type: Uint8Array;
  texts: string[];
  formulas: number;
}

/** A cell's t attribute as a number; any other value is OTHER_TYPE. */
export const TYPE_CODES: Record<string, number> = { n: 0, s: 1, b: 2, str: 3, inlineStr: 4, e: 5, d: 6 };
export const OTHER_TYPE = 7;

/** Grows typed arrays as cells arrive. */
class CellBuffer {
  count = 0;
  column = new Int32Array(1024);
  kind = new Uint8Array(1024);
  num = new Float64Array(1024);
  text = new Int32Array(1024);
  style = new Int32Array(1024);
  row = new Int32Array(1024);
  type = new Uint8Array(1024);
  texts: string[] = [];
  /** Row and type of the cell being read, set before its push. */
  rowNow = 0;
  typeNow = 0;

  push(column: number, kind: number, num: number, text: string | null, style: number): void {
    if (this.count === this.kind.length) this.grow();
    const i = this.count++;
    this.column[i] = column;
    this.kind[i] = kind;
    this.num[i] = num;
    this.style[i] = style;
    this.row[i] = this.rowNow;
    this.type[i] = this.typeNow;
    if (text === null) this.text[i] = -1;
    else {
      this.text[i] = this.texts.length;
      this.texts.push(text);
    }
  }

  private grow(): void {
    const size = this.kind.length * 2;
    const grown = <T extends Int32Array | Uint8Array | Float64Array>(old: T, make: (n: number) => T): T => {
      const next = make(size);
      next.set(old);
      return next;
    };
    this.column = grown(this.column, (n) => new Int32Array(n));
    this.kind = grown(this.kind, (n) => new Uint8Array(n));
    this.num = grown(this.num, (n) => new Float64Array(n));
    this.text = grown(this.text, (n) => new Int32Array(n));
    this.style = grown(this.style, (n) => new Int32Array(n));
    this.row = grown(this.row, (n) => new Int32Array(n));
    this.type = grown(this.type, (n) => new Uint8Array(n));
  }
}

/** Every <c> of <sheetData>, with the row and column openpyxl's parser would give it. */
export function readSheetCells(xml: string): SheetCells {
  let dimension: string | null = null;
  const cells = new CellBuffer();
  const rowNumbers: number[] = [];
  const rowStarts: number[] = [];
  let formulas = 0;
  let tag = nextTag(xml, 0);
  for (; tag; tag = nextTag(xml, tag.end)) {
    if (tag.closing) continue;
    if (tag.name === 'dimension') dimension = attr(tag.attrs, 'ref');
    if (tag.name === 'sheetData') break;
  }
  if (!tag) throw new XlsxReadError('The sheet has no data part: not read here.');
  if (tag.selfClosing) return finish();
  let rowCounter = 0;
  let colCounter = 0;
  const counters = { row: 0, column: 0 };
  // The next tag from `from`, reading first the cells written the one plain way most are
  // written, without making a Tag of them.
  const next = (from: number): Tag | null => {
    for (let at = xml.indexOf('<', from); at >= 0 && xml.charCodeAt(at + 1) === 99 /* c */ && xml.charCodeAt(at + 2) === 32; at = xml.indexOf('<', from)) {
      counters.row = rowCounter;
      counters.column = colCounter;
      const end = plainCell(xml, at, cells, counters);
      if (end < 0) break;
      colCounter = counters.column;
      from = end;
    }
    return nextTag(xml, from);
  };
  for (tag = next(tag.end); tag; tag = next(tag.end)) {
    if (tag.closing) {
      if (tag.name === 'sheetData') break;
      continue;
    }
    if (tag.name === 'row') {
      const r = attr(tag.attrs, 'r');
      rowCounter = r === null ? rowCounter + 1 : rowNumber(r);
      colCounter = 0;
      rowNumbers.push(rowCounter);
      rowStarts.push(cells.count);
      continue;
    }
    if (tag.name !== 'c') continue;
    const ref = attr(tag.attrs, 'r');
    colCounter = ref === null ? colCounter + 1 : columnOf(ref);
    const type = attr(tag.attrs, 't') ?? 'n';
    cells.rowNow = ref === null ? rowCounter : rowOf(ref);
    cells.typeNow = TYPE_CODES[type] ?? OTHER_TYPE;
    const style = Number(attr(tag.attrs, 's') ?? 0) || 0;
    let value: string | null = null;
    let inline: string | null = null;
    let formula = false;
    if (!tag.selfClosing) {
      // The cell's children: <f>, <v>, <is>; up to </c>.
      for (let child = nextTag(xml, tag.end); child; child = nextTag(xml, child.end)) {
        if (child.closing) {
          if (child.name === 'c') {
            tag = child;
            break;
          }
          continue;
        }
        if (child.name === 'v' && value === null) {
          const read = child.selfClosing ? { text: '', end: child.end } : textUntilClose(xml, child.end);
          value = read.text;
          child = { ...child, end: read.end };
        } else if (child.name === 'f') {
          formula = true;
          if (!child.selfClosing) child = { ...child, end: textUntilClose(xml, child.end).end };
        } else if (child.name === 'is') {
          const read = child.selfClosing ? { text: '', end: child.end } : richText(xml, child.end, 'is');
          inline = read.text;
          child = { ...child, end: read.end };
        }
        tag = child;
      }
    }
    if (formula) formulas++;
    pushCell(cells, colCounter, TYPE_CODES[type] ?? OTHER_TYPE, value, inline, style, formula ? HAS_FORMULA : 0);
  }
  // A part cut off or damaged is openpyxl's to report (an XML error), never rows of ours.
  if (!tag || !closesRoot(xml, 'worksheet')) throw new XlsxReadError('The sheet ends before its data does: a damaged or cut-off part.');
  return finish();

  function finish(): SheetCells {
    const n = cells.count;
    return {
      dimension,
      rowNumbers: Int32Array.from(rowNumbers),
      rowStarts: Int32Array.from(rowStarts),
      count: n,
      column: cells.column.slice(0, n),
      kind: cells.kind.slice(0, n),
      num: cells.num.slice(0, n),
      text: cells.text.slice(0, n),
      style: cells.style.slice(0, n),
      row: cells.row.slice(0, n),
      type: cells.type.slice(0, n),
      texts: cells.texts,
      formulas,
    };
  }
}

/** A cell's value by its type (a TYPE_CODES number), as openpyxl's WorkSheetParser.parse_cell reads it. */
function pushCell(cells: CellBuffer, column: number, type: number, value: string | null, inline: string | null, style: number, flag: number): void {
  if (type === T_INLINE) {
    // openpyxl ignores <v> here; no <is> leaves the value None.
    cells.push(column, (inline === null ? CellKind.Empty : CellKind.Text) | flag, 0, inline, style);
  } else if (!value) {
    cells.push(column, CellKind.Empty | flag, 0, null, style);
  } else if (type === T_NUMBER) {
    pushNumber(cells, column, value, style, flag);
  } else if (type === T_SHARED) {
    cells.push(column, CellKind.Shared | flag, Number.parseInt(value, 10), null, style);
  } else if (type === T_BOOL) {
    cells.push(column, CellKind.Bool | flag, Number.parseInt(value, 10) ? 1 : 0, null, style);
  } else if (type === T_DATE) {
    cells.push(column, CellKind.IsoDate | flag, 0, value, style);
  } else if (type === T_ERROR) {
    cells.push(column, CellKind.Error | flag, 0, value, style);
  } else {
    cells.push(column, CellKind.Text | flag, 0, value, style); // "str" and any other type: the text as written
  }
}

const T_NUMBER = TYPE_CODES.n!;
const T_SHARED = TYPE_CODES.s!;
const T_BOOL = TYPE_CODES.b!;
const T_INLINE = TYPE_CODES.inlineStr!;
const T_ERROR = TYPE_CODES.e!;
const T_DATE = TYPE_CODES.d!;
const QUOTE = 34;
const LT = 60;
const AMP = 38;
const CR = 13;

/**
 * A cell written the plain way, read at `at` (its '<c ') straight from the characters, with
 * no string made but its value: attributes r (letters then digits), s (digits), t, others
 * skipped, none with an entity; then nothing, `<v>text</v>` or `<is><t>text</t></is>` with
 * no markup, entity or CR in the text; then `</c>`. Returns the index past `</c>` (or past
 * `/>`), or -1, having pushed nothing, for any other shape: readSheetCells reads that one.
 */
function plainCell(xml: string, at: number, cells: CellBuffer, counters: { row: number; column: number }): number {
  let column = -1;
  let row = -1;
  let style = 0;
  let type = T_NUMBER;
  let i = at + 3;
  for (;;) {
    while (xml.charCodeAt(i) === 32) i++;
    const k = xml.charCodeAt(i);
    if (k === 62 /* > */ || k === 47 /* / */) break;
    if (xml.charCodeAt(i + 1) !== 61 /* = */ || xml.charCodeAt(i + 2) !== QUOTE) {
      // A longer name: skipped, unless it has a prefix or its value an entity.
      const eq = xml.indexOf('="', i);
      const close = eq < 0 ? -1 : xml.indexOf('"', eq + 2);
      if (close < 0 || xml.slice(i, eq).includes(':') || xml.slice(eq + 2, close).includes('&')) return -1;
      i = close + 1;
      continue;
    }
    let j = i + 3;
    if (k === 114 /* r */) {
      column = 0;
      for (let c = xml.charCodeAt(j) | 32; c >= 97 && c <= 122; c = xml.charCodeAt(++j) | 32) column = column * 26 + (c - 96);
      row = 0;
      for (let c = xml.charCodeAt(j); c >= 48 && c <= 57; c = xml.charCodeAt(++j)) row = row * 10 + (c - 48);
      if (column === 0 || j === i + 3 || xml.charCodeAt(j) !== QUOTE || row > 0x7fffffff) return -1;
    } else if (k === 115 /* s */) {
      for (let c = xml.charCodeAt(j); c >= 48 && c <= 57; c = xml.charCodeAt(++j)) style = style * 10 + (c - 48);
      if (xml.charCodeAt(j) !== QUOTE || j === i + 3 || style > 0x7fffffff) return -1;
    } else {
      const close = xml.indexOf('"', j);
      if (close < 0) return -1;
      if (k === 116 /* t */) {
        const name = xml.slice(j, close);
        if (name.includes('&')) return -1;
        type = TYPE_CODES[name] ?? OTHER_TYPE;
      } else if (xml.slice(j, close).includes('&')) return -1;
      j = close;
    }
    i = j + 1;
  }
  let value: string | null = null;
  let inline: string | null = null;
  let end: number;
  if (xml.charCodeAt(i) === 47) {
    if (xml.charCodeAt(i + 1) !== 62) return -1;
    end = i + 2;
  } else {
    i++;
    if (xml.startsWith('</c>', i)) end = i + 4;
    else if (xml.startsWith('<v>', i)) {
      // Up to 15 digits: the number is read here (no string); else the text is kept.
      let digits = 0;
      let j = i + 3;
      for (let c = xml.charCodeAt(j); c >= 48 && c <= 57; c = xml.charCodeAt(++j)) digits = digits * 10 + (c - 48);
      if (j > i + 3 && j - (i + 3) <= 15 && xml.startsWith('</v></c>', j) && (type === T_NUMBER || type === T_SHARED)) {
        if (column < 0) column = counters.column + 1;
        cells.rowNow = row < 0 ? counters.row : row;
        cells.typeNow = type;
        cells.push(column, type === T_NUMBER ? CellKind.Int : CellKind.Shared, digits, null, style);
        counters.column = column;
        return j + 8;
      }
      const stop = plainTextEnd(xml, i + 3);
      if (stop < 0 || !xml.startsWith('</v></c>', stop)) return -1;
      value = xml.slice(i + 3, stop);
      end = stop + 8;
    } else if (xml.startsWith('<is><t', i)) {
      let open = i + 6;
      if (xml.startsWith(' xml:space="preserve"', open)) open += 21;
      if (xml.charCodeAt(open) !== 62) return -1;
      const stop = plainTextEnd(xml, open + 1);
      if (stop < 0 || !xml.startsWith('</t></is></c>', stop)) return -1;
      inline = xml.slice(open + 1, stop);
      end = stop + 13;
    } else return -1;
  }
  if (column < 0) column = counters.column + 1;
  cells.rowNow = row < 0 ? counters.row : row;
  cells.typeNow = type;
  pushCell(cells, column, type, value, inline, style, 0);
  counters.column = column;
  return end;
}

/** The '<' ending text from `from`, or -1 when the text has an entity or a CR (the generic reader decodes those). */
function plainTextEnd(xml: string, from: number): number {
  for (let i = from; i < xml.length; i++) {
    const c = xml.charCodeAt(i);
    if (c === LT) return i;
    if (c === AMP || c === CR) return -1;
  }
  return -1;
}

/** As openpyxl's _cast_number: '.', 'e' or 'E' make a float, else an int (exact beyond 2^53 as text). */
function pushNumber(cells: CellBuffer, column: number, value: string, style: number, flag: number): void {
  if (value.includes('.') || value.includes('e') || value.includes('E')) cells.push(column, CellKind.Float | flag, Number(value), null, style);
  else {
    const n = Number(value);
    if (Number.isSafeInteger(n)) cells.push(column, CellKind.Int | flag, n, null, style);
    else cells.push(column, CellKind.BigInt | flag, 0, value.trim(), style);
  }
}

function rowNumber(r: string): number {
  const n = Number(r);
  if (!Number.isInteger(n)) throw new XlsxReadError(`${r} is not a valid row number`);
  return n;
}

/** The row of a cell reference ("AB12" → 12), -1 when it has none. */
function rowOf(ref: string): number {
  let i = 0;
  while (i < ref.length && ((ref.charCodeAt(i) | 32) >= 97 && (ref.charCodeAt(i) | 32) <= 122)) i++;
  const n = Number(ref.slice(i));
  return i < ref.length && Number.isInteger(n) ? n : -1;
}

/** The column of a cell reference ("AB12" → 28). */
function columnOf(ref: string): number {
  let col = 0;
  for (let i = 0; i < ref.length; i++) {
    const k = ref.charCodeAt(i) | 32;
    if (k < 97 || k > 122) break;
    col = col * 26 + (k - 96);
  }
  return col;
}
