import openpyxl

# Load the previous result and sort it by Sales, highest first.
# The stacked sheet is called "Stacked" (not "Sheet1").
wb = openpyxl.load_workbook("/input/result.xlsx")
ws = wb["Stacked"]

header = [cell.value for cell in ws[1]]
sales_idx = header.index("Sales")
data = [list(row) for row in ws.iter_rows(min_row=2, values_only=True)]
data.sort(key=lambda r: (r[sales_idx] is None, -(r[sales_idx] or 0)))

# Rewrite the rows in place so the table, widths and number formats stay as they were
for i, row in enumerate(data, start=2):
    for j, value in enumerate(row, start=1):
        ws.cell(row=i, column=j).value = value

wb.save("/output/result.xlsx")
print(f"Sorted {len(data)} rows by Sales (descending)")
