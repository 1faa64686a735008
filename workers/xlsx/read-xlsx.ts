/**
 * The fast xlsx reader: a workbook's parts read outside Python. Only the parts values need
 * are inflated (workbook, its relationships, shared strings, the sheet asked for), each
 * within the size and ratio limits the sandbox's zip guard applies; the sheet's cells
 * (sheet-cells.ts) cross to Python whole, where workers/python/xlsx_fast.py turns them
 * into the rows openpyxl's read-only mode gives. Whatever the reader refuses is thrown as
 * an XlsxReadError, and the caller falls back to openpyxl.
 */
import { unzipSync } from 'fflate';
import { XlsxReadError } from './read-error';
import { readSheetCells, type SheetCells } from './sheet-cells';
import { readSharedStrings } from './shared-strings';
import { attr, findTag, nextTag, rootPrefix } from './xml-scan';

export { XlsxReadError };

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

export interface XlsxWorkbook {
  sheets: SheetInfo[];
  date1904: boolean;
  sharedStrings: string[];
  /** Reads one sheet's cells (inflating its part only now). */
  readSheet(path: string): SheetCells;
}

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
  return {
    sheets,
    date1904,
    sharedStrings: stringsXml === null ? [] : readSharedStrings(stringsXml),
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

