/**
 * One sheet of a sandbox output (.xlsx) as rows to show or to write back into Excel.
 * The file is read by our own Python (sheet_rows.py, through the worker's sheetRows
 * call): it is never parsed here.
 */
import type { CellValue, OutputFile, SandboxError, SheetRows } from '../../workers/api';
import type { WorkbookPython } from '../sandbox/sandbox-client';

export interface OutputRows extends Omit<SheetRows, 'pages'> {
  /** The rows page by page, each parsed only when reached. */
  pages(): Iterable<CellValue[][]>;
}

export const DEFAULT_PAGE_ROWS = 5000;

type Outcome<T> = { ok: true; value: T } | { ok: false; error: SandboxError };

export const baseName = (name: string): string => name.split('/').pop() ?? name;

/** One sheet of an output file (the first when `sheet` is not given) as headers and paged rows. */
export async function outputToRows(python: WorkbookPython, file: OutputFile, sheet?: string, options: { pageRows?: number; signal?: AbortSignal } = {}): Promise<Outcome<OutputRows>> {
  const name = baseName(file.name);
  const read = await python.sheetRows({ name, bytes: file.bytes }, sheet ?? null, options.pageRows ?? DEFAULT_PAGE_ROWS, options.signal ? { signal: options.signal } : {});
  if (!read.ok) return { ok: false, error: { ...read.error, message: `The result ${name} could not be read for inserting: ${read.error.message}` } };
  const { pages, ...rows } = read.value;
  return {
    ok: true,
    value: {
      ...rows,
      *pages() {
        for (const page of pages) yield JSON.parse(new TextDecoder().decode(page)) as CellValue[][];
      },
    },
  };
}
