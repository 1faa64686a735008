"""The sandbox's shape: bubblewrap's command line for one run (namespaces, the read-only
file system, the size-limited tmpfs mounts, the cleared environment) and where things
are inside it. Nothing here starts a process."""

from __future__ import annotations

import os
from pathlib import Path

BWRAP = "/usr/bin/bwrap"
PYTHON = "/usr/bin/python3"
HERE = Path(__file__).resolve().parent
LAUNCHER = HERE / "launch.py"

#: Paths inside the sandbox.
SANDBOX_RUNNER_DIR = "/sandbox"
SANDBOX_LAUNCHER = "/launcher/launch.py"
SANDBOX_CODE = "/job/code.py"
SANDBOX_INPUT = "/input"
SANDBOX_OUTPUT = "/output"

DEFAULT_MAX_OUTPUT_MB = 200
# /tmp is where openpyxl (with lxml) writes each worksheet's XML before zipping it
# into the xlsx: uncompressed, several times the size of the finished file. A fixed
# 64 MiB failed a 300,000-row output (IO_WRITE), so /tmp follows the output cap.
# tmpfs pages are RAM (not counted in RLIMIT_AS): a job may hold memory_mb + tmp + output.
TMP_PER_OUTPUT = 4
SHM_TMPFS_BYTES = 16 * 1024 * 1024

ENV = {
    "PATH": "/usr/bin:/bin",
    "HOME": "/tmp",
    "LANG": "C.UTF-8",
    "PYTHONDONTWRITEBYTECODE": "1",
    "MPLBACKEND": "Agg",
    # One BLAS thread: the address-space limit then means the same thing on
    # every machine (OpenBLAS reserves a buffer per thread, per core).
    "OPENBLAS_NUM_THREADS": "1",
    "OMP_NUM_THREADS": "1",
}

# Files from /etc that python3 + numpy/pandas/openpyxl (+ matplotlib) need.
ETC_FILES = ("/etc/alternatives", "/etc/ld.so.cache", "/etc/matplotlibrc")


def root_links() -> list[str]:
    """/bin, /lib, /lib64, ...: symlinks into /usr on merged-/usr systems."""
    argv: list[str] = []
    for name in ("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"):
        if os.path.islink(name):
            argv += ["--symlink", os.readlink(name), name]
        elif os.path.isdir(name):
            argv += ["--ro-bind", name, name]
    return argv


def build_bwrap_argv(
    input_dir: str,
    output_dir: str,
    code_file: str,
    runner_dir: str,
    *,
    extra: list[str] | tuple[str, ...] = (),
    bwrap_extra: list[str] | tuple[str, ...] = (),
    max_output_mb: int = DEFAULT_MAX_OUTPUT_MB,
    tmp_mb: int | None = None,
    status_fd: int | None = None,
) -> list[str]:
    """The full argv: bwrap, its options, then launch.py and the runner command line.

    ``output_dir`` is where run_in_bwrap copies the outputs to; inside, /output
    is a tmpfs of ``max_output_mb`` and /tmp one of ``tmp_mb`` (default:
    TMP_PER_OUTPUT times the output cap). ``extra`` is appended to runner.py's
    arguments (e.g. ``["--no-precheck"]``); ``bwrap_extra`` is inserted among
    bwrap's options, before the command.
    """
    for label, path in (("input_dir", input_dir), ("output_dir", output_dir), ("runner_dir", runner_dir)):
        if not os.path.isdir(path):
            raise ValueError(f"{label} is not a directory: {path}")
    if not os.path.isfile(code_file):
        raise ValueError(f"code_file is not a file: {code_file}")
    if not os.path.isfile(os.path.join(runner_dir, "runner.py")):
        raise ValueError(f"no runner.py in {runner_dir}")

    argv = [
        BWRAP,
        "--unshare-all",  # user, ipc, pid, net, uts, cgroup: no network at all
        "--unshare-user",  # explicit, so that nested user namespaces can be refused:
        "--disable-userns",  # fewer kernel paths for escaped code to try
        "--die-with-parent",
        "--new-session",  # no TIOCSTI into the caller's terminal
        "--cap-drop", "ALL",
        "--clearenv",
    ]
    for key, value in ENV.items():
        argv += ["--setenv", key, value]
    argv += ["--hostname", "sandbox"]
    argv += ["--ro-bind", "/usr", "/usr"]
    argv += root_links()
    for path in ETC_FILES:
        if os.path.exists(path):
            argv += ["--ro-bind", path, path]
    argv += [
        "--proc", "/proc",
        "--dev", "/dev",
        "--size", str(SHM_TMPFS_BYTES), "--tmpfs", "/dev/shm",
        "--size", str(tmp_size_mb(max_output_mb, tmp_mb) * 1024 * 1024), "--tmpfs", "/tmp",
        "--size", str(max_output_mb * 1024 * 1024), "--tmpfs", SANDBOX_OUTPUT,
        "--ro-bind", os.path.abspath(runner_dir), SANDBOX_RUNNER_DIR,
        "--ro-bind", str(LAUNCHER), SANDBOX_LAUNCHER,
        "--ro-bind", os.path.abspath(input_dir), SANDBOX_INPUT,
        "--ro-bind", os.path.abspath(code_file), SANDBOX_CODE,
        "--remount-ro", "/",
        "--chdir", "/tmp",
    ]
    argv += list(bwrap_extra)
    python = [PYTHON, "-E", "-s", "-B"]  # no PYTHON* variables, no user site, no bytecode
    argv += ["--"] + python + [SANDBOX_LAUNCHER]
    if status_fd is not None:  # the launcher reports the runner's exit status there, not on stdout
        argv += ["--status-fd", str(status_fd)]
    argv += python + [
        f"{SANDBOX_RUNNER_DIR}/runner.py",
        SANDBOX_CODE,
        "--input-dir", SANDBOX_INPUT,
        "--output-dir", SANDBOX_OUTPUT,
    ]
    argv += list(extra)
    return argv


def tmp_size_mb(max_output_mb: int, tmp_mb: int | None) -> int:
    """The /tmp tmpfs of a run: as asked, or TMP_PER_OUTPUT times the output cap."""
    return int(tmp_mb) if tmp_mb is not None else TMP_PER_OUTPUT * int(max_output_mb)
