"""Generate the bad-input corpus: broken, hostile and extreme files users drop in.

    python3 tests/corpus/inputs/make_inputs.py OUT_DIR     # write every file + manifest.json
    python3 tests/corpus/inputs/make_inputs.py --cached    # reuse a temp dir keyed by this code's hash;
                                                           # prints its path

Nothing generated is committed. Contents are deterministic (fixed seeds); zip timestamps
may differ between runs. Expected outcomes live in manifest.py (written out as
manifest.json). Needs CPython 3.9+ with openpyxl. See README.md beside this file.
"""

import codecs
import datetime as dt
import hashlib
import io
import json
import os
import random
import shutil
import struct
import sys
import tempfile
import zipfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from manifest import MANIFEST  # noqa: E402
from office_binary import encrypted_xlsx, legacy_xls  # noqa: E402

MAX_ROWS = 1048576
MAX_COLS = 16384
BOMB_BYTES = 3 * 1024 ** 3          # what the zip bomb's sheet expands to (3 GiB, under zip64)
NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


# --- a tiny hand-written xlsx (for parts openpyxl can't write: cached errors, DTDs, huge sheets) ---

def _col(n):
    s = ""
    while n > 0:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


def _esc(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _skeleton(sheet_names, shared_strings=None):
    """Every part of a workbook except the sheets: name -> bytes."""
    overrides = "".join(
        '<Override PartName="/xl/worksheets/sheet%d.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' % (i + 1)
        for i in range(len(sheet_names)))
    if shared_strings is not None:
        overrides += ('<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                      'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>')
    parts = {
        "[Content_Types].xml": XML_HEAD + (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/styles.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            + overrides + '</Types>'),
        "_rels/.rels": XML_HEAD + (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
        "xl/workbook.xml": XML_HEAD + (
            '<workbook xmlns="%s" xmlns:r="%s"><sheets>%s</sheets></workbook>' % (NS, NS_R, "".join(
                '<sheet name="%s" sheetId="%d" r:id="rId%d"/>' % (_esc(n), i + 1, i + 1)
                for i, n in enumerate(sheet_names)))),
        "xl/_rels/workbook.xml.rels": XML_HEAD + (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">%s'
            '<Relationship Id="rIdS" Type="%s/styles" Target="styles.xml"/>%s</Relationships>' % ("".join(
                '<Relationship Id="rId%d" Type="%s/worksheet" Target="worksheets/sheet%d.xml"/>'
                % (i + 1, NS_R, i + 1) for i in range(len(sheet_names))), NS_R,
                '<Relationship Id="rIdT" Type="%s/sharedStrings" Target="sharedStrings.xml"/>' % NS_R
                if shared_strings is not None else "")),
        # Style 1 is a date (built-in format 14), style 2 a two-decimal number.
        "xl/styles.xml": XML_HEAD + (
            '<styleSheet xmlns="%s"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
            '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill '
            'patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/>'
            '<diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" '
            'borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" '
            'xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
            '<xf numFmtId="2" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
            '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
            '</styleSheet>' % NS),
    }
    if shared_strings is not None:
        parts["xl/sharedStrings.xml"] = shared_strings
    return {k: v.encode("utf-8") if isinstance(v, str) else v for k, v in parts.items()}


def _sheet_xml(rows, dimension=None, merges=()):
    """rows: list of lists of cell XML fragments' (kind, value) or None; see _cell."""
    out = [XML_HEAD, '<worksheet xmlns="%s" xmlns:r="%s">' % (NS, NS_R)]
    if dimension:
        out.append('<dimension ref="%s"/>' % dimension)
    out.append("<sheetData>")
    for r, row in enumerate(rows, 1):
        out.append('<row r="%d">' % r)
        for c, cell in enumerate(row, 1):
            if cell is not None:
                out.append(_cell("%s%d" % (_col(c), r), cell))
        out.append("</row>")
    out.append("</sheetData>")
    if merges:
        out.append('<mergeCells count="%d">%s</mergeCells>' % (len(merges), "".join(
            '<mergeCell ref="%s"/>' % m for m in merges)))
    out.append("</worksheet>")
    return "".join(out).encode("utf-8")


def _cell(ref, cell):
    kind, value = cell[0], cell[1]
    if kind == "s":
        return '<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, _esc(value))
    if kind == "n":
        return '<c r="%s"><v>%r</v></c>' % (ref, value)
    if kind == "d":  # a date serial shown with the date style
        return '<c r="%s" s="1"><v>%d</v></c>' % (ref, value)
    if kind == "fe":  # a formula whose cached result is an error
        return '<c r="%s" t="e"><f>%s</f><v>%s</v></c>' % (ref, _esc(value), _esc(cell[2]))
    if kind == "fn":  # a formula with a cached number
        return '<c r="%s"><f>%s</f><v>%r</v></c>' % (ref, _esc(value), cell[2])
    raise ValueError(kind)


def _write_zip(path, parts):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)


# --- the files ------------------------------------------------------------------------------

def _plain_workbook_bytes(rows=200):
    """A normal workbook (Sales data) as bytes: the base of the damaged files."""
    rng = random.Random(11)
    data = [[("s", "Region"), ("s", "Product"), ("s", "Sales")]]
    for i in range(rows):
        data.append([("s", rng.choice(["North", "South", "West"])), ("s", "Item %d" % rng.randint(1, 400)),
                     ("n", rng.randint(10, 5000))])
    parts = _skeleton(["Sales"])
    parts["xl/worksheets/sheet1.xml"] = _sheet_xml(data, "A1:C%d" % (rows + 1))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, blob in parts.items():
            zf.writestr(zipfile.ZipInfo(name, (2024, 1, 1, 9, 0, 0)), blob, zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def make_corrupt(path):
    """Random bytes written over the middle of the sheet's compressed data."""
    data = bytearray(_plain_workbook_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as zf:
        info = zf.getinfo("xl/worksheets/sheet1.xml")
    name_len, extra_len = struct.unpack("<HH", data[info.header_offset + 26:info.header_offset + 30])
    start = info.header_offset + 30 + name_len + extra_len
    rng = random.Random(1234)
    middle = start + info.compress_size // 3
    data[middle:middle + 200] = bytes(rng.getrandbits(8) for _ in range(200))
    with open(path, "wb") as fh:
        fh.write(data)


def make_truncated(path):
    data = _plain_workbook_bytes()
    with open(path, "wb") as fh:
        fh.write(data[:len(data) * 6 // 10])


def make_renamed_text(path):
    text = ("Notes from the planning meeting\n\n"
            "Remember to send the quarterly figures to Anna before Friday.\n"
            "The North region still owes its March numbers.\n"
            "Next meeting: Tuesday at 10.\n")
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)


def make_password(path):
    with open(path, "wb") as fh:
        fh.write(encrypted_xlsx())


def make_legacy_xls(path):
    with open(path, "wb") as fh:
        fh.write(legacy_xls())


def _raw_deflate(data, level=9):
    c = zlib.compressobj(level, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


def make_zip_bomb(path):
    """A valid workbook whose sheet XML expands to BOMB_BYTES: whitespace before the rows.

    The deflate stream is built from one compressed 1 MiB block of spaces repeated (each ends
    with a full flush, so the copies are independent), so writing it takes a second, not minutes.
    """
    block = b" " * (1024 * 1024)
    head = (XML_HEAD + '<worksheet xmlns="%s"><dimension ref="A1:B2"/><sheetData>' % NS).encode()
    tail = (b'<row r="1"><c r="A1" t="inlineStr"><is><t>Total</t></is></c><c r="B1"><v>1</v></c></row>'
            b'</sheetData></worksheet>')
    copies = (BOMB_BYTES - len(head) - len(tail)) // len(block)
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    head_z = comp.compress(head) + comp.flush(zlib.Z_FULL_FLUSH)
    block_comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    block_z = block_comp.compress(block) + block_comp.flush(zlib.Z_FULL_FLUSH)
    tail_z = _raw_deflate(tail)  # ends with the final block
    crc = zlib.crc32(head)
    for _ in range(copies):
        crc = zlib.crc32(block, crc)
    crc = zlib.crc32(tail, crc)
    size = len(head) + copies * len(block) + len(tail)
    members = [(n, d, _raw_deflate(d), zlib.crc32(d)) for n, d in _skeleton(["Data"]).items()]
    with open(path, "wb") as fh:
        central = []

        def local(name, raw_size, comp_size, crc32):
            offset = fh.tell()
            nb = name.encode()
            fh.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x5821, crc32, comp_size, raw_size,
                                 len(nb), 0) + nb)
            central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x5821, crc32,
                                       comp_size, raw_size, len(nb), 0, 0, 0, 0, 0, offset) + nb)

        for name, plain, packed, crc32 in members:
            local(name, len(plain), len(packed), crc32)
            fh.write(packed)
        local("xl/worksheets/sheet1.xml", size, len(head_z) + copies * len(block_z) + len(tail_z), crc)
        fh.write(head_z)
        for _ in range(copies):
            fh.write(block_z)
        fh.write(tail_z)
        cd_offset = fh.tell()
        cd = b"".join(central)
        fh.write(cd)
        fh.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(central), len(central), len(cd), cd_offset, 0))


def make_billion_laughs(path):
    """The classic entity expansion bomb in xl/sharedStrings.xml (read when the workbook loads)."""
    decls = ['<!ENTITY lol "lol">']
    for i in range(1, 10):
        decls.append('<!ENTITY lol%d "%s">' % (i, ("&lol%d;" % (i - 1) if i > 1 else "&lol;") * 10))
    sst = (XML_HEAD + '<!DOCTYPE sst [\n %s\n]>\n' % "\n ".join(decls)
           + '<sst xmlns="%s" count="1" uniqueCount="1"><si><t>&lol9;</t></si></sst>' % NS)
    parts = _skeleton(["Data"], shared_strings=sst)
    parts["xl/worksheets/sheet1.xml"] = (XML_HEAD + '<worksheet xmlns="%s"><dimension ref="A1"/><sheetData>'
                                         '<row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>'
                                         % NS).encode()
    _write_zip(path, parts)


def make_million_rows(path):
    """1,048,576 rows (Excel's maximum): a header and ID / Amount / Date rows, streamed into the zip."""
    parts = _skeleton(["Data"])
    base = dt.date(2020, 1, 1) - dt.date(1899, 12, 30)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
        with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as out:
            out.write((XML_HEAD + '<worksheet xmlns="%s"><dimension ref="A1:C%d"/><sheetData>'
                       '<row r="1"><c r="A1" t="inlineStr"><is><t>ID</t></is></c>'
                       '<c r="B1" t="inlineStr"><is><t>Amount</t></is></c>'
                       '<c r="C1" t="inlineStr"><is><t>Date</t></is></c></row>' % (NS, MAX_ROWS)).encode())
            row = '<row r="%d"><c r="A%d"><v>%d</v></c><c r="B%d" s="2"><v>%d.%02d</v></c><c r="C%d" s="1"><v>%d</v></c></row>'
            serial0 = base.days
            for start in range(2, MAX_ROWS + 1, 20000):
                chunk = [row % (r, r, r - 1, r, (r * 37) % 10000, r % 100, r, serial0 + r % 1500)
                         for r in range(start, min(start + 20000, MAX_ROWS + 1))]
                out.write("".join(chunk).encode())
            out.write(b"</sheetData></worksheet>")


def make_wide(path):
    """16,384 columns (A to XFD): a header row and three rows of numbers."""
    header = [("s", "Col%d" % c) for c in range(1, MAX_COLS + 1)]
    rows = [header] + [[("n", r * 100000 + c) for c in range(1, MAX_COLS + 1)] for r in range(1, 4)]
    parts = _skeleton(["Wide"])
    parts["xl/worksheets/sheet1.xml"] = _sheet_xml(rows, "A1:%s4" % _col(MAX_COLS))
    _write_zip(path, parts)


def _openpyxl_book():
    from openpyxl import Workbook
    wb = Workbook()
    wb.properties.created = dt.datetime(2024, 1, 1, 9, 0, 0)
    return wb


def make_empty(path):
    _openpyxl_book().save(path)


def make_merged_headers(path):
    wb = _openpyxl_book()
    ws = wb.active
    ws.title = "Report"
    ws["A1"] = "Quarterly sales report"
    ws.merge_cells("A1:F1")
    ws["A2"] = "North"
    ws.merge_cells("A2:C2")
    ws["D2"] = "South"
    ws.merge_cells("D2:F2")
    ws2 = wb.create_sheet("Plan")
    ws2["A1"] = "Budget 2025 (to be filled in)"
    ws2.merge_cells("A1:D2")
    wb.save(path)


def make_formula_errors(path):
    rows = [[("s", "Item"), ("s", "Amount"), ("s", "Divisor"), ("s", "Ratio"), ("s", "Lookup")]]
    for r in range(2, 12):
        divisor = 0 if r % 3 == 0 else r
        amount = r * 10
        ratio = ("fe", "B%d/C%d" % (r, r), "#DIV/0!") if divisor == 0 else ("fn", "B%d/C%d" % (r, r), amount / divisor)
        lookup = ("fe", "#REF!+1", "#REF!") if r % 4 == 0 else ("fn", "B%d*2" % r, amount * 2)
        rows.append([("s", "Item %d" % (r - 1)), ("n", amount), ("n", divisor), ratio, lookup])
    parts = _skeleton(["Calc"])
    parts["xl/worksheets/sheet1.xml"] = _sheet_xml(rows, "A1:E%d" % len(rows))
    _write_zip(path, parts)


def make_mixed_dates(path):
    """A Date column holding real dates, dates typed as text in three styles, and bare serials."""
    wb = _openpyxl_book()
    ws = wb.active
    ws.title = "Orders"
    ws.append(["Order", "Date", "Amount"])
    values = []
    for i in range(8):
        values.append(dt.datetime(2024, 3, 1 + i))
    values += ["2024-03-10", "2024-03-11", "15/03/2024", "16/03/2024", "March 18, 2024"]
    values += [45373, 45374, 45375]  # 2024-03-21 .. 23 as serials without a date format
    for i, v in enumerate(values):
        ws.append(["A-%03d" % (i + 1), v, 100 + i])
        if isinstance(v, dt.datetime):
            ws.cell(row=ws.max_row, column=2).number_format = "yyyy-mm-dd"
    wb.save(path)


CSV_ROWS = [("Café Zürich", "12.50", "2024-03-01"), ("Crème brûlée", "7.25", "2024-03-02"),
            ("Smørrebrød", "9.00", "2024-03-03"), ("Façade €", "1200.00", "2024-03-04"),
            ("Señor “Quote”", "3.10", "2024-03-05")]


def _csv_text(delimiter=",", decimal="."):
    lines = [delimiter.join(["Name", "Amount", "Date"])]
    for name, amount, date in CSV_ROWS:
        lines.append(delimiter.join([name, amount.replace(".", decimal), date]))
    return "\r\n".join(lines) + "\r\n"


def make_cp1252(path):
    with open(path, "wb") as fh:
        fh.write(_csv_text().encode("cp1252"))


def make_bom(path):
    with open(path, "wb") as fh:
        fh.write(codecs.BOM_UTF8 + _csv_text().encode("utf-8"))


def make_semicolon(path):
    with open(path, "wb") as fh:
        fh.write(_csv_text(";", ",").encode("utf-8"))


BUILDERS = {
    "corrupt.xlsx": make_corrupt,
    "truncated.xlsx": make_truncated,
    "renamed-text.xlsx": make_renamed_text,
    "password.xlsx": make_password,
    "legacy.xls": make_legacy_xls,
    "zip-bomb.xlsx": make_zip_bomb,
    "billion-laughs.xlsx": make_billion_laughs,
    "million-rows.xlsx": make_million_rows,
    "wide-16384.xlsx": make_wide,
    "empty.xlsx": make_empty,
    "merged-headers-only.xlsx": make_merged_headers,
    "formula-errors.xlsx": make_formula_errors,
    "mixed-dates.xlsx": make_mixed_dates,
    "cp1252.csv": make_cp1252,
    "bom.csv": make_bom,
    "semicolon.csv": make_semicolon,
}


def generate(out_dir):
    os.makedirs(out_dir, exist_ok=True)
    assert set(BUILDERS) == {e["file"] for e in MANIFEST}, "every file needs a manifest entry"
    for name, build in BUILDERS.items():
        build(os.path.join(out_dir, name))
    with open(os.path.join(out_dir, "manifest.json"), "w", encoding="utf-8") as fh:
        json.dump({"files": MANIFEST}, fh, indent=2, ensure_ascii=False)


def generator_hash():
    """Hash of the generator's own sources and openpyxl's version: the cache key."""
    h = hashlib.sha256()
    for name in sorted(os.listdir(HERE)):
        if name.endswith(".py"):
            with open(os.path.join(HERE, name), "rb") as fh:
                h.update(name.encode() + b"\0" + fh.read())
    try:
        import openpyxl
        h.update(openpyxl.__version__.encode())
    except ImportError:
        pass
    return h.hexdigest()[:16]


def cached_dir():
    """The corpus in a temp folder keyed by generator_hash(), built once (atomically) and reused."""
    final = os.path.join(tempfile.gettempdir(), "excel-ai-bad-inputs-" + generator_hash())
    if os.path.isfile(os.path.join(final, "manifest.json")):
        return final
    work = tempfile.mkdtemp(prefix="excel-ai-bad-inputs-build-")
    try:
        generate(work)
        try:
            os.rename(work, final)
        except OSError:
            if not os.path.isfile(os.path.join(final, "manifest.json")):
                raise  # another process won the race only if the result is there
    finally:
        if os.path.isdir(work):
            shutil.rmtree(work, ignore_errors=True)
    return final


def main(argv):
    if argv == ["--cached"]:
        print(cached_dir())
        return 0
    if len(argv) != 1 or argv[0].startswith("-"):
        sys.stderr.write(__doc__)
        return 2
    generate(argv[0])
    print("wrote %d files and manifest.json to %s" % (len(BUILDERS), argv[0]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
