"""How a run ended, decided from what the supervisor saw: the launcher's report of the
runner's exit status, bwrap's exit, the clock, the copy. The runner's own JSON line
(written inside the sandbox, so the code's to write) only adds detail."""

from __future__ import annotations

import json
import signal
from dataclasses import dataclass

def error(kind: str, message: str, **more) -> dict:
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
    supervisor saw (see decide)."""
    if not isinstance(value, dict) or not isinstance(value.get("ok"), bool):
        return None
    stdout, cut_out = _cap_text(value.get("stdout"), max_stream_bytes)
    stderr, cut_err = _cap_text(value.get("stderr"), max_stream_bytes)
    error = value.get("error")
    if error is not None:
        if not isinstance(error, dict) or not isinstance(error.get("message"), str):
            error = error("internal", "The runner reported a failure without an error.")
        elif len(json.dumps(error, ensure_ascii=False)) > MAX_ERROR_JSON_BYTES:
            error = error(str(error.get("kind", "internal"))[:20], _cap_text(error["message"], 4000)[0])
    ok = value["ok"] is True and error is None
    if not ok and error is None:
        error = error("internal", "The runner reported a failure without an error.")
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
        return error("timeout", f"The code used more than {cpu_limit} s of CPU time and was stopped.")
    if sig == signal.SIGKILL:
        return error("memory", "The Python process was killed (most likely out of memory).")
    lowered = real_stderr.lower()
    if sig in (signal.SIGSEGV, signal.SIGABRT, signal.SIGBUS) and (
        "memoryerror" in lowered or "out of memory" in lowered or "cannot allocate" in lowered
    ):
        return error("memory", f"The Python process ran out of memory ({_signal_name(sig)}).")
    if sig == signal.SIGXFSZ:
        return error("python", f"A file grew past the {max_file_mb} MB limit and the run was stopped.")
    return error("internal", f"The sandboxed runner failed: it was killed by {_signal_name(sig)}.",
                  traceback=real_stderr[-4000:] or None)


def stream_keep(max_stream_bytes: int) -> int:
    """Bytes of the sandbox's stdout kept: the runner's line (two capped streams, JSON
    escaping at most 6x) and some room; anything longer cannot be a true report."""
    return 12 * max(0, int(max_stream_bytes)) + 1024 * 1024


@dataclass
class Ended:
    """What the supervisor saw of one run, all of it from outside the sandbox."""

    #: What launch.py reported on its own pipe once the runner ended: the runner's exit status.
    runner_status: bytes | None
    timed_out: bool
    #: Processes of the job survived the kill (the cgroup could not be emptied).
    left_running: bool
    #: bwrap's exit status.
    returncode: int
    cpu_s: float
    real_stderr: str
    stdout: bytes
    stdout_truncated: bool
    #: The outputs passed a cap (the code's doing) ...
    copy_problem: str | None
    #: ... or copying them failed (ours).
    copy_failure: str | None


def decide(ended: Ended, *, timeout_s: float, max_file_mb: int, max_stream_bytes: int) -> tuple[dict | None, dict | None]:
    """(error, report): no error means the run succeeded and report is its result. On a
    failure, report (when there is one) holds the code's capped streams, worth showing."""
    if ended.left_running:
        return error("internal", "Processes of the job could not be stopped; its result was not kept."), None
    if ended.timed_out and ended.runner_status is None:
        return error("timeout", f"The code ran longer than the {timeout_s:g} s limit and was stopped."), None
    traceback = ended.real_stderr[-4000:] or None
    if ended.runner_status is None:
        # The launcher never reported: it was killed (by the code, or a limit). Nothing
        # the code printed is believed; bwrap's status says how it ended.
        return _signal_failure(ended.returncode, ended.cpu_s, timeout_s, ended.real_stderr, max_file_mb) or error(
            "internal", f"The sandboxed runner failed: the sandbox ended (status {ended.returncode}) "
                        "without reporting how the code ended. Try again; if it happens again, report it.",
            traceback=traceback), None
    try:
        runner_status = int(ended.runner_status)
    except ValueError:
        runner_status = 127
    report = None
    if not ended.stdout_truncated:
        report = advisory_report(_parse_runner_json(ended.stdout), max_stream_bytes)
    if ended.copy_failure:
        return error("internal", f"The run finished but {ended.copy_failure}."), report
    # A signal decides, whatever the report says (printed ok, then killed).
    by_signal = _signal_failure(runner_status, ended.cpu_s, timeout_s, ended.real_stderr, max_file_mb)
    if by_signal is not None:
        return by_signal, report
    if report is not None and not report["ok"]:
        return report["error"], report  # the code's failure, in its own words
    if ended.stdout_truncated:
        return error(
            "internal",
            f"The sandboxed runner failed: its standard output passed {stream_keep(max_stream_bytes) // (1024 * 1024)} MB "
            "without a result.", traceback=traceback), None
    if report is None:
        return error("internal", f"The sandboxed runner failed: it exited with status {runner_status} "
                                 "without a result.", traceback=traceback), None
    if runner_status != 0 or ended.returncode != 0:
        return error(
            "internal",
            f"The code's process exited with status {runner_status} although its report said it succeeded; "
            "the report was not believed.", traceback=traceback), report
    if ended.copy_problem:
        return error("memory", f"The files written to /output passed the limit ({ended.copy_problem}); none were kept."), report
    return None, report
