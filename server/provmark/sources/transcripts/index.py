"""The index of what the AI tools wrote, and matching lines against it.

Each registered reader (`registry.READERS`) lists its log files for the workspace and
parses what they gained since the last refresh into `Write`s: line hashes only, never
text. `match` finds the write that holds most of a block's lines, verified in order with
rapidfuzz.
"""

from __future__ import annotations

import bisect
import threading
import time
from array import array
from collections.abc import Iterable, Sequence
from pathlib import Path

from rapidfuzz import fuzz

from provmark.core.facts import Match
from provmark.settings import Settings
from provmark.sources.transcripts.base import ANSWER, Reader, Tail, Write, log, solid
from provmark.sources.transcripts.registry import READERS

MAX_PARTS = 50  # writes of one session that may together make a block
MAX_WRITES = 500_000
# Lines indexed at most (about 70 bytes each in memory: 100 MB of logs, some 1.5 million
# lines, hold about 100 MB); past it the older half of the writes is dropped.
MAX_LINES = 2_000_000


class TranscriptIndex:
    def __init__(
        self,
        root: Path | None,
        home: Path | None = None,
        enabled: bool = True,
        readers: Sequence[Reader] | None = None,
        off: Iterable[str] = (),
    ):
        self.root = root.resolve() if root else None
        self.home = home or Path.home()
        self.enabled = enabled
        self.readers: Sequence[Reader] = READERS if readers is None else readers
        self.off = frozenset(off)  # tools whose logs are not read (the transcripts_off setting)
        self._tails: dict[tuple[str, Path], Tail] = {}  # (tool, the log's key) -> its reading
        self._writes: list[Write] = []
        # line hash -> the write holding it, or a list of them when several do: most lines
        # are in one write, and a plain int is neither allocated per line nor tracked by
        # the garbage collector (millions of small lists made each full collection, on
        # any thread, take a fraction of a second).
        self._by_line: dict[int, int | list[int]] = {}
        self.last_refresh = 0.0
        self._lines = 0  # lines of the writes indexed
        self.added = 0  # writes indexed so far: a change says that a log gained some
        self._lock = threading.Lock()

    @classmethod
    def of(cls, root: Path | None, settings: Settings, home: Path | None = None) -> TranscriptIndex:
        """The index a workspace's settings ask for (transcripts, transcripts_off)."""
        return cls(root, home, enabled=settings.transcripts, off=settings.transcripts_off)

    # -- reading ---------------------------------------------------------------
    def refresh(self) -> int:
        """Read what the logs gained since the last call; returns the writes added."""
        if not self.enabled or self.root is None:
            return 0
        # The first read runs on a worker thread; a judge on the event loop meanwhile
        # goes on with what is indexed so far rather than wait.
        if not self._lock.acquire(blocking=False):
            return 0
        try:
            return self._refresh(self.root)
        finally:
            self._lock.release()

    def _refresh(self, root: Path) -> int:
        before = self.added
        for reader in self.readers:
            if reader.tool in self.off:
                continue
            try:
                files = list(reader.files(self.home, root))
            except OSError as e:
                log.info("cannot list %s transcripts: %s", reader.tool, e)
                continue
            for path, session in files:
                key = (reader.tool, reader.key(path))
                tail = self._tails.get(key)
                if tail is None:
                    tail = self._tails[key] = Tail(path, root, session)
                tail.path = path  # the same log may have moved or been compressed
                if not tail.skip:
                    self._read(reader, tail)
        self.last_refresh = time.monotonic()
        return self.added - before

    def _read(self, reader: Reader, tail: Tail) -> None:
        got: list[Write] = []
        try:
            for record in reader.records(tail):
                try:
                    got.extend(reader.parse(tail, record))
                except Exception as e:  # a format change must never stop the server
                    log.debug("unreadable %s record in %s: %s", reader.tool, tail.path, e)
        except Exception as e:  # the file as a whole: half written, corrupt, vanished
            log.info("cannot read %s transcript %s: %s", reader.tool, tail.path, e)
            return
        for w in got:
            self._add(w)

    def _add(self, w: Write) -> None:
        if len(w.lines) < 1 or self._known(w):
            return
        if len(self._writes) >= MAX_WRITES or self._lines >= MAX_LINES:
            self._compact()
        self._insert(w)
        self.added += 1

    def _insert(self, w: Write) -> None:
        self._lines += len(w.lines)
        wid = len(self._writes)
        self._writes.append(w)
        by_line = self._by_line
        for h in set(w.lines):
            held = by_line.get(h)
            if held is None:
                by_line[h] = wid
            elif isinstance(held, int):
                by_line[h] = [held, wid]
            else:
                held.append(wid)

    def _known(self, w: Write) -> bool:
        """The same write is indexed already (a log read again after it moved, was
        compressed or migrated, or one tool call logged twice): found through its rarest
        line, so no more memory is spent on it."""
        rarest: list[int] | None = None
        for h in w.lines:
            ids = self._holders(h)
            if not ids:
                return False
            if rarest is None or len(ids) < len(rarest):
                rarest = ids
        return any(
            (o := self._writes[i]).lines == w.lines
            and (o.tool, o.session, o.path, o.kind) == (w.tool, w.session, w.path, w.kind)
            for i in rarest or ()
        )

    def _holders(self, h: int) -> list[int]:
        held = self._by_line.get(h)
        return [] if held is None else [held] if isinstance(held, int) else held

    def _compact(self) -> None:
        keep = self._writes[len(self._writes) // 2 :]
        self._writes, self._by_line, self._lines = [], {}, 0
        for w in keep:
            self._insert(w)

    # -- matching --------------------------------------------------------------
    def match(self, lines: list[str], min_fraction: float = 0.6, answers: bool = True) -> Match | None:
        """The write that holds most of `lines` (normalised, solid ones), verified with
        rapidfuzz; None when no tool wrote them. Code from a chat answer (kind "answer")
        counts only when one answer holds the lines nearly whole, never as a part of a
        session's edits, and not at all with `answers` False (a small edit on disk, which
        any line of any answer would otherwise name)."""
        want = solid(lines)
        with self._lock:  # a refresh on another thread may be compacting the writes
            return self._match(want, min_fraction, answers)

    def _match(self, want: array, min_fraction: float, answers: bool = True) -> Match | None:
        if not want or not self._writes:
            return None
        # Where each write's lines are among the wanted ones (one pass over the postings).
        found: dict[int, list[int]] = {}
        writes = self._writes
        for i, h in enumerate(want):
            for wid in self._holders(h):
                if not answers and writes[wid].kind == ANSWER:
                    continue
                hits = found.setdefault(wid, [])
                if not hits or hits[-1] != i:  # a write holding the line twice counts it once
                    hits.append(i)
        if not found:
            return None
        best = sorted(found, key=lambda wid: -len(found[wid]))
        for wid in best[:3]:
            fraction = len(found[wid]) / len(want)
            if fraction < min_fraction:
                break
            if self._in_order(want, found[wid], writes[wid], whole=True):
                w = writes[wid]
                return Match(w.tool, w.session, w.model, round(fraction, 3), w.kind)
        # An answer is no part of an agent's edits: only the writes combine.
        return self._match_session(want, {k: v for k, v in found.items() if writes[k].kind != ANSWER}, min_fraction)

    def _match_session(self, want: array, found: dict[int, list[int]], min_fraction: float) -> Match | None:
        """Lines that several writes of one session made together: an agent's edits to a
        file, read from the disk at once (a MultiEdit's parts, Edits in a row, a patch's
        files). Each write must hold its share in order; together they must hold
        `min_fraction` of the lines."""
        if not found:
            return None
        sessions: dict[tuple[str, str | None], set[int]] = {}
        for wid, hits in found.items():
            w = self._writes[wid]
            sessions.setdefault((w.tool, w.session), set()).update(hits)
        key, covered = max(sessions.items(), key=lambda kv: len(kv[1]))
        if len(covered) / len(want) < min_fraction:
            return None
        ours = sorted((wid for wid in found if (self._writes[wid].tool, self._writes[wid].session) == key),
                      key=lambda wid: -len(found[wid]))  # fmt: skip
        verified: set[int] = set()
        for wid in ours[:MAX_PARTS]:
            if self._in_order(want, found[wid], self._writes[wid]):
                verified.update(found[wid])
        if len(verified) / len(want) < min_fraction:
            return None
        w = self._writes[ours[0]]
        return Match(w.tool, w.session, w.model, round(len(verified) / len(want), 3))

    @staticmethod
    def _in_order(want: array, hits: list[int], w: Write, whole: bool = False) -> bool:
        """The wanted lines `hits` (their places in `want`) stand in `w` in the same order:
        compared with the stretch of the write they span (fuzz.ratio is linear here;
        partial_ratio is not), at least as long as they are (a block repeated twice).
        `whole`: compared with every wanted line, those the write lacks too (one write
        must hold the block nearly whole); else with its share only."""
        part = array("Q", (want[i] for i in hits))
        where: dict[int, list[int]] = {}
        for i, h in enumerate(w.lines):
            where.setdefault(h, []).append(i)
        # Each line where it follows the one before (a line the write holds twice, such as
        # `return None`, is taken at the place that keeps the order), from the start that
        # gives the shortest stretch.
        best: list[int] = []
        for anchor in where[part[0]][:8]:
            pos = [anchor]
            for h in part[1:]:
                places = where[h]
                at = bisect.bisect_left(places, pos[-1] + 1)
                pos.append(places[at] if at < len(places) else places[0])
            if not best or max(pos) - min(pos) < max(best) - min(best):
                best = pos
        start = min(best)
        window = w.lines[start : max(max(best) + 1, start + len(part))]
        return fuzz.ratio(want if whole else part, window) >= 80  # rapidfuzz compares the hash sequences

    def paths(self) -> set[str]:
        """The file paths the indexed writes name, as the tools logged them."""
        with self._lock:
            return {w.path for w in self._writes if w.path}

    def __len__(self) -> int:
        return len(self._writes)
