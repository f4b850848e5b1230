"""Parse and evaluate version constraints like ``>=1.2,<2``, ``^1.4`` or ``~2.0.3``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import total_ordering

_VERSION_RE = re.compile(
    r"^v?(?P<major>0|[1-9]\d*)(?:\.(?P<minor>0|[1-9]\d*))?(?:\.(?P<patch>0|[1-9]\d*))?"
    r"(?:-(?P<pre>[0-9A-Za-z.-]+))?$"
)
_CLAUSE_RE = re.compile(r"^(?P<op>\^|~|>=|<=|>|<|==|=|!=)?\s*(?P<ver>\S+)$")


class ConstraintError(ValueError):
    pass


@total_ordering
@dataclass(frozen=True)
class Version:
    major: int
    minor: int = 0
    patch: int = 0
    pre: tuple[str | int, ...] = ()

    @classmethod
    def parse(cls, text: str) -> "Version":
        m = _VERSION_RE.match(text.strip())
        if not m:
            raise ConstraintError(f"invalid version: {text!r}")
        pre: tuple[str | int, ...] = ()
        if m["pre"]:
            pre = tuple(int(p) if p.isdigit() else p for p in m["pre"].split("."))
        return cls(int(m["major"]), int(m["minor"] or 0), int(m["patch"] or 0), pre)

    def _key(self):
        # A release sorts after all of its pre-releases; numeric identifiers
        # sort before alphanumeric ones.
        pre = tuple((0, p, "") if isinstance(p, int) else (1, 0, p) for p in self.pre)
        return (self.major, self.minor, self.patch, not self.pre, pre)

    def __lt__(self, other: "Version") -> bool:
        return self._key() < other._key()

    def __str__(self) -> str:
        s = f"{self.major}.{self.minor}.{self.patch}"
        if self.pre:
            s += "-" + ".".join(str(p) for p in self.pre)
        return s


@dataclass(frozen=True)
class Clause:
    op: str
    version: Version

    def matches(self, v: Version) -> bool:
        ops = {
            ">=": v >= self.version,
            "<=": v <= self.version,
            ">": v > self.version,
            "<": v < self.version,
            "==": v == self.version,
            "!=": v != self.version,
        }
        return ops[self.op]


def _triple(v: Version) -> tuple[int, int, int]:
    return (v.major, v.minor, v.patch)


def _count_parts(text: str) -> int:
    return len(text.lstrip("v").split("-")[0].split("."))


def _expand(op: str, text: str) -> list[Clause]:
    v = Version.parse(text)
    parts = _count_parts(text)
    if op == "^":
        if v.major > 0 or parts == 1:
            upper = Version(v.major + 1)
        elif v.minor > 0 or parts == 2:
            upper = Version(0, v.minor + 1)
        else:
            upper = Version(0, 0, v.patch + 1)
        return [Clause(">=", v), Clause("<", upper)]
    if op == "~":
        upper = Version(v.major + 1) if parts == 1 else Version(v.major, v.minor + 1)
        return [Clause(">=", v), Clause("<", upper)]
    if op == "=":
        op = "=="
    return [Clause(op, v)]


@dataclass(frozen=True)
class Constraint:
    alternatives: tuple[tuple[Clause, ...], ...]

    @classmethod
    def parse(cls, text: str) -> "Constraint":
        if not text or not text.strip():
            raise ConstraintError("empty constraint")
        alts = []
        for alt in text.split("||"):
            clauses: list[Clause] = []
            for raw in alt.replace(",", " ").split():
                m = _CLAUSE_RE.match(raw)
                if not m:
                    raise ConstraintError(f"invalid clause: {raw!r}")
                ver = m["ver"]
                if ver == "*":
                    continue
                clauses.extend(_expand(m["op"] or "==", ver))
            alts.append(tuple(clauses))
        return cls(tuple(alts))

    def allows(self, version: str | Version, include_pre: bool = False) -> bool:
        v = Version.parse(version) if isinstance(version, str) else version
        for clauses in self.alternatives:
            if not all(c.matches(v) for c in clauses):
                continue
            if v.pre and not include_pre:
                # Pre-releases only match if a clause names the same release triple.
                if not any(
                    c.version.pre and _triple(c.version) == _triple(v) for c in clauses
                ):
                    continue
            return True
        return False

    def best(self, candidates, include_pre: bool = False) -> Version | None:
        ok = [Version.parse(c) if isinstance(c, str) else c for c in candidates]
        ok = [v for v in ok if self.allows(v, include_pre)]
        return max(ok, default=None)


def _triple(v: Version) -> tuple[int, int, int]:
    return (v.major, v.minor, v.patch)
