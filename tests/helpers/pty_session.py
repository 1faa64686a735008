"""Runs a command in a real pseudo-terminal and answers its prompts, as a user at a terminal would.

    pty_session.py SCRIPT.json -- COMMAND...
SCRIPT.json: [{"expect": "<regex>", "send": "<line>"}, ...], answered in order: each
answer is typed once its prompt appears in the output. The whole output (stdout and
stderr, as the terminal shows them) is printed at the end; the exit status is the
command's. A prompt that never comes fails after 120 s with the output so far.
"""
import json
import os
import pty
import re
import select
import sys
import time


def main(argv):
    split = argv.index("--")
    with open(argv[0], encoding="utf-8") as fh:
        answers = json.load(fh)
    command = argv[split + 1:]
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(command[0], command)
    seen = b""
    searched = 0
    deadline = time.monotonic() + 120
    status = None
    while True:
        if answers and re.search(answers[0]["expect"].encode(), seen[searched:]):
            searched = len(seen)
            os.write(fd, answers.pop(0)["send"].encode() + b"\r")
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                chunk = b""
            if not chunk:
                break
            seen += chunk
        elif time.monotonic() > deadline:
            sys.stdout.write(seen.decode("utf-8", "replace"))
            sys.stdout.write("\n[pty_session: timed out waiting for %r]\n" % (answers[0]["expect"] if answers else "the end"))
            os.kill(pid, 9)
            return 124
    _, status = os.waitpid(pid, 0)
    sys.stdout.write(seen.decode("utf-8", "replace"))
    if answers:
        sys.stdout.write("\n[pty_session: never asked %r]\n" % answers[0]["expect"])
        return 125
    return os.waitstatus_to_exitcode(status)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
