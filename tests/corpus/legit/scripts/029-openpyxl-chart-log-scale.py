# source: EugeneRymarev/openpyxl2 (a copy of openpyxl) doc/charts/limits_and_scaling_log.py
# licence: MIT (openpyxl documentation)
# does: formulas in cells and five scatter charts with logarithmic axes
# adapted: workbook saved to /output/<same name> instead of the current folder
import math

from openpyxl import Workbook
from openpyxl.chart import Reference
from openpyxl.chart import ScatterChart
from openpyxl.chart import Series

wb = Workbook()
ws = wb.active

ws.append(["X", "Gaussian"])
for i, x in enumerate(range(-10, 11)):
    ws.append([x, f"=EXP(-(($A${i + 2}/6)^2))"])

chart1 = ScatterChart()
chart1.title = "No Scaling"
chart1.x_axis.title = "x"
chart1.y_axis.title = "y"
chart1.legend = None

chart2 = ScatterChart()
chart2.title = "X Log Scale"
chart2.x_axis.title = "x (log10)"
chart2.y_axis.title = "y"
chart2.legend = None
chart2.x_axis.scaling.logBase = 10

chart3 = ScatterChart()
chart3.title = "Y Log Scale"
chart3.x_axis.title = "x"
chart3.y_axis.title = "y (log10)"
chart3.legend = None
chart3.y_axis.scaling.logBase = 10

chart4 = ScatterChart()
chart4.title = "Both Log Scale"
chart4.x_axis.title = "x (log10)"
chart4.y_axis.title = "y (log10)"
chart4.legend = None
chart4.x_axis.scaling.logBase = 10
chart4.y_axis.scaling.logBase = 10

chart5 = ScatterChart()
chart5.title = "Log Scale Base e"
chart5.x_axis.title = "x (ln)"
chart5.y_axis.title = "y (ln)"
chart5.legend = None
chart5.x_axis.scaling.logBase = math.e
chart5.y_axis.scaling.logBase = math.e

x = Reference(ws, min_col=1, min_row=2, max_row=22)
y = Reference(ws, min_col=2, min_row=2, max_row=22)
s = Series(y, xvalues=x)
chart1.append(s)
chart2.append(s)
chart3.append(s)
chart4.append(s)
chart5.append(s)

ws.add_chart(chart1, "C1")
ws.add_chart(chart2, "I1")
ws.add_chart(chart3, "C15")
ws.add_chart(chart4, "I15")
ws.add_chart(chart5, "F30")

wb.save("/output/log.xlsx")
