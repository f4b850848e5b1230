"""Render rows of data as plain-text tables.

Supports per-column alignment, automatic numeric right-alignment, column
width limits with truncation, and a couple of border styles.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence

ELLIPSIS = "…"

STYLES = {
    "plain": {"sep": "  ", "edge": "", "rule": "-", "cross": "  "},
    "grid": {"sep": " | ", "edge": "|", "rule": "-", "cross": "-+-"},
    "markdown": {"sep": " | ", "edge": "|", "rule": "-", "cross": " | "},
}


def display_width(text: str) -> int:
    """Width of ``text`` in terminal cells (wide East Asian chars count as 2)."""
    width = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def truncate(text: str, limit: int) -> str:
    """Shorten ``text`` to at most ``limit`` cells, marking the cut with an ellipsis."""
    if limit < 1:
        raise ValueError("limit must be at least 1")
    if display_width(text) <= limit:
        return text
    out, used = [], 0
    for ch in text:
        w = display_width(ch)
        if used + w > limit - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + ELLIPSIS


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _pad(text: str, width: int, align: str) -> str:
    gap = width - display_width(text)
    if align == "right":
        return " " * gap + text
    if align == "center":
        left = gap // 2
        return " " * left + text + " " * (gap - left)
    return text + " " * gap


@dataclass
class Table:
    headers: Sequence[str]
    align: dict[str, str] = field(default_factory=dict)
    max_width: dict[str, int] = field(default_factory=dict)
    float_fmt: str = "{:.2f}"
    missing: str = ""
    rows: list[list[Any]] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.headers:
            raise ValueError("a table needs at least one column")
        if len(set(self.headers)) != len(self.headers):
            raise ValueError("column headers must be unique")
        for name, how in self.align.items():
            if name not in self.headers:
                raise KeyError(f"unknown column in align: {name!r}")
            if how not in ("left", "right", "center"):
                raise ValueError(f"bad alignment {how!r} for column {name!r}")

    def add_row(self, row: Sequence[Any] | dict[str, Any]) -> None:
        if isinstance(row, dict):
            extra = set(row) - set(self.headers)
            if extra:
                raise KeyError(f"unknown columns: {sorted(extra)}")
            self.rows.append([row.get(h) for h in self.headers])
            return
        if len(row) != len(self.headers):
            raise ValueError(f"row has {len(row)} cells, expected {len(self.headers)}")
        self.rows.append(list(row))

    def extend(self, rows: Iterable[Sequence[Any] | dict[str, Any]]) -> None:
        for row in rows:
            self.add_row(row)

    def _cell(self, value: Any) -> str:
        if value is None:
            return self.missing
        if isinstance(value, float):
            return self.float_fmt.format(value)
        return str(value)

    def _column_align(self, idx: int) -> str:
        name = self.headers[idx]
        if name in self.align:
            return self.align[name]
        values = [r[idx] for r in self.rows if r[idx] is not None]
        if values and all(_is_number(v) for v in values):
            return "right"
        return "left"

    def render(self, style: str = "plain") -> str:
        try:
            chars = STYLES[style]
        except KeyError:
            raise ValueError(f"unknown style {style!r}; choose from {sorted(STYLES)}") from None

        cells = [[self._cell(v) for v in row] for row in self.rows]
        header = list(self.headers)
        for i, name in enumerate(self.headers):
            limit = self.max_width.get(name)
            if limit is not None:
                header[i] = truncate(header[i], limit)
                for row in cells:
                    row[i] = truncate(row[i], limit)

        widths = [display_width(h) for h in header]
        for row in cells:
            for i, text in enumerate(row):
                widths[i] = max(widths[i], display_width(text))
        aligns = [self._column_align(i) for i in range(len(header))]

        def line(parts: list[str]) -> str:
            body = chars["sep"].join(parts)
            if chars["edge"]:
                return f"{chars['edge']} {body} {chars['edge']}"
            return body.rstrip()

        out = [line([_pad(h, w, "left") for h, w in zip(header, widths)])]
        if style == "markdown":
            marks = []
            for w, a in zip(widths, aligns):
                w = max(w, 3)
                if a == "right":
                    marks.append("-" * (w - 1) + ":")
                elif a == "center":
                    marks.append(":" + "-" * (w - 2) + ":")
                else:
                    marks.append("-" * w)
            widths = [max(w, 3) for w in widths]
            out = [line([_pad(h, w, "left") for h, w in zip(header, widths)]), line(marks)]
        else:
            rule = chars["cross"].join(chars["rule"] * w for w in widths)
            out.append(f"{chars['edge']}-{rule}-{chars['edge']}" if chars["edge"] else rule)
        for row in cells:
            out.append(line([_pad(t, w, a) for t, w, a in zip(row, widths, aligns)]))
        return "\n".join(out)

    def __str__(self) -> str:
        return self.render()
