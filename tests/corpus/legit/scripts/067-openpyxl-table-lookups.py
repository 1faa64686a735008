# source: openpyxl documentation, doc/worksheet_tables.rst "Get Table by name or range", "Get tables in sheet", "Delete Table" (copy: stjordanis/openpyxl-2)
# licence: MIT (openpyxl documentation)
# does: reads the tables of an input workbook by name and range, lists and deletes one
# adapted: the table read from /input/sales.xlsx (generated, table SalesTable) instead of Table1; ws.tables dict calls as in openpyxl 3; workbook saved to /output/<same name> instead of the current folder
from openpyxl import load_workbook

wb = load_workbook("/input/sales.xlsx")
ws = wb["Sales"]
print(ws.tables.get("SalesTable").ref)
print(ws.tables.items())
del ws.tables["SalesTable"]
print(len(ws.tables))
wb.save("/output/no_table.xlsx")
