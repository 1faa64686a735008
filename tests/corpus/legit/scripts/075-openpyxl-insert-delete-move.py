# source: openpyxl documentation, doc/editing_worksheets.rst (copy: stjordanis/openpyxl-2)
# licence: MIT (openpyxl documentation)
# does: inserts a row, deletes columns F:H, moves ranges with and without formula translation, on an input workbook
# adapted: ws is the first sheet of /input/grades.xlsx (generated; it has formulas in column E); the result saved to /output/edited.xlsx
from openpyxl import load_workbook
wb = load_workbook("/input/grades.xlsx")
ws = wb.active
ws.insert_rows(7)
ws.delete_cols(6, 3)
ws.move_range("D4:F10", rows=-1, cols=2)
ws.move_range("G4:H10", rows=1, cols=1, translate=True)
wb.save("/output/edited.xlsx")
