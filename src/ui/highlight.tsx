/** A small Python highlighter: keywords, strings, numbers and comments, as React spans (no HTML strings). */
import { tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';

const KEYWORDS = new Set('and as assert break class continue def del elif else except False finally for from global if import in is lambda None nonlocal not or pass raise return True try while with yield match case'.split(' '));
const TOKEN = /(#[^\n]*)|("""[\s\S]*?"""|'''[\s\S]*?'''|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*')|(\b\d[\d_.]*\b)|(\b[A-Za-z_]\w*\b)/g;

const COLORS = {
  comment: tokens.colorNeutralForeground3,
  string: tokens.colorPaletteGreenForeground1,
  number: tokens.colorPaletteBlueForeground2,
  keyword: tokens.colorPalettePurpleForeground2,
};

export function highlightPython(code: string): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0;
  let key = 0;
  for (const m of code.matchAll(TOKEN)) {
    const at = m.index ?? 0;
    if (at > last) out.push(code.slice(last, at));
    const [text, comment, string, number, word] = m;
    const kind = comment ? 'comment' : string ? 'string' : number ? 'number' : word && KEYWORDS.has(word) ? 'keyword' : undefined;
    out.push(kind ? <span key={key++} style={{ color: COLORS[kind] }}>{text}</span> : text);
    last = at + text.length;
  }
  if (last < code.length) out.push(code.slice(last));
  return out;
}
