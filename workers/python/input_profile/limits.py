"""The profiler's limits, the messages several of its modules give, ProfileError, and the
empty SheetProfile every reader starts from.

Kept apart so every module of input_profile can share them without importing each other:
the dispatch (__init__), the xlsx and the text readers all raise ProfileError and fill in
_empty_sheet, and the tests compare errors against these messages.
"""


# --- limits -----------------------------------------------------------------------------

HEADER_WINDOW = 30               # the header must be within the first 30 rows
TYPE_THRESHOLD = 0.95            # a type must cover 95 % of the non-empty cells
HEADER_TEXT_SHARE = 0.70         # a header row is at least 70 % non-numeric text
TEXT_CUT = 80                    # sample text longer than this is cut, with an ellipsis
MAX_COLUMNS = 512                # columns profiled per sheet
MAX_MERGED_LISTED = 200          # merged ranges listed per sheet
CSV_SNIFF_BYTES = 64 * 1024

ZIP_MAGIC = b"PK\x03\x04"
ZIP_EMPTY_MAGIC = b"PK\x05\x06"

TEXT_EXTENSIONS = {".csv", ".tsv", ".txt", ".tab"}
EXCEL_EXTENSIONS = {".xlsx", ".xlsm", ".xltx", ".xltm", ".xls", ".xlsb"}

DAMAGED_XLSX = ("This file is not a valid .xlsx workbook (it may be damaged or password-protected). "
                "Open it in Excel and save it again as .xlsx.")
XLS_MESSAGE = ("Old .xls workbooks (Excel 97-2003) can't be read here. Open it in Excel, save it as .xlsx "
               "(File > Save As > Excel Workbook) and add it again.")
ENCRYPTED_MESSAGE = ("This workbook is password-protected (encrypted), so it can't be read. Open it in Excel, "
                     "remove the password (File > Info > Protect Workbook > Encrypt with Password), "
                     "save it as .xlsx and add it again.")


class ProfileError(Exception):
    """A problem with the file, worded for the user; becomes FileProfile.error."""


def _short(exc, limit=200):
    s = str(exc) or type(exc).__name__
    return s if len(s) <= limit else s[:limit] + "…"


def _empty_sheet(name, state="visible"):
    return {"name": name, "state": state, "dimensions": None, "rowCount": 0, "columnCount": 0,
            "headerRow": None, "columns": [], "sampleRows": [], "tables": [], "mergedCells": [],
            "formulaCount": 0, "scannedRows": 0, "duplicateRows": 0}
