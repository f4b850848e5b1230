"""Reference helpers for LSP positions, written the slow and obvious way."""

from __future__ import annotations

from provmark.core.textdoc import UTF8, UTF16


def units(s: str, enc: str) -> int:
    """How many code units `s` is in the negotiated position encoding."""
    if enc == UTF16:
        return len(s.encode("utf-16-le")) // 2
    if enc == UTF8:
        return len(s.encode("utf-8"))
    return len(s)
