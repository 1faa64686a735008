# Add a Total column (Quantity x UnitPrice, as a formula) to Orders; everything else stays as it was.
import copy
import openpyxl
from openpyxl.utils import get_column_letter

wb = openpyxl.load_workbook("/input/orders.xlsx")
ws = wb["Orders"]
header = [c.value for c in ws[1]]
qty = get_column_letter(header.index("Quantity") + 1)
price = get_column_letter(header.index("UnitPrice") + 1)
col = ws.max_column + 1
letter = get_column_letter(col)
ws.cell(row=1, column=col, value="Total")
ws.cell(row=1, column=col).font = copy.copy(ws.cell(row=1, column=col - 1).font)
for r in range(2, ws.max_row + 1):
    cell = ws.cell(row=r, column=col, value="=%s%d*%s%d" % (qty, r, price, r))
    cell.number_format = ws.cell(row=r, column=col - 1).number_format
ws.column_dimensions[letter].width = ws.column_dimensions[get_column_letter(col - 1)].width
wb.save("/output/orders.xlsx")
print("added Total to", ws.max_row - 1, "orders")
