# Stacks the "Basesheet" table of every workbook in /input into /output/result.xlsx.
# Columns are matched by header name (their order differs between files); a column
# missing from a file is left empty; each row records the file it came from.
# This is the code a model would write for "Stack these workbooks' Basesheet tables".
import openpyxl
from openpyxl.utils import range_boundaries
from openpyxl.worksheet.table import Table, TableStyleInfo

SOURCES = ["north.xlsx", "south.xlsx", "west.xlsx"]

columns = []
rows = []
for name in SOURCES:
    wb = openpyxl.load_workbook("/input/" + name)
    found = None
    for ws in wb.worksheets:
        if "Basesheet" in ws.tables:
            found = (ws, ws.tables["Basesheet"])
    if found is None:
        raise ValueError("No table named Basesheet in " + name)
    ws, table = found
    min_col, min_row, max_col, max_row = range_boundaries(table.ref)
    header = [ws.cell(row=min_row, column=c).value for c in range(min_col, max_col + 1)]
    for h in header:
        if h not in columns:
            columns.append(h)
    for r in range(min_row + 1, max_row + 1):
        record = {header[i]: ws.cell(row=r, column=min_col + i).value for i in range(len(header))}
        record["SourceFile"] = name
        rows.append(record)

out = openpyxl.Workbook()
sheet = out.active
sheet.title = "Stacked"
header = columns + ["SourceFile"]
sheet.append(header)
for record in rows:
    sheet.append([record.get(c) for c in header])
last = openpyxl.utils.get_column_letter(len(header))
result = Table(displayName="Stacked", ref="A1:" + last + str(len(rows) + 1))
result.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
sheet.add_table(result)
out.save("/output/result.xlsx")
print("stacked", len(rows), "rows from", len(SOURCES), "files")
