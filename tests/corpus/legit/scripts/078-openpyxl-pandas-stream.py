# source: openpyxl documentation, doc/pandas.rst "write-only mode" and "Converting a worksheet to a Dataframe" (copy: stjordanis/openpyxl-2)
# licence: MIT (openpyxl documentation)
# does: streams a DataFrame to a write-only workbook with a styled first row, then turns a worksheet back into a DataFrame with islice
# adapted: df read from /input/sales.csv; the page's stray indentation before def fixed; the read-back part reads /input/sales.xlsx; workbook saved to /output/<same name> instead of the current folder
from itertools import islice

import pandas as pd
from pandas import DataFrame
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Border, Font, NamedStyle, Side
from openpyxl.utils.dataframe import dataframe_to_rows

df = pd.read_csv("/input/sales.csv", nrows=30)

from openpyxl.cell.cell import WriteOnlyCell
wb = Workbook(write_only=True)
ws = wb.create_sheet()

ft = Font(bold=True)
al = Alignment(horizontal="center")
side = Side(style="thin", color="000000")
border = Border(left=side, right=side, top=side, bottom=side)

cell = WriteOnlyCell(ws)
cell.style = NamedStyle(name="Pandas Title", font=ft, alignment=al, border=border)

def format_first_row(row, cell):

    for c in row:
        cell.value = c
        yield cell

rows = dataframe_to_rows(df)
first_row = format_first_row(next(rows), cell)
ws.append(first_row)

for row in rows:
    row = list(row)
    cell.value = row[0]
    row[0] = cell
    ws.append(row)

wb.save("/output/openpyxl_stream.xlsx")

ws = load_workbook("/input/sales.xlsx")["Targets"]
df = DataFrame(ws.values)
print(df)

ws = load_workbook("/input/sales.xlsx")["Sales"]
data = ws.values
cols = next(data)[1:]
data = list(data)
idx = [r[0] for r in data]
data = (islice(r, 1, None) for r in data)
df = DataFrame(data, index=idx, columns=cols)
print(df.head(10))
