"""What each corpus file must give, on CPython and on Pyodide alike (written out as manifest.json).

Per file:
- ``outcome``: "works" (a correct profile) or "clear error" (the profile's ``error`` says what
  is wrong and what to do).
- ``profile``: ``error`` regexes that must all match the profile's error (case-insensitive);
  ``fields``: dotted paths into the profile (``sheets.0.rowCount``) and their exact values;
  ``warnings``: regexes that must each match one of the profile's warnings.
- ``job``: a simple user script (``code``) run in the sandbox with only this file in /input,
  and what it must give: ``ok`` true with ``stdout`` regexes, or ``ok`` false with the error
  ``kind`` and ``message`` regexes. Never a crash, hang or lost worker.
- ``maxSeconds``: the profile must finish within this on a loaded 2-core machine.
"""


def _xlsx_job(name):
    return "\n".join([
        "import openpyxl",
        "wb = openpyxl.load_workbook(%r, read_only=True)" % ("/input/" + name),
        "for ws in wb.worksheets:",
        "    first = list(ws.iter_rows(max_row=3, values_only=True))",
        "    print(ws.title, ws.max_row, ws.max_column, first[:1])",
        "wb.close()",
    ]) + "\n"


def _csv_job(name, encoding):
    return "\n".join([
        "import csv",
        "with open(%r, encoding=%r, newline='') as fh:" % ("/input/" + name, encoding),
        "    sample = fh.read(4096)",
        "    fh.seek(0)",
        "    rows = list(csv.reader(fh, delimiter=';' if sample.count(';') > sample.count(',') else ','))",
        "print(len(rows), rows[0], rows[1])",
    ]) + "\n"


# What a damaged xlsx gives a user script: openpyxl's own exception, with our hint attached.
_DAMAGED_JOB = {"ok": False, "kind": "python",
                "message": [r"BadZipFile|not a zip file|Bad CRC|Error -3|invalid", r"Hint: .*(damaged|save it again)"]}

MANIFEST = [
    {
        "file": "corrupt.xlsx",
        "what": "a valid workbook with 200 random bytes written over its sheet's compressed data",
        "outcome": "clear error",
        "profile": {"error": [r"not a valid \.xlsx|damaged", r"save it again"]},
        "job": dict(_DAMAGED_JOB, code=_xlsx_job("corrupt.xlsx")),
        "maxSeconds": 10,
    },
    {
        "file": "truncated.xlsx",
        "what": "the first 60 % of a valid workbook (an interrupted download)",
        "outcome": "clear error",
        "profile": {"error": [r"not a valid \.xlsx|damaged|incomplete", r"save it again|download it again"]},
        "job": dict(_DAMAGED_JOB, code=_xlsx_job("truncated.xlsx")),
        "maxSeconds": 10,
    },
    {
        "file": "renamed-text.xlsx",
        "what": "a plain-text note renamed from .txt to .xlsx",
        "outcome": "clear error",
        "profile": {"error": [r"plain text, not an Excel workbook", r"\.csv|save it"]},
        "job": {"ok": False, "kind": "python", "message": [r"not a zip file", r"plain text, not an Excel workbook"],
                "code": _xlsx_job("renamed-text.xlsx")},
        "maxSeconds": 10,
    },
    {
        "file": "password.xlsx",
        "what": "a password-protected workbook: a CFB container with EncryptionInfo (agile, 4.4) "
                "and EncryptedPackage streams, as Excel writes it",
        "outcome": "clear error",
        "profile": {"error": [r"password-protected", r"remove the password",
                              r"File > Info > Protect Workbook"],
                    "fields": {"format": "xlsx"}},
        "job": {"ok": False, "kind": "python", "message": [r"password-protected", r"remove the password"],
                "code": _xlsx_job("password.xlsx")},
        "maxSeconds": 10,
    },
    {
        "file": "legacy.xls",
        "what": "a minimal BIFF8 .xls (Workbook stream in a CFB container, one sheet, two numbers)",
        "outcome": "clear error",
        "profile": {"error": [r"\.xls", r"save it as \.xlsx"], "fields": {"format": "xls"}},
        "job": {"ok": False, "kind": "python", "message": [r"\.xls", r"save it as \.xlsx"],
                "code": _xlsx_job("legacy.xls")},
        "maxSeconds": 10,
    },
    {
        "file": "zip-bomb.xlsx",
        "what": "a 3 MB workbook whose sheet XML inflates to 3 GiB of whitespace before its rows",
        "outcome": "clear error",
        "profile": {"error": [r"zip bomb", r"not opened", r"save it again"]},
        "job": {"ok": False, "kind": "python", "message": [r"zip bomb", r"not opened"],
                "code": _xlsx_job("zip-bomb.xlsx")},
        "maxSeconds": 5,
    },
    {
        "file": "billion-laughs.xlsx",
        "what": "xl/sharedStrings.xml declares nested entities (the billion laughs attack)",
        "outcome": "clear error",
        "profile": {"error": [r"DOCTYPE|entit", r"refused", r"save it again"]},
        "job": {"ok": False, "kind": "python", "message": [r"DOCTYPE|entit", r"refused"],
                "code": _xlsx_job("billion-laughs.xlsx")},
        "maxSeconds": 5,
    },
    {
        "file": "million-rows.xlsx",
        "what": "1,048,576 rows (Excel's maximum) of ID, Amount, Date, stream-written",
        "outcome": "works",
        "profile": {"fields": {"format": "xlsx", "sheets.0.rowCount": 1048576, "sheets.0.columnCount": 3,
                               "sheets.0.dimensions": "A1:C1048576", "sheets.0.headerRow": 1,
                               "sheets.0.columns.0.name": "ID", "sheets.0.columns.0.type": "integer",
                               "sheets.0.columns.1.type": "number", "sheets.0.columns.2.type": "date"},
                    "warnings": [r"first 2,000 of 1,048,575 rows"]},
        "job": {"ok": True, "stdout": [r"Data 1048576 3 \[\('ID', 'Amount', 'Date'\)\]"],
                "code": _xlsx_job("million-rows.xlsx")},
        "maxSeconds": 60,
    },
    {
        "file": "wide-16384.xlsx",
        "what": "16,384 columns (A to XFD), a header row and three rows of numbers",
        "outcome": "works",
        "profile": {"fields": {"sheets.0.columnCount": 16384, "sheets.0.dimensions": "A1:XFD4",
                               "sheets.0.rowCount": 4, "sheets.0.headerRow": 1,
                               "sheets.0.columns.0.name": "Col1", "sheets.0.columns.511.name": "Col512",
                               "sheets.0.columns.0.type": "integer"},
                    "warnings": [r"16,384 columns wide; only the first 512"]},
        "job": {"ok": True, "stdout": [r"Wide 4 16384"], "code": _xlsx_job("wide-16384.xlsx")},
        "maxSeconds": 60,
    },
    {
        "file": "empty.xlsx",
        "what": "a workbook saved with nothing in it",
        "outcome": "works",
        "profile": {"fields": {"format": "xlsx", "sheets.0.name": "Sheet", "sheets.0.rowCount": 0,
                               "sheets.0.dimensions": None},
                    "warnings": [r"no data"]},
        "job": {"ok": True, "stdout": [r"Sheet"], "code": _xlsx_job("empty.xlsx")},
        "maxSeconds": 10,
    },
    {
        "file": "merged-headers-only.xlsx",
        "what": "two sheets with merged title/header cells and no data rows",
        "outcome": "works",
        "profile": {"fields": {"sheets.0.name": "Report", "sheets.0.mergedCells": ["A1:F1", "A2:C2", "D2:F2"],
                               "sheets.0.rowCount": 2, "sheets.1.mergedCells": ["A1:D2"]},
                    "warnings": [r"'Report'.*only (titles|headers|merged)", r"'Plan'.*only (titles|headers|merged)"]},
        "job": {"ok": True, "stdout": [r"Report 2 6", r"Plan"], "code": _xlsx_job("merged-headers-only.xlsx")},
        "maxSeconds": 10,
    },
    {
        "file": "formula-errors.xlsx",
        "what": "formulas whose saved results are #DIV/0! and #REF!",
        "outcome": "works",
        "profile": {"fields": {"sheets.0.formulaCount": 20, "sheets.0.headerRow": 1,
                               "sheets.0.columns.1.type": "integer"},
                    "warnings": [r"'Calc'.*errors.*#DIV/0!.*#REF!|'Calc'.*errors.*#REF!.*#DIV/0!"]},
        "job": {"ok": True, "stdout": [r"Calc 11 5"], "code": _xlsx_job("formula-errors.xlsx")},
        "maxSeconds": 10,
    },
    {
        "file": "mixed-dates.xlsx",
        "what": "a Date column with real dates, dates typed as text (ISO, dd/mm/yyyy, words) and bare serials",
        "outcome": "works",
        "profile": {"fields": {"sheets.0.columns.1.name": "Date", "sheets.0.columns.1.type": "mixed",
                               "sheets.0.columns.1.typeCounts": {"date": 8, "text": 5, "integer": 3}},
                    "warnings": [r"'Date'.*8 real dates.*5 .*text.*3 .*serial"]},
        "job": {"ok": True, "stdout": [r"Orders 17 3"], "code": _xlsx_job("mixed-dates.xlsx")},
        "maxSeconds": 10,
    },
    {
        "file": "cp1252.csv",
        "what": "a CSV saved in Windows-1252 (é, ü, ø, €, curly quotes)",
        "outcome": "works",
        "profile": {"fields": {"format": "csv", "encoding": "cp1252", "delimiter": ",",
                               "sheets.0.columns.0.name": "Name", "sheets.0.sampleRows.0.0": "Café Zürich",
                               "sheets.0.sampleRows.3.0": "Façade €", "sheets.0.columns.1.type": "number"},
                    "warnings": [r"not UTF-8.*Windows-1252"]},
        "job": {"ok": True, "stdout": [r"6 \['Name', 'Amount', 'Date'\] \['Café Zürich'"],
                "code": _csv_job("cp1252.csv", "cp1252")},
        "maxSeconds": 10,
    },
    {
        "file": "bom.csv",
        "what": "a UTF-8 CSV with a byte-order mark (Excel's \"CSV UTF-8\")",
        "outcome": "works",
        "profile": {"fields": {"encoding": "utf-8-sig", "sheets.0.columns.0.name": "Name",
                               "sheets.0.columns.2.type": "date"}},
        "job": {"ok": True, "stdout": [r"6 \['Name', 'Amount', 'Date'\]"], "code": _csv_job("bom.csv", "utf-8-sig")},
        "maxSeconds": 10,
    },
    {
        "file": "semicolon.csv",
        "what": "a CSV with semicolons and decimal commas (European Excel)",
        "outcome": "works",
        "profile": {"fields": {"delimiter": ";", "encoding": "utf-8", "sheets.0.columnCount": 3,
                               "sheets.0.columns.1.name": "Amount", "sheets.0.columns.1.type": "number",
                               "sheets.0.columns.1.max": 1200}},
        "job": {"ok": True, "stdout": [r"6 \['Name', 'Amount', 'Date'\] \['Café Zürich', '12,50'"],
                "code": _csv_job("semicolon.csv", "utf-8")},
        "maxSeconds": 10,
    },
]
