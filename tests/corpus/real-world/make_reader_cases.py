"""Workbooks that exercise the fast reader against openpyxl, written two ways.

openpyxl writes the ordinary ones (every value type, dates in both date systems, a long
and a very wide sheet); the rest are SpreadsheetML written by hand, because other tools
write what openpyxl never does: inline strings with rich and phonetic runs, formulas with
cached results, error and ISO-date cells, rows and cells without references, a namespace
prefix, CDATA, entities and line ends in text, a missing or wrong <dimension>.

    python3 make_reader_cases.py OUT_DIR
"""

import datetime
import sys
import zipfile
from pathlib import Path

import openpyxl
from openpyxl.utils.datetime import CALENDAR_MAC_1904


def openpyxl_cases(out: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Types"
    ws.append(["int", "float", "text", "bool", "date", "datetime", "time", "empty", "big", "error"])
    for i in range(200):
        ws.append([
            i - 100,
            i / 7 if i % 5 else 1e-300 * i,
            f"Été {i} – ü\nline" if i % 3 else "",
            i % 2 == 0,
            datetime.date(2024, 1, 1) + datetime.timedelta(days=i),
            datetime.datetime(1900, 1, 1, 6) + datetime.timedelta(days=i * 97, seconds=i * 3.5),
            datetime.time(i % 24, i % 60, i % 60),
            None,
            2 ** 60 + i,
            "#N/A" if i % 4 == 0 else None,
        ])
    ws["K3"] = datetime.timedelta(hours=30, minutes=15)
    ws["K3"].number_format = "[h]:mm:ss"
    ws["L5"] = "=SUM(A2:A10)"
    ws["M7"] = 45292.75
    ws["M7"].number_format = 'dd/mm/yyyy "at" hh:mm'
    ws["N9"] = 3.5
    ws["N9"].number_format = '0.00" days"'
    long = wb.create_sheet("Long")
    for i in range(20_000):
        long.append([i, f"row {i}", i * 1.5, None if i % 7 else "x"])
    wide = wb.create_sheet("Wide")
    for r in range(3):
        wide.append([r * 10_000 + c for c in range(2_000)])
    hidden = wb.create_sheet("Hidden")
    hidden.sheet_state = "hidden"
    hidden["C4"] = "only cell"
    wb.create_sheet("Empty")
    wb.save(out / "openpyxl-types.xlsx")

    mac = openpyxl.Workbook()
    mac.epoch = CALENDAR_MAC_1904
    ms = mac.active
    ms.append(["when", "n"])
    for i in range(50):
        ms.append([datetime.datetime(1904, 1, 2) + datetime.timedelta(days=i * 400, hours=i), i])
    mac.save(out / "openpyxl-1904.xlsx")


CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>{sheets}<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>"""
ROOT_RELS = """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"""
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
STYLES = """<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/><numFmt numFmtId="165" formatCode="[h]:mm"/></numFmts><fonts count="1"><font/></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="165" applyNumberFormat="1"/></cellXfs></styleSheet>"""


def raw_workbook(path: Path, sheets: dict, strings: list, date1904: bool = False, prefix: str = "") -> None:
    """A workbook from hand-written sheet XML (sheetData content and an optional dimension)."""
    names = list(sheets)
    wb = f'<?xml version="1.0" encoding="UTF-8"?><workbook {NS}><workbookPr date1904="{1 if date1904 else 0}"/><sheets>'
    wb += "".join(f'<sheet name="{n}" sheetId="{i + 1}" r:id="rId{i + 1}"/>' for i, n in enumerate(names)) + "</sheets></workbook>"
    rels = '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    rels += "".join(f'<Relationship Id="rId{i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i + 1}.xml"/>' for i in range(len(names)))
    rels += f'<Relationship Id="rId{len(names) + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
    rels += f'<Relationship Id="rId{len(names) + 2}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="/xl/styles.xml"/></Relationships>'
    sst = f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{len(strings)}">' + "".join(strings) + "</sst>"
    overrides = "".join(f'<Override PartName="/xl/worksheets/sheet{i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' for i in range(len(names)))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES.format(sheets=overrides))
        z.writestr("_rels/.rels", ROOT_RELS)
        z.writestr("xl/workbook.xml", wb)
        z.writestr("xl/_rels/workbook.xml.rels", rels)
        z.writestr("xl/sharedStrings.xml", sst)
        z.writestr("xl/styles.xml", STYLES)
        for i, (dimension, data) in enumerate(sheets.values()):
            p = prefix
            dim = f"<{p}dimension ref=\"{dimension}\"/>" if dimension else ""
            xmlns = NS.replace('xmlns="', f'xmlns:{p[:-1]}="') if p else NS
            z.writestr(f"xl/worksheets/sheet{i + 1}.xml", f'<?xml version="1.0" encoding="UTF-8"?><{p}worksheet {xmlns}>{dim}<{p}sheetData>{data}</{p}sheetData></{p}worksheet>')


def raw_cases(out: Path) -> None:
    strings = [
        "<si><t>plain</t></si>",
        '<si><r><rPr><b/></rPr><t>bold </t></r><r><t xml:space="preserve"> and plain </t></r></si>',
        "<si><t>漢字</t><rPh sb=\"0\" eb=\"2\"><t>かんじ</t></rPh></si>",
        "<si><t>a &amp; b &lt;c&gt; &#233;&#x1F600; &quot;q&quot;</t></si>",
        "<si><t>line one\r\nline two\rthree&#13;kept</t></si>",
        "<si><t>_x005F_x000D_ escaped</t></si>",
        "<si><t><![CDATA[<not a tag> & raw]]></t></si>",
        "<si><t/></si>",
        "<si/>",
    ]
    values = (
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>'
        '<row r="2"><c r="A2" t="s"><v>4</v></c><c r="B2" t="s"><v>5</v></c><c r="C2" t="s"><v>6</v></c><c r="D2" t="s"><v>7</v></c><c r="E2" t="s"><v>8</v></c></row>'
        '<row r="3"><c r="A3" t="inlineStr"><is><t>inline</t></is></c><c r="B3" t="inlineStr"><is><r><t>rich </t></r><r><rPr><i/></rPr><t>inline</t></r></is></c><c r="C3" t="inlineStr"><v>ignored</v></c><c r="D3" t="inlineStr"><is><t xml:space="preserve">  spaced  </t></is></c></row>'
        '<row r="4"><c r="A4"><f>1+1</f><v>2</v></c><c r="B4" t="str"><f>"a"&amp;"b"</f><v>ab</v></c><c r="C4" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="D4" t="b"><f>TRUE()</f><v>1</v></c><c r="E4"><f>NOW()</f></c></row>'
        '<row r="6"><c r="A6" t="d"><v>2024-02-29T13:45:00</v></c><c r="B6" t="d"><v>2024-03-01</v></c><c r="C6" s="1"><v>45351</v></c><c r="D6" s="2"><v>45351.5</v></c><c r="E6" s="3"><v>1.75</v></c></row>'
        '<row r="7"><c r="A7"><v>1E3</v></c><c r="B7"><v>-0.000001</v></c><c r="C7"><v>123456789012345678901</v></c><c r="D7"><v></v></c><c r="E7" s="1"/></row>'
        '<row r="8"><c r="A8" s="1"><v>59</v></c><c r="B8" s="1"><v>60</v></c><c r="C8" s="1"><v>61</v></c><c r="D8" s="1"><v>0.25</v></c><c r="E8" s="1"><v>3000000</v></c></row>'
        '<row><c><v>10</v></c><c><v>11</v></c><c r="E9"><v>12</v></c><c><v>13</v></c></row>'
        '<row r="12" spans="1:3" ht="20" customHeight="1"><c r="C12" t="e"><v>#N/A</v></c></row>'
    )
    raw_workbook(out / "raw-kinds.xlsx", {"Kinds": ("A1:F12", values), "NoDimension": (None, values), "WrongDimension": ("A1", values)}, strings)
    # Cut off in the middle of a row (a damaged part in a sound zip): openpyxl's XML error, not rows.
    raw_workbook(out / "raw-truncated.xlsx", {"Whole": ("A1:D1", values.split("</row>")[0] + "</row>"), "Cut": ("A1:E12", values)}, strings)
    with zipfile.ZipFile(out / "raw-truncated.xlsx") as z:
        parts = {n: z.read(n) for n in z.namelist()}
    parts["xl/worksheets/sheet2.xml"] = parts["xl/worksheets/sheet2.xml"][:-300]
    with zipfile.ZipFile(out / "raw-truncated.xlsx", "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    raw_workbook(out / "raw-prefixed-1904.xlsx", {"Prefixed": ("A1:C3", '<x:row r="1"><x:c r="A1" s="1"><x:v>0</x:v></x:c><x:c r="B1" s="1"><x:v>1462.25</x:v></x:c><x:c r="C1" t="s"><x:v>0</x:v></x:c></x:row><x:row r="3"><x:c r="B3" t="inlineStr"><x:is><x:t>x</x:t></x:is></x:c></x:row>')}, strings[:1], date1904=True, prefix="x:")


if __name__ == "__main__":
    target = Path(sys.argv[1])
    target.mkdir(parents=True, exist_ok=True)
    openpyxl_cases(target)
    raw_cases(target)
    print(target)
