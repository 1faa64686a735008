"""Run the legitimate-script corpus in plain CPython and in the server's sandbox, and compare.

Each script in scripts/ runs twice on the same generated inputs (make_inputs.py):

* plain: /usr/bin/python3 runs the script as it is, inside bubblewrap only so that
  /input and /output are real folders (inputs bound read-only, a fresh folder bound
  at /output); no runner, no pre-check, no guard;
* sandbox: server/sandbox/bwrap.py's run_in_bwrap, i.e. runner.py with every wall up,
  exactly as a server job runs.

The outcome is "same" when the sandbox succeeded with the same stdout (see
normalise_stdout) and the same output files (xlsx compared cell by cell through
openpyxl's values on every sheet; every other file byte for byte). Otherwise it is
"refused" (the pre-check refused it, or a guard refused an import, a name or a
file/event at run time) or "broken" (it ran but failed otherwise, or gave other
outputs). A script that fails in plain CPython is a corpus bug ("corpus-bug").

    /usr/bin/python3 tests/corpus/legit/harness.py [--jobs 2] [--report FILE] [NAME...]
"""

from __future__ import annotations

import argparse
import ast
import concurrent.futures
import datetime
import gzip
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
SCRIPTS = HERE / "scripts"
RUNNER_DIR = REPO / "workers" / "python"
sys.path.insert(0, str(REPO / "server" / "sandbox"))
sys.path.insert(0, str(HERE))

import bwrap  # noqa: E402
import bwrap_argv  # noqa: E402
from make_inputs import write_inputs  # noqa: E402

PLAIN_PYTHON = "/usr/bin/python3"
TIMEOUT_S = 120
#: Imports that Pyodide in this project cannot load (pandas is fetched on demand in the
#: pane, and not downloadable on the test machine): such scripts are "not applicable on
#: Pyodide", counted and printed, never passed silently.
NOT_ON_PYODIDE = frozenset({"pandas", "numpy", "scipy", "matplotlib", "xlsxwriter", "sqlite3"})
META_KEYS = ("source", "licence", "does", "adapted")
#: Legitimate scripts the sandbox refuses on purpose, with the rule that refuses them and
#: why (listed in SECURITY.md too). Each must be refused by exactly that rule, and they
#: must stay under 1% of the corpus: a refusal that goes away, or a new one, fails the tests.
KEPT_REFUSALS: dict[str, tuple[str, str]] = {}


@dataclass
class Script:
    name: str
    path: Path
    code: str
    meta: dict[str, str]
    imports: frozenset[str]

    @property
    def on_pyodide(self) -> bool:
        return not (self.imports & NOT_ON_PYODIDE)


@dataclass
class Run:
    ok: bool
    stdout: str
    error: str = ""
    kind: str = ""
    rules: list[str] = field(default_factory=list)
    failing_line: str = ""
    outputs: dict[str, object] = field(default_factory=dict)


@dataclass
class Outcome:
    script: Script
    status: str  # same | refused | broken | corpus-bug
    cause: str = ""
    detail: str = ""
    failing_line: str = ""


def load_scripts(names: list[str] | None = None) -> list[Script]:
    scripts = []
    for path in sorted(SCRIPTS.glob("*.py")):
        if names and path.stem not in names and path.name not in names:
            continue
        code = path.read_text(encoding="utf-8")
        meta: dict[str, str] = {}
        for line in code.splitlines():
            if not line.startswith("#"):
                break
            match = re.match(r"#\s*(\w+):\s*(.*)", line)
            if match and match.group(1) in META_KEYS:
                meta[match.group(1)] = match.group(2).strip()
        imports = set()
        for node in ast.walk(ast.parse(code)):
            if isinstance(node, ast.Import):
                imports.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module:
                imports.add(node.module.split(".")[0])
        scripts.append(Script(path.stem, path, code, meta, frozenset(imports)))
    return scripts


def check_metadata(script: Script) -> list[str]:
    """What the header of a script is missing (every script names its source and licence)."""
    return [key for key in META_KEYS if not script.meta.get(key)]


# ------------------------------------------------------------------ outputs


def read_outputs(folder: Path) -> dict[str, object]:
    """Every output file as something comparable: xlsx as sheets of cell values, others as bytes."""
    found: dict[str, object] = {}
    for path in sorted(folder.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(folder).as_posix()
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            found[rel] = xlsx_values(path)
        else:
            data = path.read_bytes()
            # A gzip header holds the time it was written: two runs differ only there.
            found[rel] = gzip.decompress(data) if rel.endswith(".gz") and data[:2] == b"\x1f\x8b" else data
    return found


def xlsx_values(path: Path) -> object:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path)
    except Exception as exc:  # an unreadable workbook differs from any readable one
        return f"unreadable xlsx: {type(exc).__name__}: {exc}"
    sheets: dict[str, object] = {"(sheet order)": list(book.sheetnames),
                                 "(defined names)": sorted(str(name) for name in _defined_names(book))}
    for ws in book.worksheets:
        sheets[ws.title] = {
            "values": [tuple(row) for row in ws.iter_rows(values_only=True)],
            # What a cell-value comparison alone would miss: the structure the script built.
            "merged": sorted(str(r) for r in ws.merged_cells.ranges),
            "tables": sorted((name, str(getattr(t, "ref", t))) for name, t in ws.tables.items()),
            "charts": len(getattr(ws, "_charts", [])),
            "validations": sorted(str(dv.sqref) for dv in ws.data_validations.dataValidation),
            "filter": str(ws.auto_filter.ref),
            "number formats": sorted({c.number_format for row in ws.iter_rows() for c in row}),
        }
    return sheets


def _defined_names(book) -> list[str]:
    names = getattr(book, "defined_names", None)
    if names is None:
        return []
    if hasattr(names, "definedName"):  # openpyxl 3.0
        return [f"{n.name}={n.attr_text}" for n in names.definedName]
    return [f"{k}={v.attr_text}" for k, v in names.items()]  # openpyxl 3.1


_ADDRESS = re.compile(r"\b0x[0-9a-fA-F]{6,}\b")


def normalise_stdout(text: str) -> str:
    """Only what legitimately differs between two runs: object addresses (id-based reprs)."""
    return _ADDRESS.sub("0x…", text)


def describe_difference(plain: dict[str, object], other: dict[str, object]) -> str:
    if set(plain) != set(other):
        return f"output files differ: plain {sorted(plain)}, sandbox {sorted(other)}"
    for name in plain:
        if plain[name] != other[name]:
            return f"output file {name} differs"
    return ""


def first_difference(a: str, b: str) -> str:
    la, lb = a.splitlines(), b.splitlines()
    for i, (x, y) in enumerate(zip(la, lb)):
        if x != y:
            return f"stdout line {i + 1}: plain {x[:120]!r}, sandbox {y[:120]!r}"
    return f"stdout has {len(la)} lines in plain CPython, {len(lb)} in the sandbox"


# ------------------------------------------------------------------ plain CPython


def plain_argv(code_file: Path, input_dir: Path, output_dir: Path) -> list[str]:
    """bwrap only for the paths: /input read-only, /output a real folder, no runner."""
    argv = [bwrap.BWRAP, "--unshare-all", "--die-with-parent", "--new-session", "--clearenv"]
    for key, value in bwrap.ENV.items():
        argv += ["--setenv", key, value]
    argv += ["--ro-bind", "/usr", "/usr"] + bwrap_argv.root_links()
    for path in bwrap.ETC_FILES:
        if os.path.exists(path):
            argv += ["--ro-bind", path, path]
    argv += ["--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp",
             "--ro-bind", str(input_dir), "/input", "--bind", str(output_dir), "/output",
             "--ro-bind", str(code_file), "/job/code.py", "--chdir", "/output",
             "--", PLAIN_PYTHON, "-E", "-s", "-B", "/job/code.py"]
    return argv


def run_plain(script: Script, input_dir: Path, work: Path) -> Run:
    out = work / "plain-out"
    out.mkdir()
    try:
        proc = subprocess.run(plain_argv(script.path, input_dir, out), capture_output=True,
                              timeout=TIMEOUT_S, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return Run(False, "", f"timed out after {TIMEOUT_S} s")
    stdout = proc.stdout.decode("utf-8", "replace")
    if proc.returncode != 0:
        tail = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        return Run(False, stdout, tail[-1] if tail else f"exit {proc.returncode}")
    return Run(True, stdout, outputs=read_outputs(out))


# ------------------------------------------------------------------ sandbox on CPython


def run_sandbox(script: Script, input_dir: Path, work: Path, jobs_at_once: int) -> Run:
    out = work / "sandbox-out"
    out.mkdir()
    result = bwrap.run_in_bwrap(str(script.path), str(input_dir), str(out), str(RUNNER_DIR),
                                TIMEOUT_S, jobs_at_once=jobs_at_once)
    return run_from_result(result, script.code, read_outputs(out) if result.get("ok") else {})


def run_from_result(result: dict, code: str, outputs: dict[str, object]) -> Run:
    if result.get("ok"):
        return Run(True, result.get("stdout", ""), outputs=outputs)
    error = result.get("error") or {}
    rules = sorted({v.get("rule", "?") for v in error.get("violations") or []})
    line = error.get("line")
    source_lines = code.splitlines()
    failing = source_lines[line - 1].strip() if isinstance(line, int) and 0 < line <= len(source_lines) else ""
    if rules and error.get("violations"):
        first = error["violations"][0].get("line")
        if isinstance(first, int) and 0 < first <= len(source_lines):
            failing = source_lines[first - 1].strip()
    return Run(False, result.get("stdout", ""), error.get("message", ""), error.get("kind", ""), rules, failing)


# ------------------------------------------------------------------ comparing

_REFUSAL_PATTERNS = (
    (re.compile(r"import of `([\w.]+)` is not allowed"), "import refused: {0}"),
    (re.compile(r"PermissionError: `([^`]+)` is not available in the sandbox"), "bytecode scan: `{0}`"),
    (re.compile(r"is not available in the sandbox"), "runtime guard: not available"),
    (re.compile(r"(PermissionError: [^`]*)`[^`]*` is not allowed in the sandbox"), "runtime guard: {0}…"),
    (re.compile(r"(?i)audit|not permitted in the sandbox"), "audit hook"),
)


def cause_of_failure(run: Run) -> tuple[str, str]:
    """(status, cause) for a sandbox run that failed."""
    if run.kind == "precheck":
        return "refused", "pre-check: " + ", ".join(run.rules or ["?"])
    message = run.error
    for pattern, label in _REFUSAL_PATTERNS:
        match = pattern.search(message)
        if match:
            return "refused", label.format(*match.groups())
    first = message.split(" (line")[0].split(". Hint")[0]
    first = re.sub(r"'[^']*'|\"[^\"]*\"", "'…'", first)[:140]
    return "broken", f"{run.kind or 'error'}: {first}"


def compare(script: Script, plain: Run, other: Run) -> Outcome:
    if not plain.ok:
        return Outcome(script, "corpus-bug", "fails in plain CPython", plain.error)
    if not other.ok:
        status, cause = cause_of_failure(other)
        return Outcome(script, status, cause, other.error[:600], other.failing_line)
    if normalise_stdout(plain.stdout) != normalise_stdout(other.stdout):
        return Outcome(script, "broken", "different stdout",
                       first_difference(normalise_stdout(plain.stdout), normalise_stdout(other.stdout)))
    difference = describe_difference(plain.outputs, other.outputs)
    if difference:
        return Outcome(script, "broken", "different output files", difference)
    return Outcome(script, "same")


# ------------------------------------------------------------------ the whole corpus


def run_one(script: Script, input_dir: Path, jobs_at_once: int) -> tuple[Outcome, Run]:
    with tempfile.TemporaryDirectory(prefix=f"legit-{script.name}-") as tmp:
        work = Path(tmp)
        (work / "p").mkdir()
        (work / "s").mkdir()
        plain = run_plain(script, input_dir, work / "p")
        other = run_sandbox(script, input_dir, work / "s", jobs_at_once)
        return compare(script, plain, other), plain


def run_corpus(scripts: list[Script], jobs: int = 2) -> dict[str, Outcome]:
    with tempfile.TemporaryDirectory(prefix="legit-inputs-") as tmp:
        input_dir = write_inputs(Path(tmp) / "input")
        with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
            futures = {s.name: pool.submit(run_one, s, input_dir, jobs) for s in scripts}
            return {name: future.result()[0] for name, future in futures.items()}


def summary_line(outcomes: list[Outcome], runtime: str = "CPython sandbox") -> str:
    counted = [o for o in outcomes if o.status != "corpus-bug"]
    same = sum(o.status == "same" for o in counted)
    refused = [o for o in counted if o.status == "refused"]
    broken = [o for o in counted if o.status == "broken"]
    rule_counts: dict[str, int] = {}
    for o in refused:
        rule_counts[o.cause] = rule_counts.get(o.cause, 0) + 1
    rules = "; ".join(f"{cause}: {n}" for cause, n in sorted(rule_counts.items(), key=lambda kv: -kv[1]))
    bugs = len(outcomes) - len(counted)
    line = (f"legit corpus ({runtime}): {len(counted)} scripts, {same} same, {len(refused)} refused"
            f" ({rules or 'none'}), {len(broken)} broken (different output or error)")
    if bugs:
        line += f", {bugs} failing in plain CPython (corpus bugs)"
    return line


def failures_markdown(sections: list[tuple[str, list[Outcome]]]) -> str:
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    parts = [f"# Legitimate corpus: what the sandbox refuses or breaks\n\nMeasured {now} by "
             "tests/corpus/legit/harness.py (CPython: runner.py in bubblewrap, as server jobs run) "
             "and tests/corpus/legit-pyodide.test.ts (Pyodide in the Node sandbox). Each script ran "
             "first in plain CPython on the same inputs.\n"]
    for title, outcomes in sections:
        parts.append(f"\n## {title}\n\n`{summary_line(outcomes, title)}`\n")
        groups: dict[str, list[Outcome]] = {}
        for o in outcomes:
            if o.status not in ("same",):
                # One group per rule and per name it refused (`operator.attrgetter`, `import sqlite3`...).
                named = re.search(r"`([^`]+)`", o.detail) if o.status == "refused" else None
                key = f"{o.status} — {o.cause}" + (f" — `{named.group(1)}`" if named else "")
                groups.setdefault(key, []).append(o)
        for cause, members in sorted(groups.items(), key=lambda kv: -len(kv[1])):
            parts.append(f"\n### {cause} ({len(members)} script{'s' if len(members) != 1 else ''})\n\n")
            parts.append("Scripts: " + ", ".join(m.script.name for m in members) + "\n\n")
            for example in members[:2]:
                lines = [l.strip() for l in example.detail.splitlines() if l.strip()]
                if len(lines) > 1 and lines[0].startswith("The code was not run"):
                    lines = [l.lstrip("- ") for l in lines[1:]]  # the heading says nothing; its first item does
                parts.append(f"- `{example.script.name}`: failing line `{example.failing_line or '?'}`\n"
                             f"  - {lines[0][:400] if lines else ''}\n")
    return "".join(parts)


# ------------------------------------------------------------------ Pyodide (driven by legit-pyodide.test.ts)
#
# The Node sandbox is driven from TypeScript; plain CPython and the comparison stay here,
# so both runtimes are compared by the same code. The test calls:
#   harness.py --pyodide-prepare DIR   inputs in DIR/input, plain runs in DIR/plain/<name>/,
#                                      DIR/scripts.json lists {name, code, onPyodide}
#   (the test writes DIR/pyodide/<name>/result.json and DIR/pyodide/<name>/out/...)
#   harness.py --pyodide-compare DIR   prints one JSON object: outcomes and the summary line


def pyodide_prepare(folder: Path, jobs: int) -> None:
    import json

    scripts = load_scripts()
    input_dir = write_inputs(folder / "input")
    listing = [{"name": s.name, "code": s.code, "onPyodide": s.on_pyodide,
                "needs": sorted(s.imports & NOT_ON_PYODIDE),
                 "keptRefusal": KEPT_REFUSALS.get(s.name, (None,))[0]} for s in scripts]
    (folder / "scripts.json").write_text(json.dumps(listing))

    def plain(script: Script) -> None:
        work = folder / "plain" / script.name
        work.mkdir(parents=True)
        out = work / "out"
        out.mkdir()
        try:
            proc = subprocess.run(plain_argv(script.path, input_dir, out), capture_output=True,
                                  timeout=TIMEOUT_S, stdin=subprocess.DEVNULL)
            status = {"returncode": proc.returncode, "stdout": proc.stdout.decode("utf-8", "replace"),
                      "stderr": proc.stderr.decode("utf-8", "replace")[-2000:]}
        except subprocess.TimeoutExpired:
            status = {"returncode": -1, "stdout": "", "stderr": f"timed out after {TIMEOUT_S} s"}
        (work / "plain.json").write_text(json.dumps(status))

    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        list(pool.map(plain, [s for s in scripts if s.on_pyodide]))


def pyodide_compare(folder: Path) -> dict:
    import json

    # The scripts as they were prepared (a script added meanwhile has no plain run).
    prepared = {entry["name"] for entry in json.loads((folder / "scripts.json").read_text())}
    scripts = {s.name: s for s in load_scripts() if s.name in prepared}
    outcomes = []
    for name, script in scripts.items():
        if not script.on_pyodide:
            continue
        status = json.loads((folder / "plain" / name / "plain.json").read_text())
        if status["returncode"] != 0:
            tail = status["stderr"].strip().splitlines()
            plain = Run(False, status["stdout"], tail[-1] if tail else f"exit {status['returncode']}")
        else:
            plain = Run(True, status["stdout"], outputs=read_outputs(folder / "plain" / name / "out"))
        result_file = folder / "pyodide" / name / "result.json"
        if not result_file.is_file():
            other = Run(False, "", "the Pyodide run left no result", "internal")
        else:
            result = json.loads(result_file.read_text())
            out = folder / "pyodide" / name / "out"
            other = run_from_result(result, script.code, read_outputs(out) if result.get("ok") and out.is_dir() else {})
        outcomes.append(compare(script, plain, other))
    not_applicable = sorted(n for n, s in scripts.items() if not s.on_pyodide)
    line = summary_line(outcomes, "Pyodide") + f"; {len(not_applicable)} not applicable on Pyodide (need pandas, numpy or scipy, not loadable here)"
    return {
        "summary": line,
        "notApplicable": not_applicable,
        "markdown": failures_markdown([("Pyodide", outcomes)]),
        "outcomes": {o.script.name: {"status": o.status, "cause": o.cause, "detail": o.detail,
                                     "failingLine": o.failing_line} for o in outcomes},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--report", help="write the failures, grouped by cause, to this Markdown file")
    parser.add_argument("--pyodide-prepare", metavar="DIR", help=argparse.SUPPRESS)
    parser.add_argument("--pyodide-compare", metavar="DIR", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.pyodide_prepare:
        pyodide_prepare(Path(args.pyodide_prepare), args.jobs)
        return 0
    if args.pyodide_compare:
        import json

        print(json.dumps(pyodide_compare(Path(args.pyodide_compare))))
        return 0
    scripts = load_scripts(args.names)
    outcomes = run_corpus(scripts, args.jobs)
    for name, o in outcomes.items():
        if o.status != "same":
            print(f"{name}: {o.status}: {o.cause}: {o.failing_line} :: {o.detail[:200]}")
    print(summary_line(list(outcomes.values())))
    if args.report:
        Path(args.report).write_text(failures_markdown([("CPython sandbox", list(outcomes.values()))]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
