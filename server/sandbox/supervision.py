"""Supervising one bubblewrap run from outside: starting it with its pipes, draining
them, reaping it (with its CPU time), stopping it at the deadline, and copying /output
once the launcher reports that the runner has ended."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import threading
import time
from typing import Callable

from job_limits import PidsCgroup
from verdict import Ended, stream_keep

#: launch.py writes this, then the runner's exit status, on the status pipe.
MARKER = b"\x1eSANDBOX-DONE "

# How much of the sandbox's real stderr we keep (stdout: see verdict.stream_keep).
STDERR_KEEP_BYTES = 64 * 1024


class TailReader(threading.Thread):
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


def _info_pid(info: bytes) -> int | None:
    try:
        return int(json.loads(info.decode("utf-8", "replace"))["child-pid"])
    except (ValueError, KeyError, IndexError, TypeError):
        return None




class SetupError(Exception):
    """bubblewrap could not be started; the message says why."""


class Running:
    """A started bwrap: its process, the readers of its pipes, and the thread that reaps it."""

    def __init__(self, argv_for: Callable[[int], list[str]], preexec, cgroup: PidsCgroup | None,
                 max_stream_bytes: int):
        # bwrap writes {"child-pid": N} (the host pid of the namespace's init)
        # to the info pipe: /proc/N/root is the sandbox's file system. The status
        # pipe goes through bwrap to launch.py only (the runner gets neither).
        info_r, info_w = os.pipe()
        status_r, status_w = os.pipe()
        try:
            argv = argv_for(status_w)
            argv = [argv[0], "--info-fd", str(info_w)] + argv[1:]
            self.proc = subprocess.Popen(
                argv,
                stdin=subprocess.PIPE,  # closed by us once /output is copied
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                close_fds=True,
                start_new_session=True,  # its own process group, killed as a whole
                preexec_fn=preexec,
                pass_fds=(info_w, status_w),
            )
        except ValueError as exc:
            for fd in (info_r, info_w, status_r, status_w):
                os.close(fd)
            raise SetupError(f"Sandbox setup failed: {exc}") from None
        except (OSError, subprocess.SubprocessError) as exc:
            for fd in (info_r, info_w, status_r, status_w):
                os.close(fd)
            raise SetupError(f"Could not start bubblewrap: {exc}") from None
        os.close(info_w)
        os.close(status_w)
        self.cgroup = cgroup
        self.info = TailReader(os.fdopen(info_r, "rb"), 4096)
        self.status = TailReader(os.fdopen(status_r, "rb"), 4096, marker=MARKER)
        self.out = TailReader(self.proc.stdout, stream_keep(max_stream_bytes))
        self.err = TailReader(self.proc.stderr, STDERR_KEEP_BYTES)
        for reader in (self.info, self.status, self.out, self.err):
            reader.start()
        # Reap with wait4 to learn the CPU time the run used (bwrap waits for
        # everything inside, so its rusage covers the code).
        self.waited: dict = {}
        self.reaper = threading.Thread(target=self._reap, daemon=True)
        self.reaper.start()

    def _reap(self) -> None:
        while True:
            try:
                _, status, usage = os.wait4(self.proc.pid, 0)
            except InterruptedError:
                continue
            except ChildProcessError:
                status, usage = 0, None
            self.waited["status"] = status
            self.waited["usage"] = usage
            return

    def kill_group(self) -> None:
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass

    def release(self) -> None:
        """Lets the sandbox end: launch.py waits for its stdin to close."""
        try:
            self.proc.stdin.close()
        except OSError:
            pass


def supervise(run: Running, deadline: float,
              copy_out: Callable[[int | None], tuple[str | None, str | None]]) -> Ended:
    """Waits for the launcher's report or the deadline, copies /output (copy_out, given the
    sandbox's pid, answers (the caps' problem, our failure)), then stops everything."""
    while True:
        if run.status.marked.wait(0.02):
            break
        if not run.reaper.is_alive() or time.monotonic() >= deadline:
            break
    timed_out = False
    copy_problem = copy_failure = None
    if run.status.marked.is_set():
        # The runner has ended and launch.py killed everything else; copy /output.
        run.info.join(2)
        copy_problem, copy_failure = copy_out(_info_pid(bytes(run.info.buf)))
        run.release()
        run.reaper.join(max(0.5, deadline - time.monotonic() + 2))
    elif time.monotonic() >= deadline:
        timed_out = True
    if run.reaper.is_alive():
        timed_out = timed_out or time.monotonic() >= deadline
        run.kill_group()
        run.reaper.join(10)
    run.kill_group()  # anything left in the group (there should be nothing)
    run.release()
    left_running = run.cgroup is not None and not run.cgroup.destroy()
    for reader in (run.out, run.err, run.info, run.status):
        reader.join(10)
    for stream in (run.proc.stdout, run.proc.stderr):
        try:
            stream.close()
        except OSError:
            pass
    status = run.waited.get("status", 0)
    usage = run.waited.get("usage")
    run.proc.returncode = os.waitstatus_to_exitcode(status) if "status" in run.waited else -9
    return Ended(
        runner_status=run.status.marker_value,
        timed_out=timed_out,
        left_running=left_running,
        returncode=run.proc.returncode,
        cpu_s=(usage.ru_utime + usage.ru_stime) if usage is not None else 0.0,
        real_stderr=bytes(run.err.buf).decode("utf-8", errors="replace"),
        stdout=bytes(run.out.buf),
        stdout_truncated=run.out.truncated,
        copy_problem=copy_problem,
        copy_failure=copy_failure,
    )
