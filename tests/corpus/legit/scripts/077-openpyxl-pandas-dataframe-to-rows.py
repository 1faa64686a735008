# source: openpyxl documentation, doc/pandas.rst "Working with Pandas Dataframes" (copy: stjordanis/openpyxl-2)
# licence: MIT (openpyxl documentation)
# does: writes a DataFrame read from an input CSV to a sheet with dataframe_to_rows and a bold, centred, bordered header style
# adapted: a NamedStyle made per cell with one name (fails: 'Style Pandas Title exists already') replaced by the builtin 'Pandas' style, as the current page does; df read from /input/sales.csv (the page assumes a df); imports written out; workbook saved to /output/<same name> instead of the current folder
import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, NamedStyle, Side
from openpyxl.utils.dataframe import dataframe_to_rows

df = pd.read_csv("/input/sales.csv", nrows=30)

wb = Workbook()
ws = wb.active

for r in dataframe_to_rows(df, index=True, header=True):
    ws.append(r)

# Create Pandas style formatting for headers and indices
ft = Font(bold=True)
al = Alignment(horizontal="center")
side = Side(style="thin", color="000000")
border = Border(left=side, right=side, top=side, bottom=side)

for cell in ws['A'] + ws[1]:
    cell.style = 'Pandas'

wb.save("/output/pandas_openpyxl.xlsx")
