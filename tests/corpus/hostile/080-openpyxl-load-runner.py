# attack: openpyxl.load_workbook on the runner file
# expect: precheck:path-outside-sandbox
# unguarded: python
import openpyxl
openpyxl.load_workbook("/sandbox/runner.py")
