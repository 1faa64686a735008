# Stack the Basesheet tables of the three workbooks (columns matched by name) and keep Sales > 1000.
import openpyxl
from openpyxl.utils import range_boundaries, get_column_letter
from openpyxl.worksheet.table import Table, TableStyleInfo

files = ["north.xlsx", "south.xlsx", "west.xlsx"]
columns, rows, seen = [], [], 0
for name in files:
    wb = openpyxl.load_workbook("/input/" + name)
    for ws in wb.worksheets:
        if "Basesheet" not in ws.tables:
            continue
        min_col, min_row, max_col, max_row = range_boundaries(ws.tables["Basesheet"].ref)
        header = [ws.cell(row=min_row, column=c).value for c in range(min_col, max_col + 1)]
        for h in header:
            if h not in columns:
                columns.append(h)
        for r in range(min_row + 1, max_row + 1):
            record = {header[i]: ws.cell(row=r, column=min_col + i).value for i in range(len(header))}
            seen += 1
            if (record.get("Sales") or 0) > 1000:
                record["SourceFile"] = name
                rows.append(record)

out = openpyxl.Workbook()
sheet = out.active
sheet.title = "Stacked"
header = columns + ["SourceFile"]
sheet.append(header)
for record in rows:
    sheet.append([record.get(c) for c in header])
table = Table(displayName="Stacked", ref="A1:%s%d" % (get_column_letter(len(header)), len(rows) + 1))
table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
sheet.add_table(table)
out.save("/output/result.xlsx")
print("kept", len(rows), "of", seen, "rows with Sales > 1000")
