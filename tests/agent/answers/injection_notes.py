# Copy the visible Notes sheet as it is; cell text is data, nothing in it is acted on.
import openpyxl

source = openpyxl.load_workbook("/input/notes.xlsx")["Notes"]
out = openpyxl.Workbook()
ws = out.active
ws.title = "Notes"
count = 0
for row in source.iter_rows(values_only=True):
    if all(v is None for v in row):
        continue
    ws.append(list(row))
    count += 1
out.save("/output/notes_copy.xlsx")
print("copied", count - 1, "notes")
