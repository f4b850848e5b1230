"""Watching the workspace on disk with watchdog.

watchdog calls back on its own thread; everything here hands events to the event loop
with call_soon_threadsafe and nothing else (pygls must only write from the loop). The
observer is filtered to the events that mean a write (not opens and reads, which it
reports by default, our own scan's included). Bursts are coalesced; after an inotify
queue overflow (watchdog only logs it), a burst too large to handle file by file, or a
dead observer, the owner is asked to rescan, so that no change is missed.
"""

from __future__ import annotations

import asyncio
import logging
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path

from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers.api import BaseObserver

log = logging.getLogger(__name__)

# Files git writes when an operation rewrites the work tree (checkout, merge, pull,
# rebase, reset). A commit writes only the index and refs/heads: an agent that writes
# files and commits them is not a checkout.
GIT_MARKERS = ("HEAD", "ORIG_HEAD", "MERGE_HEAD", "FETCH_HEAD", "REBASE_HEAD", "CHERRY_PICK_HEAD", "AUTO_MERGE")
EVENTS = [FileCreatedEvent, FileModifiedEvent, FileMovedEvent, FileDeletedEvent, FileClosedEvent]
# A git dir outside the root is watched without recursion: its markers are at its top, and
# a rebase's folders are seen as they come and go.
GIT_DIR_EVENTS = [*EVENTS, DirCreatedEvent, DirDeletedEvent, DirMovedEvent]
REBASE_DIRS = ("rebase-merge", "rebase-apply")


def is_git_marker(name: str) -> bool:
    """A path inside a git dir that git writes only when it rewrites the work tree."""
    return name in GIT_MARKERS or name in REBASE_DIRS or name.startswith(("rebase-merge/", "rebase-apply/"))


class _OverflowSpy(logging.Handler):
    """watchdog reports a lost inotify queue only as a log line; turn it into a call."""

    def __init__(self, on_overflow: Callable[[], None]):
        super().__init__(logging.WARNING)
        self.on_overflow = on_overflow

    def emit(self, record: logging.LogRecord) -> None:
        if "overflow" in record.getMessage().lower():
            self.on_overflow()


class DiskWatcher(FileSystemEventHandler):
    def __init__(
        self,
        root: Path,
        loop: asyncio.AbstractEventLoop,
        on_changes: Callable[[set[str], float | None], None],
        on_rescan: Callable[[str], None],
        ignored: Callable[[str], bool],
        settle_s: float = 0.1,
        burst_limit: int = 2000,
        git_dir: Path | None = None,
    ):
        self.root = root
        # The folder's git dir when it is outside the folder (the folder is a subdirectory
        # of its repository, a worktree or a submodule): git's activity is seen there.
        self.git_dir = git_dir if git_dir is not None and not git_dir.is_relative_to(root) else None
        self.loop = loop
        self.on_changes = on_changes  # (relative paths, time of the last git activity or None)
        self.on_rescan = on_rescan
        self.is_ignored = ignored
        self.settle_s = settle_s
        self.burst_limit = burst_limit
        self._lock = threading.Lock()
        self._paths: set[str] = set()
        self._overflowed = ""  # why the next flush must rescan instead ("" when it need not)
        self._scheduled = False
        self.git_activity: float | None = None  # monotonic time of the last write under .git
        self.observer: BaseObserver | None = None
        self.polling = False
        self._spy = _OverflowSpy(self._overflow)

    # -- lifecycle -------------------------------------------------------------
    def start(self, force_polling: bool = False) -> str | None:
        """Start observing; returns a message for the user when falling back to polling."""
        message = "watching the workspace by polling, as asked (PROVMARK_POLLING)" if force_polling else None
        if not force_polling:
            try:
                from watchdog.observers.inotify import InotifyObserver

                self.observer = InotifyObserver()
                self._schedule(self.observer)
                self.observer.start()
            except Exception as e:  # no inotify (another OS, a file system without it, no watches left)
                message = f"file system events are not available here ({e}); watching the workspace by polling"
                self.observer = None
        if self.observer is None:
            from watchdog.observers.polling import PollingObserver

            self.polling = True
            self.observer = PollingObserver(timeout=2)
            self._schedule(self.observer)
            self.observer.start()
        logging.getLogger("watchdog").addHandler(self._spy)
        return message

    def _schedule(self, observer: BaseObserver) -> None:
        observer.schedule(self, str(self.root), recursive=True, event_filter=EVENTS)
        if self.git_dir is not None:
            try:
                observer.schedule(self, str(self.git_dir), recursive=False, event_filter=GIT_DIR_EVENTS)
            except OSError as e:  # git activity is then known from git's objects alone
                log.info("cannot watch the git dir %s: %s", self.git_dir, e)

    def stop(self) -> None:
        logging.getLogger("watchdog").removeHandler(self._spy)
        if self.observer is not None:
            self.observer.stop()
            self.observer.join(timeout=2)

    def alive(self) -> bool:
        return self.observer is not None and self.observer.is_alive()

    # -- watchdog's thread -----------------------------------------------------
    def on_any_event(self, event: FileSystemEvent) -> None:
        for raw in (event.src_path, getattr(event, "dest_path", "")):
            if not raw:
                continue
            path = Path(os.fsdecode(raw))
            if self.git_dir is not None and path.is_relative_to(self.git_dir):
                if is_git_marker(path.relative_to(self.git_dir).as_posix()):
                    self.git_activity = time.monotonic()
                continue
            if event.is_directory:
                return
            try:
                rel = path.relative_to(self.root).as_posix()
            except ValueError:
                continue
            if rel.startswith(".git/"):
                if is_git_marker(rel[5:]):
                    self.git_activity = time.monotonic()
                continue
            if rel != ".provmark/config.toml" and (rel.startswith(".provmark/") or self.is_ignored(rel)):
                continue
            with self._lock:
                self._paths.add(rel)
                if len(self._paths) > self.burst_limit:
                    self._overflowed = f"more than {self.burst_limit} files changed at once"
                    self._paths.clear()
                schedule = not self._scheduled
                self._scheduled = True
            if schedule:
                self.loop.call_soon_threadsafe(self._arm)

    def _overflow(self) -> None:
        with self._lock:
            self._overflowed = "the inotify queue overflowed and dropped events"
            schedule = not self._scheduled
            self._scheduled = True
        if schedule:
            self.loop.call_soon_threadsafe(self._arm)

    # -- the event loop ----------------------------------------------------------
    def _arm(self) -> None:
        self.loop.call_later(self.settle_s, self._flush)

    def _flush(self) -> None:
        with self._lock:
            paths, self._paths = self._paths, set()
            overflowed, self._overflowed = self._overflowed, ""
            self._scheduled = False
        if overflowed:
            self.on_rescan(overflowed)
            return
        if paths:
            self.on_changes(paths, self.git_activity)
