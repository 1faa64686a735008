"""Closes the doors between Python and JavaScript inside Pyodide.

Run once by the runtime, after the packages are loaded and before any user
code. It is one wall among several: the JavaScript side also removes network
globals and forbids string-to-code, so code that gets past this still finds
nothing to call.
"""
import sys

# Modules user code must never obtain, whatever route it takes to `import`.
# pyodide/_pyodide stay loaded (the runtime itself needs them), but new imports of
# them are refused; js and pyodide_js are dropped entirely.
BLOCKED_ROOTS = frozenset({
    "js", "pyodide_js", "pyodide", "_pyodide", "_pyodide_core", "micropip",
    "ctypes", "_ctypes", "socket", "_socket", "select", "ssl", "_ssl",
    "subprocess", "_posixsubprocess", "multiprocessing", "webbrowser",
    "urllib.request", "http.client", "_xlsx_reader_js", "_xlsx_writer_js",
})
DROPPED_ROOTS = ("js", "pyodide_js", "ctypes", "_ctypes", "socket", "_socket", "select", "_xlsx_reader_js", "_xlsx_writer_js")


class _BlockedImports:
    """A meta path finder that refuses blocked modules before any other finder is asked."""

    def find_spec(self, name, path=None, target=None):
        root = name.split(".")[0]
        if root in BLOCKED_ROOTS or name in BLOCKED_ROOTS or name.startswith(("urllib.request", "http.client")):
            raise ImportError("module %r is not available in the sandbox" % name)
        return None


def install():
    for name in list(sys.modules):
        if name.split(".")[0] in DROPPED_ROOTS:
            del sys.modules[name]
    if not any(isinstance(f, _BlockedImports) for f in sys.meta_path):
        sys.meta_path.insert(0, _BlockedImports())
    # Deep recursion in WebAssembly overflows the JavaScript stack, which is fatal
    # for the whole interpreter: keep Python's own limit where it raises RecursionError first.
    sys.setrecursionlimit(1000)
