# Moves workbooks between Excel (JSON the pane reads or writes with Office.js) and .xlsx files.
# Our own code, never the model's: the worker calls these functions by name (through
# sandbox_entry.py) on an interpreter no model code has run in, never through the runner.
#   snapshot_to_xlsx: the open workbook as JSON -> an ordinary .xlsx with the same sheets,
#       values, number formats (dates stay dates) and tables.
#   sheet_rows: one sheet of a result -> headers, row count, risks and pages of rows
#       (rows-00001.json ... in a scratch folder), so a big result is written back in pieces.
#   inspect_file: per file, formulas that may reach the network, external link parts and
#       VBA, so the pane can warn before Insert or Download.
# The files read are the model's outputs: the caller opens them under input_guard's zip checks.
import datetime
import json
import re
import unicodedata
import zipfile

import openpyxl
from openpyxl.cell import WriteOnlyCell
from openpyxl.reader.excel import ExcelReader
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.utils.datetime import to_excel
from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo
from openpyxl.xml.functions import iterparse  # the stdlib's xml is not among the sandbox's modules

DEFAULT_PAGE_ROWS = 5000
MAX_LISTED_FORMULAS = 50

# Functions that fetch from the network (or run another program) when Excel calculates.
NETWORK_FUNCTIONS = re.compile(r"\b(WEBSERVICE|IMAGE|FILTERXML|HYPERLINK|RTD|CALL|REGISTER\.ID)\s*\(", re.IGNORECASE)
# [1]Sheet!A1, '[Book.xlsx]Sheet 1'!A1, 'C:\x\[Book.xlsx]Sheet'!A1, [1]!Name: a reference into another workbook.
# Table references (Table1[Col], [@Col]) never have a sheet name and "!" after the bracket.
EXTERNAL_REFERENCE = re.compile(r"\[[^\[\]]+\][^!\[\]()\",;]*!")
STRING_LITERAL = re.compile(r"\"(?:[^\"]|\"\")*\"")
# Zero-width and other invisible characters a formula can hide a function name behind.
INVISIBLE = re.compile("[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]")


def write_json(path, value):
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(value, fh, ensure_ascii=False, separators=(",", ":"))


# ---------------------------------------------------------------------------
# snapshot -> xlsx


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


# ---------------------------------------------------------------------------
# risks of a file


def formula_risks(formula):
    """Why a formula may reach outside the workbook: a list of short reasons (empty when safe)."""
    reasons = []
    formula = INVISIBLE.sub("", unicodedata.normalize("NFKC", formula))
    named = NETWORK_FUNCTIONS.findall(formula)
    if named:
        reasons.extend(sorted({n.upper() for n in named}))
    code = STRING_LITERAL.sub('""', formula)
    if "|" in code:
        reasons.append("DDE")
    if EXTERNAL_REFERENCE.search(code):
        reasons.append("external reference")
    return reasons


def new_report(name):
    return {"file": name, "sheets": [], "networkFormulas": [], "networkFormulaCount": 0,
            "externalLinks": [], "externalTargets": [], "externalTargetCount": 0, "hasVba": False}


def note_parts(report, part_names):
    lowered = [(p, p.lower()) for p in part_names]
    report["externalLinks"] = [p for p, low in lowered if low.startswith("xl/externallinks/") and low.endswith(".xml")]
    report["hasVba"] = any(low.endswith("vbaproject.bin") for _, low in lowered)


def note_formula(report, sheet, row, column, value):
    if not (isinstance(value, str) and value.startswith("=")):
        return
    note_risky(report, sheet, get_column_letter(column) + str(row), value, None)


def note_risky(report, sheet, cell, formula, place):
    """Counts a formula that may reach outside; `place` says where it is when not in a cell."""
    reasons = formula_risks(formula)
    if not reasons:
        return
    report["networkFormulaCount"] += 1
    if len(report["networkFormulas"]) < MAX_LISTED_FORMULAS:
        entry = {"sheet": sheet, "cell": cell, "formula": formula[:300], "reasons": reasons}
        if place:
            entry["place"] = place
        report["networkFormulas"].append(entry)


def note_target(report, kind, target, place):
    """Counts an address outside the workbook that Excel opens on a click or fetches on opening."""
    report["externalTargetCount"] += 1
    if len(report["externalTargets"]) < MAX_LISTED_FORMULAS:
        report["externalTargets"].append({"kind": kind, "target": target[:300], "place": place})


# Excel evaluates formulas in these places too, not only in cells: a defined name used as
# =Leak, a conditional-format rule, a data-validation list or rule, a chart's series.
# openpyxl's read-only mode skips them, so they are read from the package's XML, element
# by element. Every relationship with an external target is read too: a hyperlink whose
# address the code built from the data sends that data away on a click, and a linked
# picture is fetched from its address when the file is opened.
MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
CHART_NS = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
#: The last segment of a relationship's Type -> what the user is told it is. External
#: workbooks (externalLinkPath) are reported as externalLinks already.
EXTERNAL_KINDS = {"hyperlink": "link", "image": "linked picture", "oleObject": "linked object",
                  "externalLinkPath": None}
REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def package_path(target):
    """A relationship target of xl/workbook.xml as a part name ("worksheets/sheet1.xml" -> "xl/worksheets/sheet1.xml")."""
    parts = [] if target.startswith("/") else ["xl"]
    for piece in target.split("/"):
        if piece == "..":
            parts = parts[:-1]
        elif piece not in ("", "."):
            parts.append(piece)
    return "/".join(parts)


def sheet_parts(package):
    """Sheet title per worksheet part (xl/worksheets/sheet1.xml -> "Sales")."""
    targets = {}
    with package.open("xl/_rels/workbook.xml.rels") as rels:
        for _, el in iterparse(rels):
            if el.tag == PKG_REL_NS + "Relationship":
                target = el.get("Target", "")
                targets[el.get("Id")] = package_path(target)
    titles = {}
    with package.open("xl/workbook.xml") as workbook:
        for _, el in iterparse(workbook):
            if el.tag == MAIN_NS + "sheet" and el.get(REL_NS + "id") in targets:
                titles[targets[el.get(REL_NS + "id")]] = el.get("name", "")
    return titles


def rels_part(part):
    """xl/worksheets/sheet1.xml -> xl/worksheets/_rels/sheet1.xml.rels"""
    folder, _, file = part.rpartition("/")
    return f"{folder}/_rels/{file}.rels" if folder else f"_rels/{file}.rels"


def source_part(rels):
    """xl/worksheets/_rels/sheet1.xml.rels -> xl/worksheets/sheet1.xml"""
    folder, _, file = rels.rpartition("/")
    return (folder[: -len("_rels")] + file[: -len(".rels")]).lstrip("/")


def external_relationships(package, rels):
    """Id -> (kind, target) of each relationship in `rels` whose target is outside the package."""
    found = {}
    with package.open(rels) as part:
        for _, el in iterparse(part):
            if el.tag == PKG_REL_NS + "Relationship" and el.get("TargetMode", "") == "External":
                kind_id = el.get("Type", "").rsplit("/", 1)[-1]
                kind = EXTERNAL_KINDS.get(kind_id, "external " + kind_id)
                target = el.get("Target", "")
                if kind and not target.startswith("#"):  # "#Sheet2!A1" jumps inside the workbook
                    found[el.get("Id", "")] = (kind, target)
    return found


def scan_package_formulas(report, path):
    with zipfile.ZipFile(path) as package:
        names = set(package.namelist())
        if "xl/workbook.xml" not in names:
            return
        with package.open("xl/workbook.xml") as workbook:
            for _, el in iterparse(workbook):
                if el.tag == MAIN_NS + "definedName" and el.text:
                    name = el.get("name", "")
                    note_risky(report, "", name, "=" + el.text, f"defined name {name}")
        titles = sheet_parts(package) if "xl/_rels/workbook.xml.rels" in names else {}
        sheet_rels = {rels_part(part) for part in titles}
        for part, title in titles.items():
            links = external_relationships(package, rels_part(part)) if rels_part(part) in names else {}
            if part in names and (links or has_rules(package, part)):
                scan_sheet_rules(report, package, part, title, links)
            for kind, target in links.values():  # not tied to a cell (e.g. a linked picture)
                note_target(report, kind, target, f"on sheet {title}")
        for part in sorted(names):
            low = part.lower()
            if low.startswith("xl/charts/chart") and low.endswith(".xml"):
                scan_chart(report, package, part)
            elif low.endswith(".rels") and part not in sheet_rels and not low.startswith("xl/externallinks/"):
                for kind, target in external_relationships(package, part).values():
                    note_target(report, kind, target, f"in {source_part(part) or 'the package'}")


def scan_chart(report, package, part):
    """A series' references (c:f) are formulas Excel evaluates: another workbook, DDE, a name."""
    with package.open(part) as chart:
        for _, el in iterparse(chart):
            if el.tag == CHART_NS + "f" and el.text:
                note_risky(report, "", "", "=" + el.text, f"chart series in {part}")


RULE_TAGS = (b"conditionalFormatting", b"dataValidation")


def has_rules(package, part):
    """A byte search first: most sheets have no rules, and parsing a big sheet's XML twice is slow."""
    tail = b""
    with package.open(part) as sheet:
        while True:
            chunk = sheet.read(1 << 20)
            if not chunk:
                return False
            window = tail + chunk
            if any(tag in window for tag in RULE_TAGS):
                return True
            tail = window[-32:]


def scan_sheet_rules(report, package, part, title, links):
    """Rule formulas of one sheet, and the cells its external links sit on (taken out of `links`)."""
    where = None
    with package.open(part) as sheet:
        for event, el in iterparse(sheet, events=("start", "end")):
            tag = el.tag[len(MAIN_NS):] if el.tag.startswith(MAIN_NS) else el.tag
            if event == "start":
                if tag == "conditionalFormatting":
                    where = ("conditional format", el.get("sqref", ""))
                elif tag == "dataValidation":
                    where = ("data validation", el.get("sqref", ""))
                continue
            if tag in ("formula", "formula1", "formula2") and el.text and where:
                kind, ref = where
                note_risky(report, title, ref, "=" + el.text, f"{kind} on {title}!{ref}")
            elif tag in ("conditionalFormatting", "dataValidation"):
                where = None
            elif tag == "hyperlink" and el.get(REL_NS + "id") in links:
                kind, target = links.pop(el.get(REL_NS + "id"))
                note_target(report, kind, target, f"{kind} on {title}!{el.get('ref', '')}")
            elif tag in ("row", "c"):
                el.clear()  # cells were scanned already; keep memory flat on big sheets


def open_for_reading(path, report):
    """Opens an xlsx streaming (read-only, formulas as text) and notes its parts."""
    reader = ExcelReader(path, read_only=True, keep_links=False)
    note_parts(report, reader.valid_files)
    reader.read()
    return reader.wb


def scan_sheet(report, ws):
    for r, row in enumerate(ws.iter_rows(values_only=True), start=1):
        for c, value in enumerate(row, start=1):
            note_formula(report, ws.title, r, c, value)


def inspect_file(path, name):
    report = new_report(name)
    wb = open_for_reading(path, report)
    try:
        for ws in wb.worksheets:
            report["sheets"].append(ws.title)
            scan_sheet(report, ws)
    finally:
        wb.close()
    scan_package_formulas(report, path)
    return report


# ---------------------------------------------------------------------------
# xlsx sheet -> rows


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
