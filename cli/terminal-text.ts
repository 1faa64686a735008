/**
 * Text for the terminal, never commands to it. Whatever comes from the code
 * (its stdout, stderr, errors, file names), the input files or the model (plans,
 * questions, code) could hold escape sequences that write the clipboard (OSC 52),
 * clear the screen, move the cursor to forge "done" lines, or bidi overrides that
 * make text read differently from what it is. Every such character is shown in a
 * visible escaped form (ESC as \u001b), so the user sees what was there and the
 * terminal acts on none of it. Newlines and tabs stay as they are.
 */

/** C0 controls but \t and \n, DEL, C1 controls, and the bidi embeddings, overrides and isolates. */
// eslint-disable-next-line no-control-regex -- matching control characters is this pattern's whole job
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

/** The name with every control or bidi character (tabs and newlines too) replaced by "_": a host file name never holds them. */
export function cleanFileName(name: string): string {
  return name.replace(UNSAFE, '_').replace(/[\t\n]/g, '_');
}

/** A visible, unambiguous name for one unsafe character: \r for a carriage return, \u001b for ESC. */
function visible(char: string): string {
  if (char === '\r') return '\\r';
  return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** The text with every control and bidi character shown escaped; \r\n line ends become \n. */
export function terminalText(text: string): string {
  return text.replace(/\r\n/g, '\n').replace(UNSAFE, visible);
}

/**
 * JSON for the terminal: exactly the value JSON.stringify writes, but with DEL,
 * C1 and bidi characters (which JSON leaves raw) written as \uXXXX escapes too,
 * so a program parsing it reads the same value and a terminal shows only text.
 */
export function terminalJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(UNSAFE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Writes text from anywhere to the terminal's stdout, escaped. */
export function printOut(text: string): void {
  process.stdout.write(terminalText(text));
}

/** Writes text from anywhere to the terminal's stderr, escaped. */
export function printErr(text: string): void {
  process.stderr.write(terminalText(text));
}

/** The same text with a final newline if it lacks one. */
export function asLines(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}
