"""The bubblewrap wall on its own: server/sandbox/bwrap.py with a runner that guards nothing.

A stand-in runner.py (plain exec, real builtins) makes every escape "succeed"
inside the sandbox, so these tests show what bubblewrap, the rlimits and the
output copy hold by themselves. Run: /usr/bin/python3 -m pytest tests/corpus -q
"""

from __future__ import annotations

import hashlib
import os
import socket
import subprocess
import time
import sys
import textwrap
import threading
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1] / "server" / "sandbox"))

import bwrap  # noqa: E402

# A missing bubblewrap fails test_hostile_cpython.py::test_prerequisites_are_installed; no skips here.

NAIVE_RUNNER = '''
import io, json, os, sys
code = open(sys.argv[1], encoding="utf-8").read()
out = io.StringIO()
result = {"ok": True, "stdout": "", "stderr": "", "streams_truncated": False}
real = sys.stdout
sys.stdout = out
try:
    exec(compile(code, "<your code>", "exec"), {"__name__": "__main__"})
except MemoryError as exc:
    result = {"ok": False, "error": {"kind": "memory", "message": repr(exc)}}
except BaseException as exc:
    result = {"ok": False, "error": {"kind": "python", "message": repr(exc)[:2000]}}
sys.stdout = real
result["stdout"] = out.getvalue()[:100000]
real.write(json.dumps(result) + "\\n")
real.flush()
os._exit(0 if result["ok"] else 1)
'''


@pytest.fixture()
def box(tmp_path):
    runner_dir = tmp_path / "runner"
    runner_dir.mkdir()
    (runner_dir / "runner.py").write_text(NAIVE_RUNNER)
    inputs = tmp_path / "input"
    inputs.mkdir()
    (inputs / "data.csv").write_text("a,b\n1,2\n")
    outputs = tmp_path / "output"
    outputs.mkdir()

    def run(code: str, timeout: float = 10, **kw) -> dict:
        code_file = tmp_path / "code.py"
        code_file.write_text(textwrap.dedent(code))
        return bwrap.run_in_bwrap(str(code_file), str(inputs), str(outputs), str(runner_dir), timeout, **kw)

    run.inputs = inputs
    run.outputs = outputs
    return run


def _digest(folder: Path) -> dict:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}


def test_no_network_even_to_the_hosts_loopback(box):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)
    listener.settimeout(0.1)
    port = listener.getsockname()[1]
    hits = []

    def serve():
        for _ in range(30):
            try:
                hits.append(listener.accept())
            except OSError:
                pass

    thread = threading.Thread(target=serve)
    thread.start()
    result = box(f"""
        import socket, subprocess
        errors = []
        for host in ("127.0.0.1", "localhost", "10.0.2.2"):
            try:
                socket.create_connection((host, {port}), timeout=1)
            except OSError as exc:
                errors.append(type(exc).__name__)
        subprocess.run(["python3", "-c", "import socket; socket.create_connection(('127.0.0.1', {port}), 1)"])
        print(errors)
        print(open("/proc/net/dev").read())
    """)
    thread.join()
    listener.close()
    assert not hits
    assert result["ok"], result
    assert len(eval(result["stdout"].splitlines()[0])) == 3  # all three connections failed
    assert "eth" not in result["stdout"]  # only the private loopback


def test_inputs_are_read_only_and_host_is_invisible(box):
    before = _digest(box.inputs)
    result = box("""
        import os
        results = {}
        for name, act in {
            "write": lambda: open("/input/data.csv", "a").write("x"),
            "remove": lambda: os.remove("/input/data.csv"),
            "create": lambda: open("/input/new.txt", "w"),
            "chmod": lambda: os.chmod("/input/data.csv", 0o777),
            "usr": lambda: open("/usr/bin/evil", "w"),
            "root": lambda: open("/evil", "w"),
            "job": lambda: open("/job/code.py", "w"),
            "runner": lambda: open("/sandbox/runner.py", "a"),
        }.items():
            try:
                act()
                results[name] = "done"
            except OSError as exc:
                results[name] = exc.errno
        print(results)
        print(sorted(os.listdir("/")), sorted(os.listdir("/etc")))
        print(os.path.exists("/etc/passwd"), os.path.exists("/root"), os.path.exists("/home"))
    """)
    assert result["ok"], result
    assert "done" not in result["stdout"].splitlines()[0]
    assert "False False False" in result["stdout"]
    assert _digest(box.inputs) == before


def test_no_capabilities_env_cleared_no_nested_namespaces(box):
    result = box("""
        import os, subprocess
        status = open("/proc/self/status").read()
        print([l for l in status.splitlines() if l.startswith(("CapEff", "CapBnd", "NoNewPrivs"))])
        print(sorted(os.environ))
        print(subprocess.run(["unshare", "-U", "true"]).returncode)
    """)
    assert result["ok"], result
    lines = result["stdout"].splitlines()
    assert "CapEff:\\t0000000000000000" in lines[0] and "CapBnd:\\t0000000000000000" in lines[0]
    assert set(eval(lines[1])) <= set(bwrap.ENV) | {"PWD", "SHLVL", "_"}
    assert lines[2] != "0"


def test_outputs_copied_without_links_and_nothing_outlives_the_run(box, tmp_path):
    marker = tmp_path / "late-marker"
    result = box(f"""
        import os
        os.makedirs("/output/sub/deeper")
        open("/output/sub/deeper/a.txt", "w").write("hello")
        open("/output/top.csv", "w").write("x,y")
        os.chmod("/output/top.csv", 0o4755)
        os.symlink("/input/data.csv", "/output/link.csv")
        os.symlink("/", "/output/sub/root")
        os.mkfifo("/output/fifo")
        # Something that tries to write after the runner is done.
        os.system("(sleep 1; echo late > /output/late.txt; touch {marker}) >/dev/null 2>&1 &")
        if os.fork() == 0:
            import time
            time.sleep(1)
            open("/output/late2.txt", "w").write("late")
            os._exit(0)
    """)
    assert result["ok"], result
    assert sorted(result["removed_outputs"]) == ["fifo", "link.csv", "sub/root"]
    found = sorted(str(p.relative_to(box.outputs)) for p in box.outputs.rglob("*"))
    assert found == ["sub", "sub/deeper", "sub/deeper/a.txt", "top.csv"]
    assert (box.outputs / "sub/deeper/a.txt").read_text() == "hello"
    assert oct((box.outputs / "top.csv").stat().st_mode & 0o7777) == "0o644"
    import time
    time.sleep(1.5)
    assert not (box.outputs / "late.txt").exists() and not (box.outputs / "late2.txt").exists()
    assert not marker.exists()


def test_output_caps_are_exact(box):
    result = box("""
        import os
        for i in range(4):
            with open(f"/output/part{i}.bin", "wb") as fh:
                for _ in range(100):
                    fh.write(b"x" * 2**20)
    """, max_output_mb=150)
    assert not result["ok"]
    total = sum(p.stat().st_size for p in box.outputs.rglob("*") if p.is_file())
    assert total <= 150 * 2**20


def test_file_count_cap(box):
    result = box("""
        import os
        for i in range(300):
            os.mkdir(f"/output/d{i}")
    """, max_output_files=100)
    assert not result["ok"] and result["error"]["kind"] == "memory", result
    assert list(box.outputs.iterdir()) == []


def test_wall_clock_timeout_kills_everything(box):
    result = box("""
        import os, time
        for _ in range(20):
            if os.fork() == 0:
                while True:
                    pass
        time.sleep(100)
    """, timeout=2)
    assert result["error"]["kind"] == "timeout", result
    assert result["duration_ms"] < 4000
    # SIGKILL is delivered at once but the kernel reaps the pid namespace asynchronously:
    # every process must be gone within two seconds, none may live on.
    deadline = time.monotonic() + 2
    while True:
        ps = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True).stdout
        # Only this test's sandbox counts: its input folder is unique to it.
        if str(box.inputs) not in ps or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    assert str(box.inputs) not in ps


def test_cpu_limit_when_the_clock_alone_would_be_late(box):
    # Ignore SIGXCPU: the hard CPU limit (SIGKILL) still ends it, reported as timeout.
    result = box("""
        import signal
        signal.signal(signal.SIGXCPU, signal.SIG_IGN)
        while True:
            pass
    """, timeout=2)
    assert result["error"]["kind"] == "timeout", result


def test_memory_limit(box):
    result = box("""
        hog = []
        while True:
            hog.append(bytearray(10**7))
    """, memory_mb=256)
    assert result["error"]["kind"] == "memory", result


def test_tmp_is_small_and_private(box):
    result = box("""
        try:
            with open("/tmp/fill", "wb") as fh:
                for _ in range(200):
                    fh.write(b"x" * 2**20)
        except OSError as exc:
            print("stopped", exc.errno)
    """, tmp_mb=64)  # /tmp is bounded: its size is the run's tmp_mb (default 4 x the output cap)
    assert result["ok"] and "stopped 28" in result["stdout"], result


def test_garbage_instead_of_json_is_internal(box):
    result = box("""
        import os
        os.write(1, b"not json\\n")
        os._exit(0)
    """)
    assert result["error"]["kind"] == "internal", result


def test_cli_prints_one_json_line(box, tmp_path):
    code = tmp_path / "cli.py"
    code.write_text("print('hi')\n")
    proc = subprocess.run(
        [sys.executable, str(HERE.parents[1] / "server" / "sandbox" / "bwrap.py"), "--code", str(code),
         "--input-dir", str(box.inputs), "--output-dir", str(box.outputs), "--timeout", "10",
         "--runner-dir", str(tmp_path / "runner")],
        capture_output=True, text=True, timeout=30,
    )
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert len(lines) == 1
    import json
    assert json.loads(lines[0])["stdout"] == "hi\n"
