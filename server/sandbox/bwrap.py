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

The rooms: bwrap_argv.py (the sandbox's shape: bubblewrap's command line),
job_limits.py (rlimits, the task limit, the pids cgroup, dying with the server),
supervision.py (start, drain, reap, stop at the deadline), output_copy.py (the
copy of /output), verdict.py (how the run ended, from what the supervisor saw).
This module puts them together.

Use from Python (``run_in_bwrap``) or as a CLI for the Node server::

    python3 server/sandbox/bwrap.py --code F --input-dir D --output-dir D \
        --timeout S [--memory-mb N] [--no-precheck]

which prints one JSON line: runner.run's result dict plus ``duration_ms``.

Note on RLIMIT_NPROC: Linux counts it per real uid (every task of the
user, threads included) and never applies it to uid 0. A fixed limit would
therefore be shared by every job the server runs at once, and by the server
itself; so each run gets the tasks its user already has plus JOB_TASKS (64)
for every job the server may run at once (``--jobs-at-once``, the server's
concurrency; ``job_limits.nproc_limit``). Counting only its own 64 was not enough:
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
import sys
import time
from pathlib import Path

# The sandbox's shape, re-exported for the server's probe and the tests.
from bwrap_argv import BWRAP, ENV, ETC_FILES, PYTHON, SANDBOX_OUTPUT, TMP_PER_OUTPUT, DEFAULT_MAX_OUTPUT_MB, build_bwrap_argv, tmp_size_mb
from job_limits import JOB_TASKS, PidsCgroup, die_with_server, make_preexec, nproc_limit
from output_copy import clear_dir, collect_outputs
from supervision import Running, SetupError, supervise
from verdict import decide, error

__all__ = ["BWRAP", "ENV", "ETC_FILES", "PYTHON", "JOB_TASKS", "run_in_bwrap", "main"]

HERE = Path(__file__).resolve().parent

DEFAULT_MEMORY_MB = 512
DEFAULT_MAX_FILE_MB = 200
DEFAULT_MAX_OUTPUT_FILES = 10_000
DEFAULT_MAX_STREAM_BYTES = 1_000_000
MIB = 1024 * 1024


def _clear_quietly(path: str) -> None:
    try:
        clear_dir(path)
    except OSError:
        pass


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
    runner's line only adds detail (see verdict.advisory_report). The files the code
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
        return finish({"ok": False, "error": error(
            "internal",
            "The server runs as root and could not create a pids cgroup, so the job's processes could not be "
            "bounded; the job was not run. Run the server as an unprivileged user, or give it a writable "
            "pids cgroup (/sys/fs/cgroup).")})
    try:
        run = Running(
            lambda status_fd: build_bwrap_argv(input_dir, output_dir, code_file, runner_dir, extra=extra,
                                               max_output_mb=max_output_mb, tmp_mb=tmp_mb, status_fd=status_fd),
            make_preexec(memory_mb, timeout_s, max_file_mb, nproc_limit(jobs_at_once), cgroup),
            cgroup,
            max_stream_bytes,
        )
    except SetupError as exc:
        if cgroup is not None:
            cgroup.destroy()
        return finish({"ok": False, "error": error("internal", str(exc))})
    if on_cgroup is not None and cgroup is not None:
        on_cgroup(cgroup)

    def copy_out(pid: int | None) -> tuple[str | None, str | None]:
        """Copies /output through /proc/<pid>/root; (the caps' problem, our failure)."""
        if pid is None:
            return None, "the sandbox did not report its pid"
        problem = failure = None
        try:
            skipped, problem = collect_outputs(f"/proc/{pid}/root{SANDBOX_OUTPUT}", output_dir,
                                               max_output_mb * MIB, max_output_files, copied=copied)
            removed.extend(skipped)
        except OSError as exc:
            failure = f"copying the outputs failed: {exc}"
        if problem or failure:
            copied.clear()
            _clear_quietly(output_dir)
        return problem, failure

    ended = supervise(run, start + timeout_s, copy_out)
    failure, report = decide(ended, timeout_s=timeout_s, max_file_mb=max_file_mb, max_stream_bytes=max_stream_bytes)
    if failure is None:
        return finish(report)
    copied.clear()
    _clear_quietly(output_dir)  # a failed run keeps no outputs
    result = {"ok": False, "error": failure}
    if report is not None:  # the code's own streams, capped above, are still worth showing
        result.update(stdout=report["stdout"], stderr=report["stderr"], streams_truncated=report["streams_truncated"])
    return finish(result)


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
