"""Inside the bubblewrap sandbox: run the runner, then hand /output to the host.

bwrap.py starts this as the sandbox's main process (pid 2; bwrap's init is
pid 1). It

1. runs the runner command given on its command line, with stdin closed and
   stdout/stderr shared with this process (the runner prints its JSON line);
2. when the runner ends, kills every other process of the pid namespace
   (kill(-1) reaches all of them but init and this one), so nothing the code
   started can still write to /output;
3. prints a marker line with the runner's exit status;
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


def main(argv):
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
    os.write(1, b"\n" + MARKER + str(status).encode() + b"\n")
    try:
        os.read(0, 1)  # the host closes our stdin once /output is copied
    except OSError:
        pass
    os._exit(0)


if __name__ == "__main__":
    main(sys.argv[1:])
