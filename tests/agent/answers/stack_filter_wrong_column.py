# First try: uses a column that does not exist (the files say "Sales", not "Revenue").
import openpyxl
from openpyxl.utils import range_boundaries

rows = []
for name in ["north.xlsx", "south.xlsx", "west.xlsx"]:
    wb = openpyxl.load_workbook("/input/" + name)
    for ws in wb.worksheets:
        if "Basesheet" in ws.tables:
            min_col, min_row, max_col, max_row = range_boundaries(ws.tables["Basesheet"].ref)
            header = [ws.cell(row=min_row, column=c).value for c in range(min_col, max_col + 1)]
            for r in range(min_row + 1, max_row + 1):
                record = {header[i]: ws.cell(row=r, column=min_col + i).value for i in range(len(header))}
                if record["Revenue"] > 1000:
                    rows.append(record)
print(len(rows))
