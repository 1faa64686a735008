"""Inside the bubblewrap sandbox: run the runner, then hand /output to the host.

bwrap.py starts this as the sandbox's main process (pid 2; bwrap's init is
pid 1). It

0. makes itself non-dumpable (PR_SET_DUMPABLE 0): the code, which runs as
   the same uid but holds no capability, can then neither ptrace it nor open
   its /proc/<pid>/fd, mem or environ, so it cannot reach the status pipe;
1. runs the runner command given after ``--status-fd N``, with stdin closed,
   stdout/stderr shared with this process (the runner prints its JSON line)
   and every other descriptor closed (the status pipe stays here);
2. when the runner ends, kills every other process of the pid namespace
   (kill(-1) reaches all of them but init and this one), so nothing the code
   started can still write to /output;
3. writes a marker line with the runner's exit status to the status pipe
   (fd N, inherited from the host through bwrap), never to stdout, where the
   code could forge it;
4. waits until the host closes this process's stdin. Meanwhile the host
   copies the regular files of /output (a size-limited tmpfs, so the caps
   are exact) out through /proc/<pid>/root, without following links.

Runs with the same Python and rlimits as the runner; stdlib only.
"""

import os
import signal
import subprocess
import sys
import time

MARKER = b"\x1eSANDBOX-DONE "


def _others_alive(me):
    """True while a process other than init and us is still running (not a zombie)."""
    for name in os.listdir("/proc"):
        if not name.isdigit() or int(name) in (1, me):
            continue
        try:
            with open("/proc/%s/stat" % name, "rb") as fh:
                state = fh.read().rsplit(b")", 1)[1].split()[0]
        except (OSError, IndexError):
            continue
        if state not in (b"Z", b"X"):
            return True
    return False


def _not_dumpable():
    """PR_SET_DUMPABLE 0: same-uid processes without CAP_SYS_PTRACE cannot reach us."""
    import ctypes

    PR_SET_DUMPABLE = 4
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def main(argv):
    status_fd = 1
    if argv[:1] == ["--status-fd"]:
        status_fd, argv = int(argv[1]), argv[2:]
    if not _not_dumpable():
        os.write(2, b"launch.py: could not make the launcher non-dumpable\n")
        os._exit(126)  # the host then reports a fault of the sandbox, never a success
    try:
        child = subprocess.Popen(argv, stdin=subprocess.DEVNULL, close_fds=True)
        status = child.wait()
    except OSError:
        status = 127
    me = os.getpid()
    end = time.monotonic() + 3
    while True:
        try:
            os.kill(-1, signal.SIGKILL)
        except OSError:
            pass
        if not _others_alive(me) or time.monotonic() > end:
            break
        time.sleep(0.01)
    sys.stdout.flush()
    os.write(status_fd, b"\n" + MARKER + str(status).encode() + b"\n")
    try:
        os.read(0, 1)  # the host closes our stdin once /output is copied
    except OSError:
        pass
    os._exit(0)


if __name__ == "__main__":
    main(sys.argv[1:])
