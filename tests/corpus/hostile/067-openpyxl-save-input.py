# attack: overwrite the input workbook with openpyxl save
# expect: contained:python
# unguarded: python
import openpyxl
wb = openpyxl.load_workbook("/input/book.xlsx")
wb.active["A1"] = "pwned"
wb.save("/input/book.xlsx")
