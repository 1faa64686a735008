/**
 * The fast xlsx reader: a workbook's sheets read outside Python, into typed arrays of
 * cells that cross to Python whole (workers/python/xlsx_fast turns them into the rows
 * openpyxl's read-only mode gives). Only the parts values need are inflated (workbook,
 * its relationships, shared strings, styles, the sheet asked for), each within the same
 * size and ratio limits the sandbox's zip guard applies; anything the reader does not
 * serve (a formula's text when formulas are asked for) is said, so the caller falls back
 * to openpyxl with the same result.
 */
import { unzipSync } from 'fflate';
import { attr, findTag, nextTag, rootPrefix, textUntilClose } from './xml-scan';

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

export interface XlsxLimits {
  /** Largest inflated part, bytes. */
  maxPartBytes: number;
  /** Largest inflated/compressed ratio of a part over 1 MB. */
  maxRatio: number;
}

/**
 * The sandbox's zip guard's ratio (workers/python/zip_safety.py); parts over 512 MiB are
 * left to openpyxl, which streams them (a JavaScript string cannot hold much more).
 */
export const DEFAULT_LIMITS: XlsxLimits = { maxPartBytes: 512 * 1024 * 1024, maxRatio: 200 };

export interface SheetInfo {
  name: string;
  state: 'visible' | 'hidden' | 'veryHidden';
  /** Path of its part in the zip, e.g. xl/worksheets/sheet1.xml. */
  path: string;
}

/** Number formats, as openpyxl's stylesheet needs them to tell dates. */
export interface CellStyles {
  /** numFmtId of each cell format (cellXfs), by style index. */
  numFmtIds: number[];
  /** Custom number formats by id. */
  custom: Record<number, string>;
}

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
  texts: string[];
  formulas: number;
}

export interface XlsxWorkbook {
  sheets: SheetInfo[];
  date1904: boolean;
  sharedStrings: string[];
  styles: CellStyles;
  /** Reads one sheet's cells (inflating its part only now). */
  readSheet(path: string): SheetCells;
}

export class XlsxReadError extends Error {}

const WORKSHEET_REL = /\/relationships\/worksheet$/;

export function openXlsx(bytes: Uint8Array, limits: XlsxLimits = DEFAULT_LIMITS): XlsxWorkbook {
  const part = (path: string): string | null => readPart(bytes, path, limits);
  const workbookXml = part('xl/workbook.xml');
  if (workbookXml === null) throw new XlsxReadError('This file has no workbook part (xl/workbook.xml): it is not an Excel workbook.');
  const rels = readRelationships(part('xl/_rels/workbook.xml.rels') ?? '', 'xl/');
  const sheets: SheetInfo[] = [];
  let date1904 = false;
  const own = rootPrefix(workbookXml);
  for (let tag = nextTag(workbookXml, 0); tag; tag = nextTag(workbookXml, tag.end)) {
    if (tag.closing || tag.prefix !== own) continue; // x15:workbookPr in an extension is not the workbook's
    if (tag.name === 'workbookPr') {
      const value = attr(tag.attrs, 'date1904');
      date1904 = value === '1' || value === 'true';
    } else if (tag.name === 'sheet') {
      const id = attr(tag.attrs, 'id');
      const rel = id === null ? undefined : rels.get(id);
      if (!rel || !WORKSHEET_REL.test(rel.type)) continue; // chartsheets and the like are not read-only worksheets
      const state = attr(tag.attrs, 'state');
      sheets.push({ name: attr(tag.attrs, 'name') ?? '', state: state === 'hidden' || state === 'veryHidden' ? state : 'visible', path: rel.target });
    }
  }
  const byType = (suffix: string): string | undefined => [...rels.values()].find((r) => r.type.endsWith(suffix))?.target;
  const stringsXml = part(byType('/sharedStrings') ?? 'xl/sharedStrings.xml');
  const stylesXml = part(byType('/styles') ?? 'xl/styles.xml');
  return {
    sheets,
    date1904,
    sharedStrings: stringsXml === null ? [] : readSharedStrings(stringsXml),
    styles: stylesXml === null ? { numFmtIds: [], custom: {} } : readStyles(stylesXml),
    readSheet(path) {
      const xml = part(path);
      if (xml === null) throw new XlsxReadError(`The workbook names a sheet part that is missing (${path}).`);
      return readSheetCells(xml);
    },
  };
}

/**
 * One part's text, or null when the zip has no such part. A part that declares a DOCTYPE
 * is refused: entity expansion is how XML bombs work, and the sandbox's guard refuses such
 * parts too, so the caller falls back to a reader that says so.
 */
export function readPart(bytes: Uint8Array, path: string, limits: XlsxLimits = DEFAULT_LIMITS): string | null {
  const found = unzipParts(bytes, (name) => name === path, limits)[path];
  if (found === undefined) return null;
  const text = new TextDecoder().decode(found);
  if (/<!(DOCTYPE|ENTITY)/i.test(text)) throw new XlsxReadError(`${path} declares a DOCTYPE (entity expansion): not read.`);
  return text;
}

/** Inflates the parts `want` accepts, refusing any that would grow past the limits (checked before inflating). */
function unzipParts(bytes: Uint8Array, want: (name: string) => boolean, limits: XlsxLimits): Record<string, Uint8Array> {
  let refused: string | null = null;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter(file) {
        if (!want(file.name)) return false;
        const ratio = file.size > 0 ? file.originalSize / file.size : 0;
        if (file.originalSize > limits.maxPartBytes || (file.originalSize > 1024 * 1024 && ratio > limits.maxRatio)) {
          refused = `${file.name} would expand from ${file.size} to ${file.originalSize} bytes`;
          return false;
        }
        return true;
      },
    });
  } catch (e) {
    throw new XlsxReadError(`This file is not a valid .xlsx (${e instanceof Error ? e.message : String(e)}); it may be damaged. Open it in Excel and save it again.`);
  }
  if (refused) throw new XlsxReadError(`Not opened: ${refused}, which is how zip bombs look.`);
  return files;
}

function readRelationships(xml: string, base: string): Map<string, { type: string; target: string }> {
  const rels = new Map<string, { type: string; target: string }>();
  for (let tag = findTag(xml, 'Relationship'); tag; tag = findTag(xml, 'Relationship', tag.end)) {
    const id = attr(tag.attrs, 'Id');
    const target = attr(tag.attrs, 'Target');
    if (id === null || target === null) continue;
    rels.set(id, { type: attr(tag.attrs, 'Type') ?? '', target: resolvePath(base, target) });
  }
  return rels;
}

/** A relationship target as a zip path: absolute ("/xl/...") or relative to the part's folder. */
function resolvePath(base: string, target: string): string {
  const parts = (target.startsWith('/') ? target.slice(1) : base + target).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

/**
 * Each <si>'s text as openpyxl reads it: the plain <t> and every run's <t> (phonetic
 * runs left out), with "x005F_" removed as openpyxl's read_string_table does.
 */
export function readSharedStrings(xml: string): string[] {
  if (!closesRoot(xml, 'sst')) throw new XlsxReadError('The shared strings end too soon: a damaged or cut-off part.');
  const strings: string[] = [];
  for (let si = findTag(xml, 'si'); si; si = findTag(xml, 'si', si.end)) {
    if (si.selfClosing) {
      strings.push('');
      continue;
    }
    const read = richText(xml, si.end, 'si');
    strings.push(read.text.replaceAll('x005F_', ''));
    si = { ...si, end: read.end };
  }
  return strings;
}

/** The text of a rich-text element (<si>, <is>) starting at `from`, up to its closing tag. */
function richText(xml: string, from: number, closeName: string): { text: string; end: number } {
  let plain: string | null = null;
  let runs = '';
  let depth = 0; // inside <r> (1) or <rPh> (-1)
  for (let tag = nextTag(xml, from); tag; tag = nextTag(xml, tag.end)) {
    if (tag.closing) {
      if (tag.name === closeName) return { text: (plain ?? '') + runs, end: tag.end };
      if (tag.name === 'r' || tag.name === 'rPh') depth = 0;
      continue;
    }
    if (tag.name === 'r') depth = tag.selfClosing ? 0 : 1;
    else if (tag.name === 'rPh') depth = tag.selfClosing ? 0 : -1;
    else if (tag.name === 't') {
      const text = tag.selfClosing ? { text: '', end: tag.end } : textUntilClose(xml, tag.end);
      if (depth === 1) runs += text.text;
      else if (depth === 0 && plain === null) plain = text.text;
      tag = { ...tag, end: text.end };
    }
  }
  return { text: (plain ?? '') + runs, end: xml.length };
}

export function readStyles(xml: string): CellStyles {
  const custom: Record<number, string> = {};
  const own = rootPrefix(xml);
  // Only the stylesheet's own <numFmts> (extensions carry differential formats with numFmts of their own).
  const formats = findTag(xml, 'numFmts');
  if (formats && !formats.selfClosing) {
    for (let tag = nextTag(xml, formats.end); tag && !(tag.closing && tag.name === 'numFmts'); tag = nextTag(xml, tag.end)) {
      if (tag.closing || tag.name !== 'numFmt' || tag.prefix !== own) continue;
      const id = Number(attr(tag.attrs, 'numFmtId'));
      const code = attr(tag.attrs, 'formatCode');
      if (Number.isInteger(id) && code !== null) custom[id] = code;
    }
  }
  const numFmtIds: number[] = [];
  const xfs = findTag(xml, 'cellXfs');
  if (xfs && !xfs.selfClosing) {
    for (let tag = nextTag(xml, xfs.end); tag && !(tag.closing && tag.name === 'cellXfs'); tag = nextTag(xml, tag.end)) {
      if (!tag.closing && tag.name === 'xf') numFmtIds.push(Number(attr(tag.attrs, 'numFmtId') ?? 0) || 0);
    }
  }
  return { numFmtIds, custom };
}

/** Grows typed arrays as cells arrive. */
class CellBuffer {
  count = 0;
  column = new Int32Array(1024);
  kind = new Uint8Array(1024);
  num = new Float64Array(1024);
  text = new Int32Array(1024);
  style = new Int32Array(1024);
  texts: string[] = [];

  push(column: number, kind: number, num: number, text: string | null, style: number): void {
    if (this.count === this.kind.length) this.grow();
    const i = this.count++;
    this.column[i] = column;
    this.kind[i] = kind;
    this.num[i] = num;
    this.style[i] = style;
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
  for (tag = nextTag(xml, tag.end); tag; tag = nextTag(xml, tag.end)) {
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
    const flag = formula ? HAS_FORMULA : 0;
    if (type === 'inlineStr') {
      // openpyxl ignores <v> here; no <is> leaves the value None.
      cells.push(colCounter, (inline === null ? CellKind.Empty : CellKind.Text) | flag, 0, inline, style);
    } else if (!value) {
      cells.push(colCounter, CellKind.Empty | flag, 0, null, style);
    } else if (type === 'n') {
      pushNumber(cells, colCounter, value, style, flag);
    } else if (type === 's') {
      cells.push(colCounter, CellKind.Shared | flag, Number.parseInt(value, 10), null, style);
    } else if (type === 'b') {
      cells.push(colCounter, CellKind.Bool | flag, Number.parseInt(value, 10) ? 1 : 0, null, style);
    } else if (type === 'd') {
      cells.push(colCounter, CellKind.IsoDate | flag, 0, value, style);
    } else if (type === 'e') {
      cells.push(colCounter, CellKind.Error | flag, 0, value, style);
    } else {
      cells.push(colCounter, CellKind.Text | flag, 0, value, style); // "str" and any other type: the text as written
    }
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
      texts: cells.texts,
      formulas,
    };
  }
}

/** The part ends with its root element's closing tag (`</worksheet>`, `</x:sst>`, or `<sst/>` when empty), as a whole part does. */
function closesRoot(xml: string, root: string): boolean {
  const name = `([A-Za-z_][\\w.-]*:)?${root}`;
  return new RegExp(`(</${name}>|<${name}\\b[^<>]*/>)\\s*$`).test(xml.slice(-4096));
}

/** As openpyxl's _cast_number: '.', 'e' or 'E' make a float, else an int (exact beyond 2^53 as text). */
function pushNumber(cells: CellBuffer, column: number, value: string, style: number, flag: number): void {
  if (/[.eE]/.test(value)) cells.push(column, CellKind.Float | flag, Number(value), null, style);
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
