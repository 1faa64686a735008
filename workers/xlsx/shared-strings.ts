/**
 * Text as openpyxl reads it from SpreadsheetML: a shared-strings table, and the rich text
 * of <si> and inline <is> elements (the plain <t> and every run's <t>, phonetic runs left out).
 */
import { XlsxReadError } from './read-error';
import { findTag, nextTag, textUntilClose } from './xml-scan';

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
export function richText(xml: string, from: number, closeName: string): { text: string; end: number } {
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

/** The part ends with its root element's closing tag (`</worksheet>`, `</x:sst>`, or `<sst/>` when empty), as a whole part does. */
export function closesRoot(xml: string, root: string): boolean {
  const name = `([A-Za-z_][\\w.-]*:)?${root}`;
  return new RegExp(`(</${name}>|<${name}\\b[^<>]*/>)\\s*$`).test(xml.slice(-4096));
}
