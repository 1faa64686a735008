"""Runs model-written Python behind a second wall, independent of precheck.py.

What this guard does, on its own:
- refuses compiled code whose bytecode names `_`-prefixed attributes, frame
  attributes or interpreter dunders (the same policy as the AST check, applied
  to what the compiler produced, so a gap in one check is not a gap in both);
- gives the code a restricted `__builtins__`: no eval/exec/compile/open/input/...,
  an `__import__` limited to precheck.ALLOWED_MODULES, a guarded `open`
  confined to input_dir (read) and output_dir (read/write);
- hands out modules as read-only proxies that refuse `_` names, modules outside
  the allowlist (pandas.io.common.os) and the dotted names in DENIED_NAMES;
- hardens pandas' string evaluators (df.eval/query, Styler templates).

What it cannot stop (the precheck and the JS/OS walls must): attribute names
built at run time and handed to library code that calls getattr with them
(pandas' df.apply("name") dispatch; only literal dunder strings are caught),
mutation of library *classes* (pd.DataFrame.x = ...), which persists in a
reused interpreter, library calls not on the DENIED_NAMES list, and file or
network access done by library code (pandas/openpyxl use the real open; the
read-only /input mount and the platform are the walls there). Time limits are
enforced from outside. The guarded `type` is a function, so `isinstance(x, type)`
and `class M(type)` do not work in scripts.
"""

import builtins
import contextlib
import dis
import gc
import json
import os
import sys
import types

import audit_wall as _audit_wall
import failures as _failures
import input_guard as _input_guard
import precheck as _precheck

FILENAME = _precheck.FILENAME
_REAL_STDOUT = sys.__stdout__  # before any user code runs
_REAL_IMPORT = builtins.__import__
_REAL_OPEN = builtins.open
_REAL_GETATTR = getattr
_REAL_TYPE = type

# ---------------------------------------------------------------------------
# Bytecode scan


_ATTRIBUTE_OPS = {"LOAD_ATTR", "STORE_ATTR", "DELETE_ATTR", "LOAD_METHOD",
                  "LOAD_SUPER_ATTR", "IMPORT_FROM"}
_NAME_OPS = {"LOAD_NAME", "LOAD_GLOBAL", "DELETE_NAME", "DELETE_GLOBAL", "STORE_GLOBAL",
             "LOAD_FROM_DICT_OR_GLOBALS", "LOAD_CLASSDEREF", "LOAD_FROM_DICT_OR_DEREF"}
# Dunder names the compiler itself reads and writes in class bodies and closures.
_COMPILER_NAMES = frozenset({
    "__name__", "__module__", "__qualname__", "__annotations__", "__classcell__",
    "__classdictcell__", "__static_attributes__", "__firstlineno__", "__annotate__",
    "__conditional_annotations__", "__type_params__", "__doc__", "__class__",
})


_CONST_OPS = {"LOAD_CONST", "KW_NAMES", "RETURN_CONST"}


def _dunder_constant(text):
    return _precheck.dunder_string_refused(text)


def _constant_strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, (tuple, frozenset)):
        for item in value:
            yield from _constant_strings(item)


def _refused_name(ins):
    """The name one instruction uses that the sandbox refuses, or None."""
    if ins.opname in _CONST_OPS:
        # e.g. `case C(__class__=x)` or df.apply("__getattribute__", ...)
        return next((t for t in _constant_strings(ins.argval) if _dunder_constant(t)), None)
    name = ins.argval
    if not isinstance(name, str):
        return None
    if ins.opname in _ATTRIBUTE_OPS and _precheck.attribute_refused(name):
        return name
    if ins.opname in _NAME_OPS and name in _precheck.INTERNAL_DUNDERS and name not in _COMPILER_NAMES:
        return name
    return None


def _scan_code(code):
    """(name, line, column) of the first thing the sandbox refuses in compiled code, or None."""
    for ins in dis.get_instructions(code):
        name = _refused_name(ins)
        if name is not None:
            pos = ins.positions
            column = pos.col_offset + 1 if pos and pos.col_offset is not None else None
            return name, pos.lineno if pos else None, column
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            found = _scan_code(const)
            if found:
                return found
        for text in _constant_strings(const):  # constants no instruction loads
            # Match-class patterns keep attribute names as constants: case object(gi_frame=f).
            if _dunder_constant(text) or text in _precheck.BLOCKED_ATTRIBUTES:
                return text, code.co_firstlineno, None
    return None


# ---------------------------------------------------------------------------
# Modules: guarded import and read-only proxies


def _exact_str(value):
    # A str subclass could override startswith/__eq__ to lie to our checks.
    return "".join((value,)) if isinstance(value, str) else value


def _module_allowed(name):
    parts = name.split(".")
    # A private part (pandas.compat._optional) is internal API that the allowlist never vouched for.
    return (parts[0] in _precheck.ALLOWED_MODULES and not any(p.startswith("_") for p in parts)
            and not _precheck.denied_prefix(name))


def _written_by_user():
    """True when the import being served is an `import` statement of the user's code.

    C code that imports on a library's behalf (numpy's reductions import
    numpy.core._methods, datetime.strftime imports time) calls the `__import__`
    of the frame on top, which is the user's while a library function it called
    runs in C. Such imports are the library's business: the allowlist applies to
    what the script writes, never to what libraries do for it."""
    frame = sys._getframe(2)  # 0: this function, 1: _guarded_import, 2: whoever runs
    if frame.f_code.co_filename != FILENAME or frame.f_lasti < 0:
        return False
    return dis.opname[frame.f_code.co_code[frame.f_lasti]] == "IMPORT_NAME"


class _ModuleProxy:
    """Read-only view of an allowed module; submodules come back wrapped too."""

    __slots__ = ("_module",)

    def __init__(self, module):
        object.__setattr__(self, "_module", module)

    def __getattribute__(self, name):
        module = object.__getattribute__(self, "_module")
        name = _exact_str(name)
        if name == "__name__":
            return module.__name__
        if name == "__all__":
            return _star_names(module)
        dotted = module.__name__ + "." + name
        if _precheck.module_attribute_refused(name):
            # AttributeError keeps isinstance()/hasattr() protocols working.
            raise AttributeError("`%s` is not available in the sandbox: a module's names starting "
                                 "with `_` are its internals. Use the public API." % dotted)
        served = _precheck.RESTRICTED_MODULES.get(module.__name__)
        if served is not None and name not in served and not _precheck.DUNDER_RE.match(name):
            raise AttributeError(_precheck.restricted_message(module.__name__, name))
        if dotted in _precheck.DENIED_NAMES:
            raise PermissionError("`%s` is blocked in the sandbox because it can load code "
                                  "or reach outside it." % dotted)
        return _wrap(_REAL_GETATTR(module, name), dotted)

    def __setattr__(self, name, value):
        raise PermissionError("modules are read-only in the sandbox; keep your own values "
                              "in your own variables.")

    def __delattr__(self, name):
        raise PermissionError("modules are read-only in the sandbox.")

    def __dir__(self):
        module = object.__getattribute__(self, "_module")
        served = _precheck.RESTRICTED_MODULES.get(module.__name__)
        return sorted(n for n in dir(module) if not _precheck.module_attribute_refused(n)
                      and (served is None or n in served))

    def __repr__(self):
        return "<module %r (sandboxed)>" % object.__getattribute__(self, "_module").__name__


def _star_names(module):
    """What `from module import *` brings: its public names, minus what the sandbox refuses."""
    names = vars(module).get("__all__")
    if names is None:
        names = [n for n in vars(module) if not n.startswith("_")]
    served = _precheck.RESTRICTED_MODULES.get(module.__name__)
    kept = []
    for name in names:
        if not isinstance(name, str) or _precheck.module_attribute_refused(name):
            continue
        if served is not None and name not in served:
            continue
        dotted = module.__name__ + "." + name
        value = vars(module).get(name)
        if dotted in _precheck.DENIED_NAMES or (value is not None and id(value) in _denied_ids()):
            continue
        if isinstance(value, types.ModuleType) and not _module_allowed(value.__name__):
            continue
        kept.append(name)
    return kept


_proxies = {}
_denied = {"modules": -1, "ids": frozenset(), "objects": []}


def _denied_ids():
    """ids of the objects DENIED_NAMES point to, so aliases (np.lib.load for
    numpy.load) are refused too. Recomputed when new modules were imported."""
    if _denied["modules"] != len(sys.modules):
        objects = []
        for dotted in _precheck.DENIED_NAMES:
            module_name, _, attr = dotted.rpartition(".")
            module = sys.modules.get(module_name)
            # vars(), not getattr: a lazy module __getattr__ would import things.
            value = vars(module).get(attr) if module is not None else None
            if value is not None:
                objects.append(value)
        _denied.update(modules=len(sys.modules), objects=objects,
                       ids=frozenset(id(o) for o in objects))
    return _denied["ids"]


def _checked_attrgetter(*names):
    """operator.attrgetter with every dotted part held to the attribute rules."""
    import operator
    for name in names:
        for part in _exact_str(name).split(".") if isinstance(name, str) else [name]:
            _checked_name(part)
    return operator.attrgetter(*names)


def _checked_methodcaller(name, *args, **kwargs):
    import operator
    return operator.methodcaller(_checked_name(name), *args, **kwargs)


def _checked_numpy_load(file, *args, **kwargs):
    """numpy.load without pickles: a pickled array runs code when loaded."""
    import numpy
    if kwargs.get("allow_pickle") or (len(args) >= 2 and args[1]):
        raise PermissionError("numpy.load(..., allow_pickle=True) is not available: pickles can run code. "
                              "Save arrays with numpy.save (no objects) or write csv.")
    kwargs["allow_pickle"] = False
    return numpy.load(file, *args[:1], *args[2:], **kwargs) if len(args) >= 2 else numpy.load(file, *args, **kwargs)


# Library functions handed out in a checked form (by identity, so aliases get it too).
_CHECKED = {"operator.attrgetter": _checked_attrgetter, "operator.methodcaller": _checked_methodcaller,
            "numpy.load": _checked_numpy_load}
_checked = {"modules": -1, "by_id": {}}


def _checked_version(value):
    if _checked["modules"] != len(sys.modules):
        by_id = {}
        for dotted, replacement in _CHECKED.items():
            module_name, _, attr = dotted.rpartition(".")
            module = sys.modules.get(module_name)
            original = vars(module).get(attr) if module is not None else None
            if original is not None:
                by_id[id(original)] = (original, replacement)
        _checked.update(modules=len(sys.modules), by_id=by_id)
    found = _checked["by_id"].get(id(value))
    return found[1] if found is not None and found[0] is value else None


def _wrap(value, dotted):
    replacement = _checked_version(value)
    if replacement is not None:
        return replacement
    if id(value) in _denied_ids():
        raise PermissionError("`%s` is blocked in the sandbox because it can load code or "
                              "reach outside it." % dotted)
    if not isinstance(value, types.ModuleType):
        return value
    name = value.__name__
    if not _module_allowed(name) or not _module_allowed(dotted):
        raise PermissionError("`%s` is the module `%s`, which scripts cannot use."
                              % (dotted, name))
    if name.partition(".")[0] == "pandas":
        with _audit_wall.suspended():
            _harden_pandas()
    proxy = _proxies.get(name)
    if proxy is None:
        proxy = _proxies[name] = _ModuleProxy(value)
    return proxy


def _guarded_import(name, globals=None, locals=None, fromlist=(), level=0):
    if not _written_by_user():
        return _REAL_IMPORT(name, globals, locals, fromlist, level)
    if level:
        raise ImportError("relative imports are not available; import allowed modules by "
                          "their full name.")
    name = _exact_str(name)
    if not isinstance(name, str) or not _module_allowed(name):
        # ModuleNotFoundError: `try: import xlsxwriter / except ImportError:` takes its other way.
        raise ModuleNotFoundError("import of `%s` is not allowed in the sandbox. Allowed modules: %s."
                                  % (name, ", ".join(sorted(_precheck.ALLOWED_MODULES))), name=name)
    fromlist = tuple(_exact_str(item) for item in (fromlist or ()))
    for item in fromlist:
        if isinstance(item, str) and (name + "." + item) in _precheck.DENIED_NAMES:
            raise ImportError("`%s.%s` is blocked in the sandbox because it can load code or "
                              "reach outside it." % (name, item))
        restricted = _precheck.restricted_attribute(name + "." + item) if isinstance(item, str) else None
        if restricted:
            raise ImportError(_precheck.restricted_message(*restricted))
    module = _REAL_IMPORT(name, None, None, fromlist, 0)
    return _wrap(module, module.__name__)


_pandas_hardened = False


def _refuse(*args, **kwargs):
    raise PermissionError("this pandas feature is not available in the sandbox.")


def _harden_pandas():
    """Cut pandas' own evaluators off from private attributes: df.eval/df.query parse
    strings, and Styler renders jinja2 templates; both could otherwise walk
    `().__class__...` without any attribute syntax in the script."""
    global _pandas_hardened
    if _pandas_hardened:
        return
    _pandas_hardened = True
    import pandas
    try:
        from pandas.core.computation import expr
        original = expr.BaseExprVisitor.visit_Attribute

        def visit_Attribute(self, node, **kwargs):
            if _precheck.attribute_refused(node.attr):
                raise PermissionError("`.%s` is not available in pandas expressions in the "
                                      "sandbox." % node.attr)
            return original(self, node, **kwargs)

        expr.BaseExprVisitor.visit_Attribute = visit_Attribute
    except Exception:  # unknown pandas layout: fail closed
        pandas.DataFrame.eval = pandas.DataFrame.query = _refuse
        pandas.eval = _refuse
    try:
        import importlib.util
        if importlib.util.find_spec("jinja2") is None:
            return  # no jinja2 (Pyodide): Styler cannot render anyway
        import jinja2
        import jinja2.sandbox
        from pandas.io.formats import style, style_render
        renderer = style_render.StylerRenderer
        env = jinja2.sandbox.SandboxedEnvironment(loader=renderer.loader, trim_blocks=True)
        for key, value in list(vars(renderer).items()):
            if isinstance(value, jinja2.Template):
                setattr(renderer, key, env.get_template(value.name))
        renderer.env = env
        style.Styler.from_custom_template = classmethod(_refuse)
    except Exception:
        pandas.DataFrame.style = property(_refuse)


# ---------------------------------------------------------------------------
# Builtins


_SAFE_BUILTINS = """abs aiter all anext any ascii bin bool bytearray bytes callable chr
classmethod complex dict dir divmod enumerate filter float format frozenset hash hex id
int isinstance issubclass iter len list map max min next object oct ord pow print property
range repr reversed round set slice sorted staticmethod str sum super tuple zip
__build_class__ __debug__ None True False Ellipsis NotImplemented""".split()


def _checked_name(name):
    name = _exact_str(name)
    if not isinstance(name, str):
        raise TypeError("attribute name must be a string")
    if _precheck.attribute_refused(name):
        raise PermissionError("the attribute `%s` is not available in the sandbox; names "
                              "starting with `_` are private. Use the public API." % name)
    return name


def _getattr(obj, name, *default):
    return _REAL_GETATTR(obj, _checked_name(name), *default)


def _setattr(obj, name, value):
    setattr(obj, _checked_name(name), value)  # module proxies refuse on their own


def _delattr(obj, name):
    delattr(obj, _checked_name(name))


def _hasattr(obj, name):
    return hasattr(obj, _checked_name(name))


def _exit(status=None):
    raise SystemExit(status)


def _help(*args, **kwargs):
    if not args and not kwargs:
        raise PermissionError("interactive help() is not available; pass the object: help(len).")
    import pydoc
    return pydoc.help(*args, **kwargs)


def _type(*args, **kwargs):
    if len(args) != 1 or kwargs:
        raise PermissionError("type(name, bases, dict) is not available; use a class statement.")
    found = _REAL_TYPE(args[0])
    # type(type(1)) is `type` itself: hand out this guard again, never the real class factory.
    return _type if found is _REAL_TYPE else found


def _within(path, root):
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _make_open(input_dir, output_dir):
    input_root = os.path.realpath(input_dir)
    output_root = os.path.realpath(output_dir)

    def open(file, mode="r", buffering=-1, encoding=None, errors=None, newline=None,
             closefd=True, opener=None):
        if isinstance(file, int) or not closefd or opener is not None:
            raise PermissionError("open() takes a file path such as %s/<name>; file "
                                  "descriptors and openers are not available." % input_dir)
        path = os.fspath(file)  # called once: the checked path is the opened path
        path = os.fsdecode(b"".join((path,))) if isinstance(path, bytes) else _exact_str(path)
        mode = _exact_str(mode)
        if not isinstance(mode, str):
            raise TypeError("open() mode must be a string")
        real = os.path.realpath(path)  # follows symlinks and `..`
        writes = any(flag in mode for flag in "wax+")
        if _within(real, output_root):
            pass
        elif _within(real, input_root):
            if writes:
                raise PermissionError("%s is read-only; write your results under %s/ instead."
                                      % (input_dir, output_dir))
        else:
            raise PermissionError("open(%r) is outside the sandbox; only %s/<name> (read) and "
                                  "%s/<name> (write) are available." % (path, input_dir, output_dir))
        return _REAL_OPEN(real, mode, buffering, encoding, errors, newline)

    return open


def _make_builtins(input_dir, output_dir):
    table = {name: _REAL_GETATTR(builtins, name) for name in _SAFE_BUILTINS}
    for name, value in vars(builtins).items():
        if isinstance(value, _REAL_TYPE) and issubclass(value, BaseException):
            table[name] = value
    table.update(__import__=_guarded_import, open=_make_open(input_dir, output_dir),
                 getattr=_getattr, setattr=_setattr, delattr=_delattr, hasattr=_hasattr,
                 type=_type, exit=_exit, quit=_exit, help=_help)
    return table


# ---------------------------------------------------------------------------
# Output capture


class _CappedWriter:
    """A text stream that keeps at most `limit` UTF-8 bytes and drops the rest."""

    encoding = "utf-8"
    errors = "replace"
    closed = False

    def __init__(self, limit):
        self.limit = max(0, int(limit))
        self.size = 0
        self.parts = []
        self.truncated = False

    def write(self, text):
        if not isinstance(text, str):
            raise TypeError("write() argument must be str, not %s" % _REAL_TYPE(text).__name__)
        if self.truncated:
            return len(text)
        data = text.encode("utf-8", "replace")  # lone surrogates become '?'
        room = self.limit - self.size
        if len(data) > room:
            data = data[:room]
            self.truncated = True
        self.parts.append(data.decode("utf-8", "ignore"))
        self.size += len(data)
        return len(text)

    def writelines(self, lines):
        for line in lines:
            self.write(line)

    def flush(self):
        pass

    def isatty(self):
        return False

    def reconfigure(self, **settings):
        pass  # scripts call sys.stdout.reconfigure(encoding="utf-8"): already UTF-8

    def writable(self):
        return True

    def readable(self):
        return False

    def seekable(self):
        return False

    def fileno(self):
        raise OSError("captured stream has no file descriptor")

    def getvalue(self):
        text = "".join(self.parts)
        if self.truncated:
            text += "\n[output cut at %d bytes]" % self.limit
        return text


# ---------------------------------------------------------------------------
# Running


def _execute(code, input_dir, output_dir, walls_off=False):
    """Compile, scan and exec `code`; returns a SandboxError dict or None.

    walls_off (tests only) runs the code as an attacker who defeated walls 1-3
    would: real builtins, no bytecode scan, no audit hook, no zip guard."""
    try:
        compiled = compile(code, FILENAME, "exec", dont_inherit=True)
    except SyntaxError as exc:
        line, column = exc.lineno, exc.offset
        return _failures.error("python", "SyntaxError: %s (line %s)" % (exc.msg, line),
                      _failures.exception_line(exc), line, column)
    except (ValueError, MemoryError, RecursionError) as exc:
        return _failures.error("python", "The code cannot be compiled: %s" % exc)
    refused = None if walls_off else _scan_code(compiled)
    if refused:
        name, line, column = refused
        return _failures.error("python", "PermissionError: `%s` is not available in the sandbox (line %s); "
                      "names starting with `_` and frame internals lead outside it. Use the "
                      "public API." % (name, line), None, line, column)
    if walls_off:
        scope = {"__name__": "__main__", "__builtins__": builtins}
        walls = contextlib.nullcontext()
    else:
        scope = {"__name__": "__main__", "__builtins__": _make_builtins(input_dir, output_dir)}
        walls = _walls_up(input_dir, output_dir)
    try:
        with walls:
            try:
                exec(compiled, scope)
            finally:
                # Drop the script's objects inside the wall and while output is still
                # captured, so their __del__ methods run under the same rules.
                scope.clear()
                gc.collect()
    except SystemExit as exc:
        if exc.code not in (None, 0):
            return _failures.describe(exc, code, input_dir)
    except BaseException as exc:
        return _failures.describe(exc, code, input_dir)
    return None


@contextlib.contextmanager
def _walls_up(input_dir, output_dir):
    with _audit_wall.active(input_dir, output_dir), _input_guard.guarded_zip_reads():
        yield


def run(code, input_dir="/input", output_dir="/output", max_stream_bytes=1_000_000, precheck=True,
        walls_off=False):
    """Run `code` in the sandbox; returns the result dict (never raises).

    walls_off is a test-only switch (the supervisors' tests): it disables walls 1-3
    (pre-check, runtime guard, audit hook), so a test can show that every guarantee
    is held by the walls outside the interpreter. No pane setting, request field or
    CLI flag reaches it."""
    out, err = _CappedWriter(max_stream_bytes), _CappedWriter(max_stream_bytes)
    error = None
    if precheck and not walls_off:
        try:
            violations = _precheck.check(code)
        except Exception as exc:  # a bug of ours, not the code's fault
            violations, error = [], _failures.error("internal", "The pre-check failed: %r" % exc)
        if violations:
            error = _failures.error("precheck", _precheck.format_violations(violations), None,
                           violations[0]["line"], violations[0]["column"], violations)
    if error is None:
        saved = sys.stdout, sys.stderr
        cwd = None
        try:
            os.makedirs(output_dir, exist_ok=True)
            cwd = os.getcwd()
            os.chdir(output_dir)  # relative paths land in the output folder
        except OSError as exc:
            error = _failures.error("internal", "The output folder %s is not usable: %s" % (output_dir, exc))
        if error is None:
            saved_path, saved_argv = list(sys.path), sys.argv
            try:
                sys.stdout, sys.stderr = out, err
                sys.argv = ["script.py"]  # as `python script.py` would have it, not the runner's own
                # The working folder (/output) is writable: a file written there must never
                # be importable, or `import statistics` could run the script's own module.
                sys.path[:] = [p for p in sys.path if p not in ("", ".", output_dir, input_dir)]
                error = _execute(code, input_dir, output_dir, walls_off)
            except BaseException as exc:  # e.g. a hostile __str__ during formatting
                error = _failures.error("python", "%s while reporting the error." % _REAL_TYPE(exc).__name__)
            finally:
                sys.stdout, sys.stderr = saved
                sys.path[:] = saved_path
                sys.argv = saved_argv
                if cwd is not None:
                    try:
                        os.chdir(cwd)
                    except OSError:
                        pass
    result = {"ok": error is None, "stdout": out.getvalue(), "stderr": err.getvalue(),
              "streams_truncated": out.truncated or err.truncated}
    if error is not None:
        result["error"] = error
    return result


def main(argv=None):
    """CLI for native CPython: prints one JSON line; returns 0 if ok else 1."""
    import argparse
    parser = argparse.ArgumentParser(description="Run a script in the Python sandbox.")
    parser.add_argument("code_file")
    parser.add_argument("--input-dir", default="/input")
    parser.add_argument("--output-dir", default="/output")
    parser.add_argument("--max-stream-bytes", type=int, default=1_000_000)
    parser.add_argument("--no-precheck", action="store_true")
    # Tests only: the server passes it when its own environment asks (EXCEL_AI_TEST_WALLS_OFF=1).
    parser.add_argument("--test-walls-off", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    with _REAL_OPEN(args.code_file, "rb") as handle:
        raw = handle.read()
    try:
        code = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        message = "The code is not valid UTF-8 text (byte %d). Send plain UTF-8 Python source." % exc.start
        if args.no_precheck:
            error = _failures.error("python", message)
        else:
            violation = {"rule": "syntax-error", "message": message, "line": 1, "column": 1}
            error = _failures.error("precheck", message, None, 1, 1, [violation])
        result = {"ok": False, "stdout": "", "stderr": "", "streams_truncated": False, "error": error}
    else:
        result = run(code, args.input_dir, args.output_dir, args.max_stream_bytes,
                     precheck=not args.no_precheck, walls_off=args.test_walls_off)
    # Anything printed later (objects stashed in libraries) must not add lines.
    sys.stdout = sys.stderr = _CappedWriter(0)
    line = json.dumps(result, ensure_ascii=False) + "\n"
    stream = _REAL_GETATTR(_REAL_STDOUT, "buffer", None)
    if stream is not None:
        stream.write(line.encode("utf-8", "replace"))
        stream.flush()
    else:
        _REAL_STDOUT.write(line)
        _REAL_STDOUT.flush()
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    status = main(sys.argv[1:])
    os._exit(status)  # skip interpreter teardown: no late __del__ output
