"""Logs that come after the write: a feature of the language server.

Some AI tools write their session log a moment after the file (a message is saved when
its stream ends, a tool call when it completes), so the write is judged before its log
exists and no tool is named. A flag without a tool waits `transcript_wait_s` (from the
time it was raised) for a log that names it: while any does, its folder's logs are read
again on the I/O thread, soon after the flag and then less and less often (WAKE_S,
doubling up to MAX_SLEEP_S), and whenever they gained writes (by this or by any other
judgement's read), the waiting flags' lines are matched against them. A match names the
tool on the flag (`Tracker.name_tool`: evidence, score, code), republishes its
diagnostics and updates its unreviewed record (`Tagging.named`).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING

from provmark.core.facts import Match
from provmark.core.late_logs import Unnamed
from provmark.core.regions import FLAG, Region
from provmark.sources.workspace_index import read_text

if TYPE_CHECKING:
    from provmark.lsp.folders import Folder
    from provmark.lsp.server import ProvmarkServer

log = logging.getLogger("provmark")

WAKE_S = 0.25  # the first look after a flag: most late logs are a fraction of a second late
MAX_SLEEP_S = 3.0


class LateLogs:
    def __init__(self, server: ProvmarkServer):
        self.server = server
        self._born: dict[tuple[int, str], float] = {}  # (id of the folder, insertion) -> when flagged
        self._seen: dict[int, int] = {}  # id of the folder -> its index's writes when last matched
        self._task: asyncio.Task[None] | None = None
        self._sleep = WAKE_S
        self._wake = asyncio.Event()

    def expect(self, folder: Folder, regions: Sequence[Region]) -> None:
        """New flags: those without a tool wait for their log."""
        if folder.transcripts is None or not folder.tracker.settings.transcripts:
            return
        if folder.tracker.settings.transcript_wait_s <= 0:
            return
        now = time.monotonic()
        new = False
        for r in regions:
            if r.kind == FLAG and r.tool is None:
                new = self._born.setdefault((id(folder), r.insertion), now) == now or new
        if not new:
            return
        self._seen[id(folder)] = -1  # match at the next look, whatever was read meanwhile
        self._sleep = WAKE_S
        if self._task is None or self._task.done():
            self._task = self.server.loop.create_task(self._run())
        else:
            self._wake.set()  # asleep for longer: look soon

    @property
    def waiting(self) -> int:
        return len(self._born)

    async def _run(self) -> None:
        while self._born:
            try:
                await asyncio.wait_for(self._wake.wait(), self._sleep)
                self._wake.clear()
                await asyncio.sleep(WAKE_S)  # a new flag: its log a moment to come
            except asyncio.TimeoutError:
                pass
            self._sleep = min(self._sleep * 2, MAX_SLEEP_S)
            for folder in self._folders():
                try:
                    await self._look(folder)
                except Exception:  # a log or a file that cannot be read must not stop the rest
                    log.exception("matching flags against late logs of %s failed", folder.root)

    def _folders(self) -> list[Folder]:
        """The folders with flags still waiting (the others' expired ones forgotten)."""
        now = time.monotonic()
        live = {id(f): f for f in self.server.folders if f.built and f.transcripts is not None}
        for key, born in list(self._born.items()):
            f = live.get(key[0])
            if f is None or now - born > f.tracker.settings.transcript_wait_s:
                del self._born[key]
        wanted = {k[0] for k in self._born}
        return [f for fid, f in live.items() if fid in wanted]

    async def _look(self, folder: Folder) -> None:
        index, tracker = folder.transcripts, folder.tracker
        assert index is not None
        await self.server.run_io(index.refresh)
        if index.added == self._seen.get(id(folder)):
            return  # the logs gained nothing since the last match
        self._seen[id(folder)] = index.added
        fid = id(folder)
        todo = [u for u in tracker.unnamed() if (fid, u.insertion) in self._born]
        # The lines of open documents now (on the loop: a copy of strings); closed files'
        # are read from the disk with the matching, on the I/O thread.
        texts = {u: self._open_lines(folder, u) for u in todo if u.uri is not None}
        found = await self.server.run_io(self._match, folder, todo, texts)
        for u, match, lines, whole in found:
            self._name(folder, u, match, lines, whole)

    @staticmethod
    def _open_lines(folder: Folder, u: Unnamed) -> list[str]:
        assert u.uri is not None
        return [x for a, b in u.runs for x in folder.tracker.lines(u.uri, a, b + 1)]

    @staticmethod
    def _match(
        folder: Folder, todo: list[Unnamed], texts: dict[Unnamed, list[str]]
    ) -> list[tuple[Unnamed, Match, list[str], list[str] | None]]:
        """On the I/O thread: each flag's lines (a closed file's read from the disk) against
        the logs; (flag, match, its lines, the closed file's lines) for those found."""
        index = folder.transcripts
        assert index is not None and folder.root is not None
        out = []
        for u in todo:
            lines, whole = texts.get(u), None
            if lines is None and u.rel is not None:
                text = read_text(folder.root / u.rel)
                whole = text.splitlines() if text is not None else []
                lines = [x for a, b in u.runs for x in whole[a : b + 1]]
            match = index.match(lines) if lines else None
            if match is not None and lines:
                out.append((u, match, lines, whole))
        return out

    def _name(self, folder: Folder, u: Unnamed, match: Match, lines: list[str], whole: list[str] | None) -> None:
        """On the loop: the flag names its tool, in the editor and in its record."""
        server, tracker = self.server, folder.tracker
        changed = tracker.name_tool(u, match, lines)
        self._born.pop((id(folder), u.insertion), None)
        if not changed:
            return  # tagged, edited away or named meanwhile
        log.info("late log: %s named for %s", match.tool, u.uri or u.rel)
        if u.uri is not None:
            view = tracker.view(u.uri)
            server.publish(u.uri)
            if view is not None and view.rel is not None:
                server.tagging.named(folder, view.rel, changed, tracker.snapshot(u.uri), u.uri)
        elif u.rel is not None and folder.root is not None:
            server.publish_closed(folder, u.rel)
            server.tagging.named(folder, u.rel, changed, whole or [])
