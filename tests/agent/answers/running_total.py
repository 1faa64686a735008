import openpyxl
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.table import Table

wb = openpyxl.load_workbook("/input/result.xlsx")
ws = wb["Stacked"]

header = [c.value for c in ws[1]]
sales_col = header.index("Sales") + 1
total_col = ws.max_column + 1

ws.cell(row=1, column=total_col, value="Total")
running = 0.0
for r in range(2, ws.max_row + 1):
    sales = ws.cell(row=r, column=sales_col).value or 0
    running = round(running + sales, 2)
    cell = ws.cell(row=r, column=total_col, value=running)
    cell.number_format = "#,##0.00"

# Grow the table so the new column is part of it
if "Stacked" in ws.tables:
    style = ws.tables["Stacked"].tableStyleInfo
    del ws.tables["Stacked"]
    table = Table(displayName="Stacked", ref="A1:%s%d" % (get_column_letter(total_col), ws.max_row))
    table.tableStyleInfo = style
    ws.add_table(table)

wb.save("/output/result.xlsx")
print("Added a running Total over", ws.max_row - 1, "rows")
