# source: openpyxl documentation, doc/tutorial.rst "Values only", "Copy worksheet", "Loading from a file" (openpyxl 3.x, openpyxl.readthedocs.io/en/stable/tutorial.html)
# licence: MIT (openpyxl documentation)
# does: reads an input workbook, iterates ws.values and iter_rows(values_only=True), copies a worksheet and saves
# adapted: test.xlsx read as /input/grades.xlsx; the copy saved to /output/
from openpyxl import load_workbook
wb = load_workbook(filename='/input/grades.xlsx')
print(wb.sheetnames)
ws = wb.active
for row in ws.values:
   for value in row:
     print(value)
for row in ws.iter_rows(min_row=1, max_col=3, max_row=2, values_only=True):
  print(row)
source = wb.active
target = wb.copy_worksheet(source)
print(target.title, target["A4"].value)
wb.save("/output/grades_copy.xlsx")
