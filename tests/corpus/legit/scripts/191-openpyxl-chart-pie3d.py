# source: EugeneRymarev/openpyxl2 (a copy of openpyxl) doc/charts/pie3D.py
# licence: MIT (openpyxl documentation)
# does: 3D pie chart
# adapted: workbook saved to /output/<same name> instead of the current folder
from openpyxl import Workbook
from openpyxl.chart import PieChart3D
from openpyxl.chart import Reference

data = [
    ["Pie", "Sold"],
    ["Apple", 50],
    ["Cherry", 30],
    ["Pumpkin", 10],
    ["Chocolate", 40],
]

wb = Workbook()
ws = wb.active

for row in data:
    ws.append(row)

pie = PieChart3D()
labels = Reference(ws, min_col=1, min_row=2, max_row=5)
data = Reference(ws, min_col=2, min_row=1, max_row=5)
pie.add_data(data, titles_from_data=True)
pie.set_categories(labels)
pie.title = "Pies sold by category"


ws.add_chart(pie, "D1")

wb.save("/output/pie3D.xlsx")
