# source: openpyxl documentation, doc/styles.rst "Named Styles" and "Using builtin styles" (copy: stjordanis/openpyxl-2)
# licence: MIT (openpyxl documentation)
# does: a named style with a thick border registered and applied by object and by name, plus builtin styles
# adapted: a Workbook created first (the page reuses one from an earlier snippet); builtin styles 'Good' and 'Percent' applied; workbook saved to /output/named_styles.xlsx
from openpyxl import Workbook
wb = Workbook()
ws = wb.active
from openpyxl.styles import NamedStyle, Font, Border, Side
highlight = NamedStyle(name="highlight")
highlight.font = Font(bold=True, size=20)
bd = Side(style='thick', color="000000")
highlight.border = Border(left=bd, top=bd, right=bd, bottom=bd)
wb.add_named_style(highlight)
ws['A1'].style = highlight
ws['D5'].style = 'highlight'
ws['B2'] = 0.25
ws['B2'].style = 'Percent'
ws['C3'] = "fine"
ws['C3'].style = 'Good'
print(wb.named_styles)
wb.save("/output/named_styles.xlsx")
