"""Split a source file into blocks: its top-level definitions, with the comments and
decorators above them, and runs of small top-level statements (imports, constants)
merged into one block. A block larger than MAX_BLOCK_LINES (a Java class, a Go file's
one big type) is split again at the indentation of its members.

Indentation and brackets are enough for this in every common language, so no parser is
needed; the split only has to be close to what a person would call "a function".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_BLOCK_LINES = 120
MIN_BLOCK_LINES = 3

_NAME = re.compile(
    r"^\s*(?:export\s+)?(?:default\s+)?(?:pub(?:\([^)]*\))?\s+)?(?:async\s+)?(?:unsafe\s+)?"
    r"(?:def|class|function\*?|func|fn|struct|enum|trait|impl|interface|type|mod|object|record)\s+"
    r"(?:\([^)]*\)\s*)?([A-Za-z_$][\w$]*)"
)
_ASSIGN_NAME = re.compile(r"^\s*(?:export\s+)?(?:const|let|var|val)\s+([A-Za-z_$][\w$]*)")
_JAVA_NAME = re.compile(
    r"^\s*(?:@\w+\s+)*(?:(?:public|private|protected|static|final|abstract|override|"
    r"synchronized|internal|open)\s+)+[\w<>\[\], ?]*?\b([A-Za-z_]\w*)\s*\("
)
_CLOSER = re.compile(r"^([\])}]|(else|elif|except|finally|catch)\b)")
_TRIPLE = re.compile(r'"""|\'\'\'|`')
_ATTACH = re.compile(r"^\s*(@|#\[|///|//|#(?!!)|/\*|\*)")


@dataclass(frozen=True)
class Block:
    start: int  # first line, 0-based
    end: int  # one past the last line
    name: str  # the definition's name, "" for a run of statements

    @property
    def lines(self) -> int:
        return self.end - self.start


def _indent(line: str) -> int:
    width = 0
    for ch in line:
        if ch == " ":
            width += 1
        elif ch == "\t":
            width += 4
        else:
            break
    return width


def _name(lines: list[str], start: int, end: int) -> str:
    for line in lines[start:end]:
        if not line.strip() or _ATTACH.match(line):
            continue
        for pattern in (_NAME, _JAVA_NAME, _ASSIGN_NAME):
            m = pattern.match(line)
            if m:
                return m.group(1)
        return ""
    return ""


def _in_string(lines: list[str]) -> list[bool]:
    """Whether each line starts inside a multi-line string (triple quotes, backticks)."""
    inside: list[bool] = []
    quote: str | None = None
    for line in lines:
        inside.append(quote is not None)
        for m in _TRIPLE.finditer(line):
            q = m.group(0)
            if quote is None:
                quote = q
            elif q == quote:
                quote = None
    return inside


def _split_level(lines: list[str], start: int, end: int, level: int, in_string: list[bool]) -> list[tuple[int, int]]:
    """Split lines[start:end] where a line at indentation `level` begins a new statement."""
    starts: list[int] = []
    pending: int | None = None  # first comment/decorator line waiting for its definition
    depth = 0
    for i in range(start, end):
        line = lines[i]
        stripped = line.strip()
        if in_string[i]:
            continue
        if not stripped:
            if pending is not None and not lines[i - 1].strip():
                pending = None  # a blank-separated comment belongs to nobody
            continue
        at_level = _indent(line) == level and depth <= 0
        if at_level and _ATTACH.match(line) and not _CLOSER.match(stripped):
            if pending is None:
                pending = i
        elif at_level and not _CLOSER.match(stripped):
            starts.append(pending if pending is not None else i)
            pending = None
        elif not at_level:
            pending = None
        depth += _bracket_delta(stripped)
    if not starts or starts[0] != start:
        starts.insert(0, start)
    bounds = list(zip(starts, [*starts[1:], end], strict=False))
    return [(a, b) for a, b in bounds if b > a]


def _bracket_delta(stripped: str) -> int:
    # Only brackets that open a multi-line argument list or literal matter here; strings
    # are rare enough at line ends that they are not parsed out.
    return stripped.count("(") + stripped.count("[") - stripped.count(")") - stripped.count("]")


def _trim(lines: list[str], a: int, b: int) -> tuple[int, int]:
    while a < b and not lines[a].strip():
        a += 1
    while b > a and not lines[b - 1].strip():
        b -= 1
    return a, b


def _inner_level(lines: list[str], a: int, b: int, outer: int) -> int | None:
    levels = [_indent(ln) for ln in lines[a + 1 : b] if ln.strip() and _indent(ln) > outer]
    return min(levels) if levels else None


def segment(text: str) -> list[Block]:
    """The blocks of `text`, in order, covering every non-blank line exactly once."""
    lines = text.splitlines()
    if not any(ln.strip() for ln in lines):
        return []
    base = min(_indent(ln) for ln in lines if ln.strip())
    in_string = _in_string(lines)
    raw = _split_level(lines, 0, len(lines), base, in_string)
    out: list[tuple[int, int]] = []
    work = [(a, b, base) for a, b in raw]
    while work:
        a, b, level = work.pop(0)
        a, b = _trim(lines, a, b)
        if b <= a:
            continue
        if b - a > MAX_BLOCK_LINES:
            inner = _inner_level(lines, a, b, level)
            if inner is not None:
                pieces = _split_level(lines, a, b, inner, in_string)
                # The header (class line up to the first member) goes with the first member.
                if len(pieces) > 2 and pieces[0][1] - pieces[0][0] < MIN_BLOCK_LINES:
                    pieces[0:2] = [(pieces[0][0], pieces[1][1])]
                if len(pieces) > 1:
                    work[0:0] = [(x, y, inner) for x, y in pieces]
                    continue
        out.append((a, b))
    return _merge_small(lines, out)


def _merge_small(lines: list[str], spans: list[tuple[int, int]]) -> list[Block]:
    """Runs of short statements (imports, constants, closing braces) become one block."""
    blocks: list[Block] = []
    run: tuple[int, int] | None = None
    for a, b in spans:
        name = _name(lines, a, b)
        small = b - a < MIN_BLOCK_LINES
        if small:
            run = (run[0], b) if run else (a, b)
            continue
        if run:
            blocks.append(Block(run[0], run[1], ""))
            run = None
        blocks.append(Block(a, b, name))
    if run:
        blocks.append(Block(run[0], run[1], ""))
    return blocks
