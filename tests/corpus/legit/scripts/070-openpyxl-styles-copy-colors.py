# source: openpyxl documentation, doc/styles.rst "Copying styles", "Basic Font Colors", "Applying Styles", "Edit Page Setup" (copy: stjordanis/openpyxl-2)
# licence: MIT (openpyxl documentation)
# does: copies a font, indexed and theme colours, row and column styles, landscape page setup
# adapted: echoes printed; colors.RED written as "FFFF0000"; Fill (no longer exported) not imported; workbook saved to /output/page_setup.xlsx so the result is compared
from openpyxl.styles import Font
from copy import copy

ft1 = Font(name='Arial', size=14)
ft2 = copy(ft1)
ft2.name = "Tahoma"
print(ft1.name)
print(ft2.name)
print(ft2.size) # copied from the

font = Font(color="FFFF0000")
font = Font(color="FFBB00")
from openpyxl.styles.colors import Color
c = Color(indexed=32)
c = Color(theme=6, tint=0.5)
print(c.theme, c.tint)

from openpyxl.workbook import Workbook
wb = Workbook()
ws = wb.active
c = ws['A1']
c.font = Font(size=12)
col = ws.column_dimensions['A']
col.font = Font(bold=True)
row = ws.row_dimensions[1]
row.font = Font(underline="single")

ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
ws.page_setup.paperSize = ws.PAPERSIZE_TABLOID
ws.page_setup.fitToHeight = 0
ws.page_setup.fitToWidth = 1
print(ws.page_setup.orientation, ws.page_setup.paperSize)
wb.save("/output/page_setup.xlsx")
