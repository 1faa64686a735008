"""openpyxl's write-only worksheets served by the fast writer, with the file openpyxl writes.

In WebAssembly openpyxl spends most of a big write in building XML elements (without lxml
it even keeps a write-only sheet's whole tree until it is saved). Here ``append`` encodes
each row as JSON (at C speed) and hands the rows in batches to
workers/xlsx/python-writer.ts, which writes openpyxl's XML for them; zlib compresses that
XML as it comes, so a sheet is kept compressed. ``save`` lets openpyxl write the workbook
as usual (styles, tables, everything but the rows), then the rows are put into the file.

Rows of plain values are served: int, float, str, bool, None, datetime, date, time (and
what JSON writes as those: their subclasses). Any other row is written by openpyxl's own
code at its append, so its result or error is openpyxl's, at the same moment: cells (with
styles, comments, hyperlinks), Decimal, numpy numbers, timezones, text with a character
openpyxl refuses, nested lists, a row with its own height.
"""

import datetime
import json
import os
import re
import secrets
import shutil
import zipfile
import zlib
from inspect import isgenerator
from io import BytesIO
from json.encoder import c_make_encoder, encode_basestring

import openpyxl.workbook.workbook as _workbook_module
import openpyxl.writer.excel as _excel_module
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils.datetime import to_excel
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.xml.functions import xmlfile

BATCH_ROWS = 4096
_DATES = (datetime.datetime, datetime.date, datetime.time)
# In a row's JSON: an escaped control character (\u00XX, \b, \f: openpyxl refuses most) or
# an object. Lists are counted: the row's own and one per date.
_NOT_PLAIN = re.compile(r"\\u00|\\[bf]|\{").search
_EMPTY_SHEET_DATA = re.compile(rb"<sheetData\s*/>|<sheetData></sheetData>")

_writer = None
_original_append = WriteOnlyWorksheet.append
_original_close = WriteOnlyWorksheet.close
_original_save_workbook = _excel_module.save_workbook


def install(writer):
    """Takes the writer's functions and patches openpyxl once."""
    global _writer
    _writer = writer
    WriteOnlyWorksheet.append = _append
    WriteOnlyWorksheet.close = _close
    _excel_module.save_workbook = _save_workbook
    _workbook_module.save_workbook = _save_workbook


class _NotPlain(Exception):
    """A value openpyxl writes itself."""


class _FastRows:
    """One worksheet's rows on their way to the writer, and their compressed XML."""

    def __init__(self, ws):
        self.ws = ws
        self.batch = []
        self.next_row = 1
        self.broken = False
        self.styles = {}
        self.dates = {}
        self.lists = 0
        self.compressor = zlib.compressobj(1, zlib.DEFLATED, -15)
        self.crc = 0
        self.size = 0
        self.chunks = []
        self._encode = _row_encoder(self._date)
        self._compress(b"<sheetData>")

    def append(self, values):
        try:
            self.lists = 1
            text = self._encode(values)
            if text.count("[") != self.lists or _NOT_PLAIN(text) or (self.ws.row_dimensions and self.next_row + len(self.batch) in self.ws.row_dimensions):
                raise _NotPlain
        except Exception:  # _NotPlain, or what json refuses (a dict with odd keys...): openpyxl's to write
            self.append_by_openpyxl(values)
            return
        self.batch.append(text)
        if len(self.batch) >= BATCH_ROWS:
            self.flush()

    def append_by_openpyxl(self, values):
        """A row openpyxl writes now, after the rows before it, raising what openpyxl raises."""
        self.flush()
        try:
            xml = _openpyxl_row(self.ws, values, self.next_row)
        except BaseException:
            self.broken = True  # as openpyxl's row writer, which takes no row after it failed
            raise
        self.next_row += 1
        self._compress(xml)

    def flush(self):
        """The kept rows, written by the fast writer."""
        if self.batch:
            xml = _writer.rows_xml("[" + ",".join(self.batch) + "]", self.next_row).to_bytes()
            self.next_row += len(self.batch)
            self.batch = []
            self._compress(xml)

    def finish(self, tail, path):
        """Ends the rows with the part's tail (openpyxl's XML after its empty sheetData) into ``path``."""
        self._compress(b"</sheetData>" + tail)
        self.chunks.append(self.compressor.flush())
        with open(path, "wb") as out:
            for chunk in self.chunks:
                out.write(chunk)
        self.chunks = []

    def _compress(self, xml):
        self.crc = zlib.crc32(xml, self.crc)
        self.size += len(xml)
        self.chunks.append(self.compressor.compress(xml))

    def _date(self, value):
        """A date or time as the writer takes it, [style id, serial], as openpyxl makes them; else _NotPlain."""
        known = self.dates.get(value) if type(value) in _DATES else None
        if known is None:
            if type(value) not in _DATES or getattr(value, "tzinfo", None) is not None or self.ws.parent.iso_dates:
                raise _NotPlain
            style = self.styles.get(type(value))
            if style is None:
                style = self.styles[type(value)] = WriteOnlyCell(self.ws, value).style_id
            known = self.dates[value] = [style, to_excel(value, self.ws.parent.epoch)]
        self.lists += 1
        return known


def _row_encoder(default):
    """json.dumps(row, ensure_ascii=False, separators=(",", ":"), default=default), without
    building an encoder at every row."""
    if c_make_encoder is None:
        encoder = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False, default=default)
        return encoder.encode
    make = c_make_encoder(None, default, encode_basestring, None, ":", ",", False, False, True)
    return lambda row: "".join(make(row, 0))


def _openpyxl_row(ws, values, row_idx):
    """The row's XML as openpyxl's write-only worksheet writes it (and registers its styles,
    comments and hyperlinks), or openpyxl's error for it."""
    out = BytesIO()
    with xmlfile(out) as xf:
        ws._writer.write_row(xf, ws._values_to_row(values, row_idx), row_idx)
    return out.getvalue()


def _fast_rows(ws):
    """The worksheet's _FastRows, made at its first row; False when it is written by openpyxl alone."""
    fast = ws.__dict__.get("_fast_rows")
    if fast is None:
        fast = False
        if _writer is not None and not ws.closed and ws._rows is None:
            ws._get_writer()  # openpyxl's writer and its start, as at any first row
            fast = _FastRows(ws)
        ws.__dict__["_fast_rows"] = fast
    return fast


def _append(self, row):
    fast = _fast_rows(self)
    if fast is False or self.closed:
        return _original_append(self, row)  # after the save: openpyxl's own error
    if type(row) is not list and type(row) is not tuple:
        if not isgenerator(row) and not isinstance(row, (list, tuple, range)):
            self._invalid_row(row)
        row = tuple(row)
    if fast.broken:
        raise StopIteration  # as openpyxl's row writer after it failed
    fast.append(row)


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
    own = "/tmp/xlsx-fast-%s" % secrets.token_hex(16)
    written = [own + ".xlsx"]
    try:
        _original_save_workbook(workbook, own + ".xlsx")
        finished = []
        with zipfile.ZipFile(own + ".xlsx") as saved:
            for n, ws in enumerate(fast):
                part = saved.read(ws.path[1:])
                empty = _EMPTY_SHEET_DATA.search(part)
                rows_file = "%s-%d.rows" % (own, n)
                written.append(rows_file)
                ws._fast_rows.finish(part[empty.end():], rows_file)
                finished.append([ws.path[1:], empty.start(), rows_file, ws._fast_rows.crc, ws._fast_rows.size])
        _writer.finish(own + ".xlsx", json.dumps(finished))
        if isinstance(filename, (str, bytes, os.PathLike)):
            shutil.copyfile(own + ".xlsx", filename)
        else:
            with open(own + ".xlsx", "rb") as src:
                shutil.copyfileobj(src, filename)
    finally:
        for path in written:
            if os.path.exists(path):
                os.remove(path)
    return True
