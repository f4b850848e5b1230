"""Aider: ``.aider.chat.history.md`` in the workspace; SEARCH/REPLACE blocks (the
REPLACE half) and fenced code in the assistant's answers. See docs/transcripts.md."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from provmark.sources.transcripts.base import Reader, Tail, Write, solid


class Aider(Reader):
    tool = "aider"

    def files(self, home: Path, root: Path) -> Iterator[tuple[Path, str | None]]:
        p = root / ".aider.chat.history.md"
        if p.is_file():
            yield p, None

    def records(self, tail: Tail) -> Iterator[Any]:
        return iter(tail.new_lines())  # markdown, one line at a time

    def parse(self, tail: Tail, line: str) -> Iterator[Write]:
        # Assistant text is everything not quoted (> ) nor a user prompt (#### ); code
        # inside fences and the REPLACE half of SEARCH/REPLACE blocks is what it wrote.
        m = tail.meta
        if line.startswith("> ") and "Model:" in line:
            m["model"] = line.split("Model:", 1)[1].strip().split()[0]
            return
        stripped = line.strip()
        if stripped.startswith("```"):
            if m.get("fence"):
                yield from self._flush(m)
            m["fence"] = not m.get("fence")
            return
        if stripped.startswith("<<<<<<< SEARCH"):
            m["replace"] = False
            m["in_block"] = True
            return
        if stripped == "=======" and m.get("in_block"):
            m["replace"] = True
            return
        if stripped.startswith(">>>>>>> REPLACE"):
            yield from self._flush(m)
            m["replace"] = False
            m["in_block"] = False
            return
        if m.get("in_block"):
            if m.get("replace"):
                m.setdefault("buf", []).append(line)
        elif m.get("fence"):
            m.setdefault("buf", []).append(line)

    def _flush(self, m: dict[str, Any]) -> Iterator[Write]:
        buf = m.pop("buf", [])
        if buf:
            yield Write(self.tool, None, m.get("model"), None, solid(buf))
