"""verify_copy on long insertions: compared whole against their window, not slid along it."""

from __future__ import annotations

from provmark.core.copies import PARTIAL_MAX_CHARS, verify_copy

SOURCE = [f"    value_{i} = compute_{i % 7}(items[{i}], limit={i * 3})  # step {i}" for i in range(400)]


def test_a_long_copy_is_found_reindented_and_lightly_edited() -> None:
    piece = SOURCE[120:290]
    assert sum(len(x) for x in piece) > PARTIAL_MAX_CHARS  # the long path
    assert verify_copy(["        " + x.strip() for x in piece], SOURCE)
    edited = list(piece)
    edited[10], edited[80] = "    x = 1", "    y = 2"
    assert verify_copy(edited, SOURCE)


def test_a_long_text_that_is_not_there_is_no_copy() -> None:
    other = [f"    total_{i} += weight_{i} * ratio  # other {i}" for i in range(170)]
    # Its first line occurs all over the source: every occurrence is a window to try.
    source = [x for i, y in enumerate(SOURCE) for x in ((other[0], y) if i % 8 == 0 else (y,))]
    assert not verify_copy(other, source)
