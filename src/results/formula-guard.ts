/**
 * Formula guard: finds formulas that reach the network, other workbooks or programs before they are written into Excel.
 * Only text that Excel would take as a formula (starting with "=") is inspected as one: other cell text is data.
 */

export type FindingKind = 'network' | 'external-link' | 'dde' | 'code-execution';

export interface FormulaFinding {
  kind: FindingKind;
  /** The function or pattern found, e.g. "WEBSERVICE", "DDE", "external workbook". */
  what: string;
  message: string;
}

/** Code points that render as nothing (zero-width, bidi controls, variation selectors, soft hyphen, fillers). */
const INVISIBLE: readonly [number, number][] = [
  [0x00ad, 0x00ad], [0x034f, 0x034f], [0x061c, 0x061c], [0x115f, 0x1160], [0x17b4, 0x17b5], [0x180e, 0x180e],
  [0x200b, 0x200f], [0x202a, 0x202e], [0x2060, 0x206f], [0x3164, 0x3164], [0xfe00, 0xfe0f], [0xfeff, 0xfeff], [0xffa0, 0xffa0],
];

function withoutInvisible(text: string): string {
  return [...text].filter((ch) => {
    const code = ch.codePointAt(0) ?? 0;
    return !INVISIBLE.some(([from, to]) => code >= from && code <= to);
  }).join('');
}

/** Undoes the disguises: full-width and other compatibility forms (NFKC), invisible characters, case. */
export function normalizeFormula(text: string): string {
  return withoutInvisible(text.normalize('NFKC')).toUpperCase();
}

/** True when Excel would take the text as a formula: it starts with "=" (after the disguises are undone). */
export function isFormulaText(value: unknown): value is string {
  return typeof value === 'string' && /^\s*=/.test(normalizeFormula(value)) && normalizeFormula(value).trim().length > 1;
}

const NETWORK_FUNCTIONS: Record<string, string> = {
  WEBSERVICE: 'WEBSERVICE fetches a web address when Excel calculates: it can send workbook data to any server.',
  IMAGE: 'IMAGE downloads a picture from a web address: the address itself can carry workbook data out.',
  RTD: 'RTD connects to a real-time data server (a program on this or another machine).',
  STOCKHISTORY: 'STOCKHISTORY fetches data from an online service.',
};
const CODE_FUNCTIONS: Record<string, string> = {
  CALL: 'CALL runs a function from a DLL or code resource.',
  'REGISTER.ID': 'REGISTER.ID loads a function from a DLL.',
  REGISTER: 'REGISTER loads a function from a DLL.',
  EXEC: 'EXEC starts a program (Excel 4 macro function).',
};

/** Blanks the text inside double-quoted strings (keeping the quotes) so names inside strings are not mistaken for calls. */
function withoutStrings(formula: string): { code: string; strings: string[] } {
  const strings: string[] = [];
  const code = formula.replace(/"((?:[^"]|"")*)"/g, (_, inner: string) => {
    strings.push(inner.replace(/""/g, '"'));
    return '""';
  });
  return { code, strings };
}

function calls(code: string, name: string): boolean {
  const escaped = name.replace('.', '\\.');
  return new RegExp(`(^|[^A-Z0-9_.])(?:_XLFN\\.|_XLWS\\.)?${escaped}\\s*\\(`).test(code);
}

/** Everything risky in one formula text. Inspect only text that is a formula (see isFormulaText). */
export function inspectFormula(text: string): FormulaFinding[] {
  const normalized = normalizeFormula(text);
  const { code, strings } = withoutStrings(normalized);
  const findings: FormulaFinding[] = [];
  const add = (kind: FindingKind, what: string, message: string) => {
    if (!findings.some((f) => f.kind === kind && f.what === what)) findings.push({ kind, what, message });
  };

  for (const [name, message] of Object.entries(NETWORK_FUNCTIONS)) if (calls(code, name)) add('network', name, message);
  if (calls(code, 'FILTERXML')) {
    add('network', 'FILTERXML', calls(code, 'WEBSERVICE') ? 'FILTERXML parses what WEBSERVICE downloaded from the web.' : 'FILTERXML parses XML, usually text fetched from the web.');
  }
  for (const [name, message] of Object.entries(CODE_FUNCTIONS)) if (calls(code, name)) add('code-execution', name, message);

  if (calls(code, 'HYPERLINK')) {
    const literal = /HYPERLINK\s*\(\s*""\s*[,)]/.test(code);
    const urls = strings.filter((s) => /^\s*(HTTPS?|FTP|FILE):|^\s*\\\\/.test(s));
    if (!literal) add('network', 'HYPERLINK', 'HYPERLINK builds its address from cell contents: a click sends that data to a web address.');
    else if (urls.length > 0) add('network', 'HYPERLINK', `HYPERLINK opens ${urls[0]?.trim().toLowerCase()} when clicked.`);
  }

  // DDE: program|topic!item, e.g. =cmd|'/c calc'!A0. "|" is not an Excel operator, so any one outside strings is DDE.
  if (code.includes('|')) add('dde', 'DDE', 'A DDE link (program|topic!item) asks Excel to start or talk to another program.');

  const external =
    /\[[^\][]*\.(XL[A-Z]{0,2}|CSV|ODS)\]/.test(code) || // [Book.xlsx]Sheet!A1
    /\[\d+\][^!]*!/.test(code) || // [1]Sheet!A1, a numbered external link
    /'[^']*\[[^']*\][^']*'!/.test(code) || // 'C:\path\[Book.xlsx]Sheet'!A1
    /'?(\\\\|[A-Z]:\\|(HTTPS?|FILE):\/\/)[^']*'?!/.test(code); // paths and URLs as references
  if (external) add('external-link', 'external workbook', 'The formula refers to another workbook or a network path: Excel would open or fetch it.');
  if (calls(code, 'INDIRECT') && strings.some((s) => /\[|\\\\|[A-Z]:\\|HTTPS?:/.test(s))) {
    add('external-link', 'INDIRECT', 'INDIRECT builds a reference to another workbook or path.');
  }
  return findings;
}

/** The findings for a value about to be written: none unless it is formula text. */
export function inspectCellInput(value: unknown): FormulaFinding[] {
  return isFormulaText(value) ? inspectFormula(value) : [];
}
