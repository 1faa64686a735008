"""Prints every workbook in a folder as lines to compare: per sheet, every cell's coordinate,
value (repr), data type, number format and boldness, its comment and hyperlink, the row
heights, column widths, freeze panes and tables; python3 dump_workbook.py DIR."""
import os
import sys
import warnings

import openpyxl

warnings.simplefilter("ignore")
DIR = sys.argv[1]
for name in sorted(os.listdir(DIR)):
    wb = openpyxl.load_workbook(os.path.join(DIR, name))
    print(name, "epoch", wb.epoch.year, "sheets", wb.sheetnames)
    for ws in wb.worksheets:
        print(name, ws.title, "size", ws.max_row, ws.max_column, "freeze", ws.freeze_panes,
              "widths", sorted((k, d.width) for k, d in ws.column_dimensions.items() if d.customWidth),
              "heights", sorted((k, d.height) for k, d in ws.row_dimensions.items() if d.height),
              "tables", sorted((t.name, t.ref, [c.name for c in t.tableColumns], t.tableStyleInfo.name if t.tableStyleInfo else None) for t in ws.tables.values()))
        for row in ws.iter_rows():
            for c in row:
                if c.value is None and not c.has_style:
                    continue
                print(name, ws.title, c.coordinate, repr(c.value), c.data_type, c.number_format, c.font.b,
                      c.comment.text if c.comment else None, c.hyperlink.target if c.hyperlink else None)
