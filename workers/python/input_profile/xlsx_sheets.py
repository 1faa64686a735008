"""The profile of an .xlsx/.xlsm workbook: one SheetProfile per sheet, and the workbook's warnings.

Puts the parts together: the structure and sheet scans from the zip (xlsx_parts.py), the first
rows of each sheet through openpyxl in read-only mode (with cached formula results when there
are formulas), and the column analysis (columns.py) over those rows.
"""

import zipfile

from .cells import _parse_range, _range_below, _range_has_row, _range_str
from .columns import _analyse, _detect_header, _value_warnings
from .limits import DAMAGED_XLSX, HEADER_WINDOW, MAX_COLUMNS, MAX_MERGED_LISTED, ProfileError, _empty_sheet, _short
from .values import _classify_cell, _header_name, _is_blank, _is_formula, _sample_value, _xlsx_is_text
from .xlsx_parts import (
    _Zip, _check_xml_parts, _check_zip_safety, _read_dimension, _read_structure, _scan_sheet_bytes, _scan_sheet_xml,
)


def _load_openpyxl(fh, data_only):
    """load_workbook read-only without openpyxl's per-sheet size probe.

    openpyxl probes each sheet's <dimension> when it loads; for a sheet without one (streaming
    writers omit it) the probe parses the whole sheet and keeps every row element, which is slow
    and large for a 1,000,000-row sheet. We read dimensions ourselves and always pass explicit
    bounds to iter_rows, so the probe is switched off for the duration of the load.
    """
    import warnings
    from openpyxl import load_workbook
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet
    original = ReadOnlyWorksheet.__dict__.get("_get_size")
    if original is not None:
        ReadOnlyWorksheet._get_size = lambda self: None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return load_workbook(fh, read_only=True, data_only=data_only, keep_links=False)
    finally:
        if original is not None:
            ReadOnlyWorksheet._get_size = original


class _Workbook(object):
    """The openpyxl read-only workbooks of one file, opened lazily, closed together."""

    def __init__(self, path):
        self.path = path
        self._handles = []
        self._books = {}

    def get(self, data_only):
        if data_only not in self._books:
            fh = open(self.path, "rb")
            self._handles.append(fh)
            self._books[data_only] = _load_openpyxl(fh, data_only)
        return self._books[data_only]

    def close(self):
        for wb in self._books.values():
            try:
                wb.close()
            except Exception:
                pass
        for fh in self._handles:
            fh.close()


def _profile_xlsx(path, prof, sample_rows, scan_rows):
    try:
        zf = zipfile.ZipFile(path, "r")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise ProfileError(DAMAGED_XLSX)
    books = _Workbook(path)
    try:
        z = _Zip(zf)
        _check_zip_safety(zf)
        _check_xml_parts(z)
        sheets, defined, has_vba, external_links = _read_structure(z)
        ct = z.find("[Content_Types].xml")
        if ct and b"macroEnabled" in z.read(ct):
            prof["format"] = "xlsm"
        prof["hasVba"] = has_vba
        prof["definedNames"] = defined
        warnings = prof["warnings"]
        if has_vba:
            warnings.append("The workbook contains VBA macros; they are never run here, and a new file written "
                            "with openpyxl keeps them only if saved as .xlsm with keep_vba=True.")
        if external_links:
            warnings.append("The workbook links to other workbooks (external links); values from them may be stale.")
        try:
            wb = books.get(False)
        except ProfileError:
            raise
        except Exception as exc:
            raise ProfileError("openpyxl could not read this workbook (%s). Open it in Excel and save it again "
                               "as .xlsx, then add it again." % _short(exc))
        for meta in sheets:
            prof["sheets"].append(_profile_sheet(z, books, wb, meta, warnings, sample_rows, scan_rows))
        if all(s["rowCount"] == 0 for s in prof["sheets"]):
            warnings.append("The workbook has no data: %s." % ("every sheet is empty" if prof["sheets"]
                                                                 else "it has no sheets"))
    finally:
        books.close()
        zf.close()


def _profile_sheet(z, books, wb, meta, warnings, sample_rows, scan_rows):
    name = meta["name"]
    sheet = _empty_sheet(name, meta["state"])
    sheet["tables"] = [{k: t[k] for k in ("name", "ref", "columns", "rowCount")} for t in meta["tables"]]
    if meta["state"] == "hidden":
        warnings.append("Sheet '%s' is hidden." % name)
    elif meta["state"] == "veryHidden":
        warnings.append("Sheet '%s' is very hidden (it can only be shown from VBA)." % name)
    if meta["kind"] != "worksheet":
        warnings.append("Sheet '%s' is a %s; it has no cells to profile."
                        % (name, "chart sheet" if meta["kind"] == "chartsheet" else "macro or dialog sheet"))
        return sheet
    if not meta["part"]:
        warnings.append("Sheet '%s' is listed in the workbook but its data is missing." % name)
        return sheet

    dims = _read_dimension(z, meta["part"])
    if dims is None or (dims[0] == dims[2] == 1 and dims[1] == dims[3] == 1):
        # Missing or "A1": streaming writers often leave it out; find the real used range.
        merges, formula_count, dims, need_parse = _scan_sheet_bytes(z, meta["part"], want_range=True)
        if need_parse:
            dims, merges, formula_count = _scan_sheet_xml(z, meta["part"])
    else:
        merges, formula_count, _dims, _ = _scan_sheet_bytes(z, meta["part"])
    sheet["formulaCount"] = formula_count
    sheet["mergedCells"] = merges[:MAX_MERGED_LISTED]
    if len(merges) > MAX_MERGED_LISTED:
        warnings.append("Sheet '%s' has %s merged ranges; only the first %d are listed."
                        % (name, format(len(merges), ","), MAX_MERGED_LISTED))
    if dims is None:
        return sheet
    c0, r0, c1, r1 = dims
    sheet["dimensions"] = _range_str(dims)
    sheet["rowCount"] = r1 - r0 + 1
    sheet["columnCount"] = c1 - c0 + 1

    try:
        ws = wb[name]
    except KeyError:
        warnings.append("Sheet '%s' could not be opened by openpyxl; only its structure is listed." % name)
        return sheet
    if not hasattr(ws, "iter_rows"):
        return sheet

    read_c1 = min(c1, c0 + MAX_COLUMNS - 1)
    if read_c1 < c1:
        warnings.append("Sheet '%s' is %s columns wide; only the first %d were profiled."
                        % (name, format(c1 - c0 + 1, ","), MAX_COLUMNS))
    hint = None
    for t in meta["tables"]:
        if t["_headerRow"] is not None:
            hint = t["_headerRow"]
            break
    if hint is not None and r0 <= hint <= r1:
        last = min(r1, hint + scan_rows)
    else:
        hint = None
        last = min(r1, r0 + HEADER_WINDOW + scan_rows - 1)
    rows = [list(r) for r in ws.iter_rows(min_row=r0, max_row=last, min_col=c0, max_col=read_c1,
                                          values_only=True)]
    cached = {}
    if any(_is_formula(v) for row in rows for v in row):
        try:
            wb2 = books.get(True)
            ws2 = wb2[name]
            for i, row in enumerate(ws2.iter_rows(min_row=r0, max_row=last, min_col=c0, max_col=read_c1,
                                                  values_only=True)):
                if i >= len(rows):
                    break
                for j, v in enumerate(row):
                    if j < len(rows[i]) and _is_formula(rows[i][j]):
                        cached[(i, j)] = v
        except Exception:
            cached = {}

    header_idx = (hint - r0) if hint is not None else _detect_header(rows, _xlsx_is_text, last < r1)
    result = _analyse(rows, header_idx, _classify_cell, _sample_value, _header_name, cached,
                      sample_rows, scan_rows, c0, letters=True)
    sheet["headerRow"] = (r0 + header_idx) if header_idx is not None else None
    sheet["columns"] = result["columns"]
    sheet["sampleRows"] = result["sampleRows"]
    sheet["scannedRows"] = result["scanned"]
    sheet["duplicateRows"] = result["duplicateRows"]

    data_total = r1 - (sheet["headerRow"] if sheet["headerRow"] is not None else r0 - 1)
    if result["scanned"] < data_total:
        warnings.append("Sheet '%s': types were inferred from the first %s of %s rows."
                        % (name, format(result["scanned"], ","), format(data_total, ",")))
    warnings.extend(_value_warnings("Sheet '%s'" % name, result))
    if sheet["headerRow"] is None and merges and _only_merged_titles(rows, merges, c0, r0):
        warnings.append("Sheet '%s' has only merged titles or headers (%s) and no data rows; there is nothing "
                        "in it to compute from." % (name, ", ".join(merges[:5])))
    if formula_count:
        cols = result["formulaColumns"]
        where = (" (columns: %s)" % ", ".join(cols[:10])) if cols else ""
        warnings.append("Sheet '%s' has %s formula cells%s; Python sees the formula text (or the result Excel "
                        "last saved), and nothing is recalculated." % (name, format(formula_count, ","), where))
    if merges:
        header_row = sheet["headerRow"]
        in_header = [m for m in merges if header_row is not None and _range_has_row(m, header_row)]
        if in_header:
            warnings.append("Sheet '%s' has merged cells in its header row (%s); merged cells keep their value "
                            "only in the top-left cell." % (name, ", ".join(in_header[:5])))
        elif header_row is not None and any(_range_below(m, header_row) for m in merges):
            warnings.append("Sheet '%s' has merged cells in its data; merged cells keep their value only in "
                            "the top-left cell." % name)
    return sheet


def _only_merged_titles(rows, merges, c0, r0):
    """True when every non-empty cell read is the top-left cell of a merged range."""
    corners = set()
    for m in merges:
        box = _parse_range(m)
        if box is not None:
            corners.add((box[1] - r0, box[0] - c0))
    filled = [(i, j) for i, row in enumerate(rows) for j, v in enumerate(row) if not _is_blank(v)]
    return bool(filled) and all(cell in corners for cell in filled)
