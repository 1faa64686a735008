/**
 * Proposes a recipe's parameters from code that worked, and rewrites the code to
 * read them as PARAMS["name"]. Pure: no store, no React.
 *
 * The code is scanned as Python tokens (comments, every kind of string literal,
 * numbers), so a value is only ever replaced where it is a whole literal of its
 * own: never inside a comment, a string, an f-string, an identifier or a longer
 * number. Proposed:
 * - 'file': a plain string literal that is exactly the name of an input file, or
 *   "/input/<name>";
 * - 'number': a number literal compared with something (`> 1000`, `1000 <= x`),
 *   one parameter per value and comparison, covering every such occurrence.
 */
import type { RecipeParameter } from '../store';

export interface Occurrence {
  start: number;
  end: number;
  /** 'input-path': the literal was "/input/<name>", so the folder is kept in the rewrite. */
  form: 'whole' | 'input-path';
}

export interface ProposedParameter extends RecipeParameter {
  /** Where the original value sits in the code (character offsets). */
  occurrences: Occurrence[];
}

type Token =
  | { type: 'string'; start: number; end: number; prefix: string; body: string }
  | { type: 'number'; start: number; end: number; text: string }
  | { type: 'name'; start: number; end: number; text: string }
  | { type: 'op'; start: number; end: number; text: string }
  | { type: 'newline'; start: number; end: number };

const COMPARISONS = new Set(['>', '<', '>=', '<=', '==', '!=']);
const TWO_CHAR_OPS = new Set(['>=', '<=', '==', '!=', '**', '//', '->', ':=', '<<', '>>']);
const NUMBER = /^(?:0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][-+]?\d[\d_]*)?[jJ]?)/;
const STRING_START = /^([rRbBuUfFtT]{0,2})('''|"""|'|")/;

/** Splits Python source into the few token kinds the proposal needs; whitespace and comments are dropped. */
export function tokenize(code: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < code.length) {
    const c = code[i]!;
    if (c === '\n') {
      tokens.push({ type: 'newline', start: i, end: i + 1 });
      i++;
    } else if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\\') {
      i++;
    } else if (c === '#') {
      while (i < code.length && code[i] !== '\n') i++;
    } else if (/[A-Za-z_]/.test(c) || c.charCodeAt(0) > 127) {
      const string = STRING_START.exec(code.slice(i, i + 5));
      if (string && string[1]) {
        i = readString(code, i, string[1], string[2]!, tokens);
        continue;
      }
      const start = i;
      while (i < code.length && (/[A-Za-z0-9_]/.test(code[i]!) || code.charCodeAt(i) > 127)) i++;
      tokens.push({ type: 'name', start, end: i, text: code.slice(start, i) });
    } else if (c === '"' || c === "'") {
      const quote = code.startsWith(c.repeat(3), i) ? c.repeat(3) : c;
      i = readString(code, i, '', quote, tokens);
    } else if (/\d/.test(c) || (c === '.' && /\d/.test(code[i + 1] ?? ''))) {
      const text = NUMBER.exec(code.slice(i))?.[0] ?? c;
      tokens.push({ type: 'number', start: i, end: i + text.length, text });
      i += text.length;
    } else {
      const two = code.slice(i, i + 2);
      const text = TWO_CHAR_OPS.has(two) ? two : c;
      tokens.push({ type: 'op', start: i, end: i + text.length, text });
      i += text.length;
    }
  }
  return tokens;
}

/** Reads one string literal starting at `start` (prefix included); returns the index after it. */
function readString(code: string, start: number, prefix: string, quote: string, tokens: Token[]): number {
  const raw = /r/i.test(prefix);
  let i = start + prefix.length + quote.length;
  const bodyStart = i;
  while (i < code.length) {
    if (!raw && code[i] === '\\') {
      i += 2;
      continue;
    }
    if (raw && code[i] === '\\') {
      i += 2; // a raw string still cannot end on an escaped quote
      continue;
    }
    if (code.startsWith(quote, i)) {
      tokens.push({ type: 'string', start, end: i + quote.length, prefix, body: code.slice(bodyStart, i) });
      return i + quote.length;
    }
    if (quote.length === 1 && code[i] === '\n') break; // unterminated: stop at the line end
    i++;
  }
  tokens.push({ type: 'string', start, end: i, prefix, body: '' });
  return i;
}

const INPUT_DIR = '/input/';

/** A plain (not f-, b- or r-) string whose whole text is a file name from `inputs`, or "/input/" plus one. */
function fileLiteral(token: Token, inputs: ReadonlySet<string>): { name: string; form: Occurrence['form'] } | undefined {
  if (token.type !== 'string' || !/^[uU]?$/.test(token.prefix) || /[\\\n]/.test(token.body)) return undefined;
  if (inputs.has(token.body)) return { name: token.body, form: 'whole' };
  if (token.body.startsWith(INPUT_DIR) && inputs.has(token.body.slice(INPUT_DIR.length))) return { name: token.body.slice(INPUT_DIR.length), form: 'input-path' };
  return undefined;
}

/** A parameter name from free text: lower case, letters, digits and _, starting with a letter. */
export function toParameterName(text: string, fallback: string): string {
  const base = text
    .normalize('NFKD')
    .replace(/[^\w]+/g, '_')
    .replace(/^[_\d]+|_+$/g, '')
    .toLowerCase()
    .slice(0, 40);
  return base || fallback;
}

function unique(name: string, taken: Set<string>): string {
  let candidate = name;
  for (let n = 2; taken.has(candidate); n++) candidate = `${name}_${n}`;
  taken.add(candidate);
  return candidate;
}

const FLIPPED: Record<string, string> = { '>': '<', '>=': '<=', '<': '>', '<=': '>=', '==': '==', '!=': '!=' };

interface NumberUse {
  occurrence: Occurrence;
  value: number;
  /** The comparison read with the number on the right: `x > 1000`. */
  op: string;
  /** The nearest column name or variable on the other side, if any. */
  subject?: string;
}

/** Number literals that are one side of a comparison, with what they are compared to. */
function numberUses(tokens: Token[]): NumberUse[] {
  const uses: NumberUse[] = [];
  tokens.forEach((token, index) => {
    if (token.type !== 'number' || /[jJxXoObB]/.test(token.text)) return;
    const value = Number(token.text.replace(/_/g, ''));
    if (!Number.isFinite(value)) return;
    const before = tokens[index - 1];
    const after = tokens[index + 1];
    // A unary minus belongs to the literal; a binary one (x - 5 > 3) does not make it a comparison operand.
    const negative = before?.type === 'op' && before.text === '-' && tokens[index - 2]?.type === 'op' && COMPARISONS.has((tokens[index - 2] as { text: string }).text);
    const left = negative ? tokens[index - 2] : before;
    const start = negative ? before.start : token.start;
    const signed = negative ? -value : value;
    // `x > 1000 + y` compares a sum, not the literal: only a literal that is the whole operand counts.
    const endsOperand = !after || after.type === 'newline' || (after.type === 'op' && /^[)\]:,]$|^(and|or)$/.test(after.text)) || (after.type === 'name' && /^(and|or|if|else|for)$/.test(after.text));
    if (left?.type === 'op' && COMPARISONS.has(left.text) && endsOperand) {
      uses.push({ occurrence: { start, end: token.end, form: 'whole' }, value: signed, op: left.text, subject: subjectBefore(tokens, index - (negative ? 2 : 1)) });
      return;
    }
    const beginsOperand = !before || before.type === 'newline' || (before.type === 'op' && /^[([,=]$/.test(before.text)) || (before.type === 'name' && /^(and|or|not|if|return|while|elif)$/.test(before.text));
    if (!negative && after?.type === 'op' && COMPARISONS.has(after.text) && beginsOperand) {
      uses.push({ occurrence: { start, end: token.end, form: 'whole' }, value: signed, op: FLIPPED[after.text]!, subject: subjectAfter(tokens, index + 1) });
    }
  });
  return uses;
}

/** The last string literal or name on the same line before the comparison: "Sales" in `row["Sales"] > 1000`. */
function subjectBefore(tokens: Token[], opIndex: number): string | undefined {
  for (let i = opIndex - 1; i >= 0; i--) {
    const t = tokens[i]!;
    if (t.type === 'newline') return undefined;
    if (t.type === 'string' && t.body && !t.body.includes('\n')) return t.body;
    if (isSubjectName(tokens, i)) return (t as { text: string }).text;
  }
  return undefined;
}

function subjectAfter(tokens: Token[], opIndex: number): string | undefined {
  for (let i = opIndex + 1; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.type === 'newline') return undefined;
    if (t.type === 'string' && t.body && !t.body.includes('\n')) return t.body;
    if (isSubjectName(tokens, i)) return (t as { text: string }).text;
  }
  return undefined;
}

/** A variable (not a keyword, not a function or method being called or looked into). */
function isSubjectName(tokens: Token[], i: number): boolean {
  const t = tokens[i]!;
  const next = tokens[i + 1];
  return t.type === 'name' && !/^(or|and|not|if|in|is|None|True|False|get|len|abs)$/.test(t.text) && !(next?.type === 'op' && /^[.([]$/.test(next.text));
}

/**
 * The parameters a recipe saved from `code` could have. `inputs` are the names of
 * the files the run was given; only literals naming one of them become file parameters.
 */
export function proposeParameters(code: string, inputs: readonly string[]): ProposedParameter[] {
  const tokens = tokenize(code);
  const taken = new Set<string>();
  const proposals: ProposedParameter[] = [];
  const inputSet = new Set(inputs);

  const byFile = new Map<string, ProposedParameter>();
  for (const token of tokens) {
    const found = fileLiteral(token, inputSet);
    if (!found) continue;
    let param = byFile.get(found.name);
    if (!param) {
      const stem = found.name.replace(/\.[^.]+$/, '');
      param = { name: unique(`${toParameterName(stem, 'input')}_file`, taken), kind: 'file', value: found.name, description: `The workbook used in place of ${found.name}`, occurrences: [] };
      byFile.set(found.name, param);
      proposals.push(param);
    }
    param.occurrences.push({ start: token.start, end: token.end, form: found.form });
  }

  const byComparison = new Map<string, ProposedParameter>();
  for (const use of numberUses(tokens)) {
    const key = `${use.subject ?? ''}\u0000${use.op}\u0000${use.value}`;
    let param = byComparison.get(key);
    if (!param) {
      const subject = use.subject ?? 'value';
      param = {
        name: unique(`${toParameterName(subject, 'value')}_limit`, taken),
        kind: 'number',
        value: use.value,
        description: `The limit in “${subject} ${use.op} ${use.value}” when it was saved`,
        occurrences: [],
      };
      byComparison.set(key, param);
      proposals.push(param);
    }
    param.occurrences.push(use.occurrence);
  }
  return proposals;
}

/**
 * The code with every occurrence of the chosen parameters replaced by
 * PARAMS["name"]. Occurrences must not overlap (proposeParameters never makes
 * overlapping ones); a file given as "/input/name" keeps its folder.
 */
export function rewriteWithParameters(code: string, parameters: readonly ProposedParameter[]): string {
  const edits = parameters
    .flatMap((p) => p.occurrences.map((o) => ({ ...o, name: p.name })))
    .sort((a, b) => b.start - a.start);
  let out = code;
  let limit = Number.POSITIVE_INFINITY;
  for (const edit of edits) {
    if (edit.end > limit) throw new Error('Recipe parameters overlap in the code.');
    const read = `PARAMS[${JSON.stringify(edit.name)}]`;
    const replacement = edit.form === 'input-path' ? `(${JSON.stringify(INPUT_DIR)} + ${read})` : read;
    out = out.slice(0, edit.start) + replacement + out.slice(edit.end);
    limit = edit.start;
  }
  return out;
}

/** Only what the store keeps of a proposal. */
export function toRecipeParameter(p: ProposedParameter): RecipeParameter {
  return { name: p.name, kind: p.kind, value: p.value, description: p.description };
}

/** What the pane calls a parameter: the words the user gave it, or its name in words ("sales_limit" -> "Sales limit"). */
export function parameterLabel(p: Pick<RecipeParameter, 'name' | 'description'>): string {
  return p.description.trim() || nameInWords(p.name);
}

/** "north_file" -> "North file": how a proposal is first called in the save dialog. */
export function nameInWords(name: string): string {
  const words = name.replace(/_+/g, ' ').trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : name;
}

/**
 * The kept proposals with names made from the labels the user typed: each a Python
 * identifier, unique among them; the label is kept as the description. The user
 * never sees or types an identifier.
 */
export function namedFromLabels(kept: readonly (ProposedParameter & { label: string })[]): ProposedParameter[] {
  const taken = new Set<string>();
  return kept.map((p) => ({ name: unique(toParameterName(p.label, p.name), taken), kind: p.kind, value: p.value, description: p.label.trim(), occurrences: p.occurrences }));
}
