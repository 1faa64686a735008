/**
 * Reads every row of the three workbooks the way model code reads big tables
 * (load_workbook(read_only=True), iter_rows(values_only=True)) and keeps Sales > 1000.
 * Opened by path, the sandbox serves the rows from its fast reader; opened from bytes,
 * openpyxl reads them itself: the same job, with and without the fast path.
 */
export function readAndFilter(open: 'path' | 'bytes', names: readonly string[] = ['north.xlsx', 'south.xlsx', 'west.xlsx']): string {
  const source = open === 'path' ? '"/input/" + name' : 'io.BytesIO(open("/input/" + name, "rb").read())';
  return `import io, openpyxl
kept = 0
for name in ${JSON.stringify(names)}:
    wb = openpyxl.load_workbook(${source}, read_only=True, data_only=True)
    rows = wb["Data"].iter_rows(values_only=True)
    sales = next(rows).index("Sales")
    kept += sum(1 for row in rows if (row[sales] or 0) > 1000)
print(kept)
`;
}
