"""An LSP text document: lines split only at \\n, \\r\\n and \\r, positions in the
negotiated encoding (UTF-16 by default), incremental edits whose cost grows with the
edited lines, not with the file.

pygls's own TextDocument splits with ``str.splitlines`` (so a form feed, ``\\x85`` or
U+2028 ends a line there but not in the client) and rebuilds the whole text on every
edit; this one keeps a list of lines and splices it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_EOL = re.compile(r"\r\n|\r|\n")

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"


def split_lines(text: str) -> list[str]:
    """Lines as LSP counts them, each keeping its ending; the last one has none (maybe "")."""
    out: list[str] = []
    start = 0
    for m in _EOL.finditer(text):
        out.append(text[start : m.end()])
        start = m.end()
    out.append(text[start:])
    return out


def body_of(line: str) -> str:
    """A line without its line ending."""
    if line.endswith("\r\n"):
        return line[:-2]
    if line.endswith(("\n", "\r")):
        return line[:-1]
    return line


def _units(ch: str, encoding: str) -> int:
    o = ord(ch)
    if encoding == UTF16:
        return 2 if o > 0xFFFF else 1
    if encoding == UTF8:
        return 1 if o < 0x80 else 2 if o < 0x800 else 3 if o < 0x10000 else 4
    return 1


def column_to_index(body: str, column: int, encoding: str = UTF16) -> int:
    """Python index in `body` of an LSP column; past the end clamps to the end, and a
    column inside a character rounds up to the next one."""
    if column <= 0:
        return 0
    if encoding == UTF32 or body.isascii():
        return min(column, len(body))
    units = 0
    for i, ch in enumerate(body):
        if units >= column:
            return i
        units += _units(ch, encoding)
    return len(body)


def index_to_column(body: str, index: int, encoding: str = UTF16) -> int:
    """LSP column of a Python index in `body`."""
    index = max(0, min(index, len(body)))
    if encoding == UTF32 or body.isascii():
        return index
    head = body[:index]
    if encoding == UTF16:
        return len(head) + sum(1 for ch in head if ord(ch) > 0xFFFF)
    return len(head.encode("utf-8", "surrogatepass"))


@dataclass(frozen=True, slots=True)
class Edit:
    """What one content change did, in line numbers (0-based).

    Old lines ``start_line..end_line`` were replaced; the new text covers new lines
    ``start_line..start_line + new_lines``. ``start_index``/``end_index`` are Python
    indexes within the first and last old line bodies."""

    start_line: int
    start_index: int
    end_line: int
    end_index: int
    text: str
    deleted: str
    new_lines: int  # lines the edit added past start_line (line endings it brought)
    start_line_blank_before: bool  # nothing but whitespace before the edit on its line
    end_line_blank_after: bool  # nothing but whitespace after the edit on its line

    @property
    def line_delta(self) -> int:
        return self.new_lines - (self.end_line - self.start_line)


class OutOfRange(ValueError):
    """An edit whose range lies outside the document (it was clamped and applied)."""


class TextDocument:
    """The text of one open document as a list of lines."""

    __slots__ = ("_length", "_lines", "encoding", "language_id", "uri", "version")

    def __init__(self, uri: str, text: str, version: int = 0, language_id: str = "", encoding: str = UTF16):
        self.uri = uri
        self.version = version
        self.language_id = language_id
        self.encoding = encoding
        self._lines = split_lines(text)
        self._length = len(text)

    # -- reading -------------------------------------------------------------
    @property
    def text(self) -> str:
        return "".join(self._lines)

    def __len__(self) -> int:
        return self._length

    @property
    def line_count(self) -> int:
        return len(self._lines)

    def line(self, i: int) -> str:
        """Line `i` without its ending ("" outside the document)."""
        if 0 <= i < len(self._lines):
            return body_of(self._lines[i])
        return ""

    def lines(self, start: int = 0, end: int | None = None) -> list[str]:
        """Bodies of lines start..end-1."""
        return [body_of(x) for x in self._lines[start:end]]

    def raw_lines(self) -> list[str]:
        """The line list itself, endings included: read it, never change it."""
        return self._lines

    def line_length(self, i: int) -> int:
        """Length of line `i` in the document's position encoding."""
        body = self.line(i)
        return index_to_column(body, len(body), self.encoding)

    def end_position(self) -> tuple[int, int]:
        last = len(self._lines) - 1
        return last, self.line_length(last)

    def offset_at(self, line: int, column: int) -> int:
        """Character offset of a position (clamped); costs O(line), used off the hot path."""
        line = max(0, min(line, len(self._lines) - 1))
        before = sum(len(x) for x in self._lines[:line])
        return before + column_to_index(body_of(self._lines[line]), column, self.encoding)

    # -- editing -------------------------------------------------------------
    def replace_all(self, text: str) -> Edit:
        old = self.text
        old_last = len(self._lines) - 1
        edit = Edit(0, 0, old_last, len(body_of(self._lines[-1])), text, old, len(_EOL.findall(text)), True, True)
        self._lines = split_lines(text)
        self._length = len(text)
        return edit

    def apply(self, start: tuple[int, int], end: tuple[int, int], text: str) -> Edit:
        """Replace the range start..end (LSP line, column) with `text`.

        A range outside the document is clamped to it, applied, and reported by raising
        OutOfRange *after* applying (the caller logs it); the client and we then agree on
        what a lenient editor would have done."""
        lines = self._lines
        last = len(lines) - 1
        clamped = False
        (sl, sc), (el, ec) = start, end
        if (el, ec) < (sl, sc):
            (sl, sc), (el, ec) = (el, ec), (sl, sc)
            clamped = True
        if sl < 0 or sc < 0 or el < 0 or ec < 0:
            clamped = True
            sl, sc, el, ec = max(sl, 0), max(sc, 0), max(el, 0), max(ec, 0)
        if sl > last:
            sl, sc, clamped = last, 1 << 40, True
        if el > last:
            el, ec, clamped = last, 1 << 40, True
        first_body = body_of(lines[sl])
        last_body = first_body if el == sl else body_of(lines[el])
        si = column_to_index(first_body, sc, self.encoding)
        ei = column_to_index(last_body, ec, self.encoding)
        if sl == el and ei < si:
            ei = si
        prefix = lines[sl][:si]
        suffix = lines[el][ei:]
        deleted = lines[sl][si:ei] if sl == el else lines[sl][si:] + "".join(lines[sl + 1 : el]) + lines[el][:ei]
        segment = prefix + text + suffix
        lo, hi = sl, el + 1
        # A lone \r before the segment and a \n starting it join into one line ending.
        if segment.startswith("\n") and lo > 0 and lines[lo - 1].endswith("\r") and not lines[lo - 1].endswith("\r\n"):
            lo -= 1
            segment = lines[lo] + segment
        # Likewise a segment ending in a lone \r before a line starting with \n.
        if segment.endswith("\r") and hi <= last and lines[hi].startswith("\n"):
            segment += lines[hi]
            hi += 1
        pieces = split_lines(segment)
        if hi <= last:
            # The segment ends with a line ending: split_lines added an empty tail.
            pieces.pop()
        lines[lo:hi] = pieces
        self._length += len(text) - len(deleted)
        # Line endings the edit really added (a joined \r\n makes this differ from the text's).
        new_lines = len(pieces) - (hi - lo) + (el - sl)
        edit = Edit(
            sl,
            si,
            el,
            ei,
            text,
            deleted,
            new_lines,
            not prefix.strip(),
            not body_of(suffix).strip(),
        )
        if clamped:
            raise OutOfRange(edit)
        return edit

    def position_of_end(self, start_line: int, start_index: int, text: str) -> tuple[int, int]:
        """Position (line, column) just after `text` inserted at start_line/start_index."""
        n = len(_EOL.findall(text))
        if n == 0:
            body = body_of(self._lines[start_line])
            return start_line, index_to_column(body, start_index + len(text), self.encoding)
        tail = split_lines(text)[-1]
        line = start_line + n
        return line, index_to_column(body_of(self._lines[line]), len(tail), self.encoding)
