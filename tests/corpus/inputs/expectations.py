"""Compare a profile and a job result with a manifest entry; returns a list of problems (empty = as expected).

The same rules are in tests/corpus/bad-inputs-pyodide.test.ts (checkEntry) for Pyodide;
change both together.
"""
import json
import re

_MISSING = object()


def lookup(value, dotted):
    """``sheets.0.rowCount`` -> value["sheets"][0]["rowCount"], or _MISSING."""
    for key in dotted.split("."):
        if isinstance(value, list) and key.isdigit() and int(key) < len(value):
            value = value[int(key)]
        elif isinstance(value, dict) and key in value:
            value = value[key]
        else:
            return _MISSING
    return value


def _matches(pattern, text):
    return isinstance(text, str) and re.search(pattern, text, re.IGNORECASE | re.DOTALL) is not None


def profile_problems(entry, profile):
    want = entry["profile"]
    problems = []
    error = profile.get("error")
    if entry["outcome"] == "clear error":
        if not error:
            problems.append("expected a clear error, got a profile without one")
        for pattern in want.get("error", []):
            if not _matches(pattern, error):
                problems.append("error %r does not match /%s/" % (error, pattern))
        if profile.get("sheets"):
            problems.append("a failed profile must list no sheets")
    elif error:
        problems.append("expected a profile, got the error %r" % error)
    for path, expected in want.get("fields", {}).items():
        got = lookup(profile, path)
        if got is _MISSING or got != expected:
            problems.append("%s is %s, expected %s" % (
                path, "missing" if got is _MISSING else json.dumps(got, ensure_ascii=False)[:200],
                json.dumps(expected, ensure_ascii=False)))
    for pattern in want.get("warnings", []):
        if not any(_matches(pattern, w) for w in profile.get("warnings", [])):
            problems.append("no warning matches /%s/ in %r" % (pattern, profile.get("warnings")))
    return problems


def job_problems(entry, result):
    want = entry["job"]
    problems = []
    if bool(result.get("ok")) != want["ok"]:
        problems.append("job ok=%s, expected ok=%s: %s" % (
            result.get("ok"), want["ok"], json.dumps(result.get("error") or result.get("stdout"))[:600]))
        return problems
    if want["ok"]:
        for pattern in want.get("stdout", []):
            if not _matches(pattern, result.get("stdout", "")):
                problems.append("stdout %r does not match /%s/" % (result.get("stdout", "")[:300], pattern))
    else:
        error = result.get("error") or {}
        if error.get("kind") != want["kind"]:
            problems.append("error kind %r, expected %r (%s)" % (error.get("kind"), want["kind"], error.get("message")))
        for pattern in want.get("message", []):
            if not _matches(pattern, error.get("message")):
                problems.append("error message %r does not match /%s/" % (error.get("message"), pattern))
    return problems
