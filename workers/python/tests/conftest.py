import importlib.util
import inspect
import os
import sys

# precheck.py and runner.py live one folder up and import each other as siblings.
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# The same tests run on native CPython and on Pyodide. A test that really runs
# pandas/numpy code cannot run on a runtime without them (Pyodide here loads them on
# demand, issue 7): it is deselected there and listed, never silently passed.
OPTIONAL_PACKAGES = ("pandas", "numpy")
MISSING = [p for p in OPTIONAL_PACKAGES if importlib.util.find_spec(p) is None]
# Emscripten has no processes: tests of runner.py's command line (run as a child
# process by the server) are for native Python only.
NO_PROCESSES = sys.platform == "emscripten"


def _texts(item):
    texts = []
    try:
        texts.append(inspect.getsource(item.function))
    except (OSError, TypeError):
        pass
    callspec = getattr(item, "callspec", None)
    if callspec is not None:
        texts.extend(str(v) for v in callspec.params.values())
    return texts


def _cannot_run_here(item):
    texts = _texts(item)
    if NO_PROCESSES and any("run_cli(" in t for t in texts):
        return True
    if os.path.basename(str(item.fspath)) == "test_precheck.py":
        return False  # the pre-check only reads code as text
    return any(p in t for p in MISSING for t in texts)


def pytest_collection_modifyitems(config, items):
    if not MISSING and not NO_PROCESSES:
        return
    kept, dropped = [], []
    for item in items:
        (dropped if _cannot_run_here(item) else kept).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept
        with open(os.environ.get("EXCEL_AI_DESELECTED", os.devnull), "w") as fh:
            fh.write("\n".join(i.nodeid for i in dropped))
        sys.stderr.write("\n*** %d tests need %s, which this runtime does not have; they run on CPython. ***\n"
                         % (len(dropped), " or ".join(MISSING + (["processes"] if NO_PROCESSES else []))))
