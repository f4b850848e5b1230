"""Finding a sidecar record's lines again in the file's current text, by line hashes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .lines import line_hash


@dataclass(frozen=True)
class Located:
    start: int  # 0-based, inclusive
    end: int
    exact: bool


def locate(record: dict[str, Any], hashes: list[str], min_fraction: float = 0.8) -> Located | None:
    """Where `record` is in a text whose line hashes are `hashes`: the exact run of its
    line hashes (nearest its recorded place when several), else the window holding at
    least `min_fraction` of them, else None (stale)."""
    want: list[str] = record["line_hashes"]
    n = len(want)
    if n == 0 or n > len(hashes):
        return None
    old = record["start_line"] - 1
    first = want[0]
    exact = [i for i in range(len(hashes) - n + 1) if hashes[i] == first and hashes[i : i + n] == want]
    if exact:
        i = min(exact, key=lambda s: abs(s - old))
        return Located(i, i + n - 1, True)
    # Fuzzy: windows of the record's length, scored by hashes in order-insensitive overlap.
    pos: dict[str, list[int]] = {}
    for i, h in enumerate(hashes):
        pos.setdefault(h, []).append(i)
    starts: set[int] = set()
    for k, h in enumerate(want):
        for i in pos.get(h, ())[:200]:
            if 0 <= i - k <= len(hashes) - n:
                starts.add(i - k)
    best, best_hits = None, 0
    wanted = set(want)
    for s in starts:
        hits = sum(1 for h in hashes[s : s + n] if h in wanted)
        if hits > best_hits or (hits == best_hits and best is not None and abs(s - old) < abs(best - old)):
            best, best_hits = s, hits
    if best is not None and best_hits >= min_fraction * n:
        return Located(best, best + n - 1, False)
    return None


def hashes_of(lines: list[str]) -> list[str]:
    return [line_hash(x) for x in lines]
