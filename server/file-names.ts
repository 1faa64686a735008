/**
 * Names of uploaded files. The code sees each file at /input/<name>, and the
 * name becomes a path on the server's disk, so only plain single-segment names
 * pass: no separators, no control characters, no '.' or '..', nothing longer
 * than a file system allows.
 */
const MAX_NAME_BYTES = 255;

/** Why the name is refused, or null when it is fine. */
export function fileNameProblem(name: string): string | null {
  if (name.length === 0) return 'the file name is empty';
  if (Buffer.byteLength(name, 'utf8') > MAX_NAME_BYTES) return `the file name is longer than ${MAX_NAME_BYTES} bytes`;
  if (/[/\\]/.test(name)) return 'the file name contains a slash';
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'the file name contains a control character';
  if (name === '.' || name === '..' || name.includes('..')) return "the file name contains '..'";
  if (name !== name.trim()) return 'the file name starts or ends with a space';
  return null;
}

/** A job or upload id as we mint them (randomUUID): anything else never reaches the disk. */
export function isId(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(value);
}
