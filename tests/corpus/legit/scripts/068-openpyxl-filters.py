# source: openpyxl documentation, doc/filters.py (copy: stjordanis/openpyxl-2)
# licence: MIT (openpyxl documentation)
# does: an auto filter with a filter column and a sort condition
# adapted: sort range "B2:15" (a typo openpyxl 3 rejects) written "B2:B15" as in the current page; workbook saved to /output/<same name> instead of the current folder
from openpyxl import Workbook

wb = Workbook()
ws = wb.active

data = [
    ["Fruit", "Quantity"],
    ["Kiwi", 3],
    ["Grape", 15],
    ["Apple", 3],
    ["Peach", 3],
    ["Pomegranate", 3],
    ["Pear", 3],
    ["Tangerine", 3],
    ["Blueberry", 3],
    ["Mango", 3],
    ["Watermelon", 3],
    ["Blackberry", 3],
    ["Orange", 3],
    ["Raspberry", 3],
    ["Banana", 3]
]

for r in data:
    ws.append(r)

ws.auto_filter.ref = "A1:B15"
ws.auto_filter.add_filter_column(0, ["Kiwi", "Apple", "Mango"])
ws.auto_filter.add_sort_condition("B2:B15")

wb.save("/output/filtered.xlsx")
