"""Run model-written Python under bubblewrap on the server (native CPython).

This is wall 4 of ARCHITECTURE.md for the large-job server: the shared
runner.py (walls 1 and 2) runs inside a bubblewrap sandbox with

* every namespace unshared (the network namespace has only a private,
  empty loopback: no route to the host or anywhere else), no nested user
  namespaces, all capabilities dropped, a new session, and
  --die-with-parent so the sandbox never outlives its caller;
* a cleared environment and a file system made of read-only binds of /usr
  (plus the /bin, /lib* links of a merged-/usr system, /etc/alternatives
  and /etc/ld.so.cache, which numpy's BLAS needs), the runner read-only at
  /sandbox, the inputs read-only at /input, the code read-only at
  /job/code.py, and size-limited tmpfs mounts at /output, /tmp and /dev/shm;
* rlimits set before exec (address space, CPU seconds, file size, core
  dumps, open files, processes);
* a wall-clock timeout enforced from outside: the whole process group is
  killed, and bwrap's pid namespace takes every process inside with it.

/output is a tmpfs of exactly the output cap, so no race decides how much
the code may write. The sandbox's main process is launch.py: it runs the
runner, kills whatever the code left running, prints a marker and waits;
the host then copies the *regular files* of /output into the caller's
output directory through /proc/<pid>/root, never following a link, within
the size and file-count caps, and lets the sandbox end. Symlinks, FIFOs,
sockets and devices are never copied (they are listed in
``removed_outputs``); copied files get mode 0644.

Use from Python (``run_in_bwrap``) or as a CLI for the Node server::

    python3 server/sandbox/bwrap.py --code F --input-dir D --output-dir D \
        --timeout S [--memory-mb N] [--no-precheck]

which prints one JSON line: runner.run's result dict plus ``duration_ms``.

Note on RLIMIT_NPROC: Linux counts it per real uid (every task of the
user, threads included) and never applies it to uid 0. A fixed limit would
therefore be shared by every job the server runs at once, and by the server
itself; so each run gets the tasks its user already has plus JOB_TASKS (64)
for every job the server may run at once (``--jobs-at-once``, the server's
concurrency; ``_nproc_limit``). Counting only its own 64 was not enough:
jobs started together each saw the others still idle, and the first to
start then failed to fork once the others had grown (seen with 12 pandas
jobs). Jobs still share that room, so a fork bomb in one job can make a
concurrent one fail to start a process: use a cgroup with pids.max
(compose.yaml's pids_limit) for a hard per-container cap. When the server
runs as root (as in the development container), the limit is set but has no
effect; a fork bomb is then bounded only by the pid namespace dying with the
run and by the wall-clock timeout. Run the server as an unprivileged user (or
under a cgroup with pids.max) for a real cap.
The same goes for inodes on the /output tmpfs: bwrap cannot set nr_inodes,
so a flood of empty files is bounded by the timeout and the file-count cap
applied when copying.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

BWRAP = "/usr/bin/bwrap"
PYTHON = "/usr/bin/python3"
HERE = Path(__file__).resolve().parent
LAUNCHER = HERE / "launch.py"
MARKER = b"\x1eSANDBOX-DONE "

#: Paths inside the sandbox.
SANDBOX_RUNNER_DIR = "/sandbox"
SANDBOX_LAUNCHER = "/launcher/launch.py"
SANDBOX_CODE = "/job/code.py"
SANDBOX_INPUT = "/input"
SANDBOX_OUTPUT = "/output"

DEFAULT_MEMORY_MB = 512
DEFAULT_MAX_FILE_MB = 200
DEFAULT_MAX_OUTPUT_MB = 200
DEFAULT_MAX_OUTPUT_FILES = 10_000
DEFAULT_MAX_STREAM_BYTES = 1_000_000
MAX_OUTPUT_DEPTH = 32
# /tmp is where openpyxl (with lxml) writes each worksheet's XML before zipping it
# into the xlsx: uncompressed, several times the size of the finished file. A fixed
# 64 MiB failed a 300,000-row output (IO_WRITE), so /tmp follows the output cap.
# tmpfs pages are RAM (not counted in RLIMIT_AS): a job may hold memory_mb + tmp + output.
TMP_PER_OUTPUT = 4
SHM_TMPFS_BYTES = 16 * 1024 * 1024

# How much of the sandbox's real stdout/stderr we keep. The runner's JSON
# line carries stdout and stderr capped at max_stream_bytes each; JSON
# escaping can grow them up to 6x, so keep a generous tail.
STDERR_KEEP_BYTES = 64 * 1024

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


def _root_links() -> list[str]:
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
    argv += _root_links()
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


JOB_TASKS = 64


def _tasks_of_user(uid: int) -> int:
    """Tasks (threads) owned by ``uid`` now: what RLIMIT_NPROC counts."""
    count = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/status", "rb") as f:
                fields = dict(line.split(b":", 1) for line in f.read().splitlines() if b":" in line)
            if int(fields[b"Uid"].split()[0]) == uid:
                count += int(fields[b"Threads"].strip())
        except (OSError, KeyError, ValueError, IndexError):
            continue  # the process ended while we looked
    return count


def _nproc_limit(jobs_at_once: int = 1) -> int:
    """This run's RLIMIT_NPROC: what the user has now, plus JOB_TASKS for each job that may run beside it."""
    return _tasks_of_user(os.getuid()) + JOB_TASKS * max(1, jobs_at_once)


def die_with_server(server_pid: int) -> None:
    """Be killed (SIGKILL) when the server that started us dies, even by SIGKILL.

    The server starts this script in a session of its own, so nothing else
    would stop it: it would run the job to its end and write outputs nobody
    reads, or that another replica has already reported lost. bwrap's
    --die-with-parent then takes the sandbox down with this script.
    """
    import ctypes

    PR_SET_PDEATHSIG = 1
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
    except (OSError, AttributeError):
        return
    # The server died before prctl took effect: we were handed to init already.
    if os.getppid() != server_pid:
        os._exit(137)


#: Where a pids cgroup may be made: cgroup v1's pids hierarchy, then a cgroup v2 root.
PIDS_CGROUP_ROOTS = ("/sys/fs/cgroup/pids", "/sys/fs/cgroup/unified", "/sys/fs/cgroup")
PIDS_CGROUP_PREFIX = "excel-ai-job-"


class PidsCgroup:
    """A cgroup of its own for one run, with pids.max = JOB_TASKS.

    RLIMIT_NPROC is never applied to uid 0, so when the server runs as root
    this is what bounds the job's processes and threads: the kernel refuses
    fork/clone (EAGAIN) once the cgroup holds ``limit`` tasks, whoever runs
    them. bwrap is moved in before it starts (in preexec), so everything the
    job starts is inside; afterwards every task left is killed and the
    cgroup removed.
    """

    def __init__(self, path: str, limit: int):
        self.path = path
        self.limit = limit

    @classmethod
    def create(cls, limit: int = JOB_TASKS) -> "PidsCgroup | None":
        name = f"{PIDS_CGROUP_PREFIX}{os.getpid()}-{time.monotonic_ns()}"
        for root in PIDS_CGROUP_ROOTS:
            # /sys/fs/cgroup itself may be a plain tmpfs (cgroup v1): a cgroup has cgroup.procs.
            if not os.path.isfile(os.path.join(root, "cgroup.procs")):
                continue
            path = os.path.join(root, name)
            try:
                os.mkdir(path, 0o755)
            except OSError:
                continue
            try:
                with open(os.path.join(path, "pids.max"), "w") as f:
                    f.write(str(limit))
                return cls(path, limit)
            except OSError:  # no pids controller here
                try:
                    os.rmdir(path)
                except OSError:
                    pass
        return None

    def enter(self) -> None:
        """Move the calling process in (from preexec: raises, so bwrap never starts unbounded)."""
        with open(os.path.join(self.path, "cgroup.procs"), "w") as f:
            f.write(str(os.getpid()))

    def pids(self) -> list[int]:
        try:
            with open(os.path.join(self.path, "cgroup.procs")) as f:
                return [int(line) for line in f.read().split()]
        except (OSError, ValueError):
            return []

    def current(self) -> int:
        try:
            with open(os.path.join(self.path, "pids.current")) as f:
                return int(f.read().strip())
        except (OSError, ValueError):
            return len(self.pids())

    def destroy(self) -> bool:
        """Kill every task left and remove the cgroup; False if something would not die."""
        end = time.monotonic() + 5
        while True:
            left = self.pids()
            for pid in left:
                try:
                    os.kill(pid, signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    pass
            try:
                os.rmdir(self.path)
                return True
            except OSError:
                if time.monotonic() > end:
                    return False
                time.sleep(0.02)


def _make_preexec(memory_mb: int, timeout_s: float, max_file_mb: int, nproc: int = JOB_TASKS,
                  cgroup: PidsCgroup | None = None):
    import ctypes
    import resource

    # Loaded before the fork: the child only calls it.
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        prctl = None
    supervisor = os.getpid()

    def preexec() -> None:
        # bwrap runs in a session of its own, so the server's kill of this script's group
        # does not reach it: it must die with this script, also when the kill lands before
        # bwrap has set its own --die-with-parent (between this fork and bwrap's start).
        if prctl is not None:
            prctl(1, int(signal.SIGKILL), 0, 0, 0)  # PR_SET_PDEATHSIG
            if os.getppid() != supervisor:
                os._exit(137)
        if cgroup is not None:
            cgroup.enter()
        mib = 1024 * 1024
        cpu = int(timeout_s) + 1
        limits = [
            (resource.RLIMIT_AS, memory_mb * mib, memory_mb * mib),
            (resource.RLIMIT_CPU, cpu, cpu + 1),  # SIGXCPU, then SIGKILL a second later
            (resource.RLIMIT_FSIZE, max_file_mb * mib, max_file_mb * mib),
            (resource.RLIMIT_CORE, 0, 0),
            (resource.RLIMIT_NOFILE, 256, 256),
            # Ignored for uid 0 (see the module docstring).
            (resource.RLIMIT_NPROC, nproc, nproc),
        ]
        for which, soft, hard in limits:
            try:
                resource.setrlimit(which, (soft, hard))
            except (ValueError, OSError):
                # Never raise a hard limit above what we were given.
                cur_soft, cur_hard = resource.getrlimit(which)
                if cur_hard != resource.RLIM_INFINITY:
                    resource.setrlimit(which, (min(soft, cur_hard), cur_hard))
        # Restore default signal dispositions the caller may have changed.
        for sig in (signal.SIGPIPE, signal.SIGXFSZ, signal.SIGINT, signal.SIGTERM):
            try:
                signal.signal(sig, signal.SIG_DFL)
            except (OSError, ValueError):
                pass

    return preexec


class _TailReader(threading.Thread):
    """Drains a pipe, keeping only the last ``keep`` bytes (never blocks the child).

    With ``marker`` set, ``marked`` is set (and ``marker_value`` filled) the
    first time a line ``<marker><value>`` arrives."""

    def __init__(self, stream, keep: int, marker: bytes | None = None):
        super().__init__(daemon=True)
        self.stream = stream
        self.keep = keep
        self.buf = bytearray()
        self.total = 0
        self.marker = marker
        self.marked = threading.Event()
        self.marker_value: bytes | None = None

    def run(self) -> None:
        try:
            while True:
                chunk = self.stream.read1(65536) if hasattr(self.stream, "read1") else self.stream.read(65536)
                if not chunk:
                    break
                self.total += len(chunk)
                self.buf += chunk
                if self.marker and not self.marked.is_set():
                    self._look_for_marker(len(chunk))
                if len(self.buf) > 2 * self.keep:
                    del self.buf[: len(self.buf) - self.keep]
        except (OSError, ValueError):
            pass
        finally:
            if len(self.buf) > self.keep:
                del self.buf[: len(self.buf) - self.keep]

    def _look_for_marker(self, new: int) -> None:
        start = max(0, len(self.buf) - new - len(self.marker) - 32)
        at = self.buf.find(self.marker, start)
        if at < 0:
            return
        end = self.buf.find(b"\n", at)
        if end < 0:
            return
        self.marker_value = bytes(self.buf[at + len(self.marker): end])
        self.marked.set()

    @property
    def truncated(self) -> bool:
        return self.total > len(self.buf)


class _CopyLimit(Exception):
    pass


def collect_outputs(src: str, dest: str, max_bytes: int, max_files: int,
                    copied: list[dict] | None = None) -> tuple[list[str], str | None]:
    """Copy the regular files and directories under ``src`` into ``dest``.

    Never follows a symlink (every open is relative to an already-open
    directory, with O_NOFOLLOW), never copies anything but regular files,
    stops at the caps. Returns (skipped entries, why the copy stopped or None);
    ``copied`` (if given) receives {"name", "size"} for every file copied, the
    size being the bytes this process wrote.
    """
    skipped: list[str] = []
    state = {"bytes": 0, "files": 0}
    flags_dir = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC

    def copy_dir(src_fd: int, dest_fd: int, rel: str, depth: int) -> None:
        if depth > MAX_OUTPUT_DEPTH:
            raise _CopyLimit(f"folders nested deeper than {MAX_OUTPUT_DEPTH} levels")
        for entry in os.scandir(src_fd):
            name = entry.name
            path = f"{rel}{name}"
            state["files"] += 1
            if state["files"] > max_files:
                raise _CopyLimit(f"more than {max_files} files and folders")
            st = os.stat(name, dir_fd=src_fd, follow_symlinks=False)
            if stat.S_ISDIR(st.st_mode):
                child = os.open(name, flags_dir, dir_fd=src_fd)
                try:
                    os.mkdir(name, 0o755, dir_fd=dest_fd)
                    child_dest = os.open(name, flags_dir, dir_fd=dest_fd)
                    try:
                        copy_dir(child, child_dest, path + "/", depth + 1)
                    finally:
                        os.close(child_dest)
                finally:
                    os.close(child)
            elif stat.S_ISREG(st.st_mode):
                size = copy_file(src_fd, dest_fd, name)
                if size is not None and copied is not None:
                    copied.append({"name": path, "size": size})
            else:
                skipped.append(path)

    def copy_file(src_fd: int, dest_fd: int, name: str) -> int | None:
        fin = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC, dir_fd=src_fd)
        written = 0
        try:
            if not stat.S_ISREG(os.fstat(fin).st_mode):
                return None
            fout = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC,
                           0o644, dir_fd=dest_fd)
            try:
                while True:
                    chunk = os.read(fin, 1 << 20)
                    if not chunk:
                        break
                    state["bytes"] += len(chunk)
                    if state["bytes"] > max_bytes:
                        raise _CopyLimit(f"more than {max_bytes // (1024 * 1024)} MB")
                    os.write(fout, chunk)
                    written += len(chunk)
            finally:
                os.close(fout)
        finally:
            os.close(fin)
        return written

    src_fd = os.open(src, flags_dir)
    dest_fd = os.open(dest, flags_dir)
    try:
        copy_dir(src_fd, dest_fd, "", 0)
    except _CopyLimit as exc:
        return skipped, str(exc)
    finally:
        os.close(src_fd)
        os.close(dest_fd)
    return skipped, None


def _clear_dir(path: str) -> None:
    """Empty a directory without following links (used after a failed copy)."""
    for entry in os.scandir(path):
        full = os.path.join(path, entry.name)
        if entry.is_dir(follow_symlinks=False):
            _clear_dir(full)
            os.rmdir(full)
        else:
            os.unlink(full)


def _error(kind: str, message: str, **more) -> dict:
    err = {"kind": kind, "message": message}
    err.update(more)
    return err


def _parse_runner_json(raw: bytes):
    """The runner prints exactly one JSON line last: take the last non-empty
    line if it is a JSON object with an "ok" key. (Only the last: a line the
    code printed earlier is never taken for the report.)"""
    text = raw.decode("utf-8", errors="replace")
    for line in reversed(text.splitlines()):
        line = line.strip()
        if not line:
            continue
        try:
            value = json.loads(line)
        except ValueError:
            return None
        if isinstance(value, dict) and "ok" in value:
            return value
        return None
    return None


def _signal_name(num: int) -> str:
    try:
        return signal.Signals(num).name
    except ValueError:
        return f"signal {num}"


def _info_pid(info: bytes) -> int | None:
    try:
        return int(json.loads(info.decode("utf-8", "replace"))["child-pid"])
    except (ValueError, KeyError, IndexError, TypeError):
        return None


def _cap_text(value, max_bytes: int) -> tuple[str, bool]:
    """A string field of the runner's report, cut to ``max_bytes`` UTF-8 bytes (True if cut)."""
    if not isinstance(value, str):
        return "", False
    raw = value.encode("utf-8", "replace")
    if len(raw) <= max_bytes:
        return value, False
    return raw[:max_bytes].decode("utf-8", "ignore"), True


MAX_ERROR_JSON_BYTES = 256 * 1024


def advisory_report(value, max_stream_bytes: int) -> dict | None:
    """The runner's JSON line reduced to what it may say: never more than the supervisor allows.

    The runner runs inside the sandbox with the code, so its line is the
    code's to write. Only ok, stdout, stderr, streams_truncated and error are
    taken; the streams are capped at the job's max_stream_bytes here, outside;
    every other key ("checks", "outputs", "duration_ms", "removed_outputs"...)
    is dropped. Its "ok" can only be believed together with what the
    supervisor saw (see _decide)."""
    if not isinstance(value, dict) or not isinstance(value.get("ok"), bool):
        return None
    stdout, cut_out = _cap_text(value.get("stdout"), max_stream_bytes)
    stderr, cut_err = _cap_text(value.get("stderr"), max_stream_bytes)
    error = value.get("error")
    if error is not None:
        if not isinstance(error, dict) or not isinstance(error.get("message"), str):
            error = _error("internal", "The runner reported a failure without an error.")
        elif len(json.dumps(error, ensure_ascii=False)) > MAX_ERROR_JSON_BYTES:
            error = _error(str(error.get("kind", "internal"))[:20], _cap_text(error["message"], 4000)[0])
    ok = value["ok"] is True and error is None
    if not ok and error is None:
        error = _error("internal", "The runner reported a failure without an error.")
    return {
        "ok": ok,
        "stdout": stdout,
        "stderr": stderr,
        "streams_truncated": value.get("streams_truncated") is True or cut_out or cut_err,
        "error": error,
    }


def _signal_failure(code: int, cpu_s: float, timeout_s: float, real_stderr: str, max_file_mb: int) -> dict | None:
    """The failure a signal (negative status, or 128 + signal) means, or None for a plain exit."""
    sig = -code if code < 0 else (code - 128 if code > 128 else 0)
    if not sig:
        return None
    cpu_limit = int(timeout_s) + 1
    if sig == signal.SIGXCPU or (sig == signal.SIGKILL and cpu_s >= cpu_limit - 0.5):
        return _error("timeout", f"The code used more than {cpu_limit} s of CPU time and was stopped.")
    if sig == signal.SIGKILL:
        return _error("memory", "The Python process was killed (most likely out of memory).")
    lowered = real_stderr.lower()
    if sig in (signal.SIGSEGV, signal.SIGABRT, signal.SIGBUS) and (
        "memoryerror" in lowered or "out of memory" in lowered or "cannot allocate" in lowered
    ):
        return _error("memory", f"The Python process ran out of memory ({_signal_name(sig)}).")
    if sig == signal.SIGXFSZ:
        return _error("python", f"A file grew past the {max_file_mb} MB limit and the run was stopped.")
    return _error("internal", f"The sandboxed runner failed: it was killed by {_signal_name(sig)}.",
                  traceback=real_stderr[-4000:] or None)


def _stream_keep(max_stream_bytes: int) -> int:
    """Bytes of the sandbox's stdout kept: the runner's line (two capped streams, JSON
    escaping at most 6x) and some room; anything longer cannot be a true report."""
    return 12 * max(0, int(max_stream_bytes)) + 1024 * 1024


def run_in_bwrap(
    code_file: str,
    input_dir: str,
    output_dir: str,
    runner_dir: str,
    timeout_s: float,
    precheck: bool = True,
    memory_mb: int = DEFAULT_MEMORY_MB,
    *,
    max_stream_bytes: int = DEFAULT_MAX_STREAM_BYTES,
    max_file_mb: int | None = None,
    max_output_mb: int = DEFAULT_MAX_OUTPUT_MB,
    tmp_mb: int | None = None,
    jobs_at_once: int = 1,
    max_output_files: int = DEFAULT_MAX_OUTPUT_FILES,
    walls_off: bool = False,
    on_cgroup=None,
) -> dict:
    """Run ``code_file`` with runner.py inside bubblewrap and return the result.

    The dict has runner.run's shape (ok, stdout, stderr, streams_truncated,
    error) plus ``duration_ms``, ``outputs`` (the files copied, with sizes)
    and ``removed_outputs`` when something in /output was not a regular file
    or folder and was left behind. Success is decided here, from what this
    process saw (the runner's exit status reported by the non-dumpable
    launcher on a pipe of its own, bwrap's exit, the clock, the copy); the
    runner's line only adds detail (see advisory_report). The files the code
    wrote are copied into ``output_dir`` (which should be empty), except
    after a timeout. Never raises for anything the code does; a fault of the
    sandbox itself is ``error.kind == "internal"``. ``on_cgroup`` (tests) is
    called with the run's PidsCgroup once bwrap has started.
    """
    extra = ["--max-stream-bytes", str(int(max_stream_bytes))]
    if max_file_mb is None:
        # One file may fill /output or /tmp, whichever is larger, and no more.
        max_file_mb = max(DEFAULT_MAX_FILE_MB, max_output_mb, tmp_size_mb(max_output_mb, tmp_mb))
    if not precheck:
        extra.append("--no-precheck")
    if walls_off:  # tests only: runner.py runs the code as if walls 1-3 had fallen
        extra.append("--test-walls-off")
    start = time.monotonic()
    removed: list[str] = []
    copied: list[dict] = []

    def finish(result: dict) -> dict:
        result.setdefault("stdout", "")
        result.setdefault("stderr", "")
        result.setdefault("streams_truncated", False)
        result.setdefault("error", None)
        result["outputs"] = copied if result.get("ok") else []
        if removed:
            result["removed_outputs"] = removed
        result["duration_ms"] = int((time.monotonic() - start) * 1000)
        return result

    cgroup = PidsCgroup.create(JOB_TASKS)
    if cgroup is None and os.getuid() == 0:
        return finish({"ok": False, "error": _error(
            "internal",
            "The server runs as root and could not create a pids cgroup, so the job's processes could not be "
            "bounded; the job was not run. Run the server as an unprivileged user, or give it a writable "
            "pids cgroup (/sys/fs/cgroup).")})

    # bwrap writes {"child-pid": N} (the host pid of the namespace's init)
    # to the info pipe: /proc/N/root is the sandbox's file system. The status
    # pipe goes through bwrap to launch.py only (the runner gets neither).
    info_r, info_w = os.pipe()
    status_r, status_w = os.pipe()
    try:
        argv = build_bwrap_argv(input_dir, output_dir, code_file, runner_dir, extra=extra,
                                max_output_mb=max_output_mb, tmp_mb=tmp_mb, status_fd=status_w)
    except ValueError as exc:
        for fd in (info_r, info_w, status_r, status_w):
            os.close(fd)
        if cgroup is not None:
            cgroup.destroy()
        return finish({"ok": False, "error": _error("internal", f"Sandbox setup failed: {exc}")})
    argv = [argv[0], "--info-fd", str(info_w)] + argv[1:]
    try:
        proc = subprocess.Popen(
            argv,
            stdin=subprocess.PIPE,  # closed by us once /output is copied
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            close_fds=True,
            start_new_session=True,  # its own process group, killed as a whole
            preexec_fn=_make_preexec(memory_mb, timeout_s, max_file_mb, _nproc_limit(jobs_at_once), cgroup),
            pass_fds=(info_w, status_w),
        )
    except (OSError, subprocess.SubprocessError) as exc:
        for fd in (info_r, info_w, status_r, status_w):
            os.close(fd)
        if cgroup is not None:
            cgroup.destroy()
        return finish({"ok": False, "error": _error("internal", f"Could not start bubblewrap: {exc}")})
    os.close(info_w)
    os.close(status_w)
    if on_cgroup is not None and cgroup is not None:
        on_cgroup(cgroup)
    info_reader = _TailReader(os.fdopen(info_r, "rb"), 4096)
    status_reader = _TailReader(os.fdopen(status_r, "rb"), 4096, marker=MARKER)
    out_reader = _TailReader(proc.stdout, _stream_keep(max_stream_bytes))
    err_reader = _TailReader(proc.stderr, STDERR_KEEP_BYTES)
    for reader in (info_reader, status_reader, out_reader, err_reader):
        reader.start()

    # Reap with wait4 to learn the CPU time the run used (bwrap waits for
    # everything inside, so its rusage covers the code).
    waited: dict = {}

    def reap() -> None:
        while True:
            try:
                _, status, usage = os.wait4(proc.pid, 0)
            except InterruptedError:
                continue
            except ChildProcessError:
                status, usage = 0, None
            waited["status"] = status
            waited["usage"] = usage
            return

    reaper = threading.Thread(target=reap, daemon=True)
    reaper.start()

    def kill_group() -> None:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass

    def release() -> None:
        try:
            proc.stdin.close()
        except OSError:
            pass

    deadline = start + timeout_s
    timed_out = False
    copy_problem: str | None = None  # the caps were passed
    copy_failure: str | None = None  # our own fault
    while True:
        if status_reader.marked.wait(0.02):
            break
        if not reaper.is_alive() or time.monotonic() >= deadline:
            break
    if status_reader.marked.is_set():
        # The runner has ended and launch.py killed everything else; copy /output.
        info_reader.join(2)
        pid = _info_pid(bytes(info_reader.buf))
        if pid is None:
            copy_failure = "the sandbox did not report its pid"
        else:
            try:
                skipped, copy_problem = collect_outputs(
                    f"/proc/{pid}/root{SANDBOX_OUTPUT}", output_dir,
                    max_output_mb * 1024 * 1024, max_output_files, copied=copied)
                removed.extend(skipped)
            except OSError as exc:
                copy_failure = f"copying the outputs failed: {exc}"
            if copy_problem or copy_failure:
                copied.clear()
                try:
                    _clear_dir(output_dir)
                except OSError:
                    pass
        release()
        reaper.join(max(0.5, deadline - time.monotonic() + 2))
    elif time.monotonic() >= deadline:
        timed_out = True
    if reaper.is_alive():
        timed_out = timed_out or time.monotonic() >= deadline
        kill_group()
        reaper.join(10)
    kill_group()  # anything left in the group (there should be nothing)
    release()
    left_running = cgroup is not None and not cgroup.destroy()
    for reader in (out_reader, err_reader, info_reader, status_reader):
        reader.join(10)
    for stream in (proc.stdout, proc.stderr):
        try:
            stream.close()
        except OSError:
            pass
    status = waited.get("status", 0)
    usage = waited.get("usage")
    proc.returncode = os.waitstatus_to_exitcode(status) if "status" in waited else -9
    real_stderr = bytes(err_reader.buf).decode("utf-8", errors="replace")
    cpu_s = (usage.ru_utime + usage.ru_stime) if usage is not None else 0.0

    def failed(error: dict, report: dict | None = None) -> dict:
        copied.clear()
        try:
            _clear_dir(output_dir)  # a failed run keeps no outputs
        except OSError:
            pass
        result = {"ok": False, "error": error}
        if report is not None:  # the code's own streams, capped above, are still worth showing
            result.update(stdout=report["stdout"], stderr=report["stderr"],
                          streams_truncated=report["streams_truncated"])
        return finish(result)

    if left_running:
        return failed(_error("internal", "Processes of the job could not be stopped; its result was not kept."))
    if timed_out and not status_reader.marked.is_set():
        return failed(_error("timeout", f"The code ran longer than the {timeout_s:g} s limit and was stopped."))
    if status_reader.marker_value is None:
        # The launcher never reported: it was killed (by the code, or a limit). Nothing
        # the code printed is believed; bwrap's status says how it ended.
        return failed(_signal_failure(proc.returncode, cpu_s, timeout_s, real_stderr, max_file_mb) or _error(
            "internal", f"The sandboxed runner failed: the sandbox ended (status {proc.returncode}) "
                        "without reporting how the code ended. Try again; if it happens again, report it.",
            traceback=real_stderr[-4000:] or None))
    try:
        runner_status = int(status_reader.marker_value)
    except ValueError:
        runner_status = 127
    report = None
    if not out_reader.truncated:
        report = advisory_report(_parse_runner_json(bytes(out_reader.buf)), max_stream_bytes)
    if copy_failure:
        return failed(_error("internal", f"The run finished but {copy_failure}."), report)
    # A signal decides, whatever the report says (printed ok, then killed).
    by_signal = _signal_failure(runner_status, cpu_s, timeout_s, real_stderr, max_file_mb)
    if by_signal is not None:
        return failed(by_signal, report)
    if report is not None and not report["ok"]:
        return failed(report["error"], report)  # the code's failure, in its own words
    if out_reader.truncated:
        return failed(_error(
            "internal",
            f"The sandboxed runner failed: its standard output passed {_stream_keep(max_stream_bytes) // (1024 * 1024)} MB "
            "without a result.", traceback=real_stderr[-4000:] or None))
    if report is None:
        return failed(_error("internal", f"The sandboxed runner failed: it exited with status {runner_status} "
                                         "without a result.", traceback=real_stderr[-4000:] or None))
    if runner_status != 0 or proc.returncode != 0:
        return failed(_error(
            "internal",
            f"The code's process exited with status {runner_status} although its report said it succeeded; "
            "the report was not believed.", traceback=real_stderr[-4000:] or None), report)
    if copy_problem:
        return failed(_error("memory", f"The files written to /output passed the limit ({copy_problem}); none were kept."),
                      report)
    return finish(report)


def default_runner_dir() -> str:
    return str(HERE.parents[1] / "workers" / "python")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run model-written Python in bubblewrap; print one JSON line.")
    parser.add_argument("--code", required=True, help="file with the Python code")
    parser.add_argument("--input-dir", required=True)
    parser.add_argument("--output-dir", required=True, help="an empty folder; the outputs are copied here")
    parser.add_argument("--timeout", type=float, required=True, help="wall-clock seconds")
    parser.add_argument("--memory-mb", type=int, default=DEFAULT_MEMORY_MB)
    parser.add_argument("--max-stream-bytes", type=int, default=DEFAULT_MAX_STREAM_BYTES)
    parser.add_argument("--max-output-mb", type=int, default=DEFAULT_MAX_OUTPUT_MB)
    parser.add_argument("--tmp-mb", type=int, help=f"size of /tmp (default: {TMP_PER_OUTPUT} x --max-output-mb)")
    parser.add_argument("--runner-dir", default=default_runner_dir())
    parser.add_argument("--no-precheck", action="store_true")
    parser.add_argument("--die-with-pid", type=int, help="the server's pid: this script is killed when it dies")
    parser.add_argument("--jobs-at-once", type=int, default=1,
                        help="how many jobs the server may run at once as this user (sizes RLIMIT_NPROC)")
    # Tests only (the server passes it when its own environment has EXCEL_AI_TEST_WALLS_OFF=1).
    parser.add_argument("--test-walls-off", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.die_with_pid is not None:
        die_with_server(args.die_with_pid)
    result = run_in_bwrap(
        args.code,
        args.input_dir,
        args.output_dir,
        args.runner_dir,
        args.timeout,
        precheck=not args.no_precheck,
        memory_mb=args.memory_mb,
        max_stream_bytes=args.max_stream_bytes,
        max_output_mb=args.max_output_mb,
        tmp_mb=args.tmp_mb,
        jobs_at_once=args.jobs_at_once,
        walls_off=args.test_walls_off,
    )
    sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
    sys.stdout.flush()
    return 0 if result.get("ok") else 1


if __name__ == "__main__":
    sys.exit(main())
