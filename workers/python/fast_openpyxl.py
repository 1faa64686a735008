"""openpyxl's reading served by the fast reader where the result is the same.

Two places where openpyxl spends its time in WebAssembly parsing XML are taken over, for
workbooks under /input opened by path:

- ``load_workbook`` reading the shared strings (every mode);
- a read-only worksheet's size when its ``<dimension>`` is missing (as in files openpyxl's
  write-only mode writes), which openpyxl finds by parsing the whole sheet;
- ``iter_rows()``, ``.rows``, ``iter_rows(values_only=True)`` and ``.values`` of a
  read-only worksheet, the way model code and ``pandas.read_excel`` read big tables
  (``load_workbook(path, read_only=True)``): values, or ReadOnlyCell objects made as
  openpyxl makes them (row, column, value, data_type, style).

The rows come from workers/xlsx (JavaScript, outside the interpreter) through
xlsx_fast.FastSheet, which shapes them as openpyxl does and was checked against it value
for value. Whatever is not served (formulas' text when data_only
is off, a file opened from bytes, a part the reader refuses) goes to openpyxl unchanged,
and so does any failure of the reader: openpyxl then gives its own result or error.
"""

import json
import os
import re

from openpyxl.reader.excel import ExcelReader
from openpyxl.utils.cell import range_boundaries
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.xml.constants import SHARED_STRINGS

import xlsx_fast

_reader = None
_original_read_strings = ExcelReader.read_strings
_original_iter_rows = ReadOnlyWorksheet.iter_rows
_original_get_size = ReadOnlyWorksheet._get_size


def install(reader):
    """Takes the reader's functions (read_sheet, read_strings) and patches openpyxl once."""
    global _reader
    _reader = reader
    ExcelReader.read_strings = _read_strings
    ReadOnlyWorksheet.iter_rows = _iter_rows
    ReadOnlyWorksheet._get_size = _get_size


def _input_path(archive):
    """The workbook's path when it is a file in /input opened by name, else None."""
    name = getattr(archive, "filename", None)
    if not isinstance(name, str):
        return None
    path = os.path.realpath(name)
    return path if os.path.dirname(path) == "/input" else None


def _bytes(answer):
    """The reader's answer (a JavaScript Uint8Array) as Python bytes, copied out of it."""
    return answer.to_bytes()


def _read_strings(self):
    path = _input_path(self.archive)
    ct = self.package.find(SHARED_STRINGS)
    if _reader is None or path is None or ct is None:
        return _original_read_strings(self)
    try:
        strings = json.loads(_bytes(_reader.read_strings(path, ct.PartName[1:])))
    except Exception:  # the reader refused or failed: openpyxl reads it, with its own errors
        return _original_read_strings(self)
    self.shared_strings = strings


def _iter_rows(self, min_row=None, max_row=None, min_col=None, max_col=None, values_only=False):
    if self._current_row != 0:
        fast = _fast_sheet(self)
        if fast is not None:
            try:
                return fast.iter_rows(min_row, max_row, min_col, max_col, size=(self.max_column, self.max_row), cells_of=None if values_only else self)
            except xlsx_fast.NotServed:
                pass
    return _original_iter_rows(self, min_row, max_row, min_col, max_col, values_only)


_HEAD_BYTES = 64 * 1024
_DIMENSION_FIRST = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(dimension|sheetData)[\s>/]")


def _get_size(self):
    """ReadOnlyWorksheet._get_size: openpyxl's own when the sheet states its <dimension>
    before its data (it stops reading there: cheap, and no sheet is read that the code never
    uses); otherwise openpyxl would parse the whole sheet to find none, and the reader's
    cells, read once for the rows too, say the same."""
    if _dimension_comes_first(self):
        return _original_get_size(self)
    cells = _cells(self)
    if cells is None:
        return _original_get_size(self)
    if cells["dimension"] is not None:
        self._min_column, self._min_row, self._max_column, self._max_row = range_boundaries(cells["dimension"])


def _dimension_comes_first(ws):
    """True when the sheet's first 64 KB name a <dimension> before <sheetData> (read through openpyxl's own archive)."""
    try:
        with ws.parent._archive.open(ws._worksheet_path) as src:
            head = src.read(_HEAD_BYTES)
    except Exception:
        return True  # openpyxl's own reading will say what is wrong
    found = _DIMENSION_FIRST.search(head)
    return found is not None and found.group(1) == b"dimension"


def _cells(ws):
    """The worksheet's cells from the reader, read once per worksheet object; None: use openpyxl."""
    cached = ws.__dict__.get("_fast_cells", False)
    if cached is not False:
        return cached
    cells = None
    path = _input_path(ws.parent._archive) if _reader is not None else None
    if path is not None:
        try:
            cells = xlsx_fast.unpack_cells(_bytes(_reader.read_sheet(path, ws._worksheet_path)))
        except Exception:  # the reader refused or failed: openpyxl reads it, with its own errors
            cells = None
    ws.__dict__["_fast_cells"] = cells
    return cells


def formula_texts(ws):
    """(row, column, text) of the read-only worksheet's cells whose value (formulas read as
    text) is text starting with "=", within its size, in order, as iterating its rows would
    find them; None when the reader does not serve it (the caller iterates the rows)."""
    path = _input_path(ws.parent._archive) if _reader is not None else None
    if path is None:
        return None
    shared = [[i, s] for i, s in enumerate(ws._shared_strings) if isinstance(s, str) and s.startswith("=")]
    try:
        answer = json.loads(_bytes(_reader.formula_texts(path, ws._worksheet_path, json.dumps(shared))))
    except Exception:  # the reader refused or failed: the caller reads the rows with openpyxl
        return None
    if answer["formulas"]:
        return None  # a formula's text is openpyxl's to give
    max_row, max_col = ws.max_row, ws.max_column
    return [(r, c, t) for r, c, t in answer["cells"] if (max_row is None or r <= max_row) and (max_col is None or c <= max_col)]


def _fast_sheet(ws):
    """The rows as openpyxl would give them, or None when the fast path does not serve this sheet."""
    cells = _cells(ws)
    if cells is None:
        return None
    try:
        return xlsx_fast.FastSheet(cells, ws._shared_strings, ws.parent._date_formats, ws.parent.epoch, data_only=ws.parent.data_only)
    except xlsx_fast.NotServed:
        return None
