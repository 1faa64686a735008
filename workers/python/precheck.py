"""Static pre-check of model-written Python, run before anything executes.

This is the first, cheap wall: it refuses code that reaches for things a
spreadsheet script never needs (interpreter internals, the file system outside
/input and /output, the network), and explains each refusal so the model can
fix its code and retry. runner.py is the second wall and does not trust this
one. Plain stdlib Python; runs unchanged on CPython 3.11 and Pyodide.
"""

import ast
import io
import json
import os
import re
import sys
import tokenize
import unicodedata
import warnings

FILENAME = "<your code>"

def _load_rules():
    """sandbox_rules.json beside this file: the one list of what scripts may use,
    shared with runner.py and with what the model is told (src/agent/prompts.ts)."""
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "sandbox_rules.json"), encoding="utf-8") as handle:
        return json.load(handle)


def _entries(values):
    return [v for v in values if not v.startswith("//")]


_RULES = _load_rules()

# Top-level modules user code may import (their submodules too, minus DENIED_NAMES).
ALLOWED_MODULES = frozenset(m for group in ("data", "standard", "internal")
                            for m in _RULES["allowed_modules"][group])

# Modules handed out with only some attributes (os: paths and listing; sys: version, exit, streams).
RESTRICTED_MODULES = {name: frozenset(attrs) for name, attrs in _RULES["restricted_modules"].items()
                      if not name.startswith("//")}

# Dotted names inside allowed packages that open a way out: pickle loaders
# (pickle runs code), ctypes, test runners that import files from disk, string
# evaluators, generic getattr helpers, function and code constructors.
DENIED_NAMES = frozenset(_RULES["denied_names"])

# Public-looking attributes that lead to frames, globals, raw memory or
# template engines (jinja2 templates can reach Python internals).
BLOCKED_ATTRIBUTES = frozenset(_RULES["blocked_attributes"])

# Special names that lead to interpreter internals; every other __x__ is an object's own business.
INTERNAL_DUNDERS = frozenset(_entries(_RULES["internal_dunders"]["names"]))

# `_`-prefixed names that are public API of namedtuple.
PRIVATE_OK = frozenset({"_asdict", "_replace", "_fields", "_make", "_field_defaults"})

# Standard modules by name (3.10+), so a re-export of one (`from x import os`) is recognised.
_STDLIB_MODULES = frozenset(getattr(sys, "stdlib_module_names", ())) | {"os", "sys", "subprocess", "socket", "io"}


FORBIDDEN_BUILTINS = frozenset(_RULES["forbidden_builtins"])
# getattr & co. exist at run time as checked versions; a literal name is checked here too.
ATTRIBUTE_BUILTINS = frozenset({"getattr", "setattr", "delattr", "hasattr"})

DUNDER_RE = re.compile(r"^__\w+__$")
URL_PREFIXES = ("http://", "https://", "ftp://", "file://", "ws://", "wss://")
# Keywords where a URL is data written into a cell, not something fetched.
URL_DATA_KEYWORDS = frozenset({"value", "hyperlink", "target", "tooltip", "display"})
PATH_KEYWORDS = frozenset({
    "file", "filename", "path", "io", "path_or_buf", "filepath_or_buffer",
    "excel_writer", "fp", "filepath",
})
SANDBOX_DIRS = ("/input/", "/output/")
# Absolute paths (POSIX, home, Windows drive or share); "/" alone is usually a separator.
ABSOLUTE_PATH = re.compile(r"^(?:/[\w.\-]|~(?:[/\\]|$)|[A-Za-z]:[/\\]|\\\\)")

_FS_HINT = ("The sandbox has no file system access besides /input and /output; "
            "use pandas/openpyxl (or open()) to read /input/<file> and write to /output/.")
_MODULE_HINTS = {
    **dict.fromkeys(("builtins", "importlib", "inspect", "gc", "ctypes", "code", "codeop",
                     "weakref", "ast", "dis", "site", "__future__", "annotationlib"),
                    "Interpreter internals are not available to scripts."),
    **dict.fromkeys(("subprocess", "socket", "urllib", "http", "requests", "ssl", "ftplib",
                     "smtplib", "threading", "multiprocessing", "asyncio", "signal",
                     "concurrent", "select", "webbrowser", "pty"),
                    "Scripts cannot start processes, threads or network connections."),
    **dict.fromkeys(("js", "pyodide", "pyodide_js", "micropip"),
                    "The JavaScript bridge and package installs are not available."),
    **dict.fromkeys(("pickle", "marshal", "shelve", "dill", "cloudpickle", "joblib"),
                    "Pickle-style formats can run code when loaded; use json or csv instead."),
    **dict.fromkeys(("xlsxwriter", "xlrd", "xlwt", "pyxlsb", "odf"),
                    "Use openpyxl to read and write .xlsx files (pandas: engine=\"openpyxl\")."),
    **dict.fromkeys(("matplotlib", "seaborn", "plotly"),
                    "Charts: write them into the workbook with openpyxl.chart (BarChart, LineChart...)."),
    **dict.fromkeys(("tarfile", "zlib", "bz2", "lzma"),
                    "openpyxl and pandas read and write .xlsx files directly; zipfile and gzip are available."),
}

_RESTRICTED_HINTS = {
    "os": "scripts use os to find, list and read the inputs and to write outputs "
          "(os.path, os.listdir, os.walk, os.makedirs, os.remove...); programs, processes and "
          "file descriptors are not available.",
    "sys": "scripts may use sys.exit, sys.stdout/stderr and version information only.",
}

_BUILTIN_HINTS = {
    **dict.fromkeys(("eval", "exec", "compile", "__import__"),
                    "running code built from strings is not allowed; write the code directly "
                    "and use `import` for allowed modules."),
    **dict.fromkeys(("globals", "locals", "vars"), "keep values in your own dict."),
    **dict.fromkeys(("input", "help", "breakpoint"),
                    "nothing is interactive; put the values in the code."),
}


def _allowed_list():
    return ", ".join(sorted(ALLOWED_MODULES))


def _nfkc(name):
    # Python NFKC-normalises identifiers, so compare names in that form.
    return unicodedata.normalize("NFKC", name)


def attribute_refused(name):
    """True for attribute names the sandbox never serves on any object (shared with runner.py).

    The special names in INTERNAL_DUNDERS lead to interpreter internals (__globals__,
    __subclasses__, __code__, __dict__...); the others only name or describe an object
    or are its own methods (__name__, __class__, __init__, __len__...). Single-underscore names are an
    object's own business (openpyxl's table._initialise_columns()); on modules they
    are refused too (module_attribute_refused), since that is where libraries keep
    their imports (random._os, collections._sys).
    """
    return name in BLOCKED_ATTRIBUTES or name in INTERNAL_DUNDERS


def module_attribute_refused(name):
    """True for attribute names a module never serves to scripts: private ones and the above."""
    if name in BLOCKED_ATTRIBUTES or name in INTERNAL_DUNDERS:
        return True
    return name.startswith("_") and not DUNDER_RE.match(name)


def restricted_attribute(dotted):
    """For `os.system`: (module, attribute) when a restricted module does not serve it, else None."""
    parts = dotted.split(".")
    if len(parts) >= 2 and parts[0] in RESTRICTED_MODULES and parts[1] not in RESTRICTED_MODULES[parts[0]]:
        if not (DUNDER_RE.match(parts[1]) and parts[1] not in INTERNAL_DUNDERS):
            return parts[0], parts[1]
    return None


def restricted_message(module, attribute):
    return "`%s.%s` is not available in the sandbox: %s" % (module, attribute, _RESTRICTED_HINTS.get(module, ""))


def denied_prefix(dotted):
    """The first denied dotted prefix of `dotted` (numpy.lib.format.x -> numpy.lib.format)."""
    parts = dotted.split(".")
    for i in range(1, len(parts) + 1):
        prefix = ".".join(parts[:i])
        if prefix in DENIED_NAMES:
            return prefix
    return None


def _static_prefix(node):
    """(known leading text, whole string known?) of a string expression, or (None, False)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value, True
    if isinstance(node, ast.JoinedStr):
        text = ""
        for part in node.values:
            if isinstance(part, ast.Constant) and isinstance(part.value, str):
                text += part.value
            else:
                return text, False
        return text, True
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, left_done = _static_prefix(node.left)
        if left is None:
            return None, False
        if not left_done:
            return left, False
        right, right_done = _static_prefix(node.right)
        return (left + right, right_done) if right is not None else (left, False)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
        left, _ = _static_prefix(node.left)
        return (left.split("%", 1)[0], False) if left is not None else (None, False)
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr == "format"):
        left, _ = _static_prefix(node.func.value)
        return (left.split("{", 1)[0], False) if left is not None else (None, False)
    return None, False


def _has_dotdot(text, complete):
    segments = re.split(r"[/\\]", text)
    if not complete:
        segments = segments[:-1]  # the last segment may continue at run time
    return ".." in segments


def _inside_sandbox(text, complete):
    """True if under /input or /output, False if not, None if it cannot be told yet."""
    if text.startswith(SANDBOX_DIRS) or (complete and text in ("/input", "/output")):
        return True
    if not complete and any(d.startswith(text) for d in SANDBOX_DIRS):
        return None
    return False


class _Checker(ast.NodeVisitor):
    def __init__(self, modules, source="", bound=frozenset(), matchable=frozenset()):
        self.modules = modules  # local name -> dotted module path it stands for
        self.source = source
        self.bound = bound  # names the script binds itself (a variable called `eval` is its own)
        self.matchable = matchable  # the script's own plain classes: `case Point(x, y)` is safe
        self.violations = []
        self.class_depth = 0
        self.import_guarded = 0  # inside `try:` whose handlers catch ImportError

    def shown(self, node, fallback):
        text = ast.get_source_segment(self.source, node) if self.source else None
        text = " ".join((text or fallback).split())
        return text if len(text) <= 80 else text[:77] + "..."

    def add(self, rule, node, message):
        line = getattr(node, "lineno", 1) or 1
        column = (getattr(node, "col_offset", 0) or 0) + 1
        self.violations.append({"rule": rule, "message": "Line %d: %s" % (line, message),
                                "line": line, "column": column})

    # --- imports -------------------------------------------------------------

    def check_module(self, node, module, shown):
        top = module.split(".")[0]
        if top not in ALLOWED_MODULES:
            if self.import_guarded:
                return False  # `try: import xlsxwriter / except ImportError:` handles it at run time
            hint = _MODULE_HINTS.get(top, "")
            self.add("import-not-allowed", node,
                     "`%s` is not allowed here. %s Allowed modules: %s."
                     % (shown, (hint + " ") if hint else "", _allowed_list()))
            return False
        denied = denied_prefix(module)
        if denied:
            self.add("import-not-allowed", node,
                     "`%s` is not allowed: `%s` is blocked in the sandbox because it can "
                     "load code or reach outside it. Use the documented pandas/openpyxl "
                     "API instead." % (shown, denied))
            return False
        return True

    def visit_Import(self, node):
        for alias in node.names:
            shown = "import " + alias.name + (" as " + alias.asname if alias.asname else "")
            self.check_module(node, alias.name, shown)
            self.check_binding(node, alias.asname)
        self.generic_visit(node)

    def visit_ImportFrom(self, node):
        names = ", ".join(a.name for a in node.names)
        shown = "from %s%s import %s" % ("." * node.level, node.module or "", names)
        if node.level or not node.module:
            self.add("relative-import", node,
                     "`%s` is a relative import; the script is not part of a package. "
                     "Import allowed modules by their full name." % shown)
            return
        if not self.check_module(node, node.module, shown):
            return
        for alias in node.names:
            if alias.name == "*":
                continue  # the module's public names, minus what the sandbox refuses (runner.py)
            self.check_attribute_name(node, _nfkc(alias.name), "from %s import %s" % (node.module, alias.name),
                                      on_module=True)
            dotted = node.module + "." + alias.name
            restricted = restricted_attribute(dotted)
            if restricted:
                self.add("restricted-module", node, restricted_message(*restricted))
            elif alias.name in _STDLIB_MODULES and alias.name not in ALLOWED_MODULES:
                # `from pandas.io.common import os`: a library's own import, re-exported.
                self.add("import-not-allowed", node,
                         "`%s` would hand the script the module `%s`, which is not allowed. "
                         "Use pandas/openpyxl on /input and /output." % (shown, alias.name))
            elif dotted in DENIED_NAMES:
                self.add("import-not-allowed", node,
                         "`%s` is blocked in the sandbox because it can load code or reach "
                         "outside it. Use the documented pandas/openpyxl API instead." % dotted)
            self.check_binding(node, alias.asname)

    # --- names and attributes ------------------------------------------------

    def check_binding(self, node, name):
        if name and _nfkc(name) in INTERNAL_DUNDERS:
            self.add("dunder-name", node,
                     "the name `%s` is reserved for the interpreter; choose a plain name." % name)

    def check_attribute_name(self, node, attr, shown, on_module=False):
        if attr in BLOCKED_ATTRIBUTES:
            self.add("blocked-attribute", node,
                     "`%s` reaches interpreter internals (frames, raw memory or template "
                     "engines) and is not allowed." % shown)
        elif attr in INTERNAL_DUNDERS:
            self.add("dunder-attribute", node,
                     "`%s` uses the special attribute `%s`, which leads to interpreter internals "
                     "and is not available in the sandbox. Use the public API (type(x) or "
                     "isinstance() for types, x.__name__ for names)." % (shown, attr))
        elif on_module and attr.startswith("_") and not DUNDER_RE.match(attr):
            self.add("dunder-attribute", node,
                     "`%s` uses the private module attribute `%s`; a module's `_` names are its "
                     "internals and are not available in the sandbox. Use the documented API." % (shown, attr))

    def resolve(self, node):
        """Dotted path an expression stands for, if it is rooted at an imported name."""
        if isinstance(node, ast.Name):
            return self.modules.get(_nfkc(node.id))
        if isinstance(node, ast.Attribute):
            base = self.resolve(node.value)
            return base + "." + _nfkc(node.attr) if base else None
        return None

    def visit_Attribute(self, node):
        self.generic_visit(node)  # inner attributes first: report the first bad step
        attr = _nfkc(node.attr)
        on_module = self.resolve(node.value) is not None
        self.check_attribute_name(node, attr, self.shown(node, "." + attr), on_module)
        dotted = self.resolve(node)
        restricted = restricted_attribute(dotted) if dotted else None
        if restricted and isinstance(node.value, ast.Name):
            self.add("restricted-module", node, restricted_message(*restricted))
        if dotted and dotted in DENIED_NAMES:
            self.add("blocked-attribute", node,
                     "`%s` is blocked in the sandbox because it can load code or reach "
                     "outside it. Use the documented pandas/openpyxl API instead." % dotted)
        if isinstance(node.ctx, (ast.Store, ast.Del)):
            self.check_mutation(node)

    def visit_Subscript(self, node):
        if isinstance(node.ctx, (ast.Store, ast.Del)) and isinstance(node.value, ast.Attribute):
            self.check_mutation(node.value)
        self.generic_visit(node)

    def check_mutation(self, target):
        dotted = self.resolve(target)
        # pd.options.display.* is pandas' documented settings object.
        if dotted and not dotted.startswith("pandas.options."):
            self.add("module-mutation", target,
                     "changing `%s` modifies a library for everything that runs after this "
                     "script. Keep your own values in your own variables; use pd.set_option() "
                     "for pandas settings." % dotted)

    def visit_Name(self, node):
        name = _nfkc(node.id)
        if name in FORBIDDEN_BUILTINS and name not in self.bound:
            self.add("forbidden-builtin", node,
                     "`%s` is not available in the sandbox; %s If `%s` is your own variable, "
                     "give it another name." % (name, _BUILTIN_HINTS.get(name, "write the logic directly."), name))
        elif name in INTERNAL_DUNDERS:
            self.add("dunder-name", node,
                     "`%s` is an interpreter internal and is not available." % name)

    def visit_Assign(self, node):
        # `__match_args__ = ("x", "y")` in a class body (the tutorial's Point) names plain
        # attributes for `case Point(x, y)`; any other binding of it is the gadget of
        # hostile case 049 and stays refused.
        if (self.class_depth and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)
                and _nfkc(node.targets[0].id) == "__match_args__" and _plain_name_tuple(node.value)):
            self.visit(node.value)
            return
        self.generic_visit(node)

    def visit_FunctionDef(self, node):
        # Dunder methods (__init__, __repr__) are fine inside a class body, but not
        # `__match_args__` computed by a method or property.
        if not self.class_depth or _nfkc(node.name) == "__match_args__":
            self.check_binding(node, node.name)
        self.visit_function(node)

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_function(self, node):
        depth, self.class_depth = self.class_depth, 0
        self.generic_visit(node)
        self.class_depth = depth

    def visit_ClassDef(self, node):
        self.check_binding(node, node.name)
        self.class_depth += 1
        self.generic_visit(node)
        self.class_depth -= 1

    def visit_Lambda(self, node):
        self.visit_function(node)

    def visit_arg(self, node):
        self.check_binding(node, node.arg)
        self.generic_visit(node)

    def visit_ExceptHandler(self, node):
        self.check_binding(node, node.name)
        self.generic_visit(node)

    def visit_Global(self, node):
        for name in node.names:
            self.check_binding(node, name)

    visit_Nonlocal = visit_Global

    def visit_MatchAs(self, node):
        self.check_binding(node, node.name)
        self.generic_visit(node)

    def visit_MatchStar(self, node):
        self.check_binding(node, node.name)

    def visit_MatchMapping(self, node):
        self.check_binding(node, node.rest)
        self.generic_visit(node)

    def visit_MatchClass(self, node):
        # `case C(attr=x)` reads C's attribute `attr`.
        for attr in node.kwd_attrs:
            self.check_attribute_name(node, _nfkc(attr), "case ...(%s=...)" % attr)
        # `case C(x)` reads the attributes C.__match_args__ names, which a metaclass can
        # compute at run time: any attribute of any object, with no name in the source.
        # Builtin types match themselves and read nothing; the script's own plain classes
        # (no metaclass, literal __match_args__ or dataclass fields) name only plain attributes.
        cls = node.cls
        safe = isinstance(cls, ast.Name) and (cls.id in _SELF_MATCHING_TYPES or _nfkc(cls.id) in self.matchable)
        if node.patterns and not safe:
            self.add("positional-class-pattern", node,
                     "`case %s(...)` with positional patterns is not available in the sandbox; "
                     "name the attributes: `case %s(attribute=value)`." % (self.shown(cls, "C"), self.shown(cls, "C")))
        self.generic_visit(node)

    def visit_Try(self, node):
        guarded = any(_catches_import_error(h.type) for h in node.handlers)
        self.import_guarded += guarded
        for statement in node.body:
            self.visit(statement)
        self.import_guarded -= guarded
        for part in node.handlers + node.orelse + node.finalbody:
            self.visit(part)

    visit_TryStar = visit_Try

    def visit_Constant(self, node):
        # A bare dunder name as a string only serves dynamic attribute access,
        # e.g. df.apply("__getattribute__", ...).
        if isinstance(node.value, str) and dunder_string_refused(node.value):
            self.add("dunder-string", node,
                     "the string %r names an interpreter internal; the sandbox refuses "
                     "dynamic access to special attributes." % node.value)

    # --- calls ---------------------------------------------------------------

    def visit_Call(self, node):
        func = node.func
        name = _nfkc(func.id) if isinstance(func, ast.Name) else None
        if name == "type" and (len(node.args) + len(node.keywords) >= 3
                               or any(isinstance(a, ast.Starred) for a in node.args)
                               or any(k.arg is None for k in node.keywords)):
            self.add("forbidden-builtin", node,
                     "`type(name, bases, dict)` is not available; use a `class` statement.")
        if name in ATTRIBUTE_BUILTINS and name not in self.bound and len(node.args) >= 2:
            self.check_named_attribute(node, name)
        if name == "open":
            self.check_open(node)
        elif name != "print":
            self.check_path_args(node)
        if name != "print":
            self.check_urls(node)
        self.generic_visit(node)

    def check_named_attribute(self, node, builtin):
        """getattr(obj, "name"): the literal name follows the attribute rules."""
        text, complete = _static_prefix(node.args[1])
        if not (text and complete):
            return  # built at run time: the runner's checked getattr sees it
        base = self.resolve(node.args[0])
        self.check_attribute_name(node, _nfkc(text), "%s(..., %r)" % (builtin, text), base is not None)
        restricted = restricted_attribute(base + "." + text) if base and builtin != "hasattr" else None
        if restricted:  # hasattr(os, "fork") just answers False
            self.add("restricted-module", node, restricted_message(*restricted))

    def path_args(self, node):
        if node.args:
            yield node.args[0]
        for kw in node.keywords:
            if kw.arg in PATH_KEYWORDS:
                yield kw.value

    def check_open(self, node):
        for arg in self.path_args(node):
            text, complete = _static_prefix(arg)
            if not text:
                continue  # not visible statically; runner's guarded open checks it
            inside = _inside_sandbox(text, complete)
            if _has_dotdot(text, complete) or inside is False:
                self.add("open-path", node,
                         "open(%r%s) is outside the sandbox. Open files by full path: "
                         "/input/<name> to read, /output/<name> to write."
                         % (text, "" if complete else "..."))
            elif inside and text.startswith("/input/") and self.writes(node):
                self.add("open-path", node,
                         "/input is read-only; write your results under /output/ instead.")

    def writes(self, node):
        modes = [node.args[1]] if len(node.args) > 1 else []
        modes += [k.value for k in node.keywords if k.arg == "mode"]
        for mode in modes:
            if isinstance(mode, ast.Constant) and isinstance(mode.value, str):
                if set(mode.value) & set("wax+"):
                    return True
        return False

    def check_path_args(self, node):
        for arg in self.path_args(node):
            text, complete = _static_prefix(arg)
            if not text:
                continue
            dotdot = _has_dotdot(text, complete) and re.search(r"[/\\]", text)
            absolute = ABSOLUTE_PATH.match(text)
            if dotdot or (absolute and _inside_sandbox(text, complete) is False):
                self.add("path-outside-sandbox", arg,
                         "the path %r is outside the sandbox. Only /input/<name> (read) and "
                         "/output/<name> (write) exist; use those full paths." % text)

    def check_urls(self, node):
        values = [(None, a) for a in node.args] + [(k.arg, k.value) for k in node.keywords]
        for keyword, value in values:
            if keyword in URL_DATA_KEYWORDS:
                continue
            text, _ = _static_prefix(value)
            if text and text.lstrip().lower().startswith(URL_PREFIXES):
                self.add("url-literal", value,
                         "the script passes the URL %r to a call; scripts have no network "
                         "access and work only on the files in /input. To store a link in a "
                         "cell, assign it: cell.value = ... or cell.hyperlink = ..."
                         % text[:80])


def dunder_string_refused(text):
    """A string naming a special attribute that leads to internals (df.apply("__getattribute__"))."""
    return text in INTERNAL_DUNDERS


_SELF_MATCHING_TYPES = frozenset({"bool", "bytearray", "bytes", "dict", "float", "frozenset", "int",
                                   "list", "set", "str", "tuple"})

_IMPORT_ERRORS = frozenset({"ImportError", "ModuleNotFoundError", "Exception", "BaseException"})


def _catches_import_error(handler_type):
    if handler_type is None:
        return True  # bare except
    if isinstance(handler_type, ast.Tuple):
        return any(_catches_import_error(t) for t in handler_type.elts)
    return isinstance(handler_type, ast.Name) and handler_type.id in _IMPORT_ERRORS


def _plain_name_tuple(node):
    """A literal tuple or list of attribute names that do not start with `_`."""
    return isinstance(node, (ast.Tuple, ast.List)) and all(
        isinstance(e, ast.Constant) and isinstance(e.value, str) and e.value.isidentifier()
        and not e.value.startswith("_") for e in node.elts)


def _binding_counts(tree):
    """How many times each name is bound anywhere in the script."""
    counts = {}
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            names = [node.id]
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names = [node.name]
        elif isinstance(node, ast.arg):
            names = [node.arg]
        elif isinstance(node, ast.alias):
            names = [(node.asname or node.name).split(".")[0]]
        elif isinstance(node, (ast.Global, ast.Nonlocal)):
            names = node.names
        elif isinstance(node, (ast.ExceptHandler, ast.MatchAs, ast.MatchStar)) and node.name:
            names = [node.name]
        elif isinstance(node, ast.MatchMapping) and node.rest:
            names = [node.rest]
        for name in names:
            counts[_nfkc(name)] = counts.get(_nfkc(name), 0) + 1
    return counts


def _matchable_classes(tree, modules):
    """The script's own module-level classes whose positional match reads only plain names.

    Such a class is bound once, by its `class` statement; has no metaclass or other class
    keyword; derives only from earlier such classes (or an unbound `object`); and is either
    undecorated (its __match_args__, if any, is a literal the checker verifies) or a
    `dataclasses.dataclass` whose fields do not start with `_`.
    """
    counts = _binding_counts(tree)
    plain = set()
    for node in tree.body:
        if not isinstance(node, ast.ClassDef) or counts.get(_nfkc(node.name)) != 1 or node.keywords:
            continue
        if not all(isinstance(b, ast.Name) and (_nfkc(b.id) in plain or (b.id == "object" and "object" not in counts))
                   for b in node.bases):
            continue
        if node.decorator_list:
            if len(node.decorator_list) != 1:
                continue
            deco = node.decorator_list[0]
            deco = deco.func if isinstance(deco, ast.Call) else deco
            if not isinstance(deco, (ast.Name, ast.Attribute)) or _Checker(modules).resolve(deco) != "dataclasses.dataclass":
                continue
            fields = [s.target.id for s in node.body if isinstance(s, ast.AnnAssign) and isinstance(s.target, ast.Name)]
            if any(f.startswith("_") for f in fields):
                continue
        plain.add(_nfkc(node.name))
    return frozenset(plain)


def _bound_names(tree):
    """Every name the script binds itself: assignments, defs, parameters, imports, handlers."""
    bound = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            bound.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound.add(node.name)
        elif isinstance(node, ast.arg):
            bound.add(node.arg)
        elif isinstance(node, ast.alias):
            bound.add((node.asname or node.name).split(".")[0])
        elif isinstance(node, ast.ExceptHandler) and node.name:
            bound.add(node.name)
    return frozenset(_nfkc(name) for name in bound)


def _module_aliases(tree):
    """Names bound to imported modules/objects, and names assigned from them (X = pd.DataFrame)."""
    modules = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                if a.asname:
                    modules[_nfkc(a.asname)] = a.name
                else:
                    top = a.name.split(".")[0]
                    modules[_nfkc(top)] = top
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for a in node.names:
                if a.name != "*":
                    modules[_nfkc(a.asname or a.name)] = node.module + "." + a.name
    resolver = _Checker(modules)
    for _ in range(5):  # a few rounds reach aliases of aliases in any order
        changed = False
        for node in ast.walk(tree):
            if isinstance(node, (ast.Assign, ast.AnnAssign, ast.NamedExpr)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for target, value in _pairs(targets, node.value):
                    dotted = resolver.resolve(value) if value is not None else None
                    if dotted and isinstance(target, ast.Name) and _nfkc(target.id) not in modules:
                        modules[_nfkc(target.id)] = dotted
                        changed = True
        if not changed:
            break
    return modules


def _pairs(targets, value):
    for target in targets:
        if (isinstance(target, (ast.Tuple, ast.List)) and isinstance(value, (ast.Tuple, ast.List))
                and len(target.elts) == len(value.elts)):
            yield from zip(target.elts, value.elts)
        else:
            yield target, value


def _syntax_violation(err):
    line = err.lineno or 1
    column = err.offset or 1
    text = (err.text or "").strip()
    message = "Line %d, column %d: SyntaxError: %s%s. Fix the syntax and send the whole script again." % (
        line, column, err.msg, (" in `%s`" % text[:120]) if text else "")
    return {"rule": "syntax-error", "message": message, "line": line, "column": column}


def _non_ascii_identifiers(source):
    found = []
    try:
        for tok in tokenize.generate_tokens(io.StringIO(source).readline):
            if tok.type == tokenize.NAME and not tok.string.isascii():
                line, col = tok.start
                found.append({"rule": "unicode-identifier",
                              "message": "Line %d: the name `%s` contains non-ASCII characters "
                                         "(Python would read it as `%s`). Use plain ASCII names."
                                         % (line, tok.string, _nfkc(tok.string)),
                              "line": line, "column": col + 1})
    except (tokenize.TokenError, SyntaxError):
        pass  # the parser reports syntax problems
    return found


# Nesting beyond these never appears in a sensible script, and parsing it can exhaust
# the C stack in WebAssembly, which kills the interpreter instead of raising.
MAX_BRACKET_DEPTH = 50
MAX_INDENT_DEPTH = 30
MAX_OPERATORS_PER_LINE = 1000


def _too_deep(source):
    """A syntax-error violation when the code nests or chains absurdly deep, else None."""
    depth = indent = operators = 0
    try:
        for tok in tokenize.generate_tokens(io.StringIO(source).readline):
            if tok.type == tokenize.OP:
                if tok.string in "([{":
                    depth += 1
                elif tok.string in ")]}":
                    depth -= 1
                operators += 1
            elif tok.type == tokenize.INDENT:
                indent += 1
            elif tok.type == tokenize.DEDENT:
                indent -= 1
            elif tok.type == tokenize.NEWLINE:
                operators = 0
            if depth > MAX_BRACKET_DEPTH or indent > MAX_INDENT_DEPTH or operators > MAX_OPERATORS_PER_LINE:
                line, col = tok.start
                return {"rule": "syntax-error",
                        "message": "Line %d: the code nests or chains too deeply to check safely "
                                   "(over %d brackets, %d indentation levels or %d operators in one "
                                   "statement). Split it into simpler statements."
                                   % (line, MAX_BRACKET_DEPTH, MAX_INDENT_DEPTH, MAX_OPERATORS_PER_LINE),
                        "line": line, "column": col + 1}
    except (tokenize.TokenError, SyntaxError, IndentationError):
        pass  # the parser reports syntax problems
    return None


def check(source):
    """Violations of the sandbox rules in `source`; an empty list means it may run."""
    deep = _too_deep(source)
    if deep:
        return [deep]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # e.g. invalid escape sequences
            tree = ast.parse(source, filename=FILENAME)
            # Full compile also catches errors the parser leaves to the compiler
            # (`return` outside a function, bad `nonlocal`); nothing is executed.
            compile(source, FILENAME, "exec", dont_inherit=True)
    except SyntaxError as err:
        return [_syntax_violation(err)]
    except (ValueError, MemoryError, RecursionError) as err:  # null bytes, absurd nesting
        return [{"rule": "syntax-error", "message": "Line 1: the code cannot be parsed (%s)." % err,
                 "line": 1, "column": 1}]
    modules = _module_aliases(tree)
    checker = _Checker(modules, source, _bound_names(tree), _matchable_classes(tree, modules))
    checker.visit(tree)
    seen, result = set(), []
    for v in _non_ascii_identifiers(source) + checker.violations:
        key = (v["rule"], v["line"], v["column"])
        if key not in seen:
            seen.add(key)
            result.append(v)
    result.sort(key=lambda v: (v["line"], v["column"]))
    return result


def format_violations(violations, limit=20):
    """One message listing every violation, for the model to act on."""
    if not violations:
        return ""
    lines = ["The code was not run: %d problem%s found." % (len(violations), "" if len(violations) == 1 else "s")]
    lines += ["- " + v["message"] for v in violations[:limit]]
    if len(violations) > limit:
        lines.append("- ... and %d more." % (len(violations) - limit))
    lines.append("Fix every item and send the whole script again.")
    return "\n".join(lines)
