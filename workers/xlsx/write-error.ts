/** The fast writer cannot finish a file as openpyxl would: Python raises it, and no file is left half-written. */
export class XlsxWriteError extends Error {}
