"""One sheet of a result as rows for Excel: the header, what each column holds (number
formats, types), and the rows in pages (rows-00001.json ...), so a big result is written back
in pieces; the file's risks come along (workbook_risks.py).

Our own code, never the model's: the worker calls it by name (sandbox_entry.sheet_rows_json)."""
import datetime
import json

from openpyxl.utils.datetime import to_excel

from workbook_risks import new_report, note_formula, open_for_reading, scan_sheet

def write_json(path, value):
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(value, fh, ensure_ascii=False, separators=(",", ":"))


def is_meaningful_format(fmt):
    return bool(fmt) and fmt not in ("General", "@")


def json_value(value):
    """A cell value as JSON: dates and times become Excel serials (the column keeps a date format)."""
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time, datetime.timedelta)):
        return to_excel(value), True
    if isinstance(value, float) and value != value:
        return None, False
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value, False
    return str(value), False


DATE_DEFAULTS = {datetime.datetime: "yyyy-mm-dd h:mm:ss", datetime.date: "yyyy-mm-dd",
                 datetime.time: "h:mm:ss", datetime.timedelta: "[h]:mm:ss"}


class PageWriter:
    """Collects rows and writes them to /output/rows-NNNNN.json, page by page."""

    def __init__(self, output_dir, page_rows):
        self.output_dir = output_dir
        self.page_rows = page_rows
        self.rows = []
        self.pages = []
        self.count = 0

    def add(self, row):
        self.rows.append(row)
        self.count += 1
        if len(self.rows) >= self.page_rows:
            self.flush()

    def flush(self):
        if not self.rows:
            return
        name = "rows-%05d.json" % (len(self.pages) + 1)
        write_json(self.output_dir + "/" + name, self.rows)
        self.pages.append({"name": name, "rows": len(self.rows)})
        self.rows = []


def row_span(row):
    """First and last+1 index of the non-empty cells of a row, or None."""
    filled = [i for i, v in enumerate(row) if v is not None and v != ""]
    return (filled[0], filled[-1] + 1) if filled else None


def sheet_rows(path, name, sheet_name, output_dir, page_rows):
    report = new_report(name)
    wb = open_for_reading(path, report)
    try:
        report["sheets"] = list(wb.sheetnames)
        if sheet_name is None:
            sheet_name = wb.sheetnames[0]
        if sheet_name not in wb.sheetnames:
            raise ValueError("The file %s has no sheet named %r; its sheets are: %s."
                             % (name, sheet_name, ", ".join(wb.sheetnames)))
        for ws in wb.worksheets:
            if ws.title != sheet_name:
                scan_sheet(report, ws)
        result = read_rows(wb[sheet_name], report, output_dir, page_rows)
    finally:
        wb.close()
    result["sheet"] = sheet_name
    result["report"] = report
    return result


def read_rows(ws, report, output_dir, page_rows):
    pages = PageWriter(output_dir, page_rows)
    header, first, width, header_row = None, 0, 0, None
    formats, types = [], []
    blank_run = 0
    for r, row in enumerate(ws.iter_rows(), start=1):
        values = [cell.value for cell in row]
        for c, value in enumerate(values, start=1):
            note_formula(report, ws.title, r, c, value)
        if header is None:
            span = row_span(values)
            if span is None:
                continue
            first, last = span
            width = last - first
            header = ["" if v is None else str(v) for v in values[first:last]]
            header_row = r
            formats = [None] * width
            types = [None] * width
            continue
        cells = list(row[first:first + width])
        out = []
        for c in range(width):
            cell = cells[c] if c < len(cells) else None
            value = cell.value if cell is not None else None
            converted, is_date = json_value(value)
            fmt = cell.number_format if cell is not None else None
            if formats[c] is None and value is not None:
                if is_date:
                    formats[c] = fmt if is_meaningful_format(fmt) else DATE_DEFAULTS[type(value)]
                elif is_meaningful_format(fmt):
                    formats[c] = fmt
            if value is not None:
                kind = "date" if is_date else ("boolean" if isinstance(value, bool) else
                                                "number" if isinstance(value, (int, float)) else "text")
                types[c] = kind if types[c] in (None, kind) else "mixed"
            out.append(converted)
        if all(v is None or v == "" for v in out):
            blank_run += 1  # trailing blank rows are dropped; blank rows inside the data are kept
            continue
        for _ in range(blank_run):
            pages.add([None] * width)
        blank_run = 0
        pages.add(out)
    pages.flush()
    return {"headers": header or [], "headerRow": header_row, "firstColumn": first + 1,
            "rowCount": pages.count, "pages": pages.pages, "numberFormats": formats, "types": types}
