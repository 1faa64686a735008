"""What bounds one run's process from outside: rlimits set between fork and exec, the
task limit sized on what the user already runs, a pids cgroup where RLIMIT_NPROC does
not apply (uid 0), and dying with the server. See bwrap.py's docstring on RLIMIT_NPROC."""

from __future__ import annotations

import os
import signal
import time

JOB_TASKS = 64


def tasks_of_user(uid: int) -> int:
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


def nproc_limit(jobs_at_once: int = 1) -> int:
    """This run's RLIMIT_NPROC: what the user has now, plus JOB_TASKS for each job that may run beside it."""
    return tasks_of_user(os.getuid()) + JOB_TASKS * max(1, jobs_at_once)


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


def make_preexec(memory_mb: int, timeout_s: float, max_file_mb: int, nproc: int = JOB_TASKS,
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
