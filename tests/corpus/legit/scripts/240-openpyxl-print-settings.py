# source: openpyxl documentation, doc/print_settings.rst (copy: stjordanis/openpyxl-2)
# licence: MIT (openpyxl documentation)
# does: print options, headers and footers, print titles and a print area
# adapted: the four snippets run on one workbook; saved to /output/print.xlsx so the result is compared
from openpyxl.workbook import Workbook

wb = Workbook()
ws = wb.active

ws.print_options.horizontalCentered = True
ws.print_options.verticalCentered = True

ws.oddHeader.text = "Page &[Page] of &N"
ws.oddHeader.size = 14
ws.oddHeader.font = "Tahoma,Bold"
ws.oddHeader.color = "CC3366"

# Or just
ws.oddFooter.right.text = 'My Right Footer'

ws.print_title_cols = 'A:B' # the first two cols
ws.print_title_rows = '1:1' # the first row

ws.print_area = 'A1:F10'
for row in range(1, 21):
    ws.append([row, row * 2, row * 3])
print(ws.print_title_rows, ws.print_title_cols, ws.print_area)
wb.save("/output/print.xlsx")
