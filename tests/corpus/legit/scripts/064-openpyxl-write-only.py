# source: openpyxl documentation, doc/optimized.rst "Write-only mode" (copy: stjordanis/openpyxl-2)
# licence: MIT (openpyxl documentation)
# does: write-only workbook of 100 x 200 cells, and a WriteOnlyCell with a font and a comment
# adapted: openpyxl.writer.write_only.WriteOnlyCell imported from openpyxl.cell, its home in openpyxl 3; workbooks saved to /output/<same name> instead of the current folder
from openpyxl import Workbook
wb = Workbook(write_only=True)
ws = wb.create_sheet()

# now we'll fill it with 100 rows x 200 columns

for irow in range(100):
    ws.append(['%d' % i for i in range(200)])
# save the file
wb.save('/output/new_big_file.xlsx')

from openpyxl import Workbook
wb = Workbook(write_only = True)
ws = wb.create_sheet()
from openpyxl.cell import WriteOnlyCell
from openpyxl.comments import Comment
from openpyxl.styles import Font
cell = WriteOnlyCell(ws, value="hello world")
cell.font = Font(name='Courier', size=36)
cell.comment = Comment(text="A comment", author="Author's Name")
ws.append([cell, 3.14, None])
wb.save('/output/write_only_file.xlsx')
