"""What Provmark keeps of files that are not open in the editor: their flags, a key per
line to find them again after the next write, and each line's width for diagnostics.
No text. Pure."""

from __future__ import annotations

from array import array

from provmark.core.regions import Region
from provmark.core.textdoc import index_to_column
from provmark.core.writes import line_keys


class ClosedFile:
    __slots__ = ("keys", "keys_hash", "regions", "widths")

    def __init__(self, text_hash: int, regions: list[Region], lines: list[str]):
        self.keys_hash = text_hash  # to re-attach the flags when the file is opened unchanged
        self.regions = regions
        self.keys = line_keys(lines)
        self.widths = array("I", (index_to_column(x, len(x)) for x in lines))  # UTF-16 units

    def width(self, line: int) -> int:
        return self.widths[line] if 0 <= line < len(self.widths) else 0

    def flags_still_in(self, lines: list[str]) -> list[Region]:
        """The flags whose lines the new text still holds, where they are now."""
        new_keys = line_keys(lines)
        index: dict[int, int] = {}
        for i, k in enumerate(new_keys):
            index.setdefault(k, i)
        kept: list[Region] = []
        for r in self.regions:
            body = self.keys[r.start : r.end + 1]
            at = index.get(body[0]) if body else None
            n = len(body)
            if at is not None and at + n <= len(new_keys) and new_keys[at + n - 1] == body[-1]:
                kept.append(r.copy(at, at + n - 1))
        return kept
