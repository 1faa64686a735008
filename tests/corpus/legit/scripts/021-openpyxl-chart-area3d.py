# source: EugeneRymarev/openpyxl2 (a copy of openpyxl) doc/charts/area3d.py
# licence: MIT (openpyxl documentation)
# does: writes a table and a 3D area chart
# adapted: workbook saved to /output/<same name> instead of the current folder
from openpyxl import Workbook
from openpyxl.chart import AreaChart3D
from openpyxl.chart import Reference
from openpyxl.chart import Series

wb = Workbook()
ws = wb.active

rows = [
    ["Number", "Batch 1", "Batch 2"],
    [2, 30, 40],
    [3, 25, 40],
    [4, 30, 50],
    [5, 10, 30],
    [6, 5, 25],
    [7, 10, 50],
]

for row in rows:
    ws.append(row)

chart = AreaChart3D()
chart.title = "Area Chart"
chart.style = 13
chart.x_axis.title = "Test"
chart.y_axis.title = "Percentage"
chart.legend = None

cats = Reference(ws, min_col=1, min_row=1, max_row=7)
data = Reference(ws, min_col=2, min_row=1, max_col=3, max_row=7)
chart.add_data(data, titles_from_data=True)
chart.set_categories(cats)

ws.add_chart(chart, "A10")

wb.save("/output/area3D.xlsx")
