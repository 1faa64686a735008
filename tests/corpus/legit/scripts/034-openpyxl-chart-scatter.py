# source: EugeneRymarev/openpyxl2 (a copy of openpyxl) doc/charts/scatter.py
# licence: MIT (openpyxl documentation)
# does: scatter chart with two series
# adapted: workbook saved to /output/<same name> instead of the current folder
from openpyxl import Workbook
from openpyxl.chart import Reference
from openpyxl.chart import ScatterChart
from openpyxl.chart import Series

wb = Workbook()
ws = wb.active

rows = [
    ["Size", "Batch 1", "Batch 2"],
    [2, 40, 30],
    [3, 40, 25],
    [4, 50, 30],
    [5, 30, 25],
    [6, 25, 35],
    [7, 20, 40],
]

for row in rows:
    ws.append(row)

chart = ScatterChart()
chart.title = "Scatter Chart"
chart.style = 13
chart.x_axis.title = "Size"
chart.y_axis.title = "Percentage"

xvalues = Reference(ws, min_col=1, min_row=2, max_row=7)
for i in range(2, 4):
    values = Reference(ws, min_col=i, min_row=1, max_row=7)
    series = Series(values, xvalues, title_from_data=True)
    chart.series.append(series)

ws.add_chart(chart, "A10")

wb.save("/output/scatter.xlsx")
