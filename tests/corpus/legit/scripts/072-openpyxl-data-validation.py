# source: openpyxl documentation, doc/validation.rst "Examples" and "Other validation examples" (copy: stjordanis/openpyxl-2)
# licence: MIT (openpyxl documentation)
# does: a list validation with messages on cells and a whole column, plus whole/decimal/date/time/text-length/range/custom rules
# adapted: dv.ranges.append (openpyxl 2) written dv.add; the page's fragments of other rules added to the same sheet (its two typos, a stray ')' and a missing '=', fixed; sheetname set to the sheet's title); workbook saved to /output/; workbook saved to /output/<same name> instead of the current folder
from openpyxl import Workbook
from openpyxl.worksheet.datavalidation import DataValidation

# Create the workbook and worksheet we'll be working with
wb = Workbook()
ws = wb.active

# Create a data-validation object with list validation
dv = DataValidation(type="list", formula1='"Dog,Cat,Bat"', allow_blank=True)

# Optionally set a custom error message
dv.error ='Your entry is not in the list'
dv.errorTitle = 'Invalid Entry'

# Optionally set a custom prompt message
dv.prompt = 'Please select from the list'
dv.promptTitle = 'List Selection'

# Add the data-validation object to the worksheet
ws.add_data_validation(dv)
# Create some cells, and add them to the data-validation object
c1 = ws["A1"]
c1.value = "Dog"
dv.add(c1)
c2 = ws["A2"]
c2.value = "An invalid value"
dv.add(c2)

# Or, apply the validation to a range of cells
dv.add('B1:B1048576')

rules = [
    DataValidation(type="whole"),
    DataValidation(type="whole",
                   operator="greaterThan",
                   formula1=100),
    DataValidation(type="decimal"),
    DataValidation(type="decimal",
                   operator="between",
                   formula1=0,
                   formula2=1),
    DataValidation(type="date"),
    DataValidation(type="time"),
    DataValidation(type="textLength",
                   operator="lessThanOrEqual",
                   formula1=15),
]
from openpyxl.utils import quote_sheetname
sheetname = ws.title
rules.append(DataValidation(type="list",
                            formula1="{0}!$B$1:$B$10".format(quote_sheetname(sheetname))
                            ))
rules.append(DataValidation(type="custom",
                            formula1="=SOMEFORMULA"))
for column, rule in zip("CDEFGHIJK", rules):
    ws.add_data_validation(rule)
    rule.add(f"{column}1:{column}10")

# Write the sheet out.  If you now open the sheet in Excel, you'll find that
# the cells have data-validation applied.
wb.save("/output/test.xlsx")
