"""A whole-document change turned into the smallest edits that make it.

LSP lets a client send every change as the whole new text without a range (Vim's ALE
does, and any client may). Replacing the document would drop every flag, tag and
inherited provenance on it; the edits found here go through the same tracking as
ranged changes instead: first a line diff, then, within each changed run of lines, the
characters that really changed. Pure: no LSP types.
"""

from __future__ import annotations

from bisect import bisect_right
from difflib import SequenceMatcher
from itertools import accumulate

from provmark.core.textdoc import body_of, index_to_column, split_lines

# Beyond this many changed lines on each side (after the common head and tail are
# trimmed) the changed middle is one edit: difflib's matcher grows with the product.
# Lines found in more than 1% of a long text (blank lines, braces) are not matched on
# (difflib's autojunk): without that, 2,000 lines of "}", "" and "x" against the same
# with "y" took 32 s on the event loop; with it 2 ms, and a formatter's pass over 2,000
# lines of typing.py 30 ms (441 edits, against 489 matching every line).
MAX_DIFF_LINES = 2000

Position = tuple[int, int]
Change = tuple[Position, Position, str]


def hunks(old: str, new: str) -> list[tuple[int, int, str]]:
    """Edits (start, end, text) in `old`'s character offsets, in order, that turn `old`
    into `new`: unchanged lines stay untouched, a changed line keeps its unchanged head
    and tail. No edit starts or ends between the \\r and \\n of a line ending."""
    if old == new:
        return []
    a, b = split_lines(old), split_lines(new)
    head = 0
    while head < min(len(a), len(b)) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head and a[len(a) - 1 - tail] == b[len(b) - 1 - tail]:
        tail += 1
    a_mid, b_mid = a[head : len(a) - tail], b[head : len(b) - tail]
    if len(a_mid) <= MAX_DIFF_LINES and len(b_mid) <= MAX_DIFF_LINES:
        ops = [op for op in SequenceMatcher(None, a_mid, b_mid, autojunk=True).get_opcodes() if op[0] != "equal"]
    else:
        ops = [("replace", 0, len(a_mid), 0, len(b_mid))]
    a_at = list(accumulate((len(x) for x in a), initial=0))
    b_at = list(accumulate((len(x) for x in b), initial=0))
    out = []
    for _, i1, i2, j1, j2 in ops:
        o1, o2 = a_at[head + i1], a_at[head + i2]
        n1, n2 = b_at[head + j1], b_at[head + j2]
        out.append(_narrow(old, new, o1, o2, n1, n2))
    return out


def _splits_crlf(text: str, at: int) -> bool:
    return 0 < at < len(text) and text[at - 1] == "\r" and text[at] == "\n"


def _narrow(old: str, new: str, o1: int, o2: int, n1: int, n2: int) -> tuple[int, int, str]:
    """One changed run of lines, without the characters it shares at either end."""
    most = min(o2 - o1, n2 - n1)
    p = 0
    while p < most and old[o1 + p] == new[n1 + p]:
        p += 1
    if _splits_crlf(old, o1 + p):
        p -= 1
    s = 0
    while s < most - p and old[o2 - 1 - s] == new[n2 - 1 - s]:
        s += 1
    if _splits_crlf(old, o2 - s):
        s -= 1
    return o1 + p, o2 - s, new[n1 + p : n2 - s]


def changes(raw_lines: list[str], new: str, encoding: str) -> list[Change]:
    """The edits turning a document (its lines, endings kept) into `new`, as LSP ranges in
    `encoding`, last first: applied in that order, each range is still where it was."""
    old = "".join(raw_lines)
    starts = list(accumulate((len(x) for x in raw_lines), initial=0))

    def position(offset: int) -> Position:
        line = min(bisect_right(starts, offset) - 1, len(raw_lines) - 1)
        body = body_of(raw_lines[line])
        index = offset - starts[line]
        if index > len(body):  # inside a line ending (never sent): the next line's start
            return line + 1, 0
        return line, index_to_column(body, index, encoding)

    return [(position(s), position(e), text) for s, e, text in reversed(hunks(old, new))]
