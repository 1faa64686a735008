# source: openpyxl documentation, doc/optimized.rst "Read-only mode" (copy: stjordanis/openpyxl-2)
# licence: MIT (openpyxl documentation)
# does: reads a workbook in read-only mode, row by row, and checks its dimensions
# adapted: large_file.xlsx / sheet big_data read as /input/regions.xlsx / sheet North (a generated input); print(cell.value) kept
from openpyxl import load_workbook
wb = load_workbook(filename='/input/regions.xlsx', read_only=True)
ws = wb['North']

for row in ws.rows:
    for cell in row:
        print(cell.value)

print(ws.calculate_dimension())
