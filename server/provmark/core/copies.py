"""Is this text a copy of that one? Solid lines compared after normalising, so that
re-indentation and formatting do not hide a copy. Pure."""

from __future__ import annotations

from provmark.core.lines import is_solid, normalize

LONG_COPY_LINES = 300
# partial_ratio's cost grows with the product of the lengths: 169 lines against 50
# windows of a 407-line file took 16 s and held up the server's shutdown. A longer
# needle is compared whole against its window (which is only 3 lines longer each side).
PARTIAL_MAX_CHARS = 1500


def solid_norms(lines: list[str]) -> list[str]:
    return [n for n in (normalize(x) for x in lines) if is_solid(n)]


def verify_copy(inserted: list[str], source_lines: list[str], threshold: float = 85.0) -> bool:
    """True when the inserted solid lines appear, re-indented or not, as one stretch of
    `source_lines` (rapidfuzz on the normalised text)."""
    from rapidfuzz import fuzz  # (here: the scan, which never compares copies, starts 16 ms sooner)

    ins = solid_norms(inserted)
    if not ins:
        return False
    src = solid_norms(source_lines)
    first = set(ins[:3])
    # Try each place where one of the first lines occurs; compare an equally long window.
    starts = [i for i, n in enumerate(src) if n in first] or [0]
    if len(ins) > LONG_COPY_LINES:
        # Character-level comparison grows with the product of the lengths (a 5 MB paste
        # took minutes): long insertions are compared line by line, as hash sequences.
        want = [hash(n) for n in ins]
        for i in starts[:5]:
            a = max(0, i - 3)
            if fuzz.ratio(want, [hash(n) for n in src[a : a + len(ins) + 3]]) >= threshold:
                return True
        return False
    needle = "\n".join(ins)
    for i in starts[:50]:
        a = max(0, i - 3)
        window = "\n".join(src[a : a + len(ins) + 3])
        if (
            fuzz.partial_ratio(needle, window, score_cutoff=threshold)
            if len(needle) <= min(len(window), PARTIAL_MAX_CHARS)
            else fuzz.ratio(needle, window, score_cutoff=threshold)
        ):
            return True
    return False
