"""What in a workbook deserves a warning before Insert or Download: formulas that may reach
the network (in cells, defined names, conditional formats, data validation, chart series),
links to other workbooks, every relationship with an external target, VBA.

Our own code, never the model's: the worker calls it by name (sandbox_entry.inspect_json) on
the model's outputs, which sandbox_entry opens under input_guard's zip and XML limits."""
import re
import unicodedata
import zipfile

from openpyxl.reader.excel import ExcelReader
from openpyxl.utils import get_column_letter
from openpyxl.xml.functions import iterparse  # the stdlib's xml is not among the sandbox's modules

import fast_openpyxl

MAX_LISTED_FORMULAS = 50

# Functions that fetch from the network (or run another program) when Excel calculates.
NETWORK_FUNCTIONS = re.compile(r"\b(WEBSERVICE|IMAGE|FILTERXML|HYPERLINK|RTD|CALL|REGISTER\.ID)\s*\(", re.IGNORECASE)
# [1]Sheet!A1, '[Book.xlsx]Sheet 1'!A1, 'C:\x\[Book.xlsx]Sheet'!A1, [1]!Name: a reference into another workbook.
# Table references (Table1[Col], [@Col]) never have a sheet name and "!" after the bracket.
EXTERNAL_REFERENCE = re.compile(r"\[[^\[\]]+\][^!\[\]()\",;]*!")
STRING_LITERAL = re.compile(r"\"(?:[^\"]|\"\")*\"")
# Zero-width and other invisible characters a formula can hide a function name behind.
INVISIBLE = re.compile("[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]")


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


class _WithoutCells:
    """A sheet part read without what is inside its <sheetData> (the cells, scanned already),
    so that parsing it for rules and links costs the same on a big sheet as on a small one."""

    _START = re.compile(rb"<((?:[A-Za-z_][\w.-]*:)?)sheetData(?=[\s>/])")
    _KEEP = 64  # bytes kept between reads, so a tag split across two is still found

    def __init__(self, raw):
        self.raw = raw
        self.pending = b""
        self.state = "before"
        self.end_tag = b""

    def read(self, size=-1):
        while True:
            chunk = self.raw.read(1 << 20)
            data = self.pending + chunk
            self.pending = b""
            out = self._take(data, last=not chunk)
            if out or (not chunk and not self.pending):
                return out  # b"" only at the end (cut off inside the cells: the parser says so)

    def _take(self, data, last):
        if self.state == "after":
            return data
        if self.state == "before":
            found = self._START.search(data)
            if found is None:
                if last:
                    return data
                self.pending = data[-self._KEEP:]
                return data[:-self._KEEP]
            close = data.find(b">", found.end())
            if close < 0:
                if last:
                    return data
                self.pending = data[found.start():]
                return data[:found.start()]
            self.state = "after" if data[close - 1:close] == b"/" else "inside"
            self.end_tag = b"</" + found.group(1) + b"sheetData>"
            self.pending = data[close + 1:]
            return data[:close + 1]
        end = data.find(self.end_tag)
        if end < 0:
            if not last:
                self.pending = data[-len(self.end_tag):]
            return b""
        self.state = "after"
        self.pending = data[end:]
        return b""


def scan_sheet_rules(report, package, part, title, links):
    """Rule formulas of one sheet, and the cells its external links sit on (taken out of `links`)."""
    where = None
    with package.open(part) as sheet:
        for event, el in iterparse(_WithoutCells(sheet), events=("start", "end")):
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
    found = fast_openpyxl.formula_texts(ws)
    if found is not None:
        for r, c, value in found:
            note_formula(report, ws.title, r, c, value)
        return
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
