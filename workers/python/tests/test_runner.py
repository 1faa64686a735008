"""Behaviour of the runtime guard. Most hostile cases run with precheck=False:
the runner must hold on its own."""

import json
import os
import subprocess
import sys
import textwrap

import openpyxl
import pytest

import runner

RUNNER_PY = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "runner.py")


@pytest.fixture
def dirs(tmp_path):
    input_dir, output_dir = tmp_path / "input", tmp_path / "output"
    input_dir.mkdir()
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Data"
    ws.append(["Region", "Amount"])
    for region, amount in [("North", 10), ("South", 5), ("North", 7)]:
        ws.append([region, amount])
    wb.save(input_dir / "sales.xlsx")
    (input_dir / "notes.txt").write_text("hello", encoding="utf-8")
    return str(input_dir), str(output_dir)


def go(code, dirs, **kwargs):
    """Run `code`; it sees the tmp folders as IN and OUT (line 1), since the
    pre-check only accepts literal paths under /input and /output."""
    input_dir, output_dir = dirs
    header = "IN, OUT = %r, %r\n" % (input_dir, output_dir)
    return runner.run(header + textwrap.dedent(code).lstrip("\n"), input_dir, output_dir, **kwargs)


def unsafe(code, dirs, **kwargs):
    """Run without the pre-check: only the runtime wall stands."""
    return go(code, dirs, precheck=False, **kwargs)


def assert_python_error(result, *fragments):
    assert result["ok"] is False, result
    assert result["error"]["kind"] == "python", result["error"]
    for fragment in fragments:
        assert fragment in result["error"]["message"], result["error"]["message"]


# --- legitimate code ------------------------------------------------------------


def test_runs_openpyxl_read_and_write(dirs):
    result = go("""
        import openpyxl
        from openpyxl.styles import Font, PatternFill
        wb = openpyxl.load_workbook(f"{IN}/sales.xlsx")
        ws = wb["Data"]
        total = sum(row[1] for row in ws.iter_rows(min_row=2, values_only=True))
        ws["D1"] = "Total"
        ws["D2"] = total
        ws["D1"].font = Font(bold=True)
        ws["D1"].fill = PatternFill("solid", fgColor="FFFF00")
        wb.save(f"{OUT}/result.xlsx")
        print("total", total)
    """, dirs)
    assert result == {"ok": True, "stdout": "total 22\n", "stderr": "", "streams_truncated": False}
    ws = openpyxl.load_workbook(os.path.join(dirs[1], "result.xlsx"))["Data"]
    assert ws["D2"].value == 22 and ws["D1"].font.b


def test_runs_pandas_read_excel_and_to_excel(dirs):
    result = go("""
        import pandas as pd
        import numpy as np
        df = pd.read_excel(f"{IN}/sales.xlsx", sheet_name="Data", engine="openpyxl")
        summary = df.groupby("Region", as_index=False)["Amount"].sum()
        summary["Share"] = np.round(summary["Amount"] / summary["Amount"].sum(), 2)
        with pd.ExcelWriter(f"{OUT}/summary.xlsx", engine="openpyxl") as writer:
            summary.to_excel(writer, sheet_name="Summary", index=False)
        print(summary.to_dict("records"))
    """, dirs)
    assert result["ok"], result
    assert "'Region': 'North', 'Amount': 17" in result["stdout"]
    assert openpyxl.load_workbook(os.path.join(dirs[1], "summary.xlsx")).sheetnames == ["Summary"]


def test_module_proxies_keep_normal_use_working(dirs):
    result = go("""
        import pandas as pd
        import numpy as np
        import datetime
        import openpyxl.utils.dataframe
        from collections import Counter
        from openpyxl.utils import get_column_letter
        from pandas.api.types import is_numeric_dtype
        df = pd.DataFrame({"a": [1, 2]})
        rows = list(openpyxl.utils.dataframe.dataframe_to_rows(df, index=False))
        print(rows, np.isnan(np.nan), Counter("aab")["a"], get_column_letter(28),
              is_numeric_dtype(df["a"]), datetime.datetime.now().year > 2000,
              isinstance(df, pd.DataFrame), np.random.default_rng(0).integers(1, 2))
    """, dirs)
    assert result["ok"], result
    assert result["stdout"] == "[['a'], [1], [2]] True 2 AB True True True 1\n"


def test_allows_classes_dataclasses_and_namedtuples(dirs):
    result = go("""
        from dataclasses import dataclass
        from collections import namedtuple
        import enum
        @dataclass
        class Item:
            name: str
            qty: int = 0
        class Color(enum.Enum):
            RED = 1
        class Box:
            def __init__(self, v):
                self.v = v
            def __repr__(self):
                return "Box(%r)" % self.v
        P = namedtuple("P", "x y")
        print(Item("a", 2), Color.RED.name, Box(3), P(1, 2)._asdict())
    """, dirs)
    assert result["ok"], result
    assert result["stdout"] == "Item(name='a', qty=2) RED Box(3) {'x': 1, 'y': 2}\n"


def test_runs_the_main_guard_block(dirs):
    result = go('if __name__ == "__main__":\n    print("main")\n', dirs)
    assert result["stdout"] == "main\n"


def test_pandas_eval_still_works_for_plain_expressions(dirs):
    result = unsafe("""
        import pandas as pd
        df = pd.DataFrame({"a": [1, 2], "b": [3, 4]})
        print(df.eval("a + b").tolist(), len(df.query("a > 1")))
    """, dirs)
    assert result["stdout"] == "[4, 6] 1\n", result


# --- result shape and errors ----------------------------------------------------


def test_error_results_have_exactly_the_contract_fields(dirs):
    result = go("x = 1 / 0\n", dirs)
    assert set(result) == {"ok", "stdout", "stderr", "streams_truncated", "error"}
    assert set(result["error"]) == {"kind", "message", "traceback", "line", "column", "violations"}
    assert result["error"]["message"].startswith("ZeroDivisionError: division by zero (line 2)")


def test_reports_precheck_violations_without_running_anything(dirs):
    result = go('print("ran")\nopen(f"{OUT}/x.txt", "w")\nx = eval("1")\nimport socket\n', dirs)
    error = result["error"]
    assert error["kind"] == "precheck"
    assert result["stdout"] == "" and not os.path.exists(os.path.join(dirs[1], "x.txt"))
    assert [v["rule"] for v in error["violations"]] == ["forbidden-builtin", "import-not-allowed"]
    assert (error["line"], error["column"]) == (4, 5)
    assert error["message"].startswith("The code was not run: 2 problems found.")
    assert error["traceback"] is None


def test_reports_a_syntax_error_as_precheck_or_python(dirs):
    checked = go("x = (\n", dirs)
    assert checked["error"]["kind"] == "precheck"
    assert checked["error"]["violations"][0]["rule"] == "syntax-error"
    raw = unsafe("x = 1\ny = (\n", dirs)
    assert_python_error(raw, "SyntaxError")
    assert raw["error"]["line"] == 3


def test_keeps_only_user_frames_in_the_traceback(dirs):
    result = go("""
        import pandas as pd

        def load():
            return pd.read_excel(f"{IN}/sales.xlsx", sheet_name="Data")

        df = load()
        total = df["Sales"].sum()
    """, dirs)
    tb = result["error"]["traceback"]
    assert tb.startswith("Traceback (most recent call last):")
    assert 'File "<your code>", line 8, in <module>' in tb
    assert 'total = df["Sales"].sum()' in tb
    assert tb.rstrip().endswith("KeyError: 'Sales'")
    assert "pandas" not in tb.replace("import pandas", "") and "runner.py" not in tb
    assert result["error"]["line"] == 8


def test_reports_the_line_of_the_innermost_user_frame(dirs):
    result = go("def f(x):\n    return x[3]\n\nf([1])\n", dirs)
    assert result["error"]["line"] == 3
    assert result["error"]["message"] == "IndexError: list index out of range (line 3)"
    assert result["error"]["column"] == 12


def test_reports_a_missing_dataframe_column_with_a_hint(dirs):
    result = go("""
        import pandas as pd
        df = pd.read_excel(f"{IN}/sales.xlsx")
        df["Sales"]
    """, dirs)
    message = result["error"]["message"]
    assert message.startswith("KeyError: 'Sales' (line 4). Hint: the column does not exist")
    assert "'Region', 'Amount'" in message


def test_reports_a_missing_sheet_with_the_sheet_names(dirs):
    result = go("import openpyxl\nwb = openpyxl.load_workbook(f'{IN}/sales.xlsx')\nws = wb['Totals']\n", dirs)
    assert_python_error(result, "KeyError", "(line 4)", "Sheets in this workbook: 'Data'")


def test_lists_the_input_files_on_file_not_found(dirs):
    result = go("import pandas as pd\npd.read_excel(f'{IN}/missing.xlsx')\n", dirs)
    assert_python_error(result, "FileNotFoundError", "Files in %s:" % dirs[0], "sales.xlsx", "notes.txt")


def test_reports_memory_error_as_kind_memory(dirs):
    # 10**13 does not even fit wasm32's index type (OverflowError); 2 GiB passes Pyodide's heap.
    size = "2**31 - 1" if sys.platform == "emscripten" else "10**13"
    result = go("data = bytearray(%s)\n" % size, dirs)
    assert result["error"]["kind"] == "memory"
    assert "fewer rows" in result["error"]["message"] and result["error"]["line"] == 2


def test_reports_a_keyboard_interrupt_raised_by_the_code_as_a_python_error_not_a_cancel(dirs):
    # Real cancels stop the worker from outside; code must not be able to pose as one.
    result = go("raise KeyboardInterrupt\n", dirs)
    assert result["error"]["kind"] == "python"
    assert "raised by the code" in result["error"]["message"]


def test_reports_recursion_error_clearly_with_a_short_traceback(dirs):
    result = go("def f(n):\n    return f(n + 1)\n\nf(0)\n", dirs)
    assert_python_error(result, "RecursionError", "keeps calling itself")
    assert result["error"]["traceback"].count("<your code>") <= 15
    assert "earlier frames omitted" in result["error"]["traceback"]


def test_treats_system_exit_zero_as_success(dirs):
    assert go("print('a')\nraise SystemExit\n", dirs)["ok"] is True
    assert go("raise SystemExit(0)\n", dirs)["ok"] is True
    assert_python_error(go("raise SystemExit(3)\n", dirs), "SystemExit: 3")


def test_survives_an_exception_whose_str_raises(dirs):
    result = go("""
        class Bad(Exception):
            def __str__(self):
                raise KeyboardInterrupt
        raise Bad()
    """, dirs)
    assert result["ok"] is False and result["error"]["kind"] == "python"
    assert "Bad" in result["error"]["message"]


# --- streams -------------------------------------------------------------------


def test_caps_stdout_at_the_limit(dirs):
    result = go("print('x' * 100)\nprint('more')\n", dirs, max_stream_bytes=40)
    assert result["stdout"] == "x" * 40 + "\n[output cut at 40 bytes]"
    assert result["streams_truncated"] is True


def test_counts_stream_bytes_not_characters(dirs):
    result = go("print('\u00e9' * 50)\n", dirs, max_stream_bytes=21)
    assert result["stdout"] == "\u00e9" * 10 + "\n[output cut at 21 bytes]"


# pytest records warnings itself, so these two run through the CLI.
def test_captures_library_warnings_on_stderr(tmp_path, dirs):
    done = run_cli(tmp_path, dirs, "import numpy as np\nnp.array([1.0]) / 0\n")
    result = json.loads(done.stdout)
    assert result["ok"] and "RuntimeWarning: divide by zero" in result["stderr"]
    assert done.stderr == ""


def test_caps_stderr_too(tmp_path, dirs):
    done = run_cli(tmp_path, dirs, "import numpy as np\nnp.array([1.0]) / 0\n", "--max-stream-bytes", "10")
    result = json.loads(done.stdout)
    assert result["streams_truncated"] is True and result["stdout"] == ""
    assert result["stderr"].endswith("\n[output cut at 10 bytes]")


def test_restores_the_real_streams_after_a_run(dirs):
    before = sys.stdout, sys.stderr
    go("print('x')\nraise ValueError('boom')\n", dirs)
    assert (sys.stdout, sys.stderr) == before


def test_does_not_leak_del_output_after_the_run(dirs, capsys):
    result = go("""
        class Noisy:
            def __del__(self):
                print("bye")
        keep = Noisy()
        loop = [Noisy()]
        loop.append(loop)
    """, dirs)
    assert result["stdout"] == "bye\nbye\n"
    assert capsys.readouterr().out == ""


# --- state between runs -----------------------------------------------------------


def test_gives_each_run_fresh_globals(dirs):
    assert go("secret = 42\n", dirs)["ok"]
    assert_python_error(go("print(secret)\n", dirs), "NameError")


def test_creates_the_output_dir_and_writes_relative_paths_there(dirs):
    cwd = os.getcwd()
    assert not os.path.exists(dirs[1])
    result = go("import pandas as pd\npd.DataFrame({'a': [1]}).to_csv('rel.csv', index=False)\n", dirs)
    assert result["ok"], result
    assert os.path.exists(os.path.join(dirs[1], "rel.csv"))
    assert os.getcwd() == cwd


# --- runtime wall: imports and module proxies -----------------------------------------


def test_refuses_import_socket_at_run_time(dirs):
    assert_python_error(unsafe("import socket\n", dirs), "ModuleNotFoundError", "`socket` is not allowed")


def test_serves_os_for_paths_and_listing_only(dirs):
    result = unsafe("import os\nprint(sorted(os.listdir(%r)), os.path.basename('/input/a.xlsx'))\n" % dirs[0], dirs)
    assert result["ok"], result
    assert "a.xlsx" in result["stdout"]
    assert_python_error(unsafe("import os\nos.system('echo pwned')\n", dirs), "AttributeError", "`os.system` is not available")
    assert_python_error(unsafe("from os import popen\n", dirs), "ImportError", "`os.popen` is not available")
    assert unsafe("import os\nprint(hasattr(os, 'fork'))\n", dirs)["stdout"] == "False\n"


def test_library_imports_are_the_librarys_business(dirs):
    # C code importing on a library's behalf meets the user's __import__: it must not be refused.
    result = unsafe("""
        import datetime
        d = datetime.date(2024, 1, 2)
        print(d.strftime("%Y-%m-%d"), f"{d:%d/%m}", datetime.datetime.strptime("2024-01-02", "%Y-%m-%d").day)
    """, dirs)
    assert result["stdout"] == "2024-01-02 02/01 2\n", result


def test_numpy_reductions_dtype_names_and_errors_work(dirs):
    pytest.importorskip("numpy")
    result = unsafe("""
        import numpy as np
        a = np.arange(5)
        print(a.max(), a.sum(), a.mean(), a.min(), round(float(a.std()), 3), str(a.dtype), f"{a.dtype}")
        try:
            np.add(np.array(["a"]), 1)
        except TypeError:
            print("TypeError")
    """, dirs)
    assert result["stdout"] == "4 10 2.0 0 1.414 int64 int64\nTypeError\n", result


def test_pandas_setting_with_copy_assignment_works(dirs):
    pytest.importorskip("pandas")
    result = go("""
        import pandas as pd
        df = pd.DataFrame({"a": [1, 2, 3]})
        big = df[df.a > 1]
        big["x"] = big.a * 2
        print(big.x.tolist(), pd.Timestamp("2024-01-02").strftime("%Y"))
    """, dirs)
    assert result["ok"], result
    assert result["stdout"] == "[4, 6] 2024\n"


def test_introspection_asked_by_the_script_is_still_refused(dirs):
    result = go("import gc\ngc.get_referents([])\n", dirs, precheck=False)
    assert result["ok"] is False


def test_refuses_relative_imports_at_run_time(dirs):
    assert_python_error(unsafe("from . import x\n", dirs), "relative imports")


def test_refuses_pandas_io_common_os_through_the_module_proxy(dirs):
    result = go("import pandas as pd\npd.io.common.os.system('echo pwned')\n", dirs)
    assert_python_error(result, "AttributeError", "`os.system` is not available")


def test_refuses_private_attributes_of_module_proxies():
    import random as real_random
    random = runner._wrap(real_random, "random")  # what `import random` in a script gets
    with pytest.raises(AttributeError, match="internals"):
        random._os
    assert "_os" not in dir(random) and "randint" in dir(random)
    assert repr(random) == "<module 'random' (sandboxed)>"


def test_refuses_assignment_to_a_module_proxy(dirs):
    assert_python_error(unsafe("import pandas as pd\npd.read_csv = print\n", dirs), "read-only")
    assert_python_error(unsafe("import json\ndel json.dumps\n", dirs), "read-only")


@pytest.mark.parametrize("code, fragment", [
    ("import numpy as np\nnp.ctypeslib\n", "numpy.ctypeslib"),
    ("from numpy import ctypeslib\n", "numpy.ctypeslib"),
    ("import numpy.testing\n", "numpy.testing"),
    ("import pandas as pd\npd.read_pickle('/output/x.pkl')\n", "pandas.read_pickle"),
    ("import pandas as pd\npd.test()\n", "pandas.test"),
    ("import typing\ntyping.get_type_hints\n", "typing.get_type_hints"),
    ("import string\nstring.Formatter().get_field\n", "string.Formatter"),
])
def test_refuses_denied_library_names_at_run_time(dirs, code, fragment):
    result = unsafe(code, dirs)
    assert_python_error(result, fragment)


def test_refuses_pandas_eval_walking_private_attributes(dirs):
    result = unsafe("""
        import pandas as pd
        df = pd.DataFrame({"a": [1]})
        df.eval("(1).real.bit_length().__globals__", engine="python")
    """, dirs)
    assert_python_error(result, "PermissionError", "not available in pandas expressions")


def test_sandboxes_the_styler_template_engine(dirs):
    pytest.importorskip("jinja2")
    result = unsafe("""
        import pandas as pd
        df = pd.DataFrame({"a": [1]})
        print(repr(df.style.env.from_string("{{ (1).__class__ }}").render()))
        print("<table" in df.style.to_html())
    """, dirs)
    assert result["stdout"] == "''\nTrue\n", result


# --- runtime wall: builtins and bytecode -----------------------------------------------


@pytest.mark.parametrize("name", ["eval", "exec", "compile", "globals", "vars", "input",
                                  "breakpoint", "memoryview"])
def test_removes_dangerous_builtins(dirs, name):
    assert_python_error(unsafe("%s\n" % name, dirs), "NameError", "not available in the sandbox")


def test_guarded_getattr_refuses_private_names_but_serves_public_ones(dirs):
    assert unsafe("print(getattr(3, 'real'), hasattr([], 'append'))\n", dirs)["stdout"] == "3 True\n"
    assert_python_error(unsafe("getattr(1, '_' * 2 + 'globals' + '_' * 2)\n", dirs), "PermissionError")
    assert_python_error(unsafe("class A: pass\nsetattr(A, '_' * 2 + 'init_subclass' + '_' * 2, 1)\n", dirs), "PermissionError")
    assert unsafe("class A: pass\nsetattr(A, '_x', 1)\nprint(A._x)\n", dirs)["stdout"] == "1\n"


def test_guarded_getattr_is_not_fooled_by_a_str_subclass(dirs):
    result = unsafe("""
        class Sneaky(str):
            def startswith(self, *args):
                return False
        getattr(1, Sneaky("_" * 2 + "globals" + "_" * 2))
    """, dirs)
    assert_python_error(result, "PermissionError")


def test_type_of_type_is_the_guard_again(dirs):
    # type(type(1)) must not hand out the real class factory (3-argument type with a dict built at run time).
    result = unsafe("T = type(type(1))\nprint(T is type)\nT('X', (), {})\n", dirs)
    assert result["stdout"] == "True\n"
    assert_python_error(result, "class statement")


def test_refuses_three_argument_type(dirs):
    assert unsafe("print(type(1) is int)\n", dirs)["stdout"] == "True\n"
    assert_python_error(unsafe("type('X', (), {})\n", dirs), "class statement")


@pytest.mark.parametrize("code", [
    "x = ().__class__.__bases__\n",
    "print.__self__\n",
    "def g():\n    yield 1\ng().gi_frame\n",
    "import numpy as np\nnp.zeros(1).ctypes\n",
    "f = __builtins__\n",
    "match 1:\n    case int(__globals__=c):\n        pass\n",
    "import pandas as pd\npd.Series([1]).apply('__getattribute__', args=('x',))\n",
])
def test_refuses_internal_names_in_the_bytecode(dirs, code):
    result = unsafe(code, dirs)
    assert_python_error(result, "PermissionError", "not available in the sandbox")
    assert result["error"]["line"] is not None


# --- runtime wall: guarded open -------------------------------------------------------


def test_guarded_open_reads_input_and_writes_output(dirs):
    result = unsafe("""
        text = open("%s/notes.txt").read()
        with open("%s/copy.txt", "w") as f:
            f.write(text.upper())
    """ % dirs, dirs)
    assert result["ok"], result
    with open(os.path.join(dirs[1], "copy.txt")) as f:
        assert f.read() == "HELLO"


def test_refuses_writing_to_input_through_the_guarded_open(dirs):
    for mode in ("w", "a", "r+", "x"):
        result = unsafe("open('%s/notes.txt', '%s')\n" % (dirs[0], mode), dirs)
        assert_python_error(result, "PermissionError", "read-only")
    with open(os.path.join(dirs[0], "notes.txt")) as f:
        assert f.read() == "hello"


def test_refuses_paths_outside_the_sandbox(dirs):
    assert_python_error(unsafe("open('/etc/passwd')\n", dirs), "PermissionError", "outside the sandbox")
    assert_python_error(unsafe("open('%s/../../etc/passwd')\n" % dirs[0], dirs), "outside the sandbox")


def test_refuses_a_symlink_that_points_outside(dirs, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("s")
    os.makedirs(dirs[1])
    os.symlink(secret, os.path.join(dirs[1], "link.txt"))
    result = unsafe("open('%s/link.txt').read()\n" % dirs[1], dirs)
    assert_python_error(result, "outside the sandbox")


def test_refuses_file_descriptors_and_openers(dirs):
    assert_python_error(unsafe("open(1, 'w')\n", dirs), "file descriptors")
    assert_python_error(unsafe("open('%s/a', 'w', opener=print)\n" % dirs[1], dirs), "openers")


# --- command line --------------------------------------------------------------------


def run_cli(tmp_path, dirs, code, *extra):
    code_file = tmp_path / "script.py"
    code_file.write_text(code, encoding="utf-8")
    return subprocess.run(
        [sys.executable, RUNNER_PY, str(code_file), "--input-dir", dirs[0], "--output-dir", dirs[1],
         *extra], capture_output=True, text=True, timeout=120)


def test_cli_prints_exactly_one_json_line_and_exits_zero(tmp_path, dirs):
    done = run_cli(tmp_path, dirs, "print('h\u00e9llo')\nclass N:\n    def __del__(self):\n"
                                   "        print('late')\nimport json\nkeep = [N()]\n")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 1
    result = json.loads(lines[0])
    assert result["ok"] is True and result["stdout"].startswith("h\u00e9llo\n")


def test_cli_exits_one_on_errors_and_honours_no_precheck(tmp_path, dirs):
    checked = run_cli(tmp_path, dirs, "import socket\n")
    assert checked.returncode == 1
    assert json.loads(checked.stdout)["error"]["kind"] == "precheck"
    raw = run_cli(tmp_path, dirs, "import socket\n", "--no-precheck", "--max-stream-bytes", "10")
    assert raw.returncode == 1
    assert json.loads(raw.stdout)["error"]["kind"] == "python"


def test_never_imports_a_module_the_script_wrote_into_its_working_folder(dirs):
    # /output is the working folder; a planted statistics.py must not shadow the real one.
    result = go("""
        with open("statistics.py", "w") as fh:
            fh.write("raise SystemExit('planted module ran')")
        import statistics
        print(statistics.mean([1, 2, 3]))
    """, dirs, precheck=False)
    assert result["ok"], result
    assert result["stdout"].strip() == "2"


def test_refuses_match_class_patterns_that_name_frame_attributes_without_the_precheck(dirs):
    result = go("""
        def g():
            yield 1
        gen = g()
        match gen:
            case object(gi_frame=frame):
                print("reached", frame)
    """, dirs, precheck=False)
    assert result["error"]["kind"] == "python"
    assert "gi_frame" in result["error"]["message"]


def test_says_what_was_missing_and_what_exists_as_data_for_the_pane(dirs):
    # The pane turns these into sentences ("Its columns are ..."); the model still gets the hint text.
    result = unsafe("""
        rows = {"Sales": 1}
        rows["Revenue"]
    """, dirs)
    assert result["error"]["cause"] == {"kind": "missing-key", "name": "Revenue", "available": []}
    result = unsafe("open(%r)\n" % (dirs[0] + "/Q1.xlsx"), dirs)
    cause = result["error"]["cause"]
    assert cause["kind"] == "missing-file" and cause["name"] == "Q1.xlsx" and "sales.xlsx" in cause["available"]
    assert "cause" not in unsafe("1 / 0\n", dirs)["error"]


def test_serves_attrgetter_and_numpy_load_in_a_checked_form(dirs):
    # The sorting how-to's attrgetter and numpy.load of a saved array run; the internals they could reach do not.
    result = unsafe("""
        import operator
        rows = [("b", 2), ("a", 1)]
        print(sorted(rows, key=operator.itemgetter(1)), operator.attrgetter("real")(3))
    """, dirs)
    assert result["stdout"] == "[('a', 1), ('b', 2)] 3\n", result
    assert_python_error(unsafe("import operator\noperator.attrgetter('_' * 2 + 'globals' + '_' * 2)\n", dirs), "PermissionError")
    pytest.importorskip("numpy")
    result = unsafe("""
        import numpy as np
        np.save(OUT + "/a.npy", np.arange(3))
        print(np.load(OUT + "/a.npy").tolist(), np.lib.load is np.load)
    """, dirs)
    assert result["stdout"] == "[0, 1, 2] True\n", result
    assert_python_error(unsafe("import numpy as np\nnp.save(OUT + '/a.npy', np.arange(3))\nnp.load(OUT + '/a.npy', allow_pickle=True)\n", dirs), "allow_pickle")
