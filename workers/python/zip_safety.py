"""Zip and XML safety for workbooks: the checks that run before anything is inflated or parsed.

A zip bomb's signature is in the zip directory (sizes and ratios), so nothing needs inflating
to refuse it; a DTD or entity declaration must come before an XML part's root element, so
reading the prolog is enough. The profiler (input_profile/) applies these to every file a user
adds, and the runner's input guard (input_guard.py) to every zip member the model's code
opens, with the same limits and messages. Plain stdlib: runs on CPython and Pyodide.
"""
import codecs

MAX_ZIP_TOTAL = 2 * 1024 ** 3    # refuse workbooks whose parts expand to more than this
MAX_ZIP_RATIO = 200              # refuse parts compressed more than this many times ...
ZIP_RATIO_MIN_SIZE = 1024 ** 2   # ... when they expand to at least 1 MB (tiny parts can't bomb)
MAX_ZIP_MEMBERS = 20000
XML_PROLOG_CHECK = 4096          # bytes of every XML part checked for DOCTYPE / ENTITY
XML_PROLOG_MAX = 1024 ** 2       # a prolog (comments before the root) longer than this is refused
CHUNK = 1024 ** 2


def zip_member_problem(info):
    """Why one zip member must not be inflated (a zip bomb's signature), or None.

    Uses only the sizes in the zip directory, so nothing is inflated to decide; Python's
    zipfile never inflates past the declared size, so a lying directory can't get around it.
    """
    if info.file_size >= ZIP_RATIO_MIN_SIZE:
        ratio = info.file_size / float(max(info.compress_size, 1))
        if ratio > MAX_ZIP_RATIO:
            return ("Part '%s' of this workbook would expand from %s to %s (%d times; real workbooks stay "
                    "under %d), which is how zip bombs look, so it was not opened. If the file is genuine, "
                    "open it in Excel and save it again as .xlsx."
                    % (info.filename, size_text(info.compress_size), size_text(info.file_size), ratio,
                       MAX_ZIP_RATIO))
    if info.file_size > MAX_ZIP_TOTAL:
        return ("Part '%s' of this workbook would expand to %s, more than the %s that can be read safely, so it "
                "was not opened. Split the data into smaller workbooks, then add them again."
                % (info.filename, size_text(info.file_size), size_text(MAX_ZIP_TOTAL)))
    return None


def size_text(n):
    for unit, size in (("GB", 1024 ** 3), ("MB", 1024 ** 2), ("KB", 1024)):
        if n >= size:
            return "%.1f %s" % (n / float(size), unit)
    return "%d bytes" % n


def xml_part_problem(zf, info):
    """Why an XML part of a workbook is refused (a DTD or entity declaration), or None."""
    if not info.filename.lower().endswith((".xml", ".rels", ".vml")) or info.is_dir():
        return None
    problem = _xml_prolog_problem(zf, info)
    if not problem:
        return None
    return ("Part '%s' of this workbook %s, which Excel never writes and which can be used to attack XML "
            "readers (entity expansion), so the file was refused. Open it in Excel and save it again as .xlsx."
            % (info.filename, problem))


def _xml_prolog_problem(zf, info):
    """Why an XML part is refused (DOCTYPE/ENTITY in its prolog), or None."""
    with zf.open(info) as fh:
        raw = fh.read(XML_PROLOG_CHECK)
        text = _decode_prolog(raw)
        upper = text.upper()
        if "<!DOCTYPE" in upper:
            return "declares a DOCTYPE"
        if "<!ENTITY" in upper:
            return "declares XML entities"
        # The DOCTYPE must precede the root element; if comments or whitespace push the root past the
        # first 4 KB, keep reading the prolog so padding can't hide a DOCTYPE.
        state = _prolog_state(text)
        while state == "more" and len(raw) < XML_PROLOG_MAX:
            more = fh.read(CHUNK)
            if not more:
                break
            raw += more
            text = _decode_prolog(raw)
            state = _prolog_state(text)
        if state == "doctype":
            return "declares a DOCTYPE"
        if state == "more" and len(raw) >= XML_PROLOG_MAX:
            return "starts with an oversized prolog"
    return None


def _decode_prolog(raw):
    if raw.startswith(codecs.BOM_UTF16_LE) or raw.startswith(codecs.BOM_UTF16_BE):
        return raw.decode("utf-16", "ignore")
    if len(raw) > 1 and raw[0:1] == b"<" and raw[1:2] == b"\x00":
        return raw.decode("utf-16-le", "ignore")
    if len(raw) > 1 and raw[0:1] == b"\x00" and raw[1:2] == b"<":
        return raw.decode("utf-16-be", "ignore")
    return raw.decode("latin-1")


def _prolog_state(text):
    """'root' when the root element starts before any DOCTYPE, 'doctype' if one comes first, 'more' if unknown."""
    i, n = 0, len(text)
    if text.startswith("\ufeff"):
        i = 1
    while True:
        while i < n and text[i] in " \t\r\n":
            i += 1
        if i >= n:
            return "more"
        if text.startswith("<?", i):
            j = text.find("?>", i)
            if j < 0:
                return "more"
            i = j + 2
        elif text.startswith("<!--", i):
            j = text.find("-->", i)
            if j < 0:
                return "more"
            i = j + 3
        elif text.startswith("<!", i):
            if n - i < 9:
                return "more"
            return "doctype" if text[i:i + 9].upper() == "<!DOCTYPE" else "root"
        else:
            return "root"
