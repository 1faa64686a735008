# Stacks the "Basesheet" table of every workbook in /input into /output/result.xlsx,
# streaming: the same output as stack_basesheet.py (same rows, same columns in the same
# order, SourceFile last, a "Stacked" table over the result) without keeping every cell
# in memory. This is the code a model would write for the same request on big files.
#
# - Inputs are opened read_only=True: rows are parsed as they are iterated, never kept.
#   openpyxl 3.0's read-only worksheets do not expose table definitions, so each table's
#   sheet and range come from the file profile the model was given (the pane sends it);
#   the TABLES line below is that profile, filled in per run.
# - The output is a write_only=True workbook: each row is written to disk as it is
#   appended. Write-only sheets can carry a table; its range is set once the row count
#   is known, before saving, and its columns and filter are named here because openpyxl
#   fills them in from the cells only in normal mode (without them Excel repairs the file).
# - Two passes over the inputs: the header rows first (the union of columns has to be
#   known before the first row is written), then the data rows.
import openpyxl
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.worksheet.filters import AutoFilter
from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo

TABLES = {"north.xlsx": ("Data", "A1:E41"), "south.xlsx": ("Data", "A1:F41"), "west.xlsx": ("Data", "A1:E41")}
SOURCES = ["north.xlsx", "south.xlsx", "west.xlsx"]


def table_rows(name):
    """The table's rows (header first) as tuples of values, read as they are iterated."""
    sheet_name, ref = TABLES[name]
    min_col, min_row, max_col, max_row = range_boundaries(ref)
    wb = openpyxl.load_workbook("/input/" + name, read_only=True)
    try:
        ws = wb[sheet_name]
        for values in ws.iter_rows(min_row=min_row, max_row=max_row, min_col=min_col, max_col=max_col, values_only=True):
            yield values
    finally:
        wb.close()


columns = []
for name in SOURCES:
    for header in table_rows(name):
        for h in header:
            if h not in columns:
                columns.append(h)
        break
header = columns + ["SourceFile"]

out = openpyxl.Workbook(write_only=True)
sheet = out.create_sheet("Stacked")
sheet.append(header)
count = 0
for name in SOURCES:
    rows = table_rows(name)
    file_header = list(next(rows))
    # Where each output column comes from in this file's rows (None: the file lacks it).
    positions = [file_header.index(c) if c in file_header else None for c in columns]
    for values in rows:
        sheet.append([None if p is None else values[p] for p in positions] + [name])
        count += 1

ref = "A1:" + get_column_letter(len(header)) + str(count + 1)
result = Table(displayName="Stacked", ref=ref, autoFilter=AutoFilter(ref=ref),
               tableColumns=[TableColumn(id=i + 1, name=str(h)) for i, h in enumerate(header)])
result.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
sheet.add_table(result)
out.save("/output/result.xlsx")
print("stacked", count, "rows from", len(SOURCES), "files")
