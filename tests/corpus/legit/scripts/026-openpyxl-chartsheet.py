# source: EugeneRymarev/openpyxl2 (a copy of openpyxl) doc/charts/chartsheet.py
# licence: MIT (openpyxl documentation)
# does: a pie chart on its own chartsheet
# adapted: workbook saved to /output/<same name> instead of the current folder
from openpyxl import Workbook
from openpyxl.chart import PieChart
from openpyxl.chart import Reference
from openpyxl.chart import Series

wb = Workbook()
ws = wb.active
cs = wb.create_chartsheet()

rows = [
    ["Bob", 3],
    ["Harry", 2],
    ["James", 4],
]

for row in rows:
    ws.append(row)


chart = PieChart()
labels = Reference(ws, min_col=1, min_row=1, max_row=3)
data = Reference(ws, min_col=2, min_row=1, max_row=3)
chart.series = (Series(data),)
chart.title = "PieChart"

cs.add_chart(chart)

wb.save("/output/demo.xlsx")
