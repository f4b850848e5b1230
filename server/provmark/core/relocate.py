"""Finding a sidecar record's lines again in the file's current text, by line hashes."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from provmark.core.lines import line_hash, squeezed_hash


@dataclass(frozen=True)
class Located:
    start: int  # 0-based, inclusive
    end: int
    exact: bool


def locate(
    record: Mapping[str, Any], hashes: list[str], squeezed: list[str] | None = None, min_ratio: float = 70.0
) -> Located | None:
    """Where `record` is in a text whose normalised line hashes are `hashes` (and
    whitespace-free line hashes `squeezed`): by its line hashes, else (for a text a
    formatter re-spaced) by its squeezed hashes, else None: the record is stale."""
    found = _locate(record["line_hashes"], record["start_line"] - 1, hashes, min_ratio)
    if found is None and squeezed is not None and record.get("squeezed_hashes"):
        found = _locate(record["squeezed_hashes"], record["start_line"] - 1, squeezed, min_ratio)
    return found


def _locate(want: list[str], old: int, hashes: list[str], min_ratio: float) -> Located | None:
    """Where the run of hashes `want` (recorded at line `old`) is in `hashes`.

    First the exact run of its line hashes (nearest its recorded place when there are
    several). Else the best alignment of its hashes, with lines inserted, deleted or
    edited inside and the lines around it changed: the stretch its matching lines span,
    accepted when rapidfuzz finds the two hash sequences at least `min_ratio` similar.
    Else None."""
    n = len(want)
    if n == 0 or not hashes:
        return None
    if n <= len(hashes):
        first = want[0]
        exact = [i for i in range(len(hashes) - n + 1) if hashes[i] == first and hashes[i : i + n] == want]
        if exact:
            i = min(exact, key=lambda s: abs(s - old))
            return Located(i, i + n - 1, True)
    pos: dict[str, list[int]] = {}
    for i, h in enumerate(hashes):
        pos.setdefault(h, []).append(i)
    # Vote for offsets (text line - record line) over the record's lines; common lines
    # such as "}" or "" vote everywhere, so each line's votes are capped.
    votes: Counter[int] = Counter()
    for k, h in enumerate(want):
        for i in pos.get(h, ())[:50]:
            votes[i - k] += 1
    from rapidfuzz import fuzz  # (here: a scan with no sidecars to place starts 16 ms sooner)

    drift = max(2, n // 4)
    best: tuple[float, int, int] | None = None
    for d, _ in votes.most_common(8):
        # Each record line pairs with its nearest occurrence to the alignment, so that a
        # blank line nearby does not widen the match.
        pairs = []
        for k, h in enumerate(want):
            near = [i for i in pos.get(h, ())[:50] if abs(i - k - d) <= drift]
            if near:
                pairs.append((k, min(near, key=lambda i: abs(i - k - d))))
        if not pairs:
            continue
        # The span of the matching lines, widened by the record's unmatched lines at
        # either end (edited first or last lines are still the record's: fail closed).
        kmin, kmax = min(k for k, _ in pairs), max(k for k, _ in pairs)
        a = max(0, min(i for _, i in pairs) - kmin)
        b = min(len(hashes) - 1, max(i for _, i in pairs) + (n - 1 - kmax))
        ratio = fuzz.ratio(want, hashes[a : b + 1])
        if best is None or ratio > best[0] or (ratio == best[0] and abs(a - old) < abs(best[1] - old)):
            best = (ratio, a, b)
    if best is not None and best[0] >= min_ratio:
        return Located(best[1], best[2], False)
    return None


def hashes_of(lines: list[str]) -> list[str]:
    return [line_hash(x) for x in lines]


def squeezed_of(lines: list[str]) -> list[str]:
    return [squeezed_hash(x) for x in lines]
