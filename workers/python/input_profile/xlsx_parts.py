"""The .xlsx/.xlsm zip read directly, without openpyxl: what openpyxl would read slowly, unsafely
or not at all.

Zip-bomb and DTD checks before anything is parsed (zip_safety.py); the workbook's structure
(sheets and their states, defined names, tables, VBA, external links) from the package parts
and their relationships; and streaming scans of a sheet's XML for its dimension, used range,
merged ranges and formula count, which never hold the sheet in memory.
"""

import posixpath
import re
import xml.etree.ElementTree as ET

from zip_safety import CHUNK, MAX_ZIP_MEMBERS, MAX_ZIP_TOTAL, xml_part_problem, zip_member_problem

from .cells import _col_index, _parse_cell, _parse_range, _range_str
from .limits import DAMAGED_XLSX, ProfileError


# --- xlsx / xlsm ----------------------------------------------------------------------------

_NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _local(tag):
    return tag[tag.rfind("}") + 1:] if isinstance(tag, str) else ""


def _rel_id(el):
    for k, v in el.attrib.items():
        if k.startswith("{") and _local(k) == "id":
            return v
    return el.get("id")


class _Zip(object):
    """A zip opened read-only, with case-insensitive member lookup."""

    def __init__(self, zf):
        self.zf = zf
        self.names = {}
        for info in zf.infolist():
            self.names.setdefault(info.filename.lower(), info.filename)

    def find(self, name):
        if name is None:
            return None
        return self.names.get(name.lstrip("/").lower())

    def open(self, name):
        return self.zf.open(self.find(name) or name)

    def read(self, name):
        return self.zf.read(self.find(name) or name)


def _check_zip_safety(zf):
    infos = zf.infolist()
    if len(infos) > MAX_ZIP_MEMBERS:
        raise ProfileError("This workbook has %s parts, far more than a real workbook; it was not opened. "
                           "Open it in Excel and save it again as .xlsx." % format(len(infos), ","))
    # A bomb's ratio is checked before the total, so the message names the attack, not the size.
    for i in infos:
        problem = zip_member_problem(i)
        if problem:
            raise ProfileError(problem)
    total = sum(i.file_size for i in infos)
    if total > MAX_ZIP_TOTAL:
        raise ProfileError("This workbook would expand to %.1f GB when opened, more than the 2 GB that can be "
                           "profiled safely. Split it into smaller workbooks or delete unused sheets, then add "
                           "it again." % (total / 1024.0 ** 3))


def _check_xml_parts(z):
    for info in z.zf.infolist():
        problem = xml_part_problem(z.zf, info)
        if problem:
            raise ProfileError(problem)


def _rels(z, part):
    """Relationships of ``part``: list of (id, type, resolved target, external)."""
    d, b = posixpath.split(part)
    rels_name = z.find(posixpath.join(d, "_rels", b + ".rels"))
    if not rels_name:
        return []
    root = ET.fromstring(z.read(rels_name))
    out = []
    for el in root.iter():
        if _local(el.tag) != "Relationship":
            continue
        target = el.get("Target") or ""
        external = (el.get("TargetMode") or "").lower() == "external"
        if not external:
            target = _resolve(d, target)
        out.append((el.get("Id"), el.get("Type") or "", target, external))
    return out


def _resolve(base_dir, target):
    target = target.replace("\\", "/")
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(base_dir, target))


def _workbook_part(z):
    for _id, typ, target, external in _rels(z, ""):
        if typ.endswith("/officeDocument") and not external:
            return target
    for cand in ("xl/workbook.xml", "xl/workbook.bin"):
        if z.find(cand):
            return cand
    return None


def _read_structure(z):
    """Sheets (name, state, part, kind, tables), defined names and VBA presence, read from the zip."""
    wb_part = _workbook_part(z)
    if wb_part is None or not z.find(wb_part):
        if z.find("mimetype") and z.find("content.xml"):
            raise ProfileError("This is an OpenDocument spreadsheet (.ods), which can't be read here. "
                               "Open it in Excel or LibreOffice and save it as .xlsx, then add it again.")
        if z.find("word/document.xml") or z.find("ppt/presentation.xml"):
            raise ProfileError("This is a Word or PowerPoint document, not an Excel workbook. "
                               "Add an .xlsx, .xlsm or .csv file.")
        raise ProfileError(DAMAGED_XLSX)
    if wb_part.lower().endswith(".bin"):
        raise ProfileError("This is a binary .xlsb workbook, which can't be read here. "
                           "Open it in Excel and save it as .xlsx, then add it again.")
    rels = {rid: (typ, target, external) for rid, typ, target, external in _rels(z, wb_part)}
    root = ET.fromstring(z.read(wb_part))
    sheets, names = [], []
    sheet_names = []
    for el in root.iter():
        tag = _local(el.tag)
        if tag == "sheet":
            rid = _rel_id(el)
            typ, target, external = rels.get(rid, ("", None, False))
            kind = "worksheet"
            if typ.endswith("/chartsheet"):
                kind = "chartsheet"
            elif typ and not typ.endswith("/worksheet"):
                kind = "other"
            state = el.get("state") or "visible"
            if state not in ("visible", "hidden", "veryHidden"):
                state = "visible"
            name = el.get("name") or ""
            sheet_names.append(name)
            part = z.find(target) if target and not external else None
            sheets.append({"name": name, "state": state, "part": part, "kind": kind, "tables": []})
        elif tag == "definedName":
            names.append(el)
    defined = []
    for el in names:
        n = el.get("name") or ""
        if not n or n.lower().startswith("_xlnm."):
            continue
        local_id = el.get("localSheetId")
        if local_id is not None and local_id.isdigit() and int(local_id) < len(sheet_names):
            n = "%s!%s" % (sheet_names[int(local_id)], n)
        if n not in defined:
            defined.append(n)
    for s in sheets:
        if s["kind"] == "worksheet" and s["part"]:
            for _id, typ, target, external in _rels(z, s["part"]):
                if typ.endswith("/table") and not external and z.find(target):
                    t = _read_table(z, target)
                    if t is not None:
                        s["tables"].append(t)
    has_vba = any(n.endswith("vbaproject.bin") for n in z.names)
    external_links = any(n.startswith("xl/externallinks/") for n in z.names)
    return sheets, defined, has_vba, external_links


def _read_table(z, part):
    root = ET.fromstring(z.read(part))
    if _local(root.tag) != "table":
        return None
    ref = root.get("ref") or ""
    box = _parse_range(ref)
    if box is None:
        return None
    header_rows = _int(root.get("headerRowCount"), 1)
    totals_rows = _int(root.get("totalsRowCount"), 0)
    columns = []
    for el in root.iter():
        if _local(el.tag) == "tableColumn":
            columns.append(el.get("name") or "")
    c0, r0, c1, r1 = box
    return {"name": root.get("displayName") or root.get("name") or "",
            "ref": _range_str(box),
            "columns": columns,
            "rowCount": max(0, (r1 - r0 + 1) - header_rows - totals_rows),
            "_headerRow": r0 if header_rows > 0 else None,
            "_box": box}


def _int(s, default):
    try:
        return int(s)
    except (TypeError, ValueError):
        return default


def _read_dimension(z, part):
    """The sheet's <dimension ref> as (c0, r0, c1, r1), or None; stops at <sheetData>."""
    with z.open(part) as fh:
        for _event, el in ET.iterparse(fh, events=("start",)):
            tag = _local(el.tag)
            if tag == "dimension":
                return _parse_range(el.get("ref") or "")
            if tag == "sheetData":
                return None
    return None


_PREFIX_RE = re.compile(rb"<([A-Za-z_][\w.-]*:)?worksheet[\s>/]")
_MERGE_RE = re.compile(rb"""<(?:[A-Za-z_][\w.-]*:)?mergeCell\b[^>]*?\bref\s*=\s*["']([^"']*)["']""")


def _scan_sheet_bytes(z, part, want_range=False):
    """Merged ranges, formula count and (optionally) the used range, by scanning the raw sheet XML
    in chunks without building any XML tree.

    <mergeCells> come after <sheetData>, so the whole part is read; searching bytes is tens of
    times faster than parsing (0.1 s against 3.5 s for 200,000 rows). Every pattern starts with '<'
    and contains no other '<', so cutting each chunk at its last '<' never splits a match.
    With ``want_range``, returns the used range from the cells' r="A1" references (rows are in
    order, so the first and last cells give the row span); if some cells have no reference
    (allowed, rare), returns ``need_parse`` = True and the caller parses the XML instead.
    Returns (merges, formula_count, dims, need_parse).
    """
    merges = []
    formulas = 0
    patterns = None
    carry = b""
    letters = set()
    first_row = last_row = None
    n_cells = n_refs = 0
    cell_re = cell_ref_re = None
    with z.open(part) as fh:
        while True:
            chunk = fh.read(CHUNK)
            data = carry + chunk
            if not data:
                break
            if patterns is None:
                m = _PREFIX_RE.search(data[:65536])
                p = m.group(1) if (m and m.group(1)) else b""
                patterns = (b"<" + p + b"f>", b"<" + p + b"f ", b"<" + p + b"f/>")
                cell_tags = (b"<" + p + b"c ", b"<" + p + b"c>", b"<" + p + b"c/>")
                cell_re = re.compile(b"<" + re.escape(p) + rb"""c\s[^>]*?\br\s*=\s*["']\$?([A-Za-z]{1,3})\$?\d+["']""")
                cell_ref_re = re.compile(b"<" + re.escape(p) + rb"""c\s[^>]*?\br\s*=\s*["']\$?[A-Za-z]{1,3}\$?(\d+)["']""")
            if chunk:
                cut = data.rfind(b"<")
                if cut <= 0 or len(data) - cut > 4096:
                    cut = len(data)
                body, carry = data[:cut], data[cut:]
            else:
                body, carry = data, b""
            for pat in patterns:
                formulas += body.count(pat)
            if b"mergeCell" in body:
                merges.extend(m.group(1).decode("utf-8", "replace") for m in _MERGE_RE.finditer(body))
            if want_range:
                found = cell_re.findall(body)
                if found:
                    letters.update(found)
                    n_refs += len(found)
                    if first_row is None:
                        m = cell_ref_re.search(body)
                        first_row = int(m.group(1)) if m else None
                    pos = len(body)
                    while pos > 0:
                        pos = body.rfind(cell_tags[0], 0, pos)
                        if pos < 0:
                            break
                        m = cell_ref_re.match(body, pos)
                        if m:
                            last_row = int(m.group(1))
                            break
                for tag in cell_tags:
                    n_cells += body.count(tag)
            if not chunk:
                break
    if not want_range:
        return merges, formulas, None, False
    if n_refs < n_cells or (n_refs and (first_row is None or last_row is None)):
        return merges, formulas, None, True
    if not n_refs:
        return merges, formulas, None, False
    cols = [_col_index(x.decode("ascii")) for x in letters]
    return merges, formulas, (min(cols), min(first_row, last_row), max(cols), max(first_row, last_row)), False


def _scan_sheet_xml(z, part):
    """Used range, merged ranges and formula count by a streaming parse (for sheets without a
    usable <dimension>). Rows are dropped from the tree as soon as they are read."""
    merges = []
    formulas = 0
    min_r = min_c = max_r = max_c = None
    sheet_data = None
    row_no = 0
    col_no = 0
    with z.open(part) as fh:
        for event, el in ET.iterparse(fh, events=("start", "end")):
            tag = _local(el.tag)
            if event == "start":
                if tag == "row":
                    row_no = _int(el.get("r"), row_no + 1)
                    col_no = 0
                elif tag == "sheetData":
                    sheet_data = el
                continue
            if tag == "c":
                ref = el.get("r")
                rc = _parse_cell(ref) if ref else None
                if rc is not None:
                    col_no, r = rc
                else:
                    col_no, r = col_no + 1, row_no
                if len(el):  # a cell with a value, formula or inline string (not just a style)
                    if min_r is None:
                        min_r = max_r = r
                        min_c = max_c = col_no
                    else:
                        if r < min_r:
                            min_r = r
                        if r > max_r:
                            max_r = r
                        if col_no < min_c:
                            min_c = col_no
                        if col_no > max_c:
                            max_c = col_no
            elif tag == "f":
                formulas += 1
            elif tag == "row":
                if sheet_data is not None:
                    sheet_data.clear()
                else:
                    el.clear()
            elif tag == "mergeCell":
                ref = el.get("ref")
                if ref:
                    merges.append(ref)
    dims = None if min_r is None else (min_c, min_r, max_c, max_r)
    return dims, merges, formulas
