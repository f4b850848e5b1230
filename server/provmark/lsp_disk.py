"""The language server's work on disk: the watcher's events, rescans, files written by
other processes, automatic tagging and git's objects. A mixin of ProvmarkServer, kept
apart so that server.py stays the editor's side."""

from __future__ import annotations

import asyncio
import hashlib
import logging
import os
import subprocess
import time
from typing import Any

from lsprotocol import types as t

from . import sidecar
from .disk import stat_of
from .gitinfo import git_command
from .watcher import DiskWatcher
from .workspace_index import looks_binary

log = logging.getLogger("provmark")

# Writes this close to activity under .git/ (HEAD, ORIG_HEAD, ...) are git's.
GIT_WINDOW_S = 3.0


class DiskMixin:
    def start_watching(self) -> None:
        if self.root is None or self.watcher is not None:
            return
        self.watcher = DiskWatcher(
            self.root,
            self.loop,
            self.disk_changed,
            self.rescan,
            self.index.ignored,
            burst_limit=self.tracker.settings.rescan_burst,
        )
        message = self.watcher.start(force_polling=bool(os.environ.get("PROVMARK_POLLING")))
        if message:
            self.tell(message, t.MessageType.Info, once="polling")
        self._watch_check = self.loop.call_later(10, self._check_watcher)
        # Files that changed while the index was being built.
        self.rescan(None)

    def _check_watcher(self) -> None:
        if self.watcher is not None and not self.watcher.alive():
            self.tell("the file watcher stopped; restarting it and rescanning the workspace", once=None)
            self.watcher.stop()
            self.watcher = None
            self.start_watching()
            return
        self._watch_check = self.loop.call_later(10, self._check_watcher)

    def disk_changed(self, rels: set[str], git_activity: float | None) -> None:
        """Files changed on disk (from the watcher or the client): judge them soon."""
        git_recent = git_activity is not None and time.monotonic() - git_activity < GIT_WINDOW_S
        if rels & {"pyproject.toml", ".provmark/config.toml"}:
            self.apply_settings(self.store.reload())  # the workspace's settings changed
            rels = rels - {".provmark/config.toml"}
        for rel in rels:
            self._disk_queue[rel] = self._disk_queue.get(rel, False) or git_recent
        if self._disk_task is None or self._disk_task.done():
            self._disk_task = self.loop.create_task(self._drain_disk_queue())

    def rescan(self, reason: str | None) -> None:
        """Compare every workspace file with its snapshot: after a lost or overflowing
        watcher, or a burst too large to take file by file."""
        if reason:
            self.tell(
                f"{reason}; rescanning the workspace so that no change is missed",
                t.MessageType.Info,
                once="rescan:" + reason,
            )
        if self.root is None:
            return
        self._rescan_wanted = True
        if self._rescan_task is None or self._rescan_task.done():
            self._rescan_task = self.loop.create_task(self._rescan())

    async def _rescan(self) -> None:
        while self._rescan_wanted:
            self._rescan_wanted = False
            # Walking and stat-ing every file takes a while: off the event loop.
            changed = await self.loop.run_in_executor(None, self._changed_files)
            if changed:
                self.disk_changed(changed, self.watcher.git_activity if self.watcher else None)

    def _changed_files(self) -> set[str]:
        """Files whose size or time differs from their snapshot, new ones and deleted ones."""
        changed: set[str] = set()
        seen: set[str] = set()
        for rel, path in self.index.walk():
            seen.add(rel)
            if self.index.snapshots.stat(rel) != stat_of(path):
                changed.add(rel)
        return changed | (set(self.index.snapshots.paths()) - seen)

    async def _drain_disk_queue(self) -> None:
        while self._disk_queue:
            batch = [self._disk_queue.popitem() for _ in range(min(200, len(self._disk_queue)))]

            def load(batch: list[tuple[str, bool]] = batch) -> tuple[list[Any], set[str]]:
                # Reading files and asking git happen on a worker thread; judging, on the loop.
                loaded = [(rel, git_recent, self._read_raw(rel)) for rel, git_recent in batch]
                ids = [_blob_id(data) for _, _, (_, data) in loaded if data is not None]
                return loaded, self.git_known_blobs(ids)

            loaded, known = await self.loop.run_in_executor(None, load)
            for rel, git_recent, (st, data) in loaded:
                git_op = git_recent or (data is not None and _blob_id(data) in known)
                try:
                    self.judge_disk_change(rel, st, data, git_op)
                except Exception:
                    log.exception("judging a change on disk to %s failed", rel)
                await asyncio.sleep(0)  # let edits and requests through between files

    def _read_raw(self, rel: str) -> tuple[tuple[int, int] | None, bytes | None]:
        assert self.root is not None
        path = self.root / rel
        st = stat_of(path)
        try:
            if st is None or path.is_symlink() or st[1] > self.tracker.settings.max_file_bytes:
                return st, None
            data = path.read_bytes()
        except OSError:
            return None, None
        return st, (None if looks_binary(data) else data)

    def judge_disk_change(self, rel: str, st: tuple[int, int] | None, data: bytes | None, git_op: bool) -> None:
        """One file changed on disk: `data` is its content now (None when it is gone,
        binary or too large); `git_op` says git wrote it."""
        assert self.root is not None
        path = self.root / rel
        uri = path.as_uri()
        if data is None:
            self.index.snapshots.forget(rel)
            if self.tracker.closed.pop(rel, None) is not None:
                self.text_document_publish_diagnostics(t.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
            if not self.root.is_dir():
                self.tell(
                    f"the workspace folder {self.root} is gone; open documents are still tracked, "
                    "files on disk are not until it is back",
                    once="root-gone",
                )
            elif self.tracker.open_rel(rel) is not None and not path.exists():
                self.window_log_message(
                    t.LogMessageParams(
                        type=t.MessageType.Info,
                        message=f"Provmark: {rel} was deleted on disk; its flags stay while it is open",
                    )
                )
            return
        text = data.decode("utf-8", errors="replace")
        if rel.endswith(".gitignore") and self.index.rules is not None:
            folder = rel.rsplit("/", 1)[0] if "/" in rel else ""
            self.index.rules.reload_folder(folder)
        lines = text.splitlines()
        state = self.tracker.open_rel(rel)
        if state is not None:
            # Open in the editor: its own save (disk equals the buffer) or a write the
            # editor will reload, judged then as a reload (see Tracker._judge_burst). Only
            # the snapshot moves on: in the copy index the new text would explain itself.
            self.index.snapshots.set(rel, lines, st)
            return
        old = self.index.snapshots.get(rel)
        if old is not None and self.index.snapshots.stat(rel) == st:
            return
        had_flags = rel in self.tracker.closed
        j = self.tracker.disk_write(rel, text, old, git_op)
        self.index.add(rel, lines, st)
        log.info("disk write %s: %s", rel, j.verdict)
        if j.regions or had_flags:
            self.publish_closed(rel, uri)
        if j.regions:
            self.auto_tag(rel, j.regions, lines)

    def publish_closed(self, rel: str, uri: str) -> None:
        cf = self.tracker.closed.get(rel)
        diags = []
        for f in self.tracker.closed_findings(rel):
            end = min(f.end, len(cf.widths) - 1) if cf else f.end
            width = cf.widths[end] if cf and cf.widths else 0
            diags.append(self._diagnostic(f, min(f.start, end), end, width))
        self.text_document_publish_diagnostics(t.PublishDiagnosticsParams(uri=uri, diagnostics=diags))

    def auto_tag_open(self, uri: str, regions: list[Any]) -> None:
        state = self.tracker.docs.get(uri)
        if state is None or state.rel is None:
            return
        for r, rec in self.auto_tag(state.rel, regions, state.doc.lines()):
            self.tracker.tagged(uri, r.start, r.end, rec)

    def auto_tag(self, rel: str, regions: list[Any], lines: list[str]) -> list[tuple[Any, dict[str, Any]]]:
        """With auto_tag on, record flags that proof backs (the tool's own transcript, or
        a commit that declares the tool) as tagged_by auto; returns what it recorded."""
        s = self.tracker.settings
        if not s.auto_tag or self.root is None:
            return []
        records = []
        for r in regions:
            if not any(e.signal in ("transcript-match", "git-commit") for e in r.evidence):
                continue
            training = "include" if r.tool in s.first_party_tools else "exclude"
            origin = {"kind": "ai", "tool": r.tool, "model": r.model, "session": r.session}
            evidence = [e.to_json() for e in r.evidence]
            rec = sidecar.make_record(lines[r.start : r.end + 1], r.start + 1, origin, training, evidence, "auto")
            records.append((r, rec))
        if not records:
            return []
        try:
            sidecar.update(self.root, rel, add=[rec for _, rec in records])
        except sidecar.SidecarError as e:
            self.tell(str(e), t.MessageType.Error)
            return []
        return records

    def git_known_blobs(self, ids: list[str]) -> set[str]:
        """Which of these blob ids are git objects (content git itself wrote: a checkout,
        stash, merge or reset), asked of one `git cat-file --batch-check`."""
        if not ids or self.root is None or not (self.root / ".git").exists():
            return set()
        try:
            r = subprocess.run(
                git_command(self.root, "cat-file", "--batch-check"),
                cwd=self.root,
                capture_output=True,
                timeout=30,
                input="".join(i + "\n" for i in ids).encode(),
            )
        except (OSError, subprocess.TimeoutExpired):
            return set()
        return {
            line.split()[0] for line in r.stdout.decode().splitlines() if line.endswith(" blob") or " blob " in line
        }

    def disk_probe(self, rel: str, text: str) -> str | None:
        """When the buffer now equals the file on disk, the editor reloaded it: say
        whether git wrote it (its content is one of git's objects) or something else."""
        if self.root is None:
            return None
        try:
            data = (self.root / rel).read_bytes()
        except OSError:
            return None
        if data.decode("utf-8", errors="replace") != text:
            return None
        git_at = self.watcher.git_activity if self.watcher else None
        if git_at is not None and time.monotonic() - git_at < GIT_WINDOW_S:
            return "git"
        return "git" if _blob_id(data) in self.git_known_blobs([_blob_id(data)]) else "disk"


def _blob_id(data: bytes) -> str:
    """git's object id of a file's content."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()
