# source: openpyxl documentation, doc/usage.rst "Using number formats", "Using formulae", "Merge / Unmerge cells", "Fold columns" (copy: stjordanis/openpyxl-2)
# licence: MIT (openpyxl documentation)
# does: a datetime cell's number format, a SUM formula, merge and unmerge, grouped hidden columns
# adapted: the four doc snippets run as one script; guess_types (removed in openpyxl 3) and its percent-string example left out; workbook saved to /output/<same name> instead of the current folder
import datetime
from openpyxl import Workbook
wb = Workbook()
ws = wb.active
# set date using a Python datetime
ws['A1'] = datetime.datetime(2010, 7, 21)
print(ws['A1'].number_format)

wb = Workbook()
ws = wb.active
# add a simple formula
ws["A1"] = "=SUM(1, 1)"
wb.save("/output/formula.xlsx")

from openpyxl.workbook import Workbook

wb = Workbook()
ws = wb.active

ws.merge_cells('A1:B1')
ws.unmerge_cells('A1:B1')

# or
ws.merge_cells(start_row=2,start_column=1,end_row=2,end_column=4)
ws.unmerge_cells(start_row=2,start_column=1,end_row=2,end_column=4)

import openpyxl
wb = openpyxl.Workbook()
ws = wb.create_sheet()
ws.column_dimensions.group('A','D', hidden=True)
wb.save('/output/group.xlsx')
