# source: openpyxl documentation, doc/worksheet_properties.rst (copy: stjordanis/openpyxl-2)
# licence: MIT (openpyxl documentation)
# does: sets worksheet properties: tab colour, filter mode, page setup (fit to page, page breaks), outline settings
# adapted: the properties printed; workbook saved to /output/properties.xlsx so the result is compared
from openpyxl.workbook import Workbook
from openpyxl.worksheet.properties import WorksheetProperties, PageSetupProperties

wb = Workbook()
ws = wb.active

wsprops = ws.sheet_properties
wsprops.tabColor = "1072BA"
wsprops.filterMode = False
wsprops.pageSetUpPr = PageSetupProperties(fitToPage=True, autoPageBreaks=False)
wsprops.outlinePr.summaryBelow = False
wsprops.outlinePr.applyStyles = True
wsprops.pageSetUpPr.autoPageBreaks = True

print(wsprops.tabColor.rgb, wsprops.pageSetUpPr.fitToPage, wsprops.outlinePr.summaryBelow)
wb.save("/output/properties.xlsx")
