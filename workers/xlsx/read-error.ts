/** A part the fast reader will not read (damaged, too big, a DTD): the caller reads the file with openpyxl instead. */
export class XlsxReadError extends Error {}

