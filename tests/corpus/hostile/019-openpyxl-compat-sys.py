# attack: openpyxl.compat.strings.sys.modules to fetch os
# expect: precheck:blocked-attribute|contained:python
# unguarded: python
import openpyxl
openpyxl.compat.strings.sys.modules["os"].remove("/input/data.csv")
