"""openpyxl's write-only worksheets served by the fast writer, with the file openpyxl writes.

In WebAssembly openpyxl spends most of a big write in building XML elements (without lxml
it even keeps a write-only sheet's whole tree until it is saved). Here ``append`` keeps the
rows it is given and hands them, in batches of JSON (encoded at C speed), to
workers/xlsx/python-writer.ts, which writes openpyxl's XML for them and compresses it outside
the interpreter's heap; ``save`` lets openpyxl write the workbook as usual (styles, tables,
everything but the rows), then the rows are put into the file.

What is written the same way is served: rows of int, float, str, bool, None, datetime, date
and time values. Any other row (cells with styles or comments, Decimal, numpy numbers, a
value openpyxl refuses) is written by openpyxl's own code when it is appended, and so is a
row the JavaScript side does not take (text with characters openpyxl refuses or longer than
a cell holds, a row with its own dimensions), so its result or error is openpyxl's; the one
difference is when such an error is raised: at the end of the batch, not at that append.
"""

import datetime
import json
import os
import secrets
import shutil
from inspect import isgenerator
from io import BytesIO

import openpyxl.workbook.workbook as _workbook_module
import openpyxl.writer.excel as _excel_module
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils.datetime import to_excel
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.xml.functions import xmlfile

BATCH_ROWS = 4096
_PLAIN = frozenset({int, float, str, bool, type(None), datetime.datetime, datetime.date, datetime.time})
_DATES = (datetime.datetime, datetime.date, datetime.time)

_writer = None
_marker = None
_original_append = WriteOnlyWorksheet.append
_original_close = WriteOnlyWorksheet.close
_original_save_workbook = _excel_module.save_workbook


def install(writer):
    """Takes the writer's functions and patches openpyxl once. The marker tells the rows'
    dates from any list a row could hold: it is new at every start."""
    global _writer, _marker
    _writer = writer
    _marker = secrets.token_hex(16)
    WriteOnlyWorksheet.append = _append
    WriteOnlyWorksheet.close = _close
    _excel_module.save_workbook = _save_workbook
    _workbook_module.save_workbook = _save_workbook


class _FastRows:
    """One worksheet's rows on their way to the writer."""

    def __init__(self, ws, sheet):
        self.ws = ws
        self.sheet = sheet
        self.rows = []
        self.next_row = 1
        self.styles = {}
        self.broken = False

    def add(self, values):
        self.rows.append(values)
        if len(self.rows) >= BATCH_ROWS:
            self.flush()

    def add_by_openpyxl(self, values):
        """A row openpyxl writes now, after the rows kept before it."""
        self.flush()
        self.rows.append(values)
        self.flush(everything_by_openpyxl=True)

    def flush(self, everything_by_openpyxl=False):
        rows, self.rows = self.rows, []
        if not rows:
            return
        first = self.next_row
        self.next_row += len(rows)
        text = None if everything_by_openpyxl else self._json(rows)
        dimensions = self.ws.row_dimensions
        forced = [r - first for r in dimensions if first <= r < first + len(rows)] if dimensions else []
        unserved = json.loads(_writer.add_rows(self.sheet, text, len(rows), first, json.dumps(forced)))
        for index in unserved:
            try:
                xml = _openpyxl_row(self.ws, rows[index], first + index)
            except BaseException:
                # As openpyxl: the rows before this one are written, no row after it.
                _writer.commit(self.sheet, index)
                self.broken = True
                raise
            _writer.put_row(self.sheet, index, xml)
        if unserved:
            _writer.commit(self.sheet)

    def _json(self, rows):
        try:
            return json.dumps(rows, ensure_ascii=False, separators=(",", ":"), check_circular=False, default=self._date)
        except (TypeError, ValueError, RecursionError):
            return None

    def _date(self, value):
        """A date or time as the writer takes it: [marker, style id, serial], as openpyxl makes them."""
        ws = self.ws
        if type(value) not in _DATES or getattr(value, "tzinfo", None) is not None or ws.parent.iso_dates:
            return [_marker, "openpyxl"]
        style = self.styles.get(type(value))
        if style is None:
            style = self.styles[type(value)] = WriteOnlyCell(ws, value).style_id
        return [_marker, style, to_excel(value, ws.parent.epoch)]


def _openpyxl_row(ws, values, row_idx):
    """The row's XML as openpyxl's write-only worksheet writes it (and registers its styles,
    comments and hyperlinks), or openpyxl's error for it."""
    out = BytesIO()
    with xmlfile(out) as xf:
        ws._writer.write_row(xf, ws._values_to_row(values, row_idx), row_idx)
    return out.getvalue().decode("utf-8")


def _fast_rows(ws):
    """The worksheet's _FastRows, made at its first row; False when it is written by openpyxl alone."""
    fast = ws.__dict__.get("_fast_rows")
    if fast is None:
        fast = False
        if _writer is not None and not ws.closed and ws._rows is None:
            ws._get_writer()  # openpyxl's writer and its start, as at any first row
            fast = _FastRows(ws, _writer.begin_sheet(_marker))
        ws.__dict__["_fast_rows"] = fast
    return fast


def _append(self, row):
    fast = _fast_rows(self)
    if fast is False or self.closed:
        return _original_append(self, row)  # after the save: openpyxl's own error
    if not isgenerator(row) and not isinstance(row, (list, tuple, range)):
        self._invalid_row(row)
    if fast.broken:
        raise StopIteration  # as openpyxl's row writer after it failed
    values = tuple(row)
    if _PLAIN.issuperset(map(type, values)):
        fast.add(values)
    else:
        fast.add_by_openpyxl(values)


def _close(self):
    fast = self.__dict__.get("_fast_rows")
    if fast and not self.closed:
        fast.flush()
        # An empty <sheetData/> from openpyxl's own row writer: the rows are put in at save.
        self._rows = self._write_rows()
        next(self._rows)
    _original_close(self)


def _save_workbook(workbook, filename):
    fast = [ws for ws in workbook._sheets if ws.__dict__.get("_fast_rows")]
    if not fast:
        return _original_save_workbook(workbook, filename)
    own = "/tmp/xlsx-fast-%s.xlsx" % secrets.token_hex(16)
    try:
        _original_save_workbook(workbook, own)
        _writer.finish(own, json.dumps([[ws.path[1:], ws._fast_rows.sheet] for ws in fast]))
        if isinstance(filename, (str, bytes, os.PathLike)):
            shutil.copyfile(own, filename)
        else:
            with open(own, "rb") as src:
                shutil.copyfileobj(src, filename)
    finally:
        for ws in fast:
            _writer.discard(ws._fast_rows.sheet)
        if os.path.exists(own):
            os.remove(own)
    return True
