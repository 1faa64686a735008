# source: EugeneRymarev/openpyxl2 (a copy of openpyxl) doc/charts/pattern.py
# licence: MIT (openpyxl documentation)
# does: bar chart with pattern fills for a series and one data point
# adapted: workbook saved to /output/<same name> instead of the current folder
from openpyxl import Workbook
from openpyxl.chart import BarChart
from openpyxl.chart import Reference
from openpyxl.chart.marker import DataPoint
from openpyxl.drawing.fill import ColorChoice
from openpyxl.drawing.fill import PatternFillProperties

wb = Workbook()
ws = wb.active

rows = [
    ("Sample",),
    (1,),
    (2,),
    (3,),
    (2,),
    (3,),
    (3,),
    (1,),
    (2,),
]

for r in rows:
    ws.append(r)


c = BarChart()
data = Reference(ws, min_col=1, min_row=1, max_row=8)
c.add_data(data, titles_from_data=True)
c.title = "Chart with patterns"

# set a pattern for the whole series
series = c.series[0]
fill = PatternFillProperties(prst="pct5")
fill.foreground = ColorChoice(prstClr="red")
fill.background = ColorChoice(prstClr="blue")
series.graphicalProperties.pattFill = fill

# set a pattern for a 6th data point (0-indexed)
pt = DataPoint(idx=5)
pt.graphicalProperties.pattFill = PatternFillProperties(prst="ltHorz")
series.dPt.append(pt)

ws.add_chart(c, "C1")

wb.save("/output/pattern.xlsx")
