"""Writes workbooks with openpyxl's write-only mode, the way model code does, for comparing
the sandbox (where workers/python/fast_write_only.py serves the rows) with plain openpyxl:
python3 write_cases.py IN_DIR OUT_DIR. Prints one line per case (its error, if any); the
files it writes are compared cell by cell by dump_workbook.py.

Cases: every kind of value a row can hold (numbers at the edges of "%.16g", text that needs
escaping or keeps its spaces, formulas, error codes, dates and times in both date systems),
rows openpyxl writes itself (styled cells, comments, hyperlinks, Decimal, row heights), the
errors openpyxl raises, saving to a file object, and a copy of every sheet of the
workbooks in IN_DIR (real-world files and generated reader cases) read back as values."""
import datetime
import decimal
import io
import os
import sys
import warnings

import openpyxl
from openpyxl.cell import WriteOnlyCell
from openpyxl.comments import Comment
from openpyxl.styles import Font
from openpyxl.utils.datetime import CALENDAR_MAC_1904
from openpyxl.worksheet.filters import AutoFilter
from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo

warnings.simplefilter("ignore")
IN_DIR, OUT_DIR = (sys.argv[1], sys.argv[2]) if len(sys.argv) > 2 else ("/input", "/output")

NUMBERS = [0, -0.0, 1, -1, 0.1, 0.5, 2 / 3, 1e-5, 1.5e-5, 0.0001, 1e15, 1e16, 9999999999999998.0, 1234567890123456.5,
           1234567890123457.5, 123456789012345678, 2 ** 53 + 1, 10 ** 20, 5e-324, 1.7976931348623157e308, 1234.56, 99.99,
           float("nan"), float("inf"), -float("inf"), True, False, 45292.75]
TEXTS = ["", " ", "  lead", "trail  ", "a&b<c>d", "line\nbreak", "cr\rhere", "tab\there", "é ☃ 𝄞 中文", "=SUM(1,2)",
         "=", "#N/A", "#DIV/0!", "#n/a", "x" * 40000, "\u00a0nbsp", "zero\u200bwidth", "'quoted", "<t>not xml</t>"]
DATES = [datetime.date(1899, 12, 30), datetime.date(1900, 1, 1), datetime.date(1900, 2, 28), datetime.date(1900, 3, 1),
         datetime.date(1904, 1, 1), datetime.date(2024, 2, 29), datetime.date(9999, 12, 31), datetime.date(1, 1, 1),
         datetime.datetime(2020, 5, 17, 13, 45, 30, 123456), datetime.datetime(1899, 12, 29, 12, 0),
         datetime.datetime(2024, 1, 1, 23, 59, 59, 999999), datetime.time(0, 0), datetime.time(12, 30, 15, 500),
         datetime.time(23, 59, 59, 999999)]


def case(name, write):
    try:
        write()
        print(name, "ok")
    except BaseException as e:  # noqa: BLE001 - the error is the case's result
        print(name, "error", type(e).__name__, str(e)[:200])


def save(wb, name):
    wb.save(os.path.join(OUT_DIR, name))


def values():
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Values")
    ws.column_dimensions["B"].width = 30
    ws.freeze_panes = "A2"
    ws.append(["kind", "value", "more"])
    for v in NUMBERS:
        ws.append(["number", v, [v, v][0]])
    for v in TEXTS:
        ws.append(["text", v])
    for v in DATES:
        ws.append(["date", v, None, v])
    ws.append([])
    ws.append([None, None, None])
    ws.append(x for x in ("generator", 1, 2.5))
    ws.append(range(5))
    ws.append(tuple(range(40)))  # wider than the header
    for i in range(10000):  # several batches
        ws.append(["row%d" % i, i * 1.1, i % 3 == 0, DATES[i % len(DATES)], None if i % 4 else "x"])
    second = wb.create_sheet("Second")
    for i in range(300):
        second.append([i, "s%d" % i])
    save(wb, "values.xlsx")


def mac_epoch():
    wb = openpyxl.Workbook(write_only=True)
    wb.epoch = CALENDAR_MAC_1904
    ws = wb.create_sheet("Mac")
    for v in DATES[4:]:
        ws.append([v, 1])
    save(wb, "mac.xlsx")


def openpyxl_rows():
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Styled")
    bold = WriteOnlyCell(ws, value="Header")
    bold.font = Font(bold=True)
    noted = WriteOnlyCell(ws, value="noted")
    noted.comment = Comment("a comment", "someone")
    linked = WriteOnlyCell(ws, value="link")
    linked.hyperlink = "https://example.com/"
    ws.row_dimensions[3].height = 30
    ws.append([bold, "plain", 1])
    ws.append([noted, linked, decimal.Decimal("1.25")])
    ws.append(["tall row", 2])
    for i in range(5000):
        ws.append([i, decimal.Decimal(i) / 4 if i % 1000 == 0 else i / 4, "t"])
    ref = "A1:C5003"
    table = Table(displayName="Styled", ref=ref, autoFilter=AutoFilter(ref=ref),
                  tableColumns=[TableColumn(id=i + 1, name=n) for i, n in enumerate(["Header", "plain", "1"])])
    table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    ws.add_table(table)
    save(wb, "openpyxl_rows.xlsx")


def iso_dates():
    wb = openpyxl.Workbook(write_only=True)
    wb.iso_dates = True
    ws = wb.create_sheet("Iso")
    for v in DATES:
        ws.append([v])
    save(wb, "iso.xlsx")


def to_file_object():
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Buffered")
    for i in range(6000):
        ws.append([i, "b%d" % i, datetime.date(2024, 1, 1)])
    buffer = io.BytesIO()
    wb.save(buffer)
    with open(os.path.join(OUT_DIR, "buffered.xlsx"), "wb") as f:
        f.write(buffer.getvalue())


def failing(name, bad, position):
    def write():
        wb = openpyxl.Workbook(write_only=True)
        ws = wb.create_sheet("Fails")
        for i in range(7000):
            ws.append([i, bad if i == position else "fine"])
        save(wb, name)
    return write


def after_failure():
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Kept")
    errors = []
    for i in range(3000):
        try:
            ws.append(["bad\x01" if i == 1500 else i, "ok"])  # first: lxml would keep the cells before it
        except Exception as e:  # noqa: BLE001
            errors.append(type(e).__name__)
    try:
        wb.save(os.path.join(OUT_DIR, "after_failure.xlsx"))
    except Exception as e:  # noqa: BLE001
        errors.append("save " + type(e).__name__)
    print("after_failure raised", sorted(set(errors)))


def after_save():
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Once")
    ws.append([1])
    save(wb, "once.xlsx")
    ws.append([2])


def copy(name):
    def write():
        source = openpyxl.load_workbook(os.path.join(IN_DIR, name), read_only=True, data_only=True)
        wb = openpyxl.Workbook(write_only=True)
        for ws in source.worksheets:
            out = wb.create_sheet(ws.title)
            for row in ws.iter_rows(values_only=True):
                out.append(row)
        source.close()
        save(wb, "copy-" + name)
    return write


def copies():
    for name in sorted(os.listdir(IN_DIR)):
        if name.endswith(".xlsx"):
            case("copy " + name, copy(name))


case("values", values)
case("mac_epoch", mac_epoch)
case("openpyxl_rows", openpyxl_rows)
case("iso_dates", iso_dates)
case("to_file_object", to_file_object)
case("illegal_character", failing("illegal.xlsx", "bell\x07", 5000))
case("timezone", failing("timezone.xlsx", datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc), 4500))
case("unknown_type", failing("unknown.xlsx", object(), 100))
case("nested_list", failing("nested.xlsx", [1, 2], 6000))
case("not_a_row", lambda: openpyxl.Workbook(write_only=True).create_sheet("x").append({"a": 1}))
after_failure()
case("after_save", after_save)
copies()
