"""The legitimate-script corpus (issue 14): every script gives the same result in the sandbox as in plain CPython.

Each script of tests/corpus/legit/scripts/ runs in plain /usr/bin/python3 and in
runner.py under bubblewrap (the server's sandbox, every wall up) on the same
generated inputs; stdout and every output file must be the same
(tests/corpus/legit/harness.py says how they are compared). The whole corpus runs
once, two scripts at a time, and the summary line ("legit corpus: N scripts, X
same, Y refused (...), Z broken") is printed at the end of the session; the
failures, grouped by cause, go to tests/artifacts/legit-corpus/cpython.md
(and to the file named by LEGIT_FAILURES_REPORT, if set).

Run: /usr/bin/python3 -m pytest tests/corpus/test_legit_cpython.py -q
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(HERE / "legit"))

import harness  # noqa: E402

SCRIPTS = harness.load_scripts()
REPORT = REPO / "tests" / "artifacts" / "legit-corpus" / "cpython.md"


@pytest.fixture(scope="session")
def outcomes(request):
    assert os.access(harness.bwrap.BWRAP, os.X_OK), "bubblewrap is missing: apt-get install bubblewrap (./scripts/setup.sh)"
    assert os.access(harness.PLAIN_PYTHON, os.X_OK), "/usr/bin/python3 is missing (./scripts/setup.sh)"
    results = harness.run_corpus(SCRIPTS, jobs=2)
    line = harness.summary_line(list(results.values()))
    markdown = harness.failures_markdown([("CPython sandbox", list(results.values()))])
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(markdown)
    extra = os.environ.get("LEGIT_FAILURES_REPORT")
    if extra:
        Path(extra).write_text(markdown)
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")

    capture = request.config.pluginmanager.get_plugin("capturemanager")

    def show_summary():
        # Past pytest's output capture, so the line is in every log (CI logs are read from the tail).
        with capture.global_and_fixture_disabled():
            if reporter is not None:
                reporter.write_line("")
                reporter.write_line(line)
            else:
                print(line, file=sys.__stderr__)

    request.addfinalizer(show_summary)
    return results


def test_corpus_is_large_and_every_script_names_its_source():
    assert len(SCRIPTS) >= 160, f"the corpus has {len(SCRIPTS)} scripts; issue 14 asks for at least 150 (we keep 160+)"
    missing = {s.name: harness.check_metadata(s) for s in SCRIPTS if harness.check_metadata(s)}
    assert not missing, f"scripts without source/licence/does/adapted in their header: {missing}"


@pytest.mark.parametrize("name", [s.name for s in SCRIPTS])
def test_same_as_plain_cpython(outcomes, name):
    outcome = outcomes[name]
    assert outcome.status != "corpus-bug", (
        f"{name} fails in plain CPython, so it proves nothing about the sandbox: fix the corpus script ({outcome.detail})")
    if name in harness.KEPT_REFUSALS:
        rule, why = harness.KEPT_REFUSALS[name]
        assert outcome.status == "refused" and rule in (outcome.cause or ""), (
            f"{name} is kept refused by `{rule}` ({why}), but it is {outcome.status} ({outcome.cause})")
        return
    assert outcome.status == "same", (
        f"{name} is {outcome.status} in the sandbox ({outcome.cause}): {outcome.detail}"
        + (f"\nfailing line: {outcome.failing_line}" if outcome.failing_line else ""))


def test_kept_refusals_stay_under_one_percent():
    assert len(harness.KEPT_REFUSALS) <= len(SCRIPTS) // 100, harness.KEPT_REFUSALS
