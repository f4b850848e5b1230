"""The language server's eyes on the disk: the watcher's events, rescans after lost or
overflowing watches, files written by other processes (judged as agent writes), and
the reads and git questions a judgement needs. A feature of the language server: it
owns the watcher and the queue of changed files; all file reading and git run off the
event loop, on the server's I/O thread."""

from __future__ import annotations

import asyncio
import hashlib
import logging
import os
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from lsprotocol import types as t

from provmark.core.facts import Facts, Writer
from provmark.sources.gitinfo import find_repository, git_command
from provmark.sources.watcher import DiskWatcher
from provmark.sources.workspace_index import looks_binary, read_text, stat_of

if TYPE_CHECKING:
    from provmark.lsp.folders import Folder
    from provmark.lsp.server import ProvmarkServer

log = logging.getLogger("provmark")

# Writes this close to activity under .git/ (HEAD, ORIG_HEAD, ...) are git's.
GIT_WINDOW_S = 3.0
BATCH = 200


def blob_id(data: bytes) -> str:
    """git's object id of a file's content."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def git_known_blobs(root: Path | None, ids: list[str]) -> set[str]:
    """Which of these blob ids are git objects (content git itself wrote: a checkout,
    stash, merge or reset), asked of one `git cat-file --batch-check`."""
    if not ids or root is None or find_repository(root) is None:
        return set()
    try:
        r = subprocess.run(
            git_command(root, "cat-file", "--batch-check"),
            cwd=root,
            capture_output=True,
            timeout=30,
            input="".join(i + "\n" for i in ids).encode(),
        )
    except (OSError, subprocess.TimeoutExpired):
        return set()
    return {line.split()[0] for line in r.stdout.decode().splitlines() if line.endswith(" blob") or " blob " in line}


class WorkspaceFiles:
    """The judgements' window on the workspace (facts.WorkspaceIO): file reads and who
    wrote a file, asking the watcher and git. Called on the I/O thread only."""

    def __init__(self, root: Path, git_activity: Callable[[], float | None]):
        self.root = root
        self.git_activity = git_activity

    def read(self, rel: str) -> str | None:
        # An absolute path names another workspace folder's file (folders.FolderCopies).
        return read_text(Path(rel) if Path(rel).is_absolute() else self.root / rel)

    def who_wrote(self, rel: str, text: str) -> Writer | None:
        try:
            data = (self.root / rel).read_bytes()
        except OSError:
            return None
        if data.decode("utf-8", errors="replace") != text:
            return None
        at = self.git_activity()
        if at is not None and time.monotonic() - at < GIT_WINDOW_S:
            return "git"
        return "git" if blob_id(data) in git_known_blobs(self.root, [blob_id(data)]) else "disk"


@dataclass
class Loaded:
    """One changed file as read on the I/O thread."""

    rel: str
    git_op: bool
    stat: tuple[int, int] | None
    text: str | None  # None: gone, binary, a symlink or too large
    facts: Facts | None  # what judging the write needs, when it may be judged


class DiskSync:
    """One workspace folder's: its watcher, its queue, its rescans."""

    def __init__(self, server: ProvmarkServer, folder: Folder):
        self.server = server
        self.folder = folder
        self.watcher: DiskWatcher | None = None
        self._watch_check: asyncio.TimerHandle | None = None
        self._queue: dict[str, bool] = {}  # relative path -> a git operation was under way
        self._drain: asyncio.Task[None] | None = None
        self._rescan_task: asyncio.Task[None] | None = None
        self._rescan_wanted = False

    @property
    def pending(self) -> int:
        return len(self._queue)

    def git_activity(self) -> float | None:
        return self.watcher.git_activity if self.watcher else None

    # -- the watcher ------------------------------------------------------------------
    def start(self) -> None:
        server, folder = self.server, self.folder
        if folder.root is None or folder.stopped or self.watcher is not None:
            return
        repo = find_repository(folder.root)  # a few stats: where git writes HEAD and the rest
        self.watcher = DiskWatcher(
            folder.root,
            server.loop,
            self.changed,
            self.rescan,
            folder.index.ignored,
            burst_limit=folder.tracker.settings.rescan_burst,
            git_dir=repo.git_dir if repo is not None else None,
        )
        message = self.watcher.start(force_polling=bool(os.environ.get("PROVMARK_POLLING")))
        if message:
            server.tell(message, t.MessageType.Info, once="polling")
        self._watch_check = server.loop.call_later(10, self._check_watcher)
        # Files that changed while the index was being built.
        self.rescan(None)

    def stop(self) -> None:
        if self._watch_check is not None:
            self._watch_check.cancel()
        for task in (self._drain, self._rescan_task):
            if task is not None and self.folder.stopped:
                task.cancel()  # the folder left the workspace: its queue goes with it
        if self.watcher is not None:
            self.watcher.stop()
            self.watcher = None

    def _check_watcher(self) -> None:
        if self.watcher is not None and not self.watcher.alive():
            self.server.tell(f"the file watcher of {self.folder.root} stopped; restarting it and rescanning the folder")
            self.watcher.stop()
            self.watcher = None
            self.start()
            return
        self._watch_check = self.server.loop.call_later(10, self._check_watcher)

    def changed(self, rels: set[str], git_activity: float | None) -> None:
        """Files changed on disk (from the watcher or the client): judge them soon."""
        server, folder = self.server, self.folder
        if folder.stopped:
            return
        git_recent = git_activity is not None and time.monotonic() - git_activity < GIT_WINDOW_S
        if rels & {"pyproject.toml", ".provmark/config.toml"}:
            server.apply_settings(folder, folder.store.reload())  # the folder's settings changed
            rels = rels - {".provmark/config.toml"}
        for rel in rels:
            self._queue[rel] = self._queue.get(rel, False) or git_recent
        if self._drain is None or self._drain.done():
            self._drain = server.loop.create_task(self._drain_queue())

    def rescan(self, reason: str | None) -> None:
        """Compare every workspace file with its snapshot: after a lost or overflowing
        watcher, or a burst too large to take file by file."""
        server = self.server
        if reason:
            server.tell(
                f"{reason}; rescanning the workspace so that no change is missed",
                t.MessageType.Info,
                once="rescan:" + reason,
            )
        if self.folder.root is None or self.folder.stopped:
            return
        self._rescan_wanted = True
        if self._rescan_task is None or self._rescan_task.done():
            self._rescan_task = server.loop.create_task(self._rescan())

    async def _rescan(self) -> None:
        while self._rescan_wanted:
            self._rescan_wanted = False
            # Walking and stat-ing every file takes a while: off the event loop.
            changed = await self.server.loop.run_in_executor(None, self._changed_files)
            if changed:
                self.changed(changed, self.git_activity())

    def _changed_files(self) -> set[str]:
        """Files whose size or time differs from their snapshot, new ones and deleted ones."""
        index = self.folder.index
        changed: set[str] = set()
        seen: set[str] = set()
        for rel, path in index.walk():
            seen.add(rel)
            if index.snapshots.stat(rel) != stat_of(path):
                changed.add(rel)
        return changed | (set(index.snapshots.paths()) - seen)

    # -- judging what changed ------------------------------------------------------------
    async def _drain_queue(self) -> None:
        server = self.server
        while self._queue:
            batch = [self._queue.popitem() for _ in range(min(BATCH, len(self._queue)))]
            loaded = await server.run_io(self._load, batch)
            for item in loaded:
                try:
                    self._judge(item)
                except Exception:
                    log.exception("judging a change on disk to %s failed", item.rel)
                await asyncio.sleep(0)  # let edits and requests through between files

    def _load(self, batch: list[tuple[str, bool]]) -> list[Loaded]:
        """On the I/O thread: read the files, ask git which contents it wrote, and gather
        the facts for the writes that will be judged."""
        folder = self.folder
        raw = [(rel, git_recent, *self._read_raw(rel)) for rel, git_recent in batch]
        known = git_known_blobs(folder.root, [blob_id(data) for *_, data in raw if data is not None])
        out = []
        for rel, git_recent, st, data in raw:
            git_op = git_recent or (data is not None and blob_id(data) in known)
            text = data.decode("utf-8", errors="replace") if data is not None else None
            facts = None
            snapshots = folder.index.snapshots
            if text is not None and not git_op and not (rel in snapshots and snapshots.stat(rel) == st):
                q = folder.tracker.disk_question(rel, text, snapshots.get(rel))
                if q is not None:
                    facts = folder.tracker.gather(q)  # the same reads as a paste's judgement
            out.append(Loaded(rel, git_op, st, text, facts))
        return out

    def _read_raw(self, rel: str) -> tuple[tuple[int, int] | None, bytes | None]:
        folder = self.folder
        assert folder.root is not None
        path = folder.root / rel
        st = stat_of(path)
        try:
            if st is None or path.is_symlink() or st[1] > folder.tracker.settings.max_file_bytes:
                return st, None
            data = path.read_bytes()
        except OSError:
            return None, None
        return st, (None if looks_binary(data) else data)

    def _judge(self, item: Loaded) -> None:
        """One file changed on disk, judged on the event loop with what _load gathered."""
        server, folder = self.server, self.folder
        tracker, index = folder.tracker, folder.index
        assert folder.root is not None
        if folder.stopped:
            return
        rel = item.rel
        uri = (folder.root / rel).as_uri()
        if item.text is None:
            self._gone(rel, uri)
            return
        if rel.endswith(".gitignore") and index.rules is not None:
            index.rules.reload_folder(rel.rsplit("/", 1)[0] if "/" in rel else "")
        lines = item.text.splitlines()
        if tracker.uri_of(rel) is not None:
            # Open in the editor: its own save (disk equals the buffer) or a write the
            # editor will reload, judged then as a reload. Only the snapshot moves on: in
            # the copy index the new text would explain itself.
            index.snapshots.set(rel, lines, item.stat)
            return
        old = index.snapshots.get(rel)
        if old is not None and index.snapshots.stat(rel) == item.stat:
            return
        had_flags = tracker.has_closed(rel)
        j = tracker.disk_write(rel, item.text, old, item.git_op, item.facts or Facts())
        index.add(rel, lines, item.stat)
        log.info("disk write %s: %s", rel, j.verdict)
        if j.regions or had_flags:
            server.publish_closed(folder, rel)
        if j.regions:
            server.tagging.flagged_closed(folder, rel, j.regions, lines)

    def _gone(self, rel: str, uri: str) -> None:
        server, folder = self.server, self.folder
        assert folder.root is not None
        folder.index.snapshots.forget(rel)
        if folder.tracker.forget_closed(rel):
            server.text_document_publish_diagnostics(t.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
        if not folder.root.is_dir():
            server.tell(
                f"the workspace folder {folder.root} is gone; open documents are still tracked, "
                "files on disk are not until it is back",
                once=f"root-gone:{folder.root}",
            )
        elif folder.tracker.uri_of(rel) is not None and not (folder.root / rel).exists():
            server.window_log_message(
                t.LogMessageParams(
                    type=t.MessageType.Info,
                    message=f"Provmark: {rel} was deleted on disk; its flags stay while it is open",
                )
            )
