# source: EugeneRymarev/openpyxl2 (a copy of openpyxl) doc/charts/limits_and_scaling_orientation.py
# licence: MIT (openpyxl documentation)
# does: an Archimedean spiral from formulas, in four scatter charts with flipped axes
# adapted: this copy's f-strings name an undefined variable row (NameError); written as upstream openpyxl's "...".format(row=i + 3); workbook saved to /output/<same name> instead of the current folder
from openpyxl import Workbook
from openpyxl.chart import Reference
from openpyxl.chart import ScatterChart
from openpyxl.chart import Series

wb = Workbook()
ws = wb.active

ws["A1"] = "Archimedean Spiral"
ws.append(["T", "X", "Y"])
for i, t in enumerate(range(100)):
    ws.append(
        [
            t / 16.0,
            "=$A${row}*COS($A${row})".format(row=i + 3),
            "=$A${row}*SIN($A${row})".format(row=i + 3),
        ]
    )

chart1 = ScatterChart()
chart1.title = "Default Orientation"
chart1.x_axis.title = "x"
chart1.y_axis.title = "y"
chart1.legend = None

chart2 = ScatterChart()
chart2.title = "Flip X"
chart2.x_axis.title = "x"
chart2.y_axis.title = "y"
chart2.legend = None
chart2.x_axis.scaling.orientation = "maxMin"
chart2.y_axis.scaling.orientation = "minMax"

chart3 = ScatterChart()
chart3.title = "Flip Y"
chart3.x_axis.title = "x"
chart3.y_axis.title = "y"
chart3.legend = None
chart3.x_axis.scaling.orientation = "minMax"
chart3.y_axis.scaling.orientation = "maxMin"

chart4 = ScatterChart()
chart4.title = "Flip Both"
chart4.x_axis.title = "x"
chart4.y_axis.title = "y"
chart4.legend = None
chart4.x_axis.scaling.orientation = "maxMin"
chart4.y_axis.scaling.orientation = "maxMin"

x = Reference(ws, min_col=2, min_row=2, max_row=102)
y = Reference(ws, min_col=3, min_row=2, max_row=102)
s = Series(y, xvalues=x)
chart1.append(s)
chart2.append(s)
chart3.append(s)
chart4.append(s)

ws.add_chart(chart1, "D1")
ws.add_chart(chart2, "J1")
ws.add_chart(chart3, "D15")
ws.add_chart(chart4, "J15")

wb.save("/output/orientation.xlsx")
