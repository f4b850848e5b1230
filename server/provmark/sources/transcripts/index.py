"""The index of what the AI tools wrote, and matching lines against it.

Each registered reader (`registry.READERS`) lists its log files for the workspace and
parses what they gained since the last refresh into `Write`s: line hashes only, never
text. `match` finds the write that holds most of a block's lines, verified in order with
rapidfuzz.
"""

from __future__ import annotations

import threading
import time
from array import array
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from rapidfuzz import fuzz

from provmark.core.facts import Match
from provmark.sources.transcripts.base import Reader, Tail, Write, log, solid
from provmark.sources.transcripts.registry import READERS

MAX_WRITES = 500_000  # about 8 bytes a line: 100 MB of logs index in well under 100 MB


class TranscriptIndex:
    def __init__(
        self,
        root: Path | None,
        home: Path | None = None,
        enabled: bool = True,
        readers: Sequence[Reader] | None = None,
    ):
        self.root = root.resolve() if root else None
        self.home = home or Path.home()
        self.enabled = enabled
        self.readers: Sequence[Reader] = READERS if readers is None else readers
        self._tails: dict[tuple[str, Path], Tail] = {}  # (tool, the log's key) -> its reading
        self._writes: list[Write] = []
        self._by_line: dict[int, list[int]] = {}
        self.last_refresh = 0.0
        self.added = 0  # writes indexed so far: a change says that a log gained some
        self._lock = threading.Lock()

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
        if len(self._writes) >= MAX_WRITES:
            self._compact()
        self._insert(w)
        self.added += 1

    def _insert(self, w: Write) -> None:
        wid = len(self._writes)
        self._writes.append(w)
        for h in set(w.lines):
            self._by_line.setdefault(h, []).append(wid)

    def _known(self, w: Write) -> bool:
        """The same write is indexed already (a log read again after it moved, was
        compressed or migrated, or one tool call logged twice): found through its rarest
        line, so no more memory is spent on it."""
        rarest: list[int] | None = None
        for h in w.lines:
            ids = self._by_line.get(h)
            if not ids:
                return False
            if rarest is None or len(ids) < len(rarest):
                rarest = ids
        return any(
            (o := self._writes[i]).lines == w.lines and (o.tool, o.session, o.path) == (w.tool, w.session, w.path)
            for i in rarest or ()
        )

    def _compact(self) -> None:
        keep = self._writes[len(self._writes) // 2 :]
        self._writes, self._by_line = [], {}
        for w in keep:
            self._insert(w)

    # -- matching --------------------------------------------------------------
    def match(self, lines: list[str], min_fraction: float = 0.6) -> Match | None:
        """The write that holds most of `lines` (normalised, solid ones), verified with
        rapidfuzz; None when no tool wrote them."""
        want = solid(lines)
        with self._lock:  # a refresh on another thread may be compacting the writes
            return self._match(want, min_fraction)

    def _match(self, want: array, min_fraction: float) -> Match | None:
        if not want or not self._writes:
            return None
        votes: Counter[int] = Counter()
        for h in want:
            for wid in set(self._by_line.get(h, ())):
                votes[wid] += 1
        for wid, hits in votes.most_common(3):
            fraction = hits / len(want)
            if fraction < min_fraction:
                break
            w = self._writes[wid]
            # The same lines in the same order: compare the query with the stretch of the
            # write its lines span (fuzz.ratio is linear here; partial_ratio is not).
            where = {h: i for i, h in reversed(list(enumerate(w.lines)))}
            pos = [where[h] for h in want if h in where]
            window = w.lines[min(pos) : max(pos) + 1]
            if fuzz.ratio(want, window) >= 80:  # rapidfuzz compares the hash sequences
                return Match(w.tool, w.session, w.model, round(fraction, 3))
        return None

    def paths(self) -> set[str]:
        """The file paths the indexed writes name, as the tools logged them."""
        with self._lock:
            return {w.path for w in self._writes if w.path}

    def __len__(self) -> int:
        return len(self._writes)
