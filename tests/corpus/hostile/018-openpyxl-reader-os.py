# attack: openpyxl.reader.excel.os: module attribute walk from openpyxl to os
# expect: precheck:blocked-attribute|contained:python
# unguarded: python
import openpyxl
openpyxl.reader.excel.os.remove("/input/data.csv")
