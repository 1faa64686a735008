/**
 * One script that reads workbooks every way openpyxl offers (read-only rows and values,
 * bounds, cells, after reset_dimensions, from bytes; data_only on and off), for comparing
 * the sandbox (where the fast reader serves some of them) with plain openpyxl in CPython.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { NATIVE_PYTHON } from '../helpers/python';

/** Prints, per workbook and sheet and way of reading, a line with a digest of the rows' repr and its start (or the error). */
export const readAllScript = (dir: string): string => `
import hashlib, io, os, warnings, openpyxl
warnings.simplefilter("ignore")
DIR = ${JSON.stringify(dir)}
def show(label, make_rows):
    try:
        rows = make_rows()
        text = repr(rows)
        print(label, len(rows), hashlib.sha256(text.encode()).hexdigest()[:16], text[:100].replace("\\n", " "))
    except Exception as e:
        print(label, "error", type(e).__name__)
for name in sorted(os.listdir(DIR)):
    path = os.path.join(DIR, name)
    for data_only in (True, False):
        wb = openpyxl.load_workbook(path, read_only=True, data_only=data_only)
        for ws in wb.worksheets:
            tag = "%s|%s|%s" % (name, ws.title, data_only)
            show(tag + "|all", lambda: list(ws.iter_rows(values_only=True)))
            show(tag + "|values", lambda: list(ws.values))
            show(tag + "|bounds", lambda: list(ws.iter_rows(min_row=2, max_row=6, min_col=2, max_col=5, values_only=True)))
            show(tag + "|cells", lambda: [tuple((c.value, c.data_type, getattr(c, "coordinate", None), c.number_format, c.is_date) for c in row) for row in ws.iter_rows(max_row=40)])
            show(tag + "|rows", lambda: [tuple((type(c).__name__, c.value, c.data_type) for c in row) for row in ws.rows])
            show(tag + "|cell-bounds", lambda: [tuple((c.value, getattr(c, "row", None), getattr(c, "column", None)) for c in row) for row in ws.iter_rows(min_row=3, max_row=9, min_col=2, max_col=4)])
            ws.reset_dimensions()
            show(tag + "|reset", lambda: list(ws.iter_rows(values_only=True)))
        wb.close()
    with open(path, "rb") as f:
        data = f.read()
    wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    show(name + "|bytes", lambda: [list(ws.iter_rows(values_only=True)) for ws in wb.worksheets])
`;

/** The script's lines from native CPython with plain openpyxl, on copies of `workbooks` in one folder. */
export function plainOpenpyxlLines(workbooks: readonly string[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'plain-inputs-'));
  for (const p of workbooks) writeFileSync(join(dir, basename(p)), readFileSync(p));
  const script = join(mkdtempSync(join(tmpdir(), 'plain-openpyxl-')), 'read_all.py');
  writeFileSync(script, readAllScript(dir));
  return execFileSync(NATIVE_PYTHON, [script], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 }).split('\n');
}

/**
 * Times reading one workbook's rows opened by path (served by the fast reader) and from
 * bytes (openpyxl alone), in the same run: prints "path SECONDS bytes SECONDS ROWS". The fast
 * path is several times faster, so a ratio far below 1 shows it is in use where equality of
 * values alone could not.
 */
export const speedScript = (path: string): string => `
import io, time, openpyxl
def read(source):
    began = time.perf_counter()
    rows = list(openpyxl.load_workbook(source, read_only=True).worksheets[0].iter_rows(values_only=True))
    return time.perf_counter() - began, len(rows)
fast, n = read(${JSON.stringify(path)})
plain, m = read(io.BytesIO(open(${JSON.stringify(path)}, "rb").read()))
assert n == m
print("path", round(fast, 3), "bytes", round(plain, 3), n)
`;

/** The two times from speedScript's line. */
export function readSpeeds(stdout: string): { path: number; bytes: number; rows: number } {
  const m = stdout.match(/path ([\d.]+) bytes ([\d.]+) (\d+)/);
  if (!m) throw new Error(`no timing line in: ${stdout.slice(0, 200)}`);
  return { path: Number(m[1]), bytes: Number(m[2]), rows: Number(m[3]) };
}
