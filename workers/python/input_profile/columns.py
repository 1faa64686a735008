"""Column analysis over buffered rows: the header row, each column's type, counts, range and
quality figures, sample rows, and the warnings about values the model must handle.

The same for a sheet and a CSV file: the caller passes its rows (lists of cell values) and
how to classify, sample and name a value (values.py), so both produce the same ColumnProfile.
"""

from .cells import _col_letter
from .limits import HEADER_TEXT_SHARE, HEADER_WINDOW, TYPE_THRESHOLD
from .values import EXCEL_ERRORS, SERIAL_MAX, SERIAL_MIN, _is_blank, _is_formula, _iso, _json_number, _looks_like_date


# --- shared analysis: header, columns, types, samples ---------------------------------------------

def _detect_header(rows, is_text, more_after):
    """Index of the first row (within HEADER_WINDOW) with >= 2 non-empty cells, mostly non-numeric
    text, followed by another non-empty row; None when there is none."""
    n = len(rows)
    for i in range(min(HEADER_WINDOW, n)):
        cells = [v for v in rows[i] if not _is_blank(v)]
        if len(cells) < 2:
            continue
        texts = sum(1 for v in cells if is_text(v))
        if texts < HEADER_TEXT_SHARE * len(cells):
            continue
        if more_after or any(any(not _is_blank(v) for v in rows[k]) for k in range(i + 1, n)):
            return i
    return None


class _Stats(object):
    __slots__ = ("counts", "non_empty", "num_min", "num_max", "tm_min", "tm_max", "formulas",
                 "errors", "text_dates", "serials")

    def __init__(self):
        self.counts = {}
        self.non_empty = 0
        self.num_min = self.num_max = self.tm_min = self.tm_max = None
        self.formulas = 0
        self.errors = {}        # Excel error value ('#DIV/0!') -> cells
        self.text_dates = 0     # text cells that read as dates
        self.serials = 0        # numbers in the range of date serials (1927..2119)

    def add(self, kind, value):
        self.non_empty += 1
        self.counts[kind] = self.counts.get(kind, 0) + 1
        if kind in ("integer", "number"):
            if self.num_min is None or value < self.num_min:
                self.num_min = value
            if self.num_max is None or value > self.num_max:
                self.num_max = value
        elif kind in ("date", "datetime"):
            if self.tm_min is None or value < self.tm_min:
                self.tm_min = value
            if self.tm_max is None or value > self.tm_max:
                self.tm_max = value


def _analyse(rows, header_idx, classify, sample_value, header_name, cached, sample_rows, scan_rows,
             first_col, letters):
    """Columns, sample rows and scanned count from buffered rows (lists of cell values)."""
    start = 0 if header_idx is None else header_idx + 1
    if header_idx is None:
        # No header: data starts at the first non-empty row.
        while start < len(rows) and all(_is_blank(v) for v in rows[start]):
            start += 1
        if start >= len(rows):
            start = 0
    data = rows[start:start + scan_rows]
    header = rows[header_idx] if header_idx is not None else []
    width = 0
    for row in [header] + data:
        for j in range(len(row) - 1, width - 1, -1):
            if not _is_blank(row[j]):
                width = j + 1
                break
    stats = [_Stats() for _ in range(width)]
    for i, row in enumerate(data):
        abs_i = start + i
        for j in range(min(width, len(row))):
            v = row[j]
            if _is_blank(v):
                continue
            if _is_formula(v):
                stats[j].formulas += 1
                c = cached.get((abs_i, j))
                if _is_blank(c):
                    stats[j].non_empty += 1
                    stats[j].counts["formula"] = stats[j].counts.get("formula", 0) + 1
                    continue
                v = c
            kind, val = classify(v)
            stats[j].add(kind, val)
            if kind == "text" and isinstance(v, str):
                if v.strip() in EXCEL_ERRORS:
                    stats[j].errors[v.strip()] = stats[j].errors.get(v.strip(), 0) + 1
                elif _looks_like_date(v):
                    stats[j].text_dates += 1
            elif kind in ("integer", "number") and SERIAL_MIN <= val <= SERIAL_MAX:
                stats[j].serials += 1

    quality = _quality(data, width, classify)
    columns = []
    used = set()
    formula_columns = []
    for j in range(width):
        letter = _col_letter(first_col + j)
        raw = header[j] if j < len(header) else None
        nm = header_name(raw)
        if not nm:
            nm = "Column" + letter
        base, k = nm, 2
        while nm in used:
            nm = "%s (%d)" % (base, k)
            k += 1
        used.add(nm)
        col = _finish_column(nm, j, letter if letters else "", stats[j], len(data))
        col.update(quality["columns"][j])
        if col["type"] not in ("integer", "number"):
            col.pop("mean", None)
            col.pop("outliers", None)
        columns.append(col)
        if stats[j].formulas:
            formula_columns.append(nm)

    samples = []
    for row in data:
        if len(samples) >= sample_rows:
            break
        if all(_is_blank(v) for v in row[:width]):
            continue
        samples.append([sample_value(row[j]) if j < len(row) else None for j in range(width)])
    errors, date_mixes = {}, []
    for col, st in zip(columns, stats):
        if st.errors:
            errors[col["name"]] = st.errors
        temporal = st.counts.get("date", 0) + st.counts.get("datetime", 0)
        if temporal and (st.text_dates or st.serials):
            date_mixes.append((col["name"], temporal, st.text_dates, st.serials))
    return {"columns": columns, "sampleRows": samples, "scanned": len(data), "formulaColumns": formula_columns,
            "duplicateRows": quality["duplicateRows"], "errors": errors, "dateMixes": date_mixes}


def _value_warnings(where, result):
    """Warnings about values the model must handle: Excel error results and dates stored three ways."""
    out = []
    if result["errors"]:
        codes = {}
        for per_code in result["errors"].values():
            for code, n in per_code.items():
                codes[code] = codes.get(code, 0) + n
        listed = ", ".join("%s %d" % (c, n) for c, n in sorted(codes.items(), key=lambda kv: (-kv[1], kv[0])))
        out.append("%s has %d cells holding Excel errors (%s) in columns %s; Python reads them as text such "
                   "as '%s', so skip or replace them before doing arithmetic."
                   % (where, sum(codes.values()), listed, ", ".join(sorted(result["errors"])),
                      sorted(codes, key=lambda c: -codes[c])[0]))
    for name, dates, text_dates, serials in result["dateMixes"]:
        parts = ["%d real dates" % dates]
        if text_dates:
            parts.append("%d dates stored as text" % text_dates)
        if serials:
            parts.append("%d plain numbers that may be date serials (days since 1899-12-30)" % serials)
        out.append("%s, column '%s': %s; convert them to one type before sorting, filtering or comparing."
                   % (where, name, ", ".join(parts[:-1]) + " and " + parts[-1]))
    return out


def _quality(data, width, classify):
    """Data-quality figures over the scanned rows: distinct values per column, numeric
    mean and outliers (|z| > 3), and rows that repeat an earlier row exactly."""
    columns = []
    for j in range(width):
        values, distinct, numbers = 0, set(), []
        for row in data:
            v = row[j] if j < len(row) else None
            if _is_blank(v) or _is_formula(v):
                continue
            values += 1
            if len(distinct) <= 10000:
                distinct.add(str(v).strip().lower() if isinstance(v, str) else v)
            kind, val = classify(v)
            if kind in ("integer", "number"):
                numbers.append(float(val))
        col = {"distinct": len(distinct), "unique": values > 1 and len(distinct) == values}
        if len(numbers) >= 8:
            mean = sum(numbers) / len(numbers)
            std = (sum((x - mean) ** 2 for x in numbers) / len(numbers)) ** 0.5
            col["mean"] = round(mean, 6)
            col["outliers"] = sum(1 for x in numbers if std and abs(x - mean) / std > 3)
        columns.append(col)
    seen, duplicates = set(), 0
    for row in data:
        key = tuple(str(v) for v in row[:width])
        if all(_is_blank(v) for v in row[:width]):
            continue
        if key in seen:
            duplicates += 1
        else:
            seen.add(key)
    return {"columns": columns, "duplicateRows": duplicates}


def _finish_column(name, index, letter, st, scanned):
    col = {"name": name, "index": index, "letter": letter, "type": "empty",
           "nonEmpty": st.non_empty, "missing": max(0, scanned - st.non_empty)}
    counts = st.counts
    if st.non_empty == 0:
        return col
    numeric = counts.get("integer", 0) + counts.get("number", 0)
    temporal = counts.get("date", 0) + counts.get("datetime", 0)
    need = TYPE_THRESHOLD * st.non_empty
    if numeric and numeric >= need:
        col["type"] = "number" if counts.get("number") else "integer"
        col["min"], col["max"] = _json_number(st.num_min), _json_number(st.num_max)
    elif temporal and temporal >= need:
        if counts.get("datetime"):
            col["type"] = "datetime"
            col["min"], col["max"] = _iso(st.tm_min, False), _iso(st.tm_max, False)
        else:
            col["type"] = "date"
            col["min"], col["max"] = _iso(st.tm_min, True), _iso(st.tm_max, True)
    else:
        best = None
        for kind in ("text", "boolean"):
            if counts.get(kind, 0) >= need:
                best = kind
        col["type"] = best or "mixed"
    if len(counts) > 1 or col["type"] == "mixed":
        col["typeCounts"] = dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    return col
