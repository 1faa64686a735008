/**
 * The name a result file is saved under: the output's own name, and for a recipe's run
 * the recipe and its values before it ("Monthly stack (Sales limit 1000) - result.xlsx"),
 * so next month's download says what produced it. Characters that Windows, macOS or Linux
 * refuse in a file name are replaced; the name stays short enough for every system.
 */
// eslint-disable-next-line no-control-regex -- control characters are exactly what must not reach a file name
const UNSAFE = /[\\/:*?"<>|\u0000-\u001f\u007f]/g;
const MAX_LENGTH = 120;

export function downloadName(outputName: string, label?: string): string {
  const own = (outputName.split('/').pop() ?? outputName).replace(UNSAFE, '_');
  if (!label?.trim()) return own;
  const words = label.replace(UNSAFE, ' ').replace(/\s+/g, ' ').trim();
  const room = Math.max(20, MAX_LENGTH - own.length - 3);
  const cut = words.length > room ? `${words.slice(0, room - 1).trimEnd()}…` : words;
  return `${cut} - ${own}`;
}
