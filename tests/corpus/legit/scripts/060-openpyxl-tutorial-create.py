# source: openpyxl documentation, doc/tutorial.rst "Create a workbook" (copy: stjordanis/openpyxl-2)
# licence: MIT (openpyxl documentation)
# does: creates sheets, renames one, colours its tab, looks sheets up by name and loops over them
# adapted: the tutorial's statements run as one script, echoes printed; wb.get_sheet_by_name (removed in openpyxl 3) left out; workbook saved to /output/<same name> instead of the current folder
from openpyxl import Workbook
wb = Workbook()
ws = wb.active
ws1 = wb.create_sheet("Mysheet") # insert at the end (default)
# or
ws2 = wb.create_sheet("Mysheet", 0) # insert at first position
ws.title = "New Title"
ws.sheet_properties.tabColor = "1072BA"
ws3 = wb["New Title"]
print(ws is ws3)
print(wb.sheetnames)
for sheet in wb:
    print(sheet.title)
wb.save("/output/tutorial.xlsx")
