"""
Errors as values: an exception raised by the model's code becomes the SandboxError dict
(workers/api.ts) with a message the model can act on, the user's part of the traceback,
the failing line, and, when it can tell, what was missing and what exists instead (the
cause the pane turns into a sentence). Imported by runner.py before any user code runs,
so the builtins captured here are the real ones.
"""
import os
import re
import traceback

import input_guard as _input_guard
import precheck as _precheck
import input_profile as _profile

FILENAME = _precheck.FILENAME
_REAL_TYPE = type
_TRACEBACK_FRAMES = 15
_MESSAGE_CHARS = 2000

def _clean(text):
    text = text if len(text) <= _MESSAGE_CHARS else text[:_MESSAGE_CHARS] + "..."
    return text.encode("utf-8", "replace").decode("utf-8")


def error(kind, message, traceback_text=None, line=None, column=None, violations=None, cause=None):
    error = {"kind": kind, "message": _clean(message),
             "traceback": _clean(traceback_text) if traceback_text else None,
             "line": line, "column": column, "violations": violations}
    if cause:
        error["cause"] = cause
    return error


def _cause(kind, name, available):
    """What was missing and what exists instead, as data for the pane's sentence (FailureCause)."""
    return {"kind": kind, "name": _clean(str(name))[:200], "available": [_clean(str(a))[:200] for a in list(available)[:100]]}


def exception_line(exc):
    try:
        return "".join(traceback.format_exception_only(_REAL_TYPE(exc), exc)).strip()
    except BaseException:  # a hostile __str__ must not escape
        return _REAL_TYPE(exc).__name__


def _frames(exc):
    """Traceback entries as (frame, line, 0-based column or None), oldest first."""
    entries = []
    tb = exc.__traceback__
    while tb is not None:
        frame, column = tb.tb_frame, None
        if frame.f_code.co_filename == FILENAME:
            try:  # co_positions() has one entry per 2-byte code unit
                column = list(frame.f_code.co_positions())[tb.tb_lasti // 2][2]
            except Exception:
                pass
        entries.append((frame, tb.tb_lineno, column))
        tb = tb.tb_next
    return entries


def _format_user_traceback(frames, source_lines, exc_line):
    user = [(f, ln, col) for f, ln, col in frames if f.f_code.co_filename == FILENAME]
    out = ["Traceback (most recent call last):"]
    if len(user) > _TRACEBACK_FRAMES:
        out.append("  ... %d earlier frames omitted" % (len(user) - _TRACEBACK_FRAMES))
        user = user[-_TRACEBACK_FRAMES:]
    for frame, lineno, _ in user:
        out.append('  File "%s", line %s, in %s' % (FILENAME, lineno, frame.f_code.co_name))
        if lineno and 0 < lineno <= len(source_lines):
            out.append("    " + source_lines[lineno - 1].strip())
    out.append(exc_line)
    return "\n".join(out)


def _library_object(frames, last_user_index, predicate):
    """First `self` in the library frames after the user's last line that matches."""
    for frame, _, _ in frames[last_user_index + 1:]:
        obj = frame.f_locals.get("self")
        module = _REAL_TYPE(obj).__module__ or ""
        if module.startswith(("pandas.", "openpyxl.")) and predicate(obj):
            return obj
    return None


def _names(values, limit=30):
    values = list(values)
    shown = ", ".join(repr(v) for v in values[:limit])
    return shown + (", ..." if len(values) > limit else "")


def _unreadable_input_hint(exc, frames, input_dir):
    """For a file the libraries could not open: what the profile says is wrong with it."""
    if isinstance(exc, _input_guard.RefusedFile):
        return None  # its message already says what and why
    import zipfile
    import zlib
    if not (isinstance(exc, (zipfile.BadZipFile, zlib.error, EOFError))
            or _REAL_TYPE(exc).__name__ == "InvalidFileException"):
        return None
    root = input_dir.rstrip("/") + "/"
    path = None
    for frame, _, _ in reversed(frames):
        for value in list(frame.f_locals.values()):
            if isinstance(value, str) and value.startswith(root) and os.path.isfile(value):
                path = value
                break
        if path:
            break
    problem = None
    if path:
        profile = _profile.profile_file(path)
        problem = profile.get("error")
    if problem:
        return "%s can't be read: %s" % (os.path.basename(path), problem)
    return ("the file is not a readable .xlsx workbook (it may be damaged, incomplete, password-protected or "
            "another format). Open it in Excel and save it again as .xlsx, then add it again.")


def _key_name(exc):
    """The key a KeyError names: 'Sales', or the sheet in openpyxl's 'Worksheet X does not exist.'"""
    key = exc.args[0] if exc.args else ""
    if isinstance(key, str):
        found = re.match(r"^Worksheet (.+) does not exist\.?$", key)
        if found:
            return found.group(1)
    return key


def _hint(exc, frames, last_user_index, input_dir):
    """(hint for the model, cause for the pane's sentence or None), or (None, None)."""
    unreadable = _unreadable_input_hint(exc, frames, input_dir)
    if unreadable:
        return unreadable, None
    if isinstance(exc, KeyError):
        book = _library_object(frames, last_user_index, lambda o: hasattr(o, "sheetnames"))
        if book is not None:
            return ("the sheet does not exist. Sheets in this workbook: %s." % _names(book.sheetnames),
                    _cause("missing-sheet", _key_name(exc), book.sheetnames))
        holder = _library_object(frames, last_user_index,
                                 lambda o: _REAL_TYPE(o).__name__ in ("DataFrame", "Index")
                                 or _REAL_TYPE(o).__name__.endswith("Index"))
        if holder is not None:
            columns = holder.columns if _REAL_TYPE(holder).__name__ == "DataFrame" else holder
            return ("the column does not exist; check the exact header names (spelling, spaces, "
                    "case). Available: %s." % _names(columns), _cause("missing-column", _key_name(exc), columns))
        if exc.args and isinstance(exc.args[0], str):
            return None, _cause("missing-key", exc.args[0], [])
    if isinstance(exc, ValueError) and "Worksheet named" in str(exc):
        found = re.search(r"Worksheet named '(.+)' not found", str(exc))
        return ("check the sheet names in the profile; sheet_name must match exactly.",
                _cause("missing-sheet", found.group(1), []) if found else None)
    if isinstance(exc, FileNotFoundError):
        try:
            files = sorted(os.listdir(input_dir))
        except OSError:
            files = []
        listed = ", ".join("%s/%s" % (input_dir, f) for f in files[:50]) or "none"
        missing = os.path.basename(str(exc.filename)) if exc.filename else ""
        return ("the file does not exist. Files in %s: %s." % (input_dir, listed),
                _cause("missing-file", missing, files))
    if isinstance(exc, RecursionError):
        return "a function keeps calling itself; use a loop instead.", None
    if isinstance(exc, NameError) and getattr(exc, "name", None) in _precheck.FORBIDDEN_BUILTINS:
        return "`%s` is not available in the sandbox." % exc.name, None
    return None, None


def describe(exc, source, input_dir):
    """The SandboxError dict for an exception raised by the user's code."""
    frames = _frames(exc)
    user_indexes = [i for i, (f, _, _) in enumerate(frames) if f.f_code.co_filename == FILENAME]
    last = user_indexes[-1] if user_indexes else -1
    line = frames[last][1] if user_indexes else None
    column = frames[last][2] + 1 if user_indexes and frames[last][2] is not None else None
    exc_line = exception_line(exc)
    where = " (line %d)" % line if line else ""
    summary = exc_line.rstrip(".") if where else exc_line
    tb_text = _format_user_traceback(frames, source.splitlines(), exc_line)
    if isinstance(exc, MemoryError):
        return error("memory", "The code ran out of memory%s. Process less at once: read only "
                      "the columns you need (usecols=...), fewer rows (nrows=...), and avoid "
                      "large intermediate lists or copies." % where, tb_text, line, column)
    if isinstance(exc, KeyboardInterrupt):
        # Cancelling is done from outside (the worker or process is stopped), so an
        # interrupt seen here was raised by the code itself: an error, not a user cancel.
        return error("python", "KeyboardInterrupt was raised by the code%s; nothing cancelled it. "
                      "Let the script finish normally." % where, tb_text, line, column)
    hint = cause = None
    try:
        hint, cause = _hint(exc, frames, last, input_dir)
    except Exception:
        pass
    message = summary + where + (". Hint: " + hint if hint else "")
    return error("python", message, tb_text, line, column, cause=cause)
