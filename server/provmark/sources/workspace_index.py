"""An index of the workspace's own files: which files hold each normalised line.

Used to recognise copies inside the project. Only solid lines are kept, as Python hashes
of their normalised form (nothing of the text is stored); a candidate is verified with
rapidfuzz against the file's real text before a copy is accepted.
"""

from __future__ import annotations

import fnmatch
import logging
import os
import threading
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from provmark.core.copies import solid_norms
from provmark.core.writes import Snapshots
from provmark.sources.ignore import IgnoreRules

log = logging.getLogger(__name__)

MAX_INDEX_FILE = 1_000_000
MAX_FILES = 50_000


def stat_of(path: Path) -> tuple[int, int] | None:
    """(mtime_ns, size) of a file, None when it cannot be stat-ed."""
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size


class FilesIO:
    """Reads the workspace's files for a judgement (facts.WorkspaceIO); knows nothing of
    who wrote them (for scripts and tests: the language server also asks git)."""

    def __init__(self, root: Path):
        self.root = root

    def read(self, rel: str) -> str | None:
        return read_text(self.root / rel)

    def who_wrote(self, rel: str, text: str) -> None:
        return None


def looks_binary(data: bytes) -> bool:
    return b"\0" in data[:8192]


def read_text(path: Path, limit: int = MAX_INDEX_FILE) -> str | None:
    """A workspace file's text, or None for binaries, huge files and unreadable ones."""
    try:
        if path.is_symlink() or not path.is_file() or path.stat().st_size > limit:
            return None
        data = path.read_bytes()
    except OSError:
        return None
    if looks_binary(data):
        return None
    return data.decode("utf-8", errors="replace")


class _GuardedSnapshots(Snapshots):
    """Snapshots whose writes hold the index's lock: `set` and `forget` each change two
    tables (keys, then size and time), and the index thread and the event loop both
    write, so without it one file's keys could end up paired with another read's stat."""

    def __init__(self, lock: threading.Lock) -> None:
        super().__init__()
        self._lock = lock

    def set(self, rel: str, lines: list[str], stat: tuple[int, int] | None = None) -> None:
        with self._lock:
            super().set(rel, lines, stat)

    def forget(self, rel: str) -> None:
        with self._lock:
            super().forget(rel)


class WorkspaceIndex:
    """Written from two threads: build() runs on the index thread while the event loop
    add()s saved and written files, and candidates() reads on the event loop meanwhile.
    Every write holds `_lock`; reads take no lock (see candidates())."""

    def __init__(self, root: Path | None, ignore: tuple[str, ...] = ()):
        self.root = root
        self.ignore = ignore
        # Folders under the root that are workspace folders of their own (nested): their
        # files are theirs, not this index's. Replaced whole, never changed in place.
        self.excluded: tuple[str, ...] = ()
        self.rules: IgnoreRules | None = None
        self._lock = threading.Lock()
        # Each file's last known line keys, for disk diffs; its writes share the lock.
        self.snapshots: Snapshots = _GuardedSnapshots(self._lock)
        self._files: list[str] = []  # file id -> path; append-only, so an id never moves
        self._ids: dict[str, int] = {}
        self._lines: dict[int, int] = {}  # hash(normalised line) -> file id (-1: several)
        self.ready = False

    def nested(self, rel: str) -> bool:
        """Whether `rel` lies in a folder nested in this one (`excluded`)."""
        return any(rel == x or rel.startswith(x + "/") for x in self.excluded)

    def ignored(self, rel: str, is_dir: bool = False) -> bool:
        if self.excluded and self.nested(rel):
            return True
        if self.rules is None and self.root is not None:
            self.rules = IgnoreRules(self.root, self.ignore)
        if self.rules is None:
            return any(fnmatch.fnmatch(rel, pat) for pat in self.ignore)
        return self.rules.ignored(rel, is_dir)

    def walk(self, under: str = "") -> Iterator[tuple[str, Path]]:
        """Every file under the root (or its folder `under`) that is not ignored (nested
        .gitignore files honoured)."""
        if self.root is None:
            return
        if not under or self.rules is None:
            self.rules = IgnoreRules(self.root, self.ignore)
        rules = self.rules
        parts = under.split("/") if under else []
        for i in range(1, len(parts)):
            rules.reload_folder("/".join(parts[:i]))  # the .gitignore files above `under`
        for dirpath, dirnames, filenames in os.walk(self.root / under if under else self.root):
            here = Path(dirpath)
            folder = here.relative_to(self.root).as_posix()
            folder = "" if folder == "." else folder
            if folder and ".gitignore" in filenames:
                rules.reload_folder(folder)
            dirnames[:] = [d for d in dirnames if not self.ignored(f"{folder}/{d}" if folder else d, True)]
            for name in filenames:
                rel = f"{folder}/{name}" if folder else name
                if not self.ignored(rel):
                    yield rel, here / name

    def build(self, under: str = "") -> int:
        """Index every text file under the root (or its folder `under`); returns the
        number of files indexed."""
        count = 0
        for rel, path in self.walk(under):
            if count >= MAX_FILES:
                log.warning("workspace index stops at %d files", MAX_FILES)
                break
            st = stat_of(path)
            text = read_text(path)
            if text is not None:
                self.add(rel, text.splitlines(), st)
                count += 1
        if not under:
            self.ready = True
        return count

    def add(self, rel: str, lines: list[str], stat: tuple[int, int] | None = None) -> None:
        """Index (or index again) one file's lines. Safe from any thread: the hashing is
        done first, unlocked; the id and the table updates happen under the lock."""
        hashes = [hash(norm) for norm in solid_norms(lines)]
        self.snapshots.set(rel, lines, stat)
        with self._lock:
            fid = self._ids.get(rel)
            if fid is None:
                # The path goes into _files before its id can appear in _lines: a reader
                # that finds the id in _lines always finds the path.
                fid = len(self._files)
                self._files.append(rel)
                self._ids[rel] = fid
            table = self._lines
            for h in hashes:
                prev = table.get(h)
                if prev is None:
                    table[h] = fid
                elif prev != fid:
                    table[h] = -1

    def forget_under(self, folder: str) -> None:
        """Drop the snapshots of the files under `folder` (it became a workspace folder
        of its own). Their lines stay in the copy table: still copies inside the project."""
        for rel in self.snapshots.paths():
            if rel.startswith(folder + "/"):
                self.snapshots.forget(rel)

    def candidates(self, norms: list[str]) -> tuple[float, list[str]]:
        """Fraction of `norms` found in the index, and files holding them, best first."""
        found, files = self.holding(norms)
        return (sum(found) / len(norms) if norms else 0.0), files

    def holding(self, norms: list[str]) -> tuple[list[bool], list[str]]:
        """Which of `norms` the index holds, and the files holding them, best first."""
        if not norms:
            return [], []
        # No lock, so that a paste is never kept waiting by the index thread. Safe under
        # CPython's GIL: each dict.get and list index below is one atomic step; writers
        # only add to or overwrite entries of _lines (never remove one) and only append to
        # _files, and an id reaches _lines only after its path is in _files. So every id
        # read here names the right file; a file being indexed at this moment is simply
        # found in part, as if the paste had come a moment earlier or later.
        found = [False] * len(norms)
        votes: Counter[int] = Counter()
        table, files = self._lines, self._files
        for i, n in enumerate(norms):
            fid = table.get(hash(n))
            if fid is None:
                continue
            found[i] = True
            if fid >= 0:
                votes[fid] += 1
        return found, [files[f] for f, _ in votes.most_common(3)]
