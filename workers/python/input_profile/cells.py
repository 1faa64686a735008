"""A1 references: column letters and numbers, cells and ranges, as (c0, r0, c1, r1) boxes.

Used by the xlsx readers (dimensions, tables, merged ranges) and by the column analysis
(column letters); plain stdlib with no state, so anything in input_profile can import it.
"""

import re


# --- cell references --------------------------------------------------------------------

_CELL_RE = re.compile(r"^\$?([A-Za-z]{1,3})\$?([0-9]+)$")


def _col_letter(n):
    s = ""
    while n > 0:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


def _col_index(letters):
    n = 0
    for ch in letters.upper():
        n = n * 26 + (ord(ch) - 64)
    return n


def _parse_cell(ref):
    m = _CELL_RE.match(ref.strip())
    if not m:
        return None
    return _col_index(m.group(1)), int(m.group(2))


def _parse_range(ref):
    """'B3:F120' or 'C5' -> (c0, r0, c1, r1), or None."""
    parts = (ref or "").strip().split(":")
    if not parts[0] or len(parts) > 2:
        return None
    a = _parse_cell(parts[0])
    b = _parse_cell(parts[-1])
    if a is None or b is None:
        return None
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1]))


def _range_str(box):
    c0, r0, c1, r1 = box
    return "%s%d:%s%d" % (_col_letter(c0), r0, _col_letter(c1), r1)


def _range_has_row(ref, row):
    box = _parse_range(ref)
    return box is not None and box[1] <= row <= box[3]


def _range_below(ref, row):
    box = _parse_range(ref)
    return box is not None and box[3] > row
