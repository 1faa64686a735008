"""What one value is: blank, a formula, its kind ("integer", "date", ...) and its JSON sample.

One module for both sources, because the column analysis (columns.py) takes these as
plug-ins: _classify_cell/_sample_value for openpyxl's cell values (xlsx_sheets.py) and
_classify_text/_csv_sample for CSV fields (text_files.py). The text-date parser serves both:
it types CSV fields, and it spots dates stored as text in a workbook (worth a warning).
"""

import datetime as _dt
import math
import re

from .limits import TEXT_CUT


def _is_formula(v):
    if isinstance(v, str):
        return v.startswith("=") and len(v) > 1
    return v is not None and "Formula" in type(v).__name__


def _formula_text(v):
    return v if isinstance(v, str) else (getattr(v, "text", None) or "=" + type(v).__name__)


def _is_blank(v):
    return v is None or (isinstance(v, str) and not v.strip())


_NUMBER_LIKE = re.compile(r"^[+-]?(\d[\d,]*\.?\d*|\.\d+)([eE][+-]?\d+)?%?$")


def _xlsx_is_text(v):
    return isinstance(v, str) and not _is_formula(v) and not _NUMBER_LIKE.match(v.strip())


EXCEL_ERRORS = frozenset({"#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!", "#SPILL!",
                          "#CALC!", "#GETTING_DATA"})
SERIAL_MIN, SERIAL_MAX = 10000, 80000
_WORD_DATE_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%B %d %Y", "%b %d %Y")


def _looks_like_date(text):
    t = text.strip()
    if not t or len(t) > 40 or not any(ch.isdigit() for ch in t):
        return False
    if _parse_text_date(t) is not None:
        return True
    for fmt in _WORD_DATE_FORMATS:
        try:
            _dt.datetime.strptime(t, fmt)
            return True
        except ValueError:
            continue
    return False


def _json_number(v):
    if v is None:
        return None
    if isinstance(v, float):
        if math.isnan(v) or math.isinf(v):
            return None
        if v.is_integer() and abs(v) < 2 ** 53:
            return int(v)
    return v


def _iso(v, date_only):
    if v is None:
        return None
    if isinstance(v, _dt.datetime):
        return v.date().isoformat() if date_only else v.isoformat()
    return v.isoformat()


def _cut(s):
    return s if len(s) <= TEXT_CUT else s[:TEXT_CUT] + "…"


_MIDNIGHT = _dt.time(0, 0)


def _classify_cell(v):
    """(kind, comparable) for an openpyxl cell value that is not blank and not a formula."""
    if isinstance(v, bool):
        return "boolean", v
    if isinstance(v, int):
        return "integer", v
    if isinstance(v, float):
        if math.isnan(v) or math.isinf(v):
            return "text", None
        return ("integer" if v.is_integer() else "number"), v
    if isinstance(v, _dt.datetime):
        naive = v.replace(tzinfo=None)
        return ("date" if naive.time() == _MIDNIGHT else "datetime"), naive
    if isinstance(v, _dt.date):
        return "date", _dt.datetime(v.year, v.month, v.day)
    if isinstance(v, _dt.timedelta):
        return "number", v.total_seconds() / 86400.0
    return "text", None


def _sample_value(v):
    if v is None or isinstance(v, bool):
        return v
    if isinstance(v, int):
        return v
    if isinstance(v, float):
        return _json_number(v)
    if isinstance(v, _dt.datetime):
        return v.date().isoformat() if v.time() == _MIDNIGHT and v.tzinfo is None else v.isoformat()
    if isinstance(v, (_dt.date, _dt.time)):
        return v.isoformat()
    if isinstance(v, str):
        return _cut(v)
    if _is_formula(v):
        return _cut(_formula_text(v))
    return _cut(str(v))


def _header_name(v):
    if v is None:
        return ""
    if isinstance(v, str):
        return v.strip()
    if _is_formula(v):
        return _formula_text(v).strip()
    s = _sample_value(v)
    return "" if s is None else str(s).strip()


_INT_RE = re.compile(r"^[+-]?(0|[1-9]\d*)$")
_INT_THOUSANDS_RE = re.compile(r"^[+-]?[1-9]\d{0,2}(,\d{3})+$")
_FLOAT_RE = re.compile(r"^[+-]?(\d+\.\d*|\.\d+|\d+)([eE][+-]?\d+)?$")
_FLOAT_THOUSANDS_RE = re.compile(r"^[+-]?[1-9]\d{0,2}(,\d{3})+\.\d+$")
_DECIMAL_COMMA_RE = re.compile(r"^[+-]?\d+,\d+$")
_ISO_DATE_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6})\d*)?)?"
                          r"(Z|[+-]\d{2}:?\d{2})?)?$")
_DMY_RE = re.compile(r"^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$")
_BOOLS = {"true": True, "false": False, "yes": True, "no": False}


def _classify_text(s, decimal_comma=False):
    """(kind, comparable) for a CSV field that is not blank."""
    t = s.strip()
    low = t.lower()
    if low in _BOOLS:
        return "boolean", _BOOLS[low]
    if _INT_RE.match(t):
        return "integer", int(t)
    if not decimal_comma and _INT_THOUSANDS_RE.match(t):
        return "integer", int(t.replace(",", ""))
    if _FLOAT_RE.match(t) and not (t.lstrip("+-")[:1] == "0" and t.lstrip("+-")[1:2].isdigit()):
        try:
            f = float(t)
            if not (math.isinf(f) or math.isnan(f)):
                return ("integer" if f.is_integer() and "." not in t and "e" not in low else "number"), f
        except ValueError:
            pass
    if not decimal_comma and _FLOAT_THOUSANDS_RE.match(t):
        return "number", float(t.replace(",", ""))
    if decimal_comma and _DECIMAL_COMMA_RE.match(t):
        return "number", float(t.replace(",", "."))
    d = _parse_text_date(t)
    if d is not None:
        return ("date" if d.time() == _MIDNIGHT else "datetime"), d
    return "text", None


def _parse_text_date(t):
    m = _ISO_DATE_RE.match(t)
    try:
        if m:
            y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
            hh = int(m.group(4) or 0)
            mm = int(m.group(5) or 0)
            ss = int(m.group(6) or 0)
            us = int((m.group(7) or "0").ljust(6, "0"))
            return _dt.datetime(y, mo, d, hh, mm, ss, us)
        m = _DMY_RE.match(t)
        if m:
            a, b, y = int(m.group(1)), int(m.group(3)), int(m.group(4))
            hh, mm, ss = int(m.group(5) or 0), int(m.group(6) or 0), int(m.group(7) or 0)
            try:
                return _dt.datetime(y, b, a, hh, mm, ss)  # day first (dd/mm/yyyy)
            except ValueError:
                return _dt.datetime(y, a, b, hh, mm, ss)  # month first when day-first is impossible
    except ValueError:
        return None
    return None


def _csv_sample(v):
    if v is None or not v.strip():
        return None
    return _cut(v)
