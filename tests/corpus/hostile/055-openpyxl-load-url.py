# attack: openpyxl.load_workbook on the canary URL
# expect: precheck:url-literal
# unguarded: python
import openpyxl
openpyxl.load_workbook("CANARY_URL")
