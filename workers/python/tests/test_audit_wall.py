"""The audit-hook wall on its own: library code acting for the script is held to
the same folders, with the pre-check off so nothing else stands in the way."""
import os

import openpyxl
import pytest

import audit_wall
import runner


@pytest.fixture
def folders(tmp_path):
    inp, out = tmp_path / "input", tmp_path / "output"
    inp.mkdir()
    out.mkdir()
    (inp / "data.csv").write_text("a,b\n1,2\n")
    return str(inp), str(out)


def run_unchecked(code, folders):
    inp, out = folders
    return runner.run("IN, OUT = %r, %r\n" % (inp, out) + code, inp, out, precheck=False)


def test_refuses_a_library_writing_into_the_input_folder(folders):
    result = run_unchecked("import openpyxl\nopenpyxl.Workbook().save(IN + '/data.csv')\n", folders)
    assert result["error"]["kind"] == "python"
    assert "not allowed in the sandbox" in result["error"]["message"]
    assert open(os.path.join(folders[0], "data.csv")).read() == "a,b\n1,2\n"


def test_refuses_a_library_reading_host_secrets(folders):
    # pandas opens the file itself, past the guarded open(); the audit hook sees it.
    result = run_unchecked("import pandas as pd\nprint(pd.read_csv('/proc/self/environ'))\n", folders)
    assert result["error"]["kind"] == "python"
    assert "reading `/proc/self/environ`" in result["error"]["message"]


def test_lets_libraries_read_inputs_and_write_outputs(folders):
    result = run_unchecked("import openpyxl\nwb = openpyxl.Workbook()\nwb.active['A1'] = 1\n"
                           "wb.save(OUT + '/r.xlsx')\nprint(openpyxl.load_workbook(OUT + '/r.xlsx').active['A1'].value)\n", folders)
    assert result["ok"], result
    assert result["stdout"].strip() == "1"


def test_is_inactive_outside_a_run(tmp_path):
    # The hook stays installed for the process, but only a run is held to the folders.
    audit_wall.install()
    (tmp_path / "free.txt").write_text("written outside any run")
    assert (tmp_path / "free.txt").read_text() == "written outside any run"


def test_refuses_processes_and_sockets_while_a_run_is_active(folders):
    # A real os or socket module can only come from an escape past the other walls;
    # this checks the audit wall alone, from the inside.
    import socket
    with audit_wall.active(*folders):
        with pytest.raises(PermissionError):
            os.system("true")
        with pytest.raises(PermissionError):
            socket.create_connection(("127.0.0.1", 9), timeout=1)


def test_the_switch_is_not_a_module_value_one_assignment_could_flip(folders):
    # Code that reaches this module's globals (an escape) must at least call into it:
    # overwriting every plain value there leaves the wall up.
    saved = {name: value for name, value in vars(audit_wall).items()
             if isinstance(value, (bool, dict, tuple, frozenset)) and not name.startswith("__")}
    with audit_wall.active(*folders):
        try:
            for name, value in saved.items():
                setattr(audit_wall, name, type(value)())
            with pytest.raises(PermissionError):
                os.system("true")
        finally:
            for name, value in saved.items():
                setattr(audit_wall, name, value)
