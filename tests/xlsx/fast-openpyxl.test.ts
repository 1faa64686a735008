/**
 * Model code reading workbooks in the sandbox gets the fast reader's rows where openpyxl's
 * read-only rows were asked for, and the very values plain openpyxl gives: the same
 * script runs in the Node sandbox (Pyodide, openpyxl patched by workers/python/
 * fast_openpyxl.py) and in native CPython with plain openpyxl, and every row's repr must
 * match, on the generated and the real-world workbooks, data_only on and off, with bounds,
 * after reset_dimensions, and from bytes (not served: openpyxl reads it). The reader's
 * module cannot be imported by the code.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxClient } from '../../src/sandbox/sandbox-client';
import { startedNodeSandbox } from '../helpers/node-sandbox';
import { NATIVE_PYTHON, ROOT } from '../helpers/python';

const HERE = join(ROOT, 'tests', 'corpus', 'real-world');
let sandbox: SandboxClient;
let workbooks: string[] = [];

/** Prints, per workbook and sheet and way of reading, a line with a digest of the rows' repr and its start (or the error). */
const READ_ALL = (dir: string) => `
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
            show(tag + "|cells", lambda: [tuple(c.value for c in row) for row in ws.iter_rows(max_row=20)])
            ws.reset_dimensions()
            show(tag + "|reset", lambda: list(ws.iter_rows(values_only=True)))
        wb.close()
    with open(path, "rb") as f:
        data = f.read()
    wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    show(name + "|bytes", lambda: [list(ws.iter_rows(values_only=True)) for ws in wb.worksheets])
`;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'fast-openpyxl-'));
  execFileSync(NATIVE_PYTHON, [join(HERE, 'make_reader_cases.py'), dir]);
  workbooks = readdirSync(dir).filter((f) => f.endsWith('.xlsx')).map((f) => join(dir, f));
  const real = execFileSync('bash', [join(HERE, 'fetch.sh'), '--where'], { encoding: 'utf8' }).trim();
  workbooks.push(...readdirSync(real).filter((f) => f.endsWith('.xlsx')).map((f) => join(real, f)));
  sandbox = await startedNodeSandbox();
}, 180_000);

afterAll(() => sandbox?.dispose());

describe('openpyxl in the sandbox, served by the fast reader', () => {
  it('gives the rows plain openpyxl gives, line for line, on every test workbook', async () => {
    expect(workbooks.length).toBeGreaterThanOrEqual(20);
    const inputs = workbooks.map((p) => ({ name: basename(p), bytes: readFileSync(p).buffer.slice(0) as ArrayBuffer }));
    const ran = await sandbox.run({ code: READ_ALL('/input'), inputs, limits: { timeoutMs: 600_000 } });
    expect(ran.ok, ran.ok ? '' : ran.error.message).toBe(true);
    if (!ran.ok) return;
    const script = join(mkdtempSync(join(tmpdir(), 'plain-openpyxl-')), 'read_all.py');
    const nativeDir = mkdtempSync(join(tmpdir(), 'plain-inputs-'));
    for (const p of workbooks) writeFileSync(join(nativeDir, basename(p)), readFileSync(p));
    writeFileSync(script, READ_ALL(nativeDir));
    const plain = execFileSync(NATIVE_PYTHON, [script], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
    const got = ran.stdout.split('\n');
    const want = plain.split('\n');
    expect(got.length).toBe(want.length);
    const differ = want.flatMap((line, i) => (line === got[i] ? [] : [`${line.slice(0, 160)}\n  got: ${(got[i] ?? '').slice(0, 160)}`]));
    expect(differ).toEqual([]);
    expect(want.filter((l) => / error /.test(l)).length).toBeLessThan(want.length / 10);
  }, 900_000);

  it('keeps the reader out of reach of the code', async () => {
    const ran = await sandbox.run({ code: 'import _xlsx_reader_js', inputs: [] });
    expect(ran.ok).toBe(false);
    if (!ran.ok) expect(ran.error.message).toMatch(/_xlsx_reader_js.*not (allowed|available)/);
  }, 120_000);
});
