# source: Python documentation, Doc/library/io.rst (BytesIO) with openpyxl documentation, doc/tutorial.rst "Loading from a file" (load_workbook accepts a file-like object)
# licence: 0BSD (code examples in the Python documentation; text PSF-2.0); openpyxl part MIT
# does: reads an input workbook's bytes into io.BytesIO, loads it with openpyxl, saves a copy into another BytesIO and writes it out
# adapted: the workbook is /input/sales.xlsx; the copy written to /output/copy.xlsx
import io
from openpyxl import load_workbook

with open('/input/sales.xlsx', 'rb') as f:
    data = io.BytesIO(f.read())
wb = load_workbook(data)
print(wb.sheetnames)
ws = wb['Targets']
for row in ws.iter_rows(values_only=True):
    print(row)
out = io.BytesIO()
wb.save(out)
print(out.getvalue()[:2])
with open('/output/copy.xlsx', 'wb') as f:
    f.write(out.getvalue())
