# "Stack these workbooks' Basesheet tables", written with pandas as a model would for
# the large-job server. Each table sits on sheet Data; west.xlsx has a title and a blank
# row above its header, so the table's ref (read with openpyxl) gives the header row.
# pd.concat matches columns by name; south's extra Channel column is empty elsewhere.
import openpyxl
import pandas as pd
from openpyxl.utils import range_boundaries

frames = []
for name in ["north.xlsx", "south.xlsx", "west.xlsx"]:
    ws = openpyxl.load_workbook("/input/" + name)["Data"]
    min_col, min_row, max_col, max_row = range_boundaries(ws.tables["Basesheet"].ref)
    frame = pd.read_excel("/input/" + name, sheet_name="Data", header=min_row - 1,
                          usecols=list(range(min_col - 1, max_col)), nrows=max_row - min_row)
    frame["SourceFile"] = name
    frames.append(frame)
stacked = pd.concat(frames, ignore_index=True, sort=False)
stacked.to_excel("/output/result.xlsx", sheet_name="Stacked", index=False)
print("stacked", len(stacked), "rows")
