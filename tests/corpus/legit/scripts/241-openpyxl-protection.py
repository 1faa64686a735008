# source: openpyxl documentation, doc/protection.rst (copy: stjordanis/openpyxl-2)
# licence: MIT (openpyxl documentation)
# does: workbook structure and revisions passwords, an already-hashed password, sheet protection with and without a password
# adapted: the '...' placeholders are real strings; 'wb.protection.sheet' (a typo on the page) written ws.protection.sheet; saved to /output/protected.xlsx
from openpyxl import Workbook
wb = Workbook()
wb.security.workbookPassword = 'secret'
wb.security.revisionsPassword = 'secret2'
hashed_password = 'CBEB'
wb.security.set_workbook_password(hashed_password, already_hashed=True)
ws = wb.active
ws.protection.sheet = True
ws = wb.active
ws.protection.password = 'sheet-secret'
print(wb.security.workbookPassword, ws.protection.sheet, ws.protection.password)
wb.save("/output/protected.xlsx")
