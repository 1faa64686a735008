# source: EugeneRymarev/openpyxl2 (a copy of openpyxl) doc/charts/limits_and_scaling_minmax.py
# licence: MIT (openpyxl documentation)
# does: scatter charts with full and clipped axes (scaling min/max)
# adapted: workbook saved to /output/<same name> instead of the current folder
from openpyxl import Workbook
from openpyxl.chart import Reference
from openpyxl.chart import ScatterChart
from openpyxl.chart import Series

wb = Workbook()
ws = wb.active

ws.append(["X", "1/X"])
for x in range(-10, 11):
    if x:
        ws.append([x, 1.0 / x])

chart1 = ScatterChart()
chart1.title = "Full Axes"
chart1.x_axis.title = "x"
chart1.y_axis.title = "1/x"
chart1.legend = None

chart2 = ScatterChart()
chart2.title = "Clipped Axes"
chart2.x_axis.title = "x"
chart2.y_axis.title = "1/x"
chart2.legend = None

chart2.x_axis.scaling.min = 0
chart2.y_axis.scaling.min = 0
chart2.x_axis.scaling.max = 11
chart2.y_axis.scaling.max = 1.5

x = Reference(ws, min_col=1, min_row=2, max_row=22)
y = Reference(ws, min_col=2, min_row=2, max_row=22)
s = Series(y, xvalues=x)
chart1.append(s)
chart2.append(s)

ws.add_chart(chart1, "C1")
ws.add_chart(chart2, "C15")

wb.save("/output/minmax.xlsx")
