"""The bad-input corpus on native CPython (tests/corpus/inputs/, see its README).

For every file in the manifest:
- the profiler (workers/python/input_profile/), in its own process (for a clean peak-memory
  figure), gives the expected outcome: a correct profile or a clear error, within the time
  limit and bounded memory;
- a simple user job reading the file runs inside bubblewrap exactly as the large-job
  server runs jobs (server/sandbox/bwrap.py: read-only /input, no network, 512 MB) and
  gives the expected result or a structured error, never a crash or hang;
- the file's bytes are the same before and after both (sha256).
"""
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
INPUTS = HERE / "inputs"
PYTHON_DIR = REPO / "workers" / "python"
sys.path.insert(0, str(INPUTS))
sys.path.insert(0, str(REPO / "server" / "sandbox"))

import bwrap  # noqa: E402
from expectations import job_problems, profile_problems  # noqa: E402
from manifest import MANIFEST  # noqa: E402

JOB_TIMEOUT_S = 90
JOB_MEMORY_MB = 512
# Peak resident memory of a whole profiling process (interpreter + openpyxl included).
PROFILE_MAX_RSS_MB = {"million-rows.xlsx": 200, "wide-16384.xlsx": 200, "zip-bomb.xlsx": 40, "billion-laughs.xlsx": 40}
PROFILE_DEFAULT_MAX_RSS_MB = 120

# Runs the profiler on one file in a fresh interpreter; prints the profile, seconds and peak RSS.
_PROFILE_ONE = r"""
import json, re, sys, time
sys.path.insert(0, sys.argv[1])
import input_profile as p
start = time.perf_counter()
prof = p.profile_file(sys.argv[2])
seconds = time.perf_counter() - start
# VmHWM is this process's own peak; ru_maxrss would carry over the forking parent's (pytest's) peak.
with open("/proc/self/status") as fh:
    rss_mb = int(re.search(r"VmHWM:\s+(\d+) kB", fh.read()).group(1)) / 1024.0
print(json.dumps({"profile": prof, "seconds": seconds, "rssMb": rss_mb}, allow_nan=False))
"""

FIGURES = {}


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


@pytest.fixture(scope="session")
def corpus():
    out = subprocess.run([sys.executable, str(INPUTS / "make_inputs.py"), "--cached"],
                         capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, ("could not generate the corpus (it needs openpyxl: run ./scripts/setup.sh):\n"
                                 + out.stderr[-2000:])
    folder = Path(out.stdout.strip())
    assert (folder / "manifest.json").is_file()
    return folder


def test_manifest_names_every_generated_file_once(corpus):
    names = [e["file"] for e in MANIFEST]
    assert len(names) == len(set(names)) == 16
    on_disk = sorted(p.name for p in corpus.iterdir() if p.name != "manifest.json")
    assert on_disk == sorted(names)
    written = json.loads((corpus / "manifest.json").read_text(encoding="utf-8"))["files"]
    assert written == json.loads(json.dumps(MANIFEST))
    for e in MANIFEST:
        assert e["outcome"] in ("works", "clear error"), e["file"]


def test_generated_files_are_what_they_claim(corpus):
    import zipfile
    bomb = zipfile.ZipFile(corpus / "zip-bomb.xlsx")
    sheet = bomb.getinfo("xl/worksheets/sheet1.xml")
    assert sheet.file_size > 3 * 10 ** 9 and os.path.getsize(corpus / "zip-bomb.xlsx") < 4 * 10 ** 6
    with zipfile.ZipFile(corpus / "billion-laughs.xlsx") as z:
        assert b"<!ENTITY lol9" in z.read("xl/sharedStrings.xml")
    with zipfile.ZipFile(corpus / "million-rows.xlsx") as z:
        with z.open("xl/worksheets/sheet1.xml") as fh:
            fh.seek(z.getinfo("xl/worksheets/sheet1.xml").file_size - 400)
            assert b'<row r="1048576">' in fh.read()
    assert (corpus / "renamed-text.xlsx").read_bytes().startswith(b"Notes from")
    assert (corpus / "cp1252.csv").read_bytes().count(b"\x80") == 1  # the euro sign in Windows-1252
    assert (corpus / "bom.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_cfb_containers_hold_the_streams_excel_writes(corpus):
    sys.path.insert(0, str(PYTHON_DIR))
    import input_profile as p
    assert p.ole_stream_names(str(corpus / "legacy.xls")) == {"Workbook"}
    assert p.ole_stream_names(str(corpus / "password.xlsx")) == {
        "EncryptionInfo", "EncryptedPackage", "\x06DataSpaces", "Version"}
    info = p.ole_read_stream(str(corpus / "password.xlsx"), "EncryptionInfo")
    assert info[:8] == b"\x04\x00\x04\x00\x40\x00\x00\x00"  # agile encryption 4.4
    import xml.etree.ElementTree as ET
    root = ET.fromstring(info[8:])
    assert root.tag.endswith("}encryption")
    workbook = p.ole_read_stream(str(corpus / "legacy.xls"), "Workbook")
    assert workbook[:4] == b"\x09\x08\x10\x00" and len(workbook) >= 4096  # BIFF8 BOF record


def test_an_xls_quoting_encryptedpackage_in_a_cell_is_not_taken_for_an_encrypted_file(tmp_path):
    # Searching the bytes for the stream name would say "password-protected"; the directory says .xls.
    sys.path.insert(0, str(PYTHON_DIR))
    import input_profile as p
    from cfb import Storage, build
    path = tmp_path / "notes.xls"
    path.write_bytes(build(Storage({"Workbook": b"\x09\x08" + "EncryptedPackage".encode("utf-16-le") * 300})))
    prof = p.profile_file(str(path))
    assert prof["format"] == "xls" and prof["error"] == p.XLS_MESSAGE


def test_a_one_column_list_renamed_to_xlsx_is_still_read_as_csv(tmp_path):
    # Only prose is refused as "plain text"; a list of values is data, whatever its name.
    sys.path.insert(0, str(PYTHON_DIR))
    import input_profile as p
    path = tmp_path / "ids.xlsx"
    path.write_text("Customer ID\nC-101\nC-102\nC-103\n", encoding="utf-8")
    prof = p.profile_file(str(path))
    assert "error" not in prof and prof["format"] == "csv"
    assert prof["sheets"][0]["rowCount"] == 4 and prof["sheets"][0]["sampleRows"][1] == ["C-101"]


def test_a_cfb_with_a_looping_directory_chain_falls_back_without_hanging(tmp_path, corpus):
    sys.path.insert(0, str(PYTHON_DIR))
    import input_profile as p
    data = bytearray((corpus / "legacy.xls").read_bytes())
    first_fat = int.from_bytes(data[0x4C:0x50], "little")
    first_dir = int.from_bytes(data[0x30:0x34], "little")
    fat_at = 512 * (first_fat + 1) + 4 * first_dir
    data[fat_at:fat_at + 4] = first_dir.to_bytes(4, "little")  # the directory's chain points at itself
    path = tmp_path / "loop.xls"
    path.write_bytes(bytes(data))
    start = time.monotonic()
    assert p.ole_stream_names(str(path)) is None
    assert p.profile_file(str(path))["error"] == p.XLS_MESSAGE  # found by the byte search instead
    assert time.monotonic() - start < 2


def test_the_zip_guard_is_active_only_while_user_code_runs(corpus, tmp_path):
    import zipfile
    sys.path.insert(0, str(PYTHON_DIR))
    import runner
    original = zipfile.ZipFile.open
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copyfile(corpus / "zip-bomb.xlsx", inputs / "zip-bomb.xlsx")
    code = "import openpyxl\nopenpyxl.load_workbook(%r, read_only=True)['Data']['A1'].value\n" % (
        str(inputs / "zip-bomb.xlsx"))
    result = runner.run(code, str(inputs), str(tmp_path / "out"), precheck=False)
    assert not result["ok"] and "zip bombs" in result["error"]["message"]
    assert zipfile.ZipFile.open is original
    with zipfile.ZipFile(corpus / "zip-bomb.xlsx") as z:  # outside a run, our own code decides
        with z.open("xl/worksheets/sheet1.xml") as fh:
            assert fh.read(5) == b"<?xml"


@pytest.mark.parametrize("entry", MANIFEST, ids=[e["file"] for e in MANIFEST])
def test_profile_gives_the_expected_outcome(entry, corpus):
    path = corpus / entry["file"]
    before = sha256(path)
    out = subprocess.run([sys.executable, "-c", _PROFILE_ONE, str(PYTHON_DIR), str(path)],
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    answer = json.loads(out.stdout)
    assert sha256(path) == before, "profiling changed the file"
    problems = profile_problems(entry, answer["profile"])
    assert not problems, "\n".join(problems)
    FIGURES[entry["file"]] = (answer["seconds"], answer["rssMb"])
    assert answer["seconds"] < entry["maxSeconds"], "took %.1f s" % answer["seconds"]
    limit = PROFILE_MAX_RSS_MB.get(entry["file"], PROFILE_DEFAULT_MAX_RSS_MB)
    assert answer["rssMb"] < limit, "peak memory %.0f MB (limit %d MB)" % (answer["rssMb"], limit)


@pytest.mark.parametrize("entry", MANIFEST, ids=[e["file"] for e in MANIFEST])
def test_user_job_in_bubblewrap_gives_the_expected_result(entry, corpus, tmp_path):
    inputs = tmp_path / "input"
    inputs.mkdir()
    original = corpus / entry["file"]
    copy = inputs / entry["file"]
    shutil.copyfile(original, copy)
    before = sha256(original)
    code = tmp_path / "job.py"
    code.write_text(entry["job"]["code"], encoding="utf-8")
    output = tmp_path / "output"
    output.mkdir()
    start = time.monotonic()
    result = bwrap.run_in_bwrap(str(code), str(inputs), str(output), str(PYTHON_DIR), JOB_TIMEOUT_S,
                                memory_mb=JOB_MEMORY_MB)
    seconds = time.monotonic() - start
    assert sha256(copy) == before and sha256(original) == before, "the job changed its input"
    problems = job_problems(entry, result)
    assert not problems, "\n".join(problems)
    if not entry["job"]["ok"]:
        # A refused file is refused quickly, not after the time limit.
        assert seconds < 30, "took %.1f s to refuse" % seconds


def teardown_module(_module):
    if FIGURES:
        lines = ["%-26s %6.2f s %7.1f MB" % (name, s, mb) for name, (s, mb) in sorted(FIGURES.items())]
        sys.stderr.write("\nbad-input profile figures (CPython, whole process peak RSS):\n" + "\n".join(lines) + "\n")
