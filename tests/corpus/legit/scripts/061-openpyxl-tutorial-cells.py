# source: openpyxl documentation, doc/tutorial.rst "Playing with data" (copy: stjordanis/openpyxl-2)
# licence: MIT (openpyxl documentation)
# does: single cells, ws.cell, ranges by slicing, rows and columns, iter_rows, iter_cols, ws.rows
# adapted: the tutorial's statements run as one script, echoes printed; workbooks saved to /output/<same name> instead of the current folder
from openpyxl import Workbook
wb = Workbook()
ws = wb.active
c = ws['A4']
ws['A4'] = 4
d = ws.cell(row=4, column=2, value=10)
for i in range(1,101):
       for j in range(1,101):
           ws.cell(row=i, column=j)
cell_range = ws['A1':'C2']
colC = ws['C']
col_range = ws['C:D']
row10 = ws[10]
row_range = ws[5:10]
for row in ws.iter_rows(min_row=1, max_col=3, max_row=2):
   for cell in row:
       print(cell)
for col in ws.iter_cols(min_row=1, max_col=3, max_row=2):
    for cell in col:
        print(cell)
ws = wb.active
ws['C9'] = 'hello world'
print(len(tuple(ws.rows)))
print(len(tuple(ws.columns)))
c.value = 'hello, world'
print(c.value)
d.value = 3.14
print(d.value)
wb.save('/output/balances.xlsx')
