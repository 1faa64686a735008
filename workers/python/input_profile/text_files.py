"""The profile of a CSV or other delimited text file: its encoding, delimiter and one sheet.

Text has no format to trust, so it is sniffed: a BOM or valid UTF-8 decides the encoding
(else Windows-1252, then Latin-1), csv.Sniffer and field-count agreement the delimiter;
then the first rows go through the same column analysis as a sheet (columns.py).
"""

import codecs
import csv
import os

from .cells import _col_letter
from .columns import _analyse, _detect_header, _value_warnings
from .limits import CSV_SNIFF_BYTES, HEADER_WINDOW, ProfileError, _empty_sheet, _short
from .values import _classify_text, _csv_sample, _header_name


# --- CSV ------------------------------------------------------------------------------------

_DELIMITERS = ",;\t|"


def _profile_csv(path, name, head, prof, sample_rows, scan_rows):
    if head.startswith(codecs.BOM_UTF8):
        candidates = ["utf-8-sig"]
    elif head.startswith(codecs.BOM_UTF16_LE) or head.startswith(codecs.BOM_UTF16_BE):
        candidates = ["utf-16"]
    else:
        candidates = ["utf-8", "cp1252", "latin-1"]
        if _bad_utf8(head, len(head) < CSV_SNIFF_BYTES):
            candidates = ["cp1252", "latin-1"]
    if candidates == ["utf-16"]:
        sample = head.decode("utf-16", "ignore")
    else:
        sample = head.decode("latin-1")  # delimiters and quotes are ASCII
    if len(head) >= CSV_SNIFF_BYTES:
        nl = max(sample.rfind("\n"), sample.rfind("\r"))
        if nl > 0:
            sample = sample[:nl]
    delimiter = _detect_delimiter(sample)
    limit = HEADER_WINDOW + scan_rows
    old_limit = csv.field_size_limit()
    csv.field_size_limit(max(old_limit, 16 * 1024 * 1024))
    try:
        result = None
        for enc in candidates:
            try:
                result = _read_csv(path, enc, delimiter, limit)
                encoding = enc
                break
            except UnicodeError:
                continue
        if result is None:
            raise ProfileError("The text encoding of this file could not be recognised. "
                               "Save it again as CSV UTF-8 and add it again.")
    except csv.Error as exc:
        raise ProfileError("This CSV file could not be parsed (%s). Open it in Excel and save it again as "
                           "CSV UTF-8, then add it again." % _short(exc))
    finally:
        csv.field_size_limit(old_limit)
    rows, last_nonempty, width = result
    prof["encoding"] = encoding
    prof["delimiter"] = delimiter
    stem = os.path.splitext(name)[0] or name
    sheet = _empty_sheet(stem)
    prof["sheets"] = [sheet]
    if last_nonempty == 0:
        prof["warnings"].append("The file has no data.")
        return
    sheet["dimensions"] = "A1:%s%d" % (_col_letter(max(width, 1)), last_nonempty)
    sheet["rowCount"] = last_nonempty
    sheet["columnCount"] = width
    rows = rows[:last_nonempty]
    decimal_comma = delimiter == ";"

    def classify(v):
        return _classify_text(v, decimal_comma)

    def is_text(v):
        return classify(v)[0] == "text"

    more_after = last_nonempty > len(rows)
    header_idx = _detect_header(rows, is_text, more_after)
    result = _analyse(rows, header_idx, classify, _csv_sample, _header_name, {}, sample_rows, scan_rows,
                      1, letters=False)
    sheet["headerRow"] = header_idx + 1 if header_idx is not None else None
    sheet["columns"] = result["columns"]
    sheet["sampleRows"] = result["sampleRows"]
    sheet["scannedRows"] = result["scanned"]
    sheet["duplicateRows"] = result["duplicateRows"]
    data_total = last_nonempty - (header_idx + 1 if header_idx is not None else 0)
    if result["scanned"] < data_total:
        prof["warnings"].append("Types were inferred from the first %s of %s rows."
                                % (format(result["scanned"], ","), format(data_total, ",")))
    prof["warnings"].extend(_value_warnings("The file", result))
    if encoding in ("cp1252", "latin-1"):
        prof["warnings"].append("The file is not UTF-8; it was read as %s. Open it with encoding=%r."
                                % ("Windows-1252" if encoding == "cp1252" else "Latin-1", encoding))


def _bad_utf8(head, final):
    try:
        codecs.getincrementaldecoder("utf-8")("strict").decode(head, final)
        return False
    except UnicodeDecodeError:
        return True


def _read_csv(path, encoding, delimiter, limit):
    """First ``limit`` rows, the number of the last non-empty row, and the widest row."""
    rows = []
    count = 0
    last_nonempty = 0
    width = 0
    with open(path, "r", encoding=encoding, errors="strict", newline="") as fh:
        for row in csv.reader(fh, delimiter=delimiter):
            count += 1
            if count <= limit:
                rows.append(row)
            if row and any(row):
                last_nonempty = count
                if len(row) > width:
                    width = len(row)
    return rows, last_nonempty, width


def _detect_delimiter(sample):
    lines = [ln for ln in sample.splitlines() if ln.strip()][:50]
    if not lines:
        return ","
    text = "\n".join(lines)
    try:
        sniffed = csv.Sniffer().sniff(text, delimiters=_DELIMITERS).delimiter
    except csv.Error:
        sniffed = None
    scores = {d: _delimiter_score(lines, d) for d in _DELIMITERS}
    if sniffed in scores and scores[sniffed][0] >= 0.8 and scores[sniffed][1] > 1:
        return sniffed
    best = max(_DELIMITERS, key=lambda d: scores[d])
    if scores[best][1] > 1:
        return best
    first = lines[0]
    counts = [(first.count(d), d) for d in _DELIMITERS]
    top = max(counts)
    return top[1] if top[0] > 0 else ","


def _delimiter_score(lines, d):
    """(share of lines with the most common field count, that count) for delimiter ``d``."""
    try:
        widths = [len(r) for r in csv.reader(lines, delimiter=d)]
    except csv.Error:
        return (0.0, 0)
    if not widths:
        return (0.0, 0)
    freq = {}
    for w in widths:
        freq[w] = freq.get(w, 0) + 1
    mode = max(freq, key=lambda w: (freq[w], w))
    if mode <= 1:
        return (0.0, mode)
    return (freq[mode] / float(len(widths)), mode)
