"""Compares the fast reader's rows with openpyxl's, cell by cell, on one workbook.

    python3 compare_reader.py WORKBOOK CELLS.json

CELLS.json is what workers/xlsx/read-xlsx.ts read from WORKBOOK: its shared strings and,
for every sheet, a file of its cells as pack-cells.ts packs them for Python. For each
sheet, and for data_only on and off, openpyxl's ``load_workbook(read_only=True)`` +
``iter_rows(values_only=True)`` is compared with workers/python/xlsx_fast.py over those
cells (with the reader's shared strings, and openpyxl's date formats and epoch as the
product takes them), also with bounds passed to iter_rows. Prints one JSON line: the cells compared and every difference (at most 20).
"""

import json
import math
import sys
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "workers" / "python"))

import openpyxl  # noqa: E402
from xlsx_fast import FastSheet, NotServed, unpack_cells  # noqa: E402


def same(a, b):
    if type(a) is not type(b):
        return False
    if isinstance(a, float):
        return (math.isnan(a) and math.isnan(b)) or a == b
    return a == b


def main(workbook, cells_json):
    read = json.loads(Path(cells_json).read_text())
    differences, compared, fallbacks = [], 0, 0
    bounds = [{}, {"min_row": 2, "max_row": 5, "min_col": 2, "max_col": 4}, {"max_col": 3}, {"min_row": 3}]
    # The shared strings, as openpyxl read them (the product hands openpyxl the reader's).
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        book = openpyxl.load_workbook(workbook, read_only=True)
        want_strings = list(book.worksheets[0]._shared_strings) if book.worksheets else []
    if want_strings != read["sharedStrings"]:
        pairs = [s for s in zip(want_strings, read["sharedStrings"]) if s[0] != s[1]]
        differences.append({"sharedStrings": pairs[:5], "lengths": [len(want_strings), len(read["sharedStrings"])]})
    cells = {s["name"]: unpack_cells(Path(s["cells"]).read_bytes()) for s in read["sheets"]}
    for data_only in (True, False):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wb = openpyxl.load_workbook(workbook, read_only=True, data_only=data_only)
            for sheet in read["sheets"]:
                ws = wb[sheet["name"]]
                try:
                    fast = FastSheet(cells[sheet["name"]], read["sharedStrings"], wb._date_formats, wb.epoch, data_only=data_only)
                except NotServed:
                    fallbacks += 1
                    continue
                for bound in bounds:
                    want = list(ws.iter_rows(values_only=True, **bound))
                    got = list(fast.iter_rows(**bound))
                    if len(want) != len(got):
                        differences.append({"sheet": sheet["name"], "data_only": data_only, "bound": bound, "rows": [len(want), len(got)]})
                        continue
                    for r, (w, g) in enumerate(zip(want, got)):
                        if len(w) != len(g) or type(w) is not type(g):
                            differences.append({"sheet": sheet["name"], "bound": bound, "row": r, "want": repr(w)[:200], "got": repr(g)[:200]})
                            continue
                        for c, (a, b) in enumerate(zip(w, g)):
                            compared += 1
                            if not same(a, b):
                                differences.append({"sheet": sheet["name"], "data_only": data_only, "bound": bound, "row": r, "col": c, "want": repr(a), "got": repr(b)})
            wb.close()
    print(json.dumps({"compared": compared, "fallbacks": fallbacks, "differences": differences[:20], "count": len(differences)}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
