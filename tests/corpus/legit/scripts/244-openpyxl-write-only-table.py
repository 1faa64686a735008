# source: openpyxl documentation, doc/worksheet_tables.rst "Manually adding column headings" (openpyxl 3.0/3.1, openpyxl.readthedocs.io/en/stable/worksheet_tables.html)
# licence: MIT (openpyxl documentation)
# does: a table in write-only mode: headings set through table._initialise_columns() and the table's columns
# adapted: workbook saved to /output/; the data rows are those of the page's table example
from openpyxl import Workbook
from openpyxl.worksheet.table import Table

wb = Workbook(write_only=True)
ws = wb.create_sheet()
data = [
    ['Apples', 10000, 5000, 8000, 6000],
    ['Pears',   2000, 3000, 4000, 5000],
    ['Bananas', 6000, 6000, 6500, 6000],
    ['Oranges',  500,  300,  200,  700],
]
headings = ["Fruit", "2011", "2012", "2013", "2014"]
ws.append(headings)
for row in data:
    ws.append(row)
table = Table(displayName="Table1", ref="A1:E5")
table._initialise_columns()
for column, value in zip(table.tableColumns, headings):
    column.name = value
ws.add_table(table)
wb.save("/output/write_only_table.xlsx")
