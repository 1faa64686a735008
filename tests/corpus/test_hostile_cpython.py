"""The hostile-code corpus against the server's sandbox: runner.py in bubblewrap.

Every case in tests/corpus/hostile/ runs three times: with the pre-check (its
outcome must match `# expect:`), without it (`# unguarded:`), so the
runtime walls are shown to hold on their own, and with walls 1-3 switched off
(runner.py's test-only switch: real builtins, no guard, no audit hook), where
any outcome is accepted but every invariant must still hold: what an attacker
who defeated the Python walls gets is stopped by bubblewrap and the supervisor. Every run also checks the
invariants of hostile/README.md: inputs unchanged, no network connection to
the canary, nothing written outside /output, output size and kinds of files
bounded, streams capped.

Run: /usr/bin/python3 -m pytest tests/corpus -q
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import socket
import stat
import sys
import threading
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO / "server" / "sandbox"))

import bwrap  # noqa: E402
from hostile_cases import Case, load_corpus, outcome_kind, violation_rules  # noqa: E402

RUNNER_DIR = Path(os.environ.get("HOSTILE_RUNNER_DIR", REPO / "workers" / "python"))
MEMORY_MB = 512
MAX_STREAM_BYTES = 1_000_000
MAX_OUTPUT_TOTAL = 300 * 1024 * 1024
MAX_RESULT_JSON = 8 * 1024 * 1024
INPUT_NAMES = ("book.xlsx", "data.csv")

CASES = load_corpus()

# Every outcome, written to tests/artifacts/hostile-outcomes/cpython-bwrap.json at the end
# of the session for SECURITY.md's table (tests/corpus/report/security-table.ts).
OUTCOMES_FILE = REPO / "tests" / "artifacts" / "hostile-outcomes" / "cpython-bwrap.json"
_outcomes: dict[str, dict[str, list[dict]]] = {}


@pytest.fixture(scope="session", autouse=True)
def _write_outcomes():
    yield
    if not _outcomes:
        return
    import datetime

    OUTCOMES_FILE.parent.mkdir(parents=True, exist_ok=True)
    body = {
        "runtime": "cpython-bwrap",
        "detail": f"CPython {sys.version.split()[0]} under bubblewrap (server/sandbox/bwrap.py)",
        "generatedAt": datetime.datetime.now(datetime.timezone.utc).isoformat(),
        "cases": _outcomes,
    }
    OUTCOMES_FILE.write_text(json.dumps(body, indent=1) + "\n")


def _record(case: Case, mode: str, result: dict, matched: bool) -> None:
    key = {"with-precheck": "precheck", "without-precheck": "no-precheck"}.get(mode, mode)
    _outcomes.setdefault(case.name, {}).setdefault(key, []).append(
        {"kind": outcome_kind(result), "rules": sorted(violation_rules(result)), "matched": matched}
    )


def test_prerequisites_are_installed():
    """Without bubblewrap or runner.py this suite proves nothing: fail loudly, never skip."""
    assert os.access(bwrap.BWRAP, os.X_OK), "bubblewrap is missing: apt-get install bubblewrap (./scripts/setup.sh)"
    assert (RUNNER_DIR / "runner.py").is_file(), "workers/python/runner.py is missing"


# ---------------------------------------------------------------- fixtures


class Canary:
    """A TCP listener on 127.0.0.1 that records every connection it gets."""

    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.hits: list[bytes] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except (socket.timeout, OSError):
                continue
            with conn:
                conn.settimeout(0.5)
                try:
                    data = conn.recv(4096)
                except OSError:
                    data = b""
                self.hits.append(data or b"<connected>")

    def close(self) -> None:
        self._stop.set()
        self._thread.join(2)
        self.sock.close()


def _make_inputs(folder: Path) -> None:
    import openpyxl

    folder.mkdir()
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sales"
    ws.append(["Region", "Month", "Amount"])
    for i in range(20):
        ws.append([["North", "South", "East"][i % 3], f"2024-{i % 12 + 1:02d}", 100 + i * 7])
    wb.save(folder / "book.xlsx")
    rows = ["id,name,score"] + [f"{i},name{i},{i * 3 % 17}" for i in range(30)]
    (folder / "data.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")


def _snapshot(folder: Path) -> dict[str, str]:
    """Relative path -> sha256 (or a marker for non-regular entries), without following links."""
    snap: dict[str, str] = {}
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        for name in dirnames + filenames:
            full = Path(dirpath) / name
            rel = str(full.relative_to(folder))
            st = full.lstat()
            if stat.S_ISREG(st.st_mode):
                snap[rel] = hashlib.sha256(full.read_bytes()).hexdigest()
            elif stat.S_ISDIR(st.st_mode):
                snap[rel] = "<dir>"
            else:
                snap[rel] = f"<mode {oct(st.st_mode)}>"
    return snap


def _output_report(folder: Path) -> tuple[int, list[str]]:
    total = 0
    odd: list[str] = []
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        for name in dirnames + filenames:
            full = Path(dirpath) / name
            st = full.lstat()
            if stat.S_ISREG(st.st_mode):
                total += st.st_size
            elif not stat.S_ISDIR(st.st_mode):
                odd.append(f"{full.relative_to(folder)} ({oct(st.st_mode)})")
            elif st.st_mode & (stat.S_ISUID | stat.S_ISGID):
                odd.append(f"{full.relative_to(folder)} (setuid/setgid dir)")
            if stat.S_ISREG(st.st_mode) and st.st_mode & (stat.S_ISUID | stat.S_ISGID):
                odd.append(f"{full.relative_to(folder)} (setuid/setgid)")
    return total, odd


# ---------------------------------------------------------------- the runs


def _run_case(case: Case, tmp_path: Path, precheck: bool, walls_off: bool = False) -> list[dict]:
    work = tmp_path / "work"
    work.mkdir()
    inputs = work / "input"
    _make_inputs(inputs)
    sentinel = work / "sentinel"
    sentinel.mkdir()
    (sentinel / "keep.txt").write_text("untouched\n")
    before_inputs = _snapshot(inputs)
    before_sentinel = _snapshot(sentinel)

    canary = Canary()
    results = []
    try:
        code_file = work / "code.py"
        code_file.write_bytes(case.source(canary.port))
        code_hash = hashlib.sha256(code_file.read_bytes()).hexdigest()
        for run_no in range(case.runs):
            output = work / f"output{run_no}"
            output.mkdir()
            result = bwrap.run_in_bwrap(
                str(code_file),
                str(inputs),
                str(output),
                str(RUNNER_DIR),
                case.timeout_s,
                precheck=precheck,
                memory_mb=MEMORY_MB,
                max_stream_bytes=MAX_STREAM_BYTES,
                walls_off=walls_off,
            )
            mode = "walls 1-3 off" if walls_off else f"precheck={'on' if precheck else 'off'}"
            where = f"{case.name} ({mode}, run {run_no + 1})"
            _check_invariants(where, case, result, output)
            results.append(result)
            # Output dirs are throwaway; free the space before the next run.
            shutil.rmtree(output, ignore_errors=True)
        assert hashlib.sha256(code_file.read_bytes()).hexdigest() == code_hash, "the code file was changed"
    finally:
        canary.close()

    # (b) inputs unchanged: same names, same bytes.
    assert _snapshot(inputs) == before_inputs, f"{case.name}: the input directory changed"
    # (c) no connection reached the canary.
    assert not canary.hits, f"{case.name}: the canary on 127.0.0.1 got {canary.hits!r}"
    # (d) nothing written outside the output dirs.
    assert _snapshot(sentinel) == before_sentinel, f"{case.name}: the sentinel directory changed"
    leftovers = sorted(p.name for p in work.iterdir())
    assert leftovers == ["code.py", "input", "sentinel"], f"{case.name}: unexpected entries {leftovers}"
    return results


def _check_invariants(where: str, case: Case, result: dict, output: Path) -> None:
    for key in ("ok", "stdout", "stderr", "streams_truncated", "error", "duration_ms"):
        assert key in result, f"{where}: result lacks {key!r}: {_short(result)}"
    # (e) output bounded, and only regular files and directories in it.
    total, odd = _output_report(output)
    assert total < MAX_OUTPUT_TOTAL, f"{where}: {total} bytes in /output"
    assert not odd, f"{where}: non-regular entries left in /output: {odd}"
    # Streams and the result itself stay small, whatever the code printed or raised.
    for stream in ("stdout", "stderr"):
        size = len((result.get(stream) or "").encode("utf-8", "replace"))
        assert size <= MAX_STREAM_BYTES + 4096, f"{where}: {stream} is {size} bytes"
    size = len(json.dumps(result))
    assert size < MAX_RESULT_JSON, f"{where}: the result JSON is {size} bytes"
    assert result["duration_ms"] < (case.timeout_s + 5) * 1000, f"{where}: took {result['duration_ms']} ms"
    if "streams-truncated" in case.checks:
        assert result["streams_truncated"] is True, f"{where}: streams_truncated not set"


def _short(result: dict) -> str:
    shown = dict(result)
    for key in ("stdout", "stderr"):
        if isinstance(shown.get(key), str) and len(shown[key]) > 300:
            shown[key] = shown[key][:300] + "..."
    err = shown.get("error")
    if isinstance(err, dict):
        err = dict(err)
        for key in ("message", "traceback"):
            if isinstance(err.get(key), str) and len(err[key]) > 600:
                err[key] = err[key][:600] + "..."
        shown["error"] = err
    return json.dumps(shown, ensure_ascii=False)


def _describe(result: dict) -> str:
    kind = outcome_kind(result)
    if kind == "precheck":
        return f"precheck:{sorted(violation_rules(result))}"
    return f"contained:{kind}"


# ---------------------------------------------------------------- tests


def test_corpus_is_big_enough_and_well_formed():
    assert len(CASES) >= 40
    names = [c.name for c in CASES]
    assert len(set(n[:3] for n in names)) == len(names), "case numbers must be unique"


def _judge(case: Case, mode: str, results: list[dict], expected: list | None, shown: str) -> None:
    """Assert the expected outcome. A `# known-gap:` for this mode turns a miss into
    an xfail (the invariants were asserted already and never xfail) and a hit into a
    failure, so the header is removed once the gap is fixed."""
    misses = []
    for result in results:
        matched = expected is None or any(o.matches(result) for o in expected)
        _record(case, mode, result, matched)
        if not matched:
            misses.append(f"got {_describe(result)}\n{_short(result)}")
    gap = case.known_gaps.get(mode)
    if gap and misses:
        pytest.xfail(f"known gap: {gap}")
    assert not gap, f"{case.name}: the known gap ({mode}) is fixed; remove its '# known-gap:' header"
    assert not misses, f"{case.name} ({mode}): expected {shown}, " + "; ".join(misses) + f"\nattack: {case.attack}"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_with_precheck(case: Case, tmp_path: Path):
    results = _run_case(case, tmp_path, precheck=True)
    _judge(case, "with-precheck", results, case.expect, " or ".join(map(str, case.expect)))


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_without_precheck(case: Case, tmp_path: Path):
    results = _run_case(case, tmp_path, precheck=False)
    for result in results:
        assert outcome_kind(result) != "precheck", f"{case.name}: precheck ran although disabled"
    shown = "any" if case.unguarded is None else " or ".join(o.kind for o in case.unguarded)
    _judge(case, "without-precheck", results, case.unguarded, shown)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_with_the_python_walls_off(case: Case, tmp_path: Path):
    # Any outcome: the point is that the invariants hold with only bubblewrap and the supervisor.
    results = _run_case(case, tmp_path, precheck=False, walls_off=True)
    for result in results:
        _record(case, "walls-off", result, True)
