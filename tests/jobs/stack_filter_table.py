# The headline job on big files: stack the "Basesheet" table of every workbook in /input,
# keep the rows where Sales > 1000, and write them to /output/result.xlsx as an Excel table
# ("Stacked"), SourceFile last. Written as the prompt tells a model to for big tables:
# read-only workbooks opened by path and iter_rows(values_only=True) in, a write-only
# workbook of plain values out. Prints the time of each step (read, transform, write).
#
# openpyxl 3.0's read-only worksheets do not expose table definitions, so each table's
# sheet and range come from the file profile the model was given; the TABLES line below is
# that profile, filled in per run.
import time

import openpyxl
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.worksheet.filters import AutoFilter
from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo

TABLES = {"north.xlsx": ("Data", "A1:E41"), "south.xlsx": ("Data", "A1:F41"), "west.xlsx": ("Data", "A1:E41")}

started = time.perf_counter()
tables = {}
for name, (sheet_name, ref) in TABLES.items():
    min_col, min_row, max_col, max_row = range_boundaries(ref)
    wb = openpyxl.load_workbook("/input/" + name, read_only=True, data_only=True)
    tables[name] = list(wb[sheet_name].iter_rows(min_row=min_row, max_row=max_row, min_col=min_col, max_col=max_col, values_only=True))
    wb.close()
read = time.perf_counter()

columns = []
for rows in tables.values():
    for h in rows[0]:
        if h not in columns:
            columns.append(h)
header = columns + ["SourceFile"]
stacked = []
for name, rows in tables.items():
    positions = [rows[0].index(c) if c in rows[0] else None for c in columns]
    sales = rows[0].index("Sales")
    for values in rows[1:]:
        if isinstance(values[sales], (int, float)) and values[sales] > 1000:
            stacked.append([None if p is None else values[p] for p in positions] + [name])
transformed = time.perf_counter()

out = openpyxl.Workbook(write_only=True)
sheet = out.create_sheet("Stacked")
sheet.append(header)
for row in stacked:
    sheet.append(row)
ref = "A1:" + get_column_letter(len(header)) + str(len(stacked) + 1)
# Write-only sheets do not fill a table's columns in from the cells: name them here.
table = Table(displayName="Stacked", ref=ref, autoFilter=AutoFilter(ref=ref),
              tableColumns=[TableColumn(id=i + 1, name=str(h)) for i, h in enumerate(header)])
table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
sheet.add_table(table)
out.save("/output/result.xlsx")
written = time.perf_counter()
print("kept %d rows of %d" % (len(stacked), sum(len(r) - 1 for r in tables.values())))
print("read %.2f s, transform %.2f s, write %.2f s" % (read - started, transformed - read, written - transformed))
