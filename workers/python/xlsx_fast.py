"""Rows of a sheet read by the JavaScript reader (workers/xlsx/read-xlsx.ts), exactly as
openpyxl's read-only mode gives them with ``iter_rows(values_only=True)``.

The reader hands over every cell as typed arrays (kind, column, number, text index, style);
this module turns them into values with openpyxl's own rules and functions (``_cast_number``,
the stylesheet's date and timedelta formats, ``from_excel``, ``from_ISO8601``) and shapes
the rows as ``ReadOnlyWorksheet._cells_by_row`` does (missing rows and cells filled with
None, the ``<dimension>`` bounding them). What it cannot serve the same way, formulas'
text when ``data_only`` is off, raises ``NotServed`` so the caller uses openpyxl itself.
The XML is never parsed here: that is the slow part in WebAssembly.
"""

import json
import struct
from array import array
from itertools import repeat
from warnings import warn

from openpyxl.cell.read_only import EMPTY_CELL, ReadOnlyCell
from openpyxl.utils.cell import get_column_letter, range_boundaries
from openpyxl.utils.datetime import from_excel, from_ISO8601

# Cell kinds, as workers/xlsx/read-xlsx.ts CellKind.
EMPTY, INT, FLOAT, SHARED, TEXT, BOOL, ERROR, ISODATE, BIGINT = range(9)
HAS_FORMULA = 0x80
# A cell's t attribute, as workers/xlsx/sheet-cells.ts TYPE_CODES; 7 is any other value.
TYPE_NAMES = ("n", "s", "b", "str", "inlineStr", "e", "d")
OTHER_TYPE = 7


_WITHOUT_FORMULA_FLAG = bytes(i & 0x7F for i in range(256))
_IS_INT = bytes(1 if i == INT else 0 for i in range(256))
# Rows asked for, at least, to read them a column at a time (a header and one row).
DENSE_ROWS = 2


class NotServed(Exception):
    """The fast path would not give openpyxl's result: read with openpyxl instead."""


def unpack_cells(data):
    """The cells workers/xlsx/pack-cells.ts packed, as arrays: about 21 bytes a cell, where
    lists of Python numbers would take three times that (a big sheet must fit the memory cap)."""
    (length,) = struct.unpack_from("<I", data, 0)
    header = json.loads(bytes(data[4:4 + length]).decode("utf-8"))
    n, rows = header["count"], header["rows"]
    at = (4 + length + 7) & ~7

    def take(code, count, width):
        nonlocal at
        values = array(code)
        values.frombytes(bytes(data[at:at + count * width]))
        at += count * width
        return values

    num = take("d", n, 8)
    column, text, style = take("i", n, 4), take("i", n, 4), take("i", n, 4)
    row_numbers, row_starts = take("i", rows, 4), take("i", rows, 4)
    cell_row = take("i", n, 4)
    kind = bytes(data[at:at + n]).translate(_WITHOUT_FORMULA_FLAG)
    types = bytes(data[at + n:at + 2 * n])
    return {"dimension": header["dimension"], "count": n, "formulas": header["formulas"], "texts": header["texts"],
            "num": num, "column": column, "text": text, "style": style, "kind": kind,
            "rowNumbers": row_numbers, "rowStarts": row_starts, "row": cell_row, "type": types}


class FastSheet:
    """One sheet's cells from the reader, giving openpyxl's read-only rows.

    ``shared_strings``, ``date_formats`` and ``epoch`` are the workbook's as openpyxl loaded
    them (its shared strings, ``wb._date_formats``, ``wb.epoch``), so dates are told apart
    by openpyxl's own stylesheet code. Read-only sheets are parsed without timedelta formats:
    "[h]:mm" reads as a datetime there, and here.
    """

    def __init__(self, cells, shared_strings, date_formats, epoch, data_only=True):
        if not data_only and cells["formulas"]:
            raise NotServed("formulas are read as text when data_only is off")
        self.cells = cells
        self.shared_strings = shared_strings
        self.date_formats = date_formats
        self.epoch = epoch
        self._dates = {}
        self.min_column = self.min_row = 1
        self.max_column = self.max_row = None
        if cells["dimension"] is not None:
            self.min_column, self.min_row, self.max_column, self.max_row = range_boundaries(cells["dimension"])

    def iter_rows(self, min_row=None, max_row=None, min_col=None, max_col=None, size=None, cells_of=None):
        """Worksheet.iter_rows(values_only=True) on a read-only sheet, or with ``cells_of`` (the
        worksheet) its ReadOnlyCell objects as openpyxl makes them; ``size`` is the worksheet's
        (max_column, max_row) when it differs from the <dimension> (reset_dimensions)."""
        if cells_of is not None and OTHER_TYPE in self.cells["type"]:
            raise NotServed("a cell type openpyxl keeps as written")
        sheet_max_col, sheet_max_row = size if size is not None else (self.max_column, self.max_row)
        min_col = min_col or 1
        min_row = min_row or 1
        max_col = max_col or sheet_max_col
        max_row = max_row or sheet_max_row
        if cells_of is None:
            rows = self._dense_rows(min_col, min_row, max_col, max_row)
            if rows is not None:
                return iter(rows)
        return self._cells_by_row(min_col, min_row, max_col, max_row, cells_of)

    @property
    def values(self):
        yield from self.iter_rows()

    def _cells_by_row(self, min_col, min_row, max_col, max_row, ws=None):
        filler = None if ws is None else EMPTY_CELL
        empty_row = []
        if max_col is not None:
            empty_row = (filler,) * (max_col + 1 - min_col)
        counter = min_row
        idx = 1
        cells = self.cells
        numbers, starts, column = cells["rowNumbers"], cells["rowStarts"], cells["column"]
        total = cells["count"]
        full = list(range(min_col, max_col + 1)) if max_col is not None else None  # a row with every cell, in order
        for r, idx in enumerate(numbers):
            if max_row is not None and idx > max_row:
                break
            for _ in range(counter, idx):
                counter += 1
                yield empty_row
            start = starts[r]
            end = starts[r + 1] if r + 1 < len(starts) else total
            if ws is None:
                values = self._row_values(start, end, idx)
            else:
                types = []
                values = self._row_values(start, end, idx, types)
                values = [ReadOnlyCell(ws, r, c, v, t, s) for r, c, v, t, s in zip(cells["row"][start:end], column[start:end], values, types, cells["style"][start:end])]
            if counter <= idx:
                yield _get_row(column[start:end], values, min_col, max_col, full, filler)
                counter += 1
        if max_row is not None and max_row < idx:
            for _ in range(counter, max_row + 1):
                yield empty_row

    def _dense_rows(self, min_col, min_row, max_col, max_row):
        """The rows _cells_by_row gives, made a column at a time by C-speed list operations,
        when every row from min_row to max_row holds exactly the cells min_col..max_col, in
        order (a table, a sheet written by a program); else None. The first row (headers)
        and any column whose cells are not all of one kind go cell by cell as there."""
        cells = self.cells
        numbers, starts = cells["rowNumbers"], cells["rowStarts"]
        try:
            first = numbers.index(min_row)
        except ValueError:
            return None
        # No size (a sheet without <dimension>): every row as written, to its last cell; dense,
        # that is the rectangle from min_row to the last row, as wide as the first row.
        if max_row is None:
            max_row = numbers[-1]
        if max_col is None:
            row_end = starts[first + 1] if first + 1 < len(starts) else cells["count"]
            if row_end <= starts[first]:
                return None
            max_col = cells["column"][row_end - 1]
        if max_row - min_row + 1 < DENSE_ROWS or max_col < min_col:
            return None
        n_rows, width = max_row - min_row + 1, max_col - min_col + 1
        if first + n_rows > len(numbers) or numbers[first:first + n_rows] != array("i", range(min_row, max_row + 1)):
            return None
        start = starts[first]
        end = start + n_rows * width
        if end > cells["count"] or (first + n_rows < len(starts) and starts[first + n_rows] != end):
            return None
        if starts[first:first + n_rows] != array("i", range(start, end, width)):
            return None
        if cells["column"][start:end] != array("i", range(min_col, max_col + 1)) * n_rows:
            return None
        head = tuple(self._row_values(start, start + width, min_row))
        columns = [self._column_values(slice(start + width + j, end, width)) for j in range(width)]
        rows = list(zip(*columns))
        rows.insert(0, head)
        return rows

    def _column_values(self, cells_at):
        """The values of the cells at ``cells_at`` (a slice: one column of a rectangle, below its first row)."""
        cells = self.cells
        kinds = cells["kind"][cells_at]
        nums = cells["num"][cells_at]
        n = len(kinds)
        styles = set(cells["style"][cells_at])
        dated = not styles.isdisjoint(self.date_formats)
        if not dated:
            if kinds.count(SHARED) == n:
                return list(map(self.shared_strings.__getitem__, map(int, nums)))
            if kinds.count(TEXT) == n:
                return list(map(cells["texts"].__getitem__, cells["text"][cells_at]))
            floats, ints = kinds.count(FLOAT), kinds.count(INT)
            if floats == n:
                return nums.tolist()
            if ints == n:
                return list(map(int, nums))
            if floats + ints == n:  # int where the cell was written as one, as _cast_number
                return list(map(tuple.__getitem__, zip(nums.tolist(), map(int, nums)), kinds.translate(_IS_INT)))
            if kinds.count(BOOL) == n:
                return list(map(bool, nums))
        elif styles <= self.date_formats and kinds.count(FLOAT) + kinds.count(INT) == n:
            known = {}
            for serial in set(nums):
                try:
                    known[serial] = from_excel(serial, self.epoch)
                except (OverflowError, ValueError):
                    known = None  # openpyxl warns cell by cell: so does the way below
                    break
            if known is not None:
                return list(map(known.__getitem__, nums))
        indexes = range(cells_at.start, cells_at.stop, cells_at.step)
        return self._values(indexes, cells["row"][cells_at])

    def _row_values(self, start, end, row, types=None):
        """The values of cells [start, end), converted as WorkSheetParser.parse_cell does;
        with ``types`` (a list) also each cell's data_type, appended to it."""
        cells = self.cells
        if types is not None:
            out = []
            for i, k, v in zip(range(start, end), cells["kind"][start:end], self._row_values(start, end, row)):
                out.append(v)
                types.append(_data_type(k, cells["type"][i], v))
            return out
        return self._values(range(start, end), repeat(row))

    def _values(self, indexes, rows):
        """The values of the cells at ``indexes`` (a range), each in its row of ``rows``."""
        cells = self.cells
        shared, texts, date_formats = self.shared_strings, cells["texts"], self.date_formats
        out = []
        add = out.append
        at = slice(indexes.start, indexes.stop, indexes.step)
        for i, row, k, x, s in zip(indexes, rows, cells["kind"][at], cells["num"][at], cells["style"][at]):
            if k == SHARED:
                add(shared[int(x)])
            elif k == FLOAT or k == INT:
                if k == INT:
                    x = int(x)
                add(self._date(x, cells["column"][i], row) if s in date_formats else x)
            elif k == EMPTY:
                add(None)
            elif k == BOOL:
                add(bool(x))
            elif k == BIGINT:
                x = int(texts[cells["text"][i]])
                add(self._date(x, cells["column"][i], row) if s in date_formats else x)
            elif k == ISODATE:
                add(from_ISO8601(texts[cells["text"][i]]))
            else:  # TEXT, ERROR
                add(texts[cells["text"][i]])
        return out

    def _date(self, serial, column, row):
        """from_excel, remembered per serial (a column of dates repeats them); out of range: openpyxl's warning and error value."""
        known = self._dates.get(serial)
        if known is not None:
            return known
        try:
            value = from_excel(serial, self.epoch)
        except (OverflowError, ValueError):
            warn(f"Cell {get_column_letter(column)}{row} is marked as a date but the serial value {serial} is outside the limits for dates. The cell will be treated as an error.")
            return "#VALUE!"
        self._dates[serial] = value
        return value


def _data_type(kind, type_code, value):
    """The data_type WorkSheetParser.parse_cell gives a cell (data_only, or no formula)."""
    if kind == EMPTY:
        return TYPE_NAMES[type_code]
    if kind == SHARED or kind == TEXT:
        return "s"
    if kind == INT or kind == FLOAT or kind == BIGINT:
        if isinstance(value, (int, float)):
            return "n"
        return "e" if isinstance(value, str) else "d"  # a date, or "#VALUE!" for one out of range
    if kind == BOOL:
        return "b"
    if kind == ISODATE:
        return "d"
    return "e"


def _get_row(columns, values, min_col, max_col, full=None, filler=None):
    """ReadOnlyWorksheet._get_row: the row as a tuple of max_col - min_col + 1 values (or cells)."""
    if not values and not max_col:
        return ()
    # The common case, every cell of the row once and in order: the values are the row.
    if full is not None and columns == full:
        return tuple(values)
    max_col = max_col or columns[-1]
    new_row = [filler] * (max_col + 1 - min_col)
    for counter, value in zip(columns, values):
        if min_col <= counter <= max_col:
            new_row[counter - min_col] = value
    return tuple(new_row)
