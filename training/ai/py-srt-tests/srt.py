"""Read, shift and write SubRip (.srt) subtitle files."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import timedelta
from typing import Iterable, Iterator

_TIMESTAMP = re.compile(r"^(\d{1,2}):(\d{2}):(\d{2})[,.](\d{3})$")
_ARROW = re.compile(r"\s+-->\s+")


class SrtError(ValueError):
    def __init__(self, message: str, line: int) -> None:
        super().__init__(f"line {line}: {message}")
        self.line = line


@dataclass(frozen=True)
class Cue:
    index: int
    start: timedelta
    end: timedelta
    text: str

    @property
    def duration(self) -> timedelta:
        return self.end - self.start


def parse_timestamp(value: str, line: int = 0) -> timedelta:
    m = _TIMESTAMP.match(value.strip())
    if m is None:
        raise SrtError(f"bad timestamp {value!r}", line)
    h, mnt, s, ms = (int(g) for g in m.groups())
    if mnt >= 60 or s >= 60:
        raise SrtError(f"bad timestamp {value!r}", line)
    return timedelta(hours=h, minutes=mnt, seconds=s, milliseconds=ms)


def format_timestamp(value: timedelta) -> str:
    if value < timedelta(0):
        raise ValueError("negative timestamp")
    total_ms = value // timedelta(milliseconds=1)
    s, ms = divmod(total_ms, 1000)
    m, s = divmod(s, 60)
    h, m = divmod(m, 60)
    return f"{h:02d}:{m:02d}:{s:02d},{ms:03d}"


def _blocks(text: str) -> Iterator[tuple[int, list[str]]]:
    block: list[str] = []
    start = 0
    for n, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip()
        if line:
            if not block:
                start = n
            block.append(line)
        elif block:
            yield start, block
            block = []
    if block:
        yield start, block


def parse(text: str) -> list[Cue]:
    text = text.lstrip("\ufeff")
    cues: list[Cue] = []
    for line_no, block in _blocks(text):
        if len(block) < 2:
            raise SrtError("cue needs an index and a timing line", line_no)
        try:
            index = int(block[0])
        except ValueError:
            raise SrtError(f"bad cue index {block[0]!r}", line_no) from None
        parts = _ARROW.split(block[1].strip())
        if len(parts) != 2:
            raise SrtError(f"bad timing line {block[1]!r}", line_no + 1)
        # position hints after the end time ("X1:100 X2:200") are dropped
        start = parse_timestamp(parts[0], line_no + 1)
        end = parse_timestamp(parts[1].split()[0], line_no + 1)
        if end < start:
            raise SrtError("cue ends before it starts", line_no + 1)
        cues.append(Cue(index, start, end, "\n".join(block[2:])))
    return cues


def compose(cues: Iterable[Cue], renumber: bool = True) -> str:
    out: list[str] = []
    for n, cue in enumerate(cues, start=1):
        index = n if renumber else cue.index
        out.append(
            f"{index}\n{format_timestamp(cue.start)} --> "
            f"{format_timestamp(cue.end)}\n{cue.text}\n"
        )
    return "\n".join(out)


def shift(cues: Iterable[Cue], offset: timedelta) -> list[Cue]:
    """Move every cue by offset; cues pushed before zero are clipped or dropped."""
    result: list[Cue] = []
    for cue in cues:
        start, end = cue.start + offset, cue.end + offset
        if end <= timedelta(0):
            continue
        result.append(replace(cue, start=max(start, timedelta(0)), end=end))
    return result


def scale(cues: Iterable[Cue], factor: float) -> list[Cue]:
    """Stretch timings, e.g. 25/23.976 to fix a frame-rate mismatch."""
    if factor <= 0:
        raise ValueError("factor must be positive")
    return [replace(c, start=c.start * factor, end=c.end * factor) for c in cues]


def overlaps(cues: list[Cue]) -> list[tuple[Cue, Cue]]:
    ordered = sorted(cues, key=lambda c: c.start)
    return [(a, b) for a, b in zip(ordered, ordered[1:]) if b.start < a.end]
