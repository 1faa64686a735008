"""The open workbook's snapshot (the JSON the pane reads with Office.js) as an ordinary .xlsx:
the same sheets, values, number formats (dates stay dates) and tables.

Our own code, never the model's: the worker calls it by name (sandbox_entry.snapshot_xlsx_json)."""
import openpyxl
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import range_boundaries
from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo


def cell_format(formats, row, column):
    """The number format a snapshot keeps for one cell (exceptions first, then the column's)."""
    exceptions = formats.get("cellMap")
    if exceptions is not None:
        key = (row, column)
        if key in exceptions:
            return exceptions[key]
    columns = formats.get("columns") or []
    return columns[column] if column < len(columns) else None


def table_headers(table):
    """Header names of a table, from the snapshot (Excel keeps them unique and non-empty)."""
    headers = [str(h) for h in table.get("headers") or []]
    if headers:
        return headers
    first, _, last, _ = range_boundaries(table["address"])
    return ["Column%d" % (i + 1) for i in range(last - first + 1)]


def snapshot_sheet(wb, sheet):
    ws = wb.create_sheet(title=sheet["name"])
    formats = dict(sheet.get("formats") or {})
    # "runs": [first row, last row, column, format] where a column's format differs from its usual one.
    formats["cellMap"] = {(r, c): f for r0, r1, c, f in formats.get("runs") or [] for r in range(r0, r1 + 1)}
    start_row = int(sheet.get("startRow") or 0)
    start_column = int(sheet.get("startColumn") or 0)
    for _ in range(start_row):
        ws.append([])
    pad = [None] * start_column
    for r, values in enumerate(sheet.get("values") or []):
        row = list(pad)
        for c, value in enumerate(values):
            fmt = cell_format(formats, r, c) if value is not None else None
            if fmt:
                cell = WriteOnlyCell(ws, value=value)
                cell.number_format = fmt
                row.append(cell)
            else:
                row.append(value)
        ws.append(row)
    for table in sheet.get("tables") or []:
        result = Table(displayName=table["name"], ref=table["address"])
        result.tableColumns = [TableColumn(id=i + 1, name=h) for i, h in enumerate(table_headers(table))]
        result.tableStyleInfo = TableStyleInfo(name=table.get("style") or "TableStyleMedium2", showRowStripes=True)
        ws.add_table(result)


def snapshot_to_xlsx(snapshot, path):
    wb = openpyxl.Workbook(write_only=True)
    sheets = snapshot.get("sheets") or []
    for sheet in sheets:
        snapshot_sheet(wb, sheet)
    if not sheets:
        wb.create_sheet(title="Sheet1")
    wb.save(path)
    return {"sheets": len(sheets), "rows": sum(len(s.get("values") or []) for s in sheets)}
