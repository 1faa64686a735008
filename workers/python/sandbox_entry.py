"""The runtime's single door into the Python side: JSON in, JSON out.

Pyodide (browser worker, Node) calls these functions; the answers are JSON
strings so nothing but plain data crosses into JavaScript. run_json runs the
model's code; every other function is our own Python, called by name.
"""
import gc
import json
import os
import zipfile
import zlib

import input_guard
import precheck
import input_profile
import runner
import sheet_rows
import snapshot_xlsx
import workbook_risks


def precheck_json(code):
    return json.dumps(precheck.check(code), ensure_ascii=False)


def run_json(code, input_dir, output_dir, max_stream_bytes, use_precheck=True, walls_off=False):
    # walls_off: tests only (the host reads it from its own test-only switch, never from a request).
    try:
        result = runner.run(
            code, input_dir=input_dir, output_dir=output_dir,
            max_stream_bytes=max_stream_bytes, precheck=bool(use_precheck), walls_off=bool(walls_off),
        )
    finally:
        # The user's objects are unreachable now; give their memory back before the next run.
        gc.collect()
    return json.dumps(result, ensure_ascii=False, default=str)


def profile_json(input_dir):
    return json.dumps(input_profile.profile_inputs(input_dir), ensure_ascii=False, default=str)


# ---------------------------------------------------------------------------
# Workbook files (snapshot_xlsx.py, sheet_rows.py, workbook_risks.py). The answer is {"ok": true, "value": ...} or
# {"ok": false, "message": "..."}: a sentence about the file, for the pane to show.


def snapshot_xlsx_json(snapshot_text, output_path):
    """The open workbook's snapshot (JSON text) written as an .xlsx at output_path."""
    return _answer(lambda: snapshot_xlsx.snapshot_to_xlsx(json.loads(snapshot_text), output_path))


def sheet_rows_json(path, sheet, pages_dir, page_rows):
    """One sheet (the first for an empty name) of the file at path: headers, counts, risks; rows in pages_dir."""
    name = os.path.basename(path)
    return _answer(lambda: _readable(path, lambda: sheet_rows.sheet_rows(path, name, sheet or None, pages_dir, int(page_rows))))


def inspect_json(paths_json):
    """Per file: formulas that may reach the network, external links, VBA."""
    paths = json.loads(paths_json)
    return _answer(lambda: [_readable(path, lambda: workbook_risks.inspect_file(path, os.path.basename(path)), named=True)
                            for path in paths])


class _UnreadableFile(ValueError):
    pass


def _answer(work):
    try:
        # The files are the model's outputs: the same zip and XML limits as while its code ran.
        with input_guard.guarded_zip_reads():
            value = work()
    except MemoryError:
        raise  # the worker turns it into the memory error and replaces the interpreter
    except ValueError as exc:  # our own sentences (a missing sheet, an unreadable file)
        return json.dumps({"ok": False, "message": str(exc)}, ensure_ascii=False)
    finally:
        gc.collect()
    return json.dumps({"ok": True, "value": value}, ensure_ascii=False, default=str)


def _readable(path, read, named=False):
    """read(), with a file the libraries cannot open reported as a sentence about that file."""
    try:
        return read()
    except (zipfile.BadZipFile, zlib.error, EOFError, KeyError) as exc:
        problem = _unreadable(exc, path)
    except Exception as exc:
        if type(exc).__name__ != "InvalidFileException":
            raise
        problem = _unreadable(exc, path)
    raise _UnreadableFile("%s: %s" % (os.path.basename(path), problem) if named else problem)


def _unreadable(exc, path):
    if isinstance(exc, input_guard.RefusedFile):
        return str(exc)
    problem = input_profile.profile_file(path).get("error") if os.path.isfile(path) else None
    return problem or ("the file is not a readable .xlsx workbook (it may be damaged, incomplete or another "
                       "format). Open it in Excel and save it again as .xlsx.")
