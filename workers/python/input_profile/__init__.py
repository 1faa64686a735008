"""Profile the user's input files: sheets, headers, column types, row counts, samples.

The model sees these profiles (never the raw data), so they must be accurate, small and
safe to produce on any file a user drops in. Runs unchanged on CPython 3.11+ and Pyodide:
stdlib + openpyxl only, openpyxl imported lazily.

Rules kept here:
- Never raise for a bad file: the profile gets ``error`` (what happened, what to do).
- Never modify the file: everything is opened read-only.
- Stream: a 1,000,000-row sheet is profiled from its first ``scan_rows`` rows plus cheap
  streaming passes over the sheet XML (row count, merged cells, formula count); nothing
  holds the whole sheet in memory.
- Refuse XML with a DOCTYPE (entity expansion bombs) and zip bombs before any parser runs.

The output matches FileProfile / SheetProfile / ColumnProfile / TableProfile in workers/api.ts.

This module is the public API and the dispatch: what kind of file it is (from its bytes, not
its name); old and encrypted Office files (ole.py) are answered here, the rest handed on:
- xlsx_sheets.py   the SheetProfile of every sheet of an .xlsx/.xlsm (openpyxl, read-only),
- xlsx_parts.py    the zip's parts read directly: safety, workbook structure, sheet XML scans,
- text_files.py    CSV and other delimited text: encoding, delimiter, rows,
- columns.py       header row, column types and quality, the same for both kinds of file,
- values.py        what one cell or field value is, and its JSON form,
- cells.py         A1 references,
- limits.py        the limits, shared messages and ProfileError.
The package is named input_profile, not profile: that is the standard library's profiler
(cProfile imports it), which a module of ours on sys.path would shadow.
"""

import codecs
import json
import os
import sys
import zipfile
import zlib
import xml.etree.ElementTree as ET

from ole import OLE_MAGIC, ole_read_stream, ole_stream_names  # noqa: F401  (part of this module's API)
from zip_safety import (  # noqa: F401  (zip_member_problem and xml_part_problem are part of this module's API)
    CHUNK, xml_part_problem, zip_member_problem,
)

from .limits import (  # noqa: F401  (CSV_SNIFF_BYTES, the messages and ProfileError are part of this module's API)
    CSV_SNIFF_BYTES, DAMAGED_XLSX, ENCRYPTED_MESSAGE, EXCEL_EXTENSIONS, TEXT_EXTENSIONS, XLS_MESSAGE,
    ZIP_EMPTY_MAGIC, ZIP_MAGIC, ProfileError, _empty_sheet, _short,
)
from .text_files import _profile_csv
from .xlsx_sheets import _profile_xlsx


# --- public API ---------------------------------------------------------------------------

def profile_file(path, sample_rows=5, scan_rows=2000):
    """Profile one file. Never raises for a bad file: returns a FileProfile dict with ``error``."""
    name = os.path.basename(path)
    prof = {"name": name, "size": 0, "format": "unknown", "sheets": [], "warnings": []}
    sample_rows = max(0, int(sample_rows))
    scan_rows = max(1, int(scan_rows))
    try:
        if not os.path.isfile(path):
            raise ProfileError("The file was not found or is not a regular file.")
        prof["size"] = os.path.getsize(path)
        with open(path, "rb") as fh:
            head = fh.read(CSV_SNIFF_BYTES)
        _dispatch(path, name, head, prof, sample_rows, scan_rows)
    except ProfileError as exc:
        _fail(prof, str(exc))
    except MemoryError:
        _fail(prof, "The file is too large to profile within the sandbox's memory. "
                    "Split it into smaller files or remove unused sheets, then add it again.")
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        _fail(prof, DAMAGED_XLSX if prof["format"] in ("xlsx", "xlsm", "unknown")
              else "The file is damaged (%s). Save it again and add it again." % _short(exc))
    except ET.ParseError as exc:
        _fail(prof, "Part of this workbook is not well-formed XML (%s), so it may be damaged. "
                    "Open it in Excel and save it again as .xlsx." % _short(exc))
    except RecursionError:
        _fail(prof, "The file is nested too deeply to profile. Open it in Excel and save it again.")
    except Exception as exc:  # a profile must never take the worker down
        _fail(prof, "The file could not be read (%s: %s). Open it in Excel and save it again, "
                    "then add it again." % (type(exc).__name__, _short(exc)))
    return prof


def profile_inputs(input_dir="/input", **kw):
    """Profile every regular file in ``input_dir`` (not recursive), sorted by name."""
    try:
        names = sorted(os.listdir(input_dir))
    except OSError:
        return []
    out = []
    for n in names:
        p = os.path.join(input_dir, n)
        if os.path.isfile(p):
            out.append(profile_file(p, **kw))
    return out


def main(argv=None):
    """``python3 -m input_profile FILE...`` or ``python3 -m input_profile --dir /input`` (or the
    folder run as a script, ``python3 workers/python/input_profile ...``): print a JSON list of profiles."""
    args = list(sys.argv[1:] if argv is None else argv)
    kw = {}
    files = []
    directory = None
    i = 0
    while i < len(args):
        a = args[i]
        if a in ("--dir", "--sample-rows", "--scan-rows") and i + 1 < len(args):
            v = args[i + 1]
            if a == "--dir":
                directory = v
            elif a == "--sample-rows":
                kw["sample_rows"] = int(v)
            else:
                kw["scan_rows"] = int(v)
            i += 2
            continue
        if a in ("-h", "--help"):
            sys.stdout.write("usage: python3 -m input_profile [--sample-rows N] [--scan-rows N] "
                             "(--dir DIR | FILE...)\n")
            return 0
        files.append(a)
        i += 1
    result = profile_inputs(directory, **kw) if directory is not None else []
    result.extend(profile_file(f, **kw) for f in files)
    sys.stdout.write(json.dumps(result, indent=2, allow_nan=False) + "\n")
    return 0


# --- dispatch by content ------------------------------------------------------------------

def _dispatch(path, name, head, prof, sample_rows, scan_rows):
    ext = os.path.splitext(name)[1].lower()
    if not head:
        if ext in TEXT_EXTENSIONS:
            prof["format"] = "csv"
            prof["sheets"] = [_empty_sheet(os.path.splitext(name)[0] or name)]
            prof["warnings"].append("The file is empty.")
            return
        raise ProfileError("This file is empty (0 bytes); it may not have finished saving or downloading. "
                           "Save it again and add it again.")
    if head.startswith(ZIP_MAGIC) or head.startswith(ZIP_EMPTY_MAGIC):
        prof["format"] = "xlsm" if ext in (".xlsm", ".xltm") else "xlsx"
        if ext and ext not in (".xlsx", ".xlsm", ".xltx", ".xltm"):
            prof["warnings"].append("The file is named %s but contains an .xlsx workbook; it was read as one." % ext)
        _profile_xlsx(path, prof, sample_rows, scan_rows)
        return
    if head.startswith(OLE_MAGIC):
        _profile_ole(path, ext, prof)
        return
    kind = _text_kind(head)
    if kind == "html":
        raise ProfileError("This file is a web page (HTML) saved with a spreadsheet name, not a real workbook. "
                           "Open it in Excel and save it as .xlsx, then add it again.")
    if kind == "xml2003":
        raise ProfileError("This is an XML Spreadsheet 2003 file, which can't be read here. "
                           "Open it in Excel and save it as .xlsx, then add it again.")
    if kind == "text" and (ext in TEXT_EXTENSIONS or ext in EXCEL_EXTENSIONS or ext == ""):
        if ext in EXCEL_EXTENSIONS:
            prof["warnings"].append("This is not an Excel workbook: the file is named %s but contains delimited "
                                    "text (a CSV file), so it was read as CSV. To use it as a workbook, open it "
                                    "in Excel and save it as .xlsx; or rename it to .csv." % ext)
        prof["format"] = "csv"
        _profile_csv(path, name, head, prof, sample_rows, scan_rows)
        if ext in EXCEL_EXTENSIONS and all(s["columnCount"] <= 1 and _looks_like_prose(s) for s in prof["sheets"]):
            # Delimited data (even one column of it) renamed to .xlsx is still usable; lines of prose are not.
            prof["warnings"] = [w for w in prof["warnings"] if "contains delimited text" not in w]
            raise ProfileError("This file is named %s but contains plain text, not an Excel workbook (it was "
                               "probably renamed). If it holds data, save it from its program as .xlsx or .csv "
                               "and add it again; otherwise add the real workbook." % ext)
        return
    if ext in (".xlsx", ".xlsm", ".xltx", ".xltm"):
        raise ProfileError(DAMAGED_XLSX)
    if ext == ".xls":
        prof["format"] = "xls"
        raise ProfileError("This .xls file is not a readable Excel workbook (it may be damaged). "
                           "Open it in Excel and save it as .xlsx, then add it again.")
    raise ProfileError("This file type (%s) is not a spreadsheet that can be profiled. "
                       "Add an .xlsx, .xlsm or .csv file." % (ext or "no extension"))


def _looks_like_prose(sheet):
    """True when a one-column text file reads as sentences (4+ words a line), not as a list of values."""
    values = [r[0] for r in sheet["sampleRows"] if r and isinstance(r[0], str) and r[0].strip()]
    return bool(values) and sum(len(v.split()) for v in values) >= 4 * len(values)


def _fail(prof, message):
    prof["error"] = message
    prof["sheets"] = []


def _text_kind(head):
    """'text', 'html', 'xml2003' or 'binary' for the first bytes of a non-zip, non-OLE file."""
    if head.startswith(codecs.BOM_UTF16_LE) or head.startswith(codecs.BOM_UTF16_BE):
        return "text"
    if b"\x00" in head:
        return "binary"
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:2048].lower()
    if start.startswith(b"<!doctype html") or start.startswith(b"<html") or (
            start.startswith(b"<") and (b"<table" in start or b"<html" in start)):
        return "html"
    if start.startswith(b"<?xml"):
        return "xml2003" if b"urn:schemas-microsoft-com:office:spreadsheet" in head else "binary"
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return "binary" if control > len(head) // 100 else "text"


# --- OLE (old .xls, encrypted .xlsx) ---------------------------------------------------------

def _profile_ole(path, ext, prof):
    names = ole_stream_names(path)
    if names is not None:
        found = ["EncryptedPackage" in names and "EncryptionInfo" in names, "Workbook" in names, "Book" in names]
    else:  # a damaged directory: fall back to looking for the stream names anywhere in the file
        found = _find_in_file(path, ["EncryptedPackage".encode("utf-16-le"),
                                     "Workbook".encode("utf-16-le"),
                                     "Book\x00".encode("utf-16-le")])
    if found[0]:
        prof["format"] = "xlsm" if ext == ".xlsm" else "xlsx"
        raise ProfileError(ENCRYPTED_MESSAGE)
    if found[1] or found[2] or ext in (".xls", ".xlt"):
        prof["format"] = "xls"
        raise ProfileError(XLS_MESSAGE)
    raise ProfileError("This is an old Office file (OLE compound document) but not an Excel workbook. "
                       "Open it in Excel and save it as .xlsx, then add it again.")


def _find_in_file(path, needles):
    found = [False] * len(needles)
    keep = max(len(n) for n in needles)
    tail = b""
    with open(path, "rb") as fh:
        while not all(found):
            chunk = fh.read(CHUNK)
            if not chunk:
                break
            data = tail + chunk
            for i, n in enumerate(needles):
                if not found[i] and n in data:
                    found[i] = True
            tail = data[-keep:]
    return found
