# source: openpyxl documentation, doc/usage.rst "Write a workbook" and "Read an existing workbook" (copy: stjordanis/openpyxl-2)
# licence: MIT (openpyxl documentation)
# does: writes 39 rows of 600 numbers, a Pi sheet and a Data sheet of column letters, then reads it back
# adapted: empty_book.xlsx written to and read from /output/; openpyxl.compat.range (gone in openpyxl 3) replaced by the builtin range and get_column_letter imported from openpyxl.utils, its home since 2.4
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

wb = Workbook()

dest_filename = '/output/empty_book.xlsx'

ws1 = wb.active
ws1.title = "range names"

for row in range(1, 40):
    ws1.append(range(600))

ws2 = wb.create_sheet(title="Pi")

ws2['F5'] = 3.14

ws3 = wb.create_sheet(title="Data")
for row in range(10, 20):
    for col in range(27, 54):
        _ = ws3.cell(column=col, row=row, value="%s" % get_column_letter(col))
print(ws3['AA10'].value)
wb.save(filename = dest_filename)

from openpyxl import load_workbook
wb = load_workbook(filename = '/output/empty_book.xlsx')
sheet_ranges = wb['range names']
print(sheet_ranges['D18'].value)
