"""Kilo Code: since 7.x (the VS Code extension and the `kilo` CLI, a fork of OpenCode)
OpenCode's format in ``~/.local/share/kilo/`` (``kilo.db``, ``kilo-<channel>.db`` or a
kept ``opencode-<channel>.db``, ``$KILO_DB``; ``storage/`` JSON files before its
database); before 7.x, Roo Code's task histories in VS Code's global storage
(``kilocode.kilo-code``). One reader, `kilo-code`, for both. See docs/transcripts.md."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from provmark.sources.transcripts.base import Reader, Tail, Write
from provmark.sources.transcripts.cline import HISTORY, KiloLegacy
from provmark.sources.transcripts.opencode import OpenCode


class KiloCli(OpenCode):
    tool = "kilo-code"
    app = "kilo"
    db_env = "KILO_DB"
    db_globs = ("kilo*.db", "opencode-*.db")


class KiloCode(Reader):
    tool = "kilo-code"

    def __init__(self) -> None:
        self._cli = KiloCli()
        self._extension = KiloLegacy()

    def _of(self, path: Path) -> Reader:
        return self._extension if path.name == HISTORY else self._cli

    def files(self, home: Path, root: Path) -> Iterator[tuple[Path, str | None]]:
        yield from self._cli.files(home, root)
        yield from self._extension.files(home, root)

    def records(self, tail: Tail) -> Iterator[Any]:
        return self._of(tail.path).records(tail)

    def parse(self, tail: Tail, record: Any) -> Iterator[Write]:
        return self._of(tail.path).parse(tail, record)

    def fixture(self, home: Path, root: Path, session: str, writes: Sequence[tuple[Path, str]]) -> list[Path]:
        return self._cli.fixture(home, root, session, writes)
