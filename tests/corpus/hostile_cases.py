"""Reading the hostile-code corpus: headers, placeholders, expected outcomes.

Shared by every runtime's harness (the CPython/bubblewrap one is
test_hostile_cpython.py); see hostile/README.md for the format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

CORPUS_DIR = Path(__file__).resolve().parent / "hostile"
NAME_RE = re.compile(r"^\d{3}-[a-z0-9][a-z0-9-]*\.py$")
HEADER_RE = re.compile(rb"^#\s*([a-z-]+):\s*(.*?)\s*$")
KINDS = {"ok", "precheck", "python", "timeout", "memory", "cancelled", "blocked", "input", "internal"}


@dataclass(frozen=True)
class Outcome:
    """One acceptable outcome: kind "precheck" with a rule, or a run-time kind ("ok" for success)."""

    kind: str
    rule: str | None = None

    def matches(self, result: dict) -> bool:
        actual = outcome_kind(result)
        if actual != self.kind:
            return False
        if self.kind == "precheck" and self.rule is not None:
            return self.rule in violation_rules(result)
        return True

    def __str__(self) -> str:
        if self.kind == "precheck":
            return f"precheck:{self.rule}"
        return f"contained:{self.kind}"


@dataclass
class Case:
    path: Path
    attack: str
    expect: list[Outcome]
    unguarded: list[Outcome] | None  # None means "any"
    timeout_s: float = 10.0
    runs: int = 1
    checks: set[str] = field(default_factory=set)
    # mode ("with-precheck" / "without-precheck") -> why today's sandbox misses the expectation
    known_gaps: dict[str, str] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.path.stem

    def source(self, canary_port: int) -> bytes:
        """The case's bytes with the placeholders filled in (bytes, so odd encodings survive)."""
        raw = self.path.read_bytes()
        raw = raw.replace(b"CANARY_URL", f"http://127.0.0.1:{canary_port}/leak".encode())
        raw = raw.replace(b"CANARY_HOST", b"127.0.0.1")
        raw = raw.replace(b"CANARY_PORT", str(canary_port).encode())
        return raw


def outcome_kind(result: dict) -> str:
    if result.get("ok"):
        return "ok"
    error = result.get("error") or {}
    return str(error.get("kind", "?"))


def violation_rules(result: dict) -> set[str]:
    error = result.get("error") or {}
    return {str(v.get("rule")) for v in (error.get("violations") or []) if isinstance(v, dict)}


def _parse_expect(text: str) -> list[Outcome]:
    outcomes = []
    for part in text.split("|"):
        part = part.strip()
        prefix, _, value = part.partition(":")
        if prefix == "precheck" and value:
            outcomes.append(Outcome("precheck", value))
        elif prefix == "contained" and value in KINDS - {"precheck"}:
            outcomes.append(Outcome(value))
        else:
            raise ValueError(f"bad expect value {part!r}")
    return outcomes


def _parse_unguarded(text: str) -> list[Outcome] | None:
    if text.strip() == "any":
        return None
    outcomes = []
    for part in text.split("|"):
        part = part.strip()
        if part.startswith("contained:"):
            part = part[len("contained:"):]
        if part not in KINDS - {"precheck"}:
            raise ValueError(f"bad unguarded value {part!r}")
        outcomes.append(Outcome(part))
    return outcomes


def load_case(path: Path) -> Case:
    if not NAME_RE.match(path.name):
        raise ValueError(f"{path.name}: name must look like NNN-short-name.py")
    header: dict[str, str] = {}
    for line in path.read_bytes().splitlines():
        m = HEADER_RE.match(line)
        if not m:
            break
        header[m.group(1).decode()] = m.group(2).decode("utf-8", "replace")
    for key in ("attack", "expect", "unguarded"):
        if key not in header:
            raise ValueError(f"{path.name}: missing '# {key}:' header")
    checks = {c.strip() for c in header.get("check", "").split(",") if c.strip()}
    known_gaps: dict[str, str] = {}
    if "known-gap" in header:
        mode, _, why = header["known-gap"].partition(":")
        mode = mode.strip()
        if mode not in ("with-precheck", "without-precheck", "both") or not why.strip():
            raise ValueError(f"{path.name}: '# known-gap: with-precheck|without-precheck|both: why'")
        for m in (("with-precheck", "without-precheck") if mode == "both" else (mode,)):
            known_gaps[m] = why.strip()
    return Case(
        path=path,
        attack=header["attack"],
        expect=_parse_expect(header["expect"]),
        unguarded=_parse_unguarded(header["unguarded"]),
        timeout_s=float(header.get("timeout", 10)),
        runs=int(header.get("runs", 1)),
        checks=checks,
        known_gaps=known_gaps,
    )


def load_corpus() -> list[Case]:
    return [load_case(p) for p in sorted(CORPUS_DIR.glob("*.py"))]
