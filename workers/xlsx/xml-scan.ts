/**
 * The small part of XML that xlsx parts use, read as a real XML parser reads it: tags
 * matched by local name (so `<x:c>` is `<c>`), attribute values and text with entities and
 * character references decoded, line ends normalised (CR LF and CR read as LF, and inside
 * attribute values tabs and line ends read as spaces), CDATA taken as text, comments and
 * processing instructions skipped. One pass with indexOf over the decoded text: no tree,
 * no objects per element, which is what makes a 45 MB sheet part cheap to read.
 */

export interface Tag {
  /** Local name, without the namespace prefix. */
  name: string;
  /** The namespace prefix ('' for none): parts put other vocabularies' look-alikes under their own (x15:workbookPr). */
  prefix: string;
  closing: boolean;
  selfClosing: boolean;
  /** Index just past the tag's '>'. */
  end: number;
  /** Raw attribute text, read with attr(). */
  attrs: string;
}

const GT = 62; // >
const SLASH = 47; // /
const BANG = 33; // !
const QUESTION = 63; // ?

/** The next tag at or after `from`, or null at the end. Comments, PIs and doctype-less declarations are skipped. */
export function nextTag(xml: string, from: number): Tag | null {
  let i = xml.indexOf('<', from);
  while (i >= 0) {
    const c = xml.charCodeAt(i + 1);
    if (c === BANG) {
      if (xml.startsWith('<!--', i)) i = xml.indexOf('<', endOf(xml, i, '-->'));
      else if (xml.startsWith('<![CDATA[', i)) i = xml.indexOf('<', endOf(xml, i, ']]>'));
      else i = xml.indexOf('<', endOf(xml, i, '>'));
      continue;
    }
    if (c === QUESTION) {
      i = xml.indexOf('<', endOf(xml, i, '?>'));
      continue;
    }
    const closing = c === SLASH;
    let j = closing ? i + 2 : i + 1;
    const nameStart = j;
    let colon = -1;
    for (; j < xml.length; j++) {
      const k = xml.charCodeAt(j);
      if (k === GT || k === SLASH || k <= 32) break;
      if (k === 58) colon = j;
    }
    const name = xml.slice(colon >= 0 ? colon + 1 : nameStart, j);
    const prefix = colon >= 0 ? xml.slice(nameStart, colon) : '';
    const gt = tagEnd(xml, j);
    if (gt < 0) return null;
    const selfClosing = xml.charCodeAt(gt - 1) === SLASH;
    return { name, prefix, closing, selfClosing, end: gt + 1, attrs: xml.slice(j, selfClosing ? gt - 1 : gt) };
  }
  return null;
}

/** The '>' ending a tag whose name ends at `from`, skipping '>' inside quoted attribute values. */
function tagEnd(xml: string, from: number): number {
  let quote = 0;
  for (let i = from; i < xml.length; i++) {
    const k = xml.charCodeAt(i);
    if (quote) {
      if (k === quote) quote = 0;
    } else if (k === 34 || k === 39) quote = k;
    else if (k === GT) return i;
  }
  return -1;
}

function endOf(xml: string, from: number, marker: string): number {
  const at = xml.indexOf(marker, from);
  return at < 0 ? xml.length : at + marker.length;
}

/** An attribute's decoded value by local name (prefix ignored), or null. */
export function attr(attrs: string, name: string): string | null {
  let from = 0;
  while (from < attrs.length) {
    const at = attrs.indexOf(name, from);
    if (at < 0) return null;
    const before = attrs.charCodeAt(at - 1);
    let eq = at + name.length;
    while (attrs.charCodeAt(eq) <= 32 && eq < attrs.length) eq++;
    if ((before <= 32 || before === 58) && attrs.charCodeAt(eq) === 61) {
      let q = eq + 1;
      while (attrs.charCodeAt(q) <= 32 && q < attrs.length) q++;
      const quote = attrs[q];
      const close = attrs.indexOf(quote ?? '"', q + 1);
      if (close < 0) return null;
      return decode(attrs.slice(q + 1, close), true);
    }
    from = at + name.length;
  }
  return null;
}

/**
 * The text of the element whose start tag ends at `from`, up to its closing tag (CDATA
 * included), decoded; `end` is just past the closing tag. Elements inside it are not
 * expected (v, t, f have none); their tags are dropped as a parser's .text would not be,
 * but such parts are not valid SpreadsheetML.
 */
export function textUntilClose(xml: string, from: number): { text: string; end: number } {
  let text = '';
  let i = from;
  for (;;) {
    const lt = xml.indexOf('<', i);
    if (lt < 0) return { text: text + decode(xml.slice(i), false), end: xml.length };
    text += decode(xml.slice(i, lt), false);
    if (xml.startsWith('<![CDATA[', lt)) {
      const close = xml.indexOf(']]>', lt + 9);
      const stop = close < 0 ? xml.length : close;
      text += normaliseLineEnds(xml.slice(lt + 9, stop));
      i = stop + 3;
      continue;
    }
    if (xml.charCodeAt(lt + 1) === SLASH) {
      const gt = xml.indexOf('>', lt);
      return { text, end: gt < 0 ? xml.length : gt + 1 };
    }
    if (xml.startsWith('<!--', lt)) {
      i = endOf(xml, lt, '-->');
      continue;
    }
    const tag = nextTag(xml, lt);
    if (!tag) return { text, end: xml.length };
    i = tag.end;
  }
}

function normaliseLineEnds(raw: string): string {
  return raw.indexOf('\r') < 0 ? raw : raw.replace(/\r\n?/g, '\n');
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Entities and character references decoded; line ends normalised first, as the XML spec orders it. */
export function decode(raw: string, attribute: boolean): string {
  let text = normaliseLineEnds(raw);
  if (attribute && /[\t\n]/.test(text)) text = text.replace(/[\t\n]/g, ' ');
  if (text.indexOf('&') < 0) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, ref: string) => {
    if (ref[0] !== '#') return NAMED[ref] ?? whole;
    const code = ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
    return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/** Index of `<` of the first tag named `name` (local name) at or after `from`, or -1. */
export function findTag(xml: string, name: string, from = 0): Tag | null {
  let at = from;
  for (;;) {
    const tag = nextTag(xml, at);
    if (!tag) return null;
    if (!tag.closing && tag.name === name) return tag;
    at = tag.end;
  }
}

/** The prefix of the part's root element: the one its own vocabulary uses ('' or e.g. 'x'). */
export function rootPrefix(xml: string): string {
  return nextTag(xml, 0)?.prefix ?? '';
}
