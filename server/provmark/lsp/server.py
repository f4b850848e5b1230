"""The language server: thin LSP handlers around the tracker, and the features that
work beside it.

Everything that decides lives in tracker.py and the modules it uses; this module turns
LSP messages into calls and findings into diagnostics, and owns timers and messages.
The features (disk_sync.DiskSync, workspace_scan.WorkspaceScan, tagging.Tagging,
provenance_view.ProvenanceView, late_logs.LateLogs) own their state and are wired here.
All sends happen on the event loop's thread (pygls writes stdout without a lock); file
reads, git and the content model run on one I/O thread (`run_io`), so that typing never
waits for them.

Each workspace folder has its own settings, index, watcher, git history, logs and
tracker (folders.Folder); a document is handled by the tracker of the folder that holds
it (`tracker_of`), and moves to another when the folders change.
"""

from __future__ import annotations

import asyncio
import dataclasses
import hashlib
import logging
import time
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from lsprotocol import types as t
from pygls.lsp.server import LanguageServer

from provmark import __version__
from provmark.core.textdoc import UTF8, UTF16, UTF32
from provmark.lsp.commands import (
    CMD_LIST,
    CMD_RESOLVE,
    CMD_SCAN,
    CMD_TAG,
    CMD_TAG_ALL,
    CMD_UNTAG,
    DID_PASTE,
    STATUS,
    TAG_ALL_KIND,
)
from provmark.lsp.folders import (
    SIDECAR_DIR,
    Folder,
    FolderSpec,
    nested_in,
    owner,
    relative,
    resolved,
    specs_of,
    uri_to_path,
)
from provmark.lsp.protocol import ProvmarkProtocol

__all__ = ["SIDECAR_DIR", "ProvmarkServer", "create_server", "uri_to_path"]

if TYPE_CHECKING:
    from provmark.core.bursts import DocState
    from provmark.core.regions import Region
    from provmark.core.tracker import Change, Inquiry, Tracker
    from provmark.lsp.late_logs import LateLogs
    from provmark.lsp.provenance_view import ProvenanceView
    from provmark.lsp.tagging import Tagging
    from provmark.lsp.workspace_scan import WorkspaceScan
    from provmark.sources.workspace_index import WorkspaceIndex

log = logging.getLogger("provmark")

T = TypeVar("T")
# Built right after the reply to `initialize` (or at first use): importing the tracker,
# the content model and the features costs as much as pygls itself, and an editor
# waits for that reply (eglot gives up after 3 s).
_PARTS = ("scan", "tagging", "provenance", "late_logs")


class ProvmarkServer(LanguageServer):
    # The parts built by `build` (see _PARTS)
    scan: WorkspaceScan
    tagging: Tagging
    provenance: ProvenanceView
    late_logs: LateLogs

    def __init__(self) -> None:
        super().__init__("provmark", __version__, protocol_cls=ProvmarkProtocol)
        # The workspace folders, in the client's order; a stand-in without a root when the
        # client gave none (never empty). The first holds files outside every folder.
        self.folders: list[Folder] = [Folder(None)]
        self.init_options: Any = None
        self.client_settings: Any = None  # the client's provmark section, for every folder
        self.encoding = UTF16
        self.built = False
        # The client said at `initialize` that it sends paste hints (the VS Code extension
        # does: experimental capability provmarkPasteHints); others are learnt from a hint.
        self.paste_hints = False
        # One thread for the judgements' I/O: reads, git, transcripts, the content model.
        # One, so that what it reads (the transcripts' index) needs no more locking.
        self._io = ThreadPoolExecutor(max_workers=1, thread_name_prefix="provmark-io")
        self._judge_timers: dict[str, asyncio.TimerHandle] = {}
        self._judging: set[str] = set()
        self._publish_timers: dict[str, asyncio.TimerHandle] = {}
        self._published_at: dict[str, float] = {}
        self._told: set[str] = set()  # messages already shown once

    def build(self) -> None:
        """Import and make the tracker and the features (once)."""
        if self.built:
            return
        from provmark.lsp.late_logs import LateLogs
        from provmark.lsp.provenance_view import ProvenanceView
        from provmark.lsp.tagging import Tagging
        from provmark.lsp.workspace_scan import WorkspaceScan

        self.built = True
        for folder in self.folders:
            self._build_folder(folder)
        self.scan = WorkspaceScan(self)
        self.tagging = Tagging(self)
        self.provenance = ProvenanceView(self)
        self.late_logs = LateLogs(self)

    def __getattr__(self, name: str) -> Any:
        # Only for attributes not there yet: a part asked for before `build` ran.
        if name in _PARTS and not self.__dict__.get("built", True):
            self.build()
            return self.__dict__[name]
        raise AttributeError(name)

    # -- helpers ---------------------------------------------------------------
    @property
    def loop(self) -> asyncio.AbstractEventLoop:
        return asyncio.get_event_loop()

    async def run_io(self, fn: Callable[..., T], *args: Any) -> T:
        """Run `fn` on the I/O thread."""
        return await self.loop.run_in_executor(self._io, fn, *args)

    # -- folders ---------------------------------------------------------------
    @property
    def root(self) -> Path | None:
        """The first workspace folder's root (None when the client gave no folder)."""
        return self.folders[0].root

    def roots(self) -> list[Path]:
        return [f.root for f in self.folders if f.root is not None]

    def place(self, uri: str) -> tuple[Folder, str | None]:
        """The folder a file belongs to and its path there: the deepest folder that holds
        it (no path for its sidecars); outside every folder, or not a file, the first
        folder with no path (tracked in memory only, as before)."""
        path = uri_to_path(uri)
        if path is not None:
            path = resolved(path)
            root = owner(path, self.roots())
            if root is not None:
                folder = next(f for f in self.folders if f.root == root)
                return folder, relative(path, root)
        return self.folders[0], None

    def locate(self, uri: str) -> tuple[Folder, str] | None:
        """The folder and path of a workspace file; None outside every folder."""
        folder, rel = self.place(uri)
        return (folder, rel) if rel is not None and folder.root is not None else None

    def rel_of(self, uri: str) -> str | None:
        """A workspace file's path relative to its folder."""
        found = self.locate(uri)
        return found[1] if found else None

    def folder_of(self, uri: str) -> Folder:
        """The folder whose tracker holds an open document (else the one it would go to)."""
        self.build()
        for folder in self.folders:
            if folder.built and uri in folder.tracker.docs:
                return folder
        return self.place(uri)[0]

    def tracker_of(self, uri: str) -> Tracker:
        return self.folder_of(uri).tracker

    def folder_named(self, key: str) -> Folder | None:
        """A folder by its URI, its root or its name."""
        for folder in self.folders:
            if key in (folder.uri, folder.name) or (folder.root is not None and key == str(folder.root)):
                return folder
        return None

    def uris(self) -> list[str]:
        """Every open document, in every folder."""
        return [uri for f in self.folders if f.built for uri in f.tracker.uris()]

    def open_states(self) -> list[DocState]:
        """Every open document's state, in every folder (what a paste may be a copy of)."""
        return [s for f in self.folders if f.built for s in f.tracker.docs.values()]

    def other_indexes(self, folder: Folder) -> list[tuple[Path, WorkspaceIndex]]:
        """The other folders' workspace indexes, with their roots (copies across folders)."""
        return [(f.root, f.index) for f in list(self.folders) if f is not folder and f.built and f.root is not None]

    def hints_seen(self) -> bool:
        """Whether this client sends paste hints (declared at initialize, or seen)."""
        return self.paste_hints or any(f.built and f.tracker.hints_seen for f in self.folders)

    def _build_folder(self, folder: Folder) -> None:
        shared = next((f.tracker for f in self.folders if f.built), None)
        folder.build(self, shared)

    def _new_folder(self, spec: FolderSpec | None) -> Folder:
        """A folder with its settings read (None: the stand-in for no folder at all)."""
        folder = Folder(spec, self.init_options)
        folder.store.client = self.client_settings
        self.apply_settings(folder, folder.store.reload())
        return folder

    def _exclude_nested(self) -> None:
        """Each folder leaves the folders nested in it to themselves."""
        roots = self.roots()
        for folder in self.folders:
            if folder.built and folder.root is not None:
                folder.index.excluded = nested_in(folder.root, roots)

    def change_folders(self, added: list[FolderSpec], removed: list[Path]) -> None:
        """workspace/didChangeWorkspaceFolders: folders removed give their records to
        their sidecars first (none is lost) and stop watching; folders added are built,
        indexed off the loop and watched; open documents and the flags of closed files
        go to the folder that holds them now."""
        self.build()
        gone = [f for f in self.folders if f.root is not None and f.root in removed]
        for folder in gone:
            assert folder.root is not None
            self.tagging.flush_now(folder.root)  # never lose a record: written here and now
            folder.stop()
        before = list(self.folders)
        known = set(self.roots())
        kept = [f for f in self.folders if f.root is not None and f not in gone]
        new = [self._new_folder(s) for s in added if s.root not in known or s.root in removed]
        if not gone and not new:
            return
        if not kept + new:  # no folder left: open documents are tracked as with none at all
            new = [self._new_folder(None)]
        for folder in new:
            self._build_folder(folder)
        self.folders = kept + new
        self._exclude_nested()
        self._move_documents(before)
        self._move_closed(before, gone, new)
        for folder in new:
            folder.start(self)
        if new and self.client_capabilities.workspace and self.client_capabilities.workspace.configuration:
            self.loop.create_task(self.pull_configuration())

    def _move_documents(self, before: list[Folder]) -> None:
        """Open documents whose folder changed go to the tracker of the one that holds
        them now: their flags come along and are recorded in the new folder's sidecar;
        their tags are that sidecar's."""
        from provmark.sources import sidecar

        for old in before:
            if not old.built:
                continue
            for uri in old.tracker.uris():
                folder, rel = self.place(uri)
                view = old.tracker.view(uri)
                if view is None or (folder is old and rel == view.rel):
                    continue
                self.tagging.follow_text(uri)  # its records in the old sidecar follow its text first
                if old.root is not None and view.rel is not None:
                    self.tagging.flush_now(old.root, view.rel)
                data = None
                if rel is not None and folder.root is not None:
                    try:
                        data = sidecar.load(folder.root, rel)
                    except sidecar.SidecarError as e:
                        self.tell(f"{e}. Its records are ignored here.", once="sidecar:" + rel)
                state = old.tracker.release(uri)
                if state is None:
                    continue
                flags = folder.tracker.adopt(uri, state, rel, data)
                if rel is not None:
                    self.tagging.record_unreviewed(folder, rel, flags, folder.tracker.snapshot(uri), uri)
                log.info("%s moved from %s to %s", uri, old.root, folder.root)
                self.publish(uri)

    def _move_closed(self, before: list[Folder], gone: list[Folder], new: list[Folder]) -> None:
        """The flags of closed files go with their files to the folder that holds them
        now (a folder nested in another was added or removed); a removed folder's other
        files lose theirs, and their diagnostics are cleared."""
        for old in before:
            if not old.built or old.root is None:
                continue
            for rel in old.tracker.closed_paths():
                path = old.root / rel
                found = self.locate(path.as_uri())
                if found is not None and found[0] is old:
                    continue
                closed = old.tracker.hand_over(rel)
                if found is not None:
                    found[0].tracker.take_over(found[1], closed)
                else:
                    self.text_document_publish_diagnostics(
                        t.PublishDiagnosticsParams(uri=path.as_uri(), diagnostics=[])
                    )
            for folder in new:
                if folder.root is not None and folder.root.is_relative_to(old.root) and old not in gone:
                    old.index.forget_under(folder.root.relative_to(old.root).as_posix())
        for folder in gone:
            assert folder.root is not None
            outer = self.place(folder.root.as_uri())[0]
            if outer.root is not None and outer.root != folder.root and folder.root.is_relative_to(outer.root):
                outer.reindex(self, folder.root.relative_to(outer.root).as_posix())
        self.scan.forget([f.root for f in gone if f.root is not None])

    def tell(self, message: str, kind: t.MessageType = t.MessageType.Warning, once: str | None = None) -> None:
        """Show a message to the user (once per key when `once` is given) and log it."""
        if once is not None:
            if once in self._told:
                return
            self._told.add(once)
        log.warning("%s", message)
        self.window_show_message(t.ShowMessageParams(type=kind, message=f"Provmark: {message}"))

    # -- lifecycle -------------------------------------------------------------
    def on_initialize(self, params: t.InitializeParams) -> None:
        self.init_options = params.initialization_options
        specs = specs_of(params.workspace_folders, params.root_uri, params.root_path)
        self.folders = [self._new_folder(spec) for spec in specs] or [self._new_folder(None)]
        enc = self.protocol.workspace.position_encoding if self.protocol._workspace else None
        encodings: dict[Any, str] = {t.PositionEncodingKind.Utf8: UTF8, t.PositionEncodingKind.Utf32: UTF32}
        self.encoding = encodings.get(enc, UTF16)
        experimental = params.capabilities.experimental
        self.paste_hints = isinstance(experimental, dict) and experimental.get("provmarkPasteHints") is True
        # After the reply is written: the heavy parts, before the next message is read.
        self.loop.call_soon(self.build)

    def apply_settings(self, folder: Folder, problems: list[str]) -> None:
        s = folder.store.current
        if folder.built:
            folder.tracker.settings = s
            folder.index.ignore = s.ignore
        if folder.transcripts is not None:  # writes already read stay; no more are read
            folder.transcripts.enabled, folder.transcripts.off = s.transcripts, frozenset(s.transcripts_off)
        if problems:
            self.tell("; ".join(problems), once="settings:" + "|".join(problems))

    async def on_initialized(self) -> None:
        self.build()
        self._exclude_nested()
        for folder in self.folders:
            folder.start(self)
        await self.pull_configuration()

    async def pull_configuration(self) -> None:
        """The client's provmark section, for the workspace and for each folder (scopeUri:
        a client may set different values per folder)."""
        caps = self.client_capabilities.workspace
        if not (caps and caps.configuration):
            return
        folders = list(self.folders)
        items = [t.ConfigurationItem(section="provmark")]
        items += [t.ConfigurationItem(scope_uri=f.uri, section="provmark") for f in folders if f.uri]
        try:
            result = await asyncio.wait_for(
                self.workspace_configuration_async(t.ConfigurationParams(items=items)), timeout=5
            )
        except Exception as e:  # a client that cannot answer keeps the other sources
            log.warning("workspace/configuration failed: %s", e)
            return
        result = list(result or [])
        self.client_settings = result[0] if result else None
        scoped = iter(result[1:])
        for folder in folders:
            raw = next(scoped, None) if folder.uri else None
            if folder.stopped:
                continue
            folder.store.client = raw if raw is not None else self.client_settings
            self.apply_settings(folder, folder.store.reload())
        for uri in self.uris():
            self.publish(uri)

    def shutdown(self) -> None:
        self.tagging.flush_now()  # unreviewed records still waiting: never lost on the way out
        for folder in self.folders:
            if folder.built:
                folder.disk.stop()
        self._io.shutdown(wait=False, cancel_futures=True)

    # -- documents -------------------------------------------------------------
    def did_open(self, params: t.DidOpenTextDocumentParams) -> None:
        from provmark.sources import sidecar

        td = params.text_document
        folder, rel = self.place(td.uri)
        root = folder.root
        data = None
        if rel is not None and root is not None:
            try:
                data = sidecar.load(root, rel)
            except sidecar.SidecarError as e:
                self.tell(
                    f"{e}. Its records are ignored here and the pipeline excludes the whole file.",
                    once="sidecar:" + rel,
                )
        self.build()
        view = folder.tracker.open(td.uri, td.text, td.version, td.language_id, rel, self.encoding, data)
        if view.skipped:
            self.tell(f"{td.uri} is not tracked: {view.skipped}.", t.MessageType.Info, once="skip:" + td.uri)
        self.publish(td.uri)
        if rel is not None and root is not None and not view.skipped:
            self.loop.create_task(self._against_disk(folder, td.uri, rel, td.version, td.text))

    async def _against_disk(self, folder: Folder, uri: str, rel: str, version: int, text: str) -> None:
        """The opened buffer against its file (off the event loop): what the buffer has
        beyond the disk (edits from before the server started) is judged as an insertion
        of unknown origin; a buffer equal to the disk gets the lines that commits
        declaring an AI tool added (git blame)."""
        from provmark.sources.workspace_index import read_text

        history, root, limit = folder.history, folder.root, folder.tracker.settings.max_file_bytes
        assert root is not None

        def read() -> tuple[str | None, str | None, list[tuple[int, int, str, str]]]:
            path = root / rel
            # Not on disk yet (a new file, never saved): all of it is the buffer's own.
            disk = read_text(path, limit) if path.exists() else ""
            if disk == text:
                return disk, None, history.ai_lines(rel) if history is not None else []
            return disk, history.head_text(rel) if history is not None and disk is not None else None, []

        try:
            disk, committed, runs = await self.run_io(read)
        except Exception:
            log.exception("reading %s and its git history failed", rel)
            return
        now = time.monotonic()
        tracker = self.tracker_of(uri)  # the same, unless the folders changed meanwhile
        if disk is not None and disk != text and tracker.add_unsaved(uri, disk, committed, version, now):
            self._arm_judge(uri, now)
        flagged = tracker.add_history(uri, runs, version) if runs else []
        if flagged:
            # Declaring commits reach the pipeline through git itself: no unreviewed
            # record is written for them, only a tag where auto_tag is on.
            self.tagging.flagged_open(uri, flagged, record=False)
            self.publish(uri)

    def did_change(self, params: t.DidChangeTextDocumentParams) -> None:
        uri = params.text_document.uri
        changes: list[Change] = []
        for c in params.content_changes:
            if isinstance(c, t.TextDocumentContentChangePartial):
                rng = c.range
                changes.append((((rng.start.line, rng.start.character), (rng.end.line, rng.end.character)), c.text))
            else:
                changes.append((None, c.text))
        now = time.monotonic()
        tracker = self.tracker_of(uri)
        try:
            problems = tracker.change(uri, params.text_document.version, changes, now)
        except Exception:  # never let one bad edit take the server down
            log.exception("applying a change to %s failed", uri)
            self.tell(f"lost track of {uri}; close and reopen it", once="lost:" + uri)
            return
        for problem in problems:
            log.warning("%s", problem)
        self._arm_judge(uri, now)
        if tracker.moved(uri):
            self.schedule_publish(uri)

    def _arm_judge(self, uri: str, now: float) -> None:
        delay = self.tracker_of(uri).due(uri, now)
        if delay is not None and uri not in self._judge_timers and uri not in self._judging:
            self._judge_timers[uri] = self.loop.call_later(delay + 0.002, self._judge, uri)

    def _rearm_judge(self, uri: str) -> None:
        timer = self._judge_timers.pop(uri, None)
        if timer is not None:
            timer.cancel()
        self._arm_judge(uri, time.monotonic())

    def _judge(self, uri: str) -> None:
        self._judge_timers.pop(uri, None)
        now = time.monotonic()
        tracker = self.tracker_of(uri)
        delay = tracker.due(uri, now)
        if delay is None:
            return
        if delay > 0:
            self._judge_timers[uri] = self.loop.call_later(delay + 0.002, self._judge, uri)
            return
        try:
            settled = tracker.inquire(uri, now)
        except Exception:
            log.exception("judging an insertion in %s failed", uri)
            return
        if settled.flagged:  # copies of AI text keep its flag: shown at once
            self.tagging.flagged_open(uri, settled.flagged)
            self.publish(uri)
        if settled.inquiries:
            self._judging.add(uri)
            self.loop.create_task(self._conclude(uri, settled.inquiries))

    async def _conclude(self, uri: str, inquiries: list[Inquiry]) -> None:
        """Gather each inquiry's facts on the I/O thread, then conclude on the loop."""
        from provmark.core.facts import Facts
        from provmark.core.judging import analyse

        flagged: list[Region] = []
        try:
            for q in inquiries:
                tracker = self.tracker_of(uri)
                try:
                    analysis, facts = await self.run_io(tracker.work, q)
                except Exception:
                    # Fail towards a flag: the burst is judged with no outside facts.
                    log.exception("judging an insertion in %s failed", uri)
                    analysis, facts = await self.run_io(analyse, q.burst, tracker.memory), Facts()
                flagged += self.tracker_of(uri).conclude(q, analysis, facts)
        finally:
            self._judging.discard(uri)
        if flagged:
            self.tagging.flagged_open(uri, flagged)
            self.publish(uri)
        self._arm_judge(uri, time.monotonic())  # bursts that settled meanwhile

    def did_close(self, params: t.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        self.tagging.follow_text(uri)
        for timers in (self._judge_timers, self._publish_timers):
            h = timers.pop(uri, None)
            if h:
                h.cancel()
        self.tracker_of(uri).close(uri)
        self._published_at.pop(uri, None)
        self.text_document_publish_diagnostics(t.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    def did_paste(self, params: Any) -> None:
        from provmark.lsp.tagging import as_dict

        try:
            p = as_dict(params)
            uri = p["textDocument"]["uri"]
            version = p["textDocument"].get("version")
            r = p["range"]
            start = (int(r["start"]["line"]), int(r["start"]["character"]))
            end = (int(r["end"]["line"]), int(r["end"]["character"]))
            source = p["source"]
        except (KeyError, TypeError, ValueError, AttributeError) as e:
            log.warning("%s with malformed params ignored: %s", DID_PASTE, e)
            return
        tracker = self.tracker_of(uri)
        changed = tracker.paste_hint(uri, version, start, end, source)
        for folder in self.folders:  # a client property: every folder's tracker learns it
            if folder.built:
                folder.tracker.hints_seen = True
        if changed:
            # A hint after the judgement: a flag it raised to the record threshold is
            # recorded now, as it would have been had the hint come first.
            self.tagging.flagged_open(uri, changed)
            self.publish(uri)
        elif tracker.due(uri, time.monotonic()) == 0.0:
            self._rearm_judge(uri)  # the burst waited only for this hint

    # -- diagnostics -----------------------------------------------------------
    def schedule_publish(self, uri: str) -> None:
        """Republish a document whose regions moved: soon after the first change, then at
        most once per publish_delay_ms while changes keep coming (typing never waits)."""
        if uri in self._publish_timers:
            return
        since = time.monotonic() - self._published_at.get(uri, 0.0)
        delay = max(0.0, self.tracker_of(uri).settings.publish_delay_ms / 1000.0 - since)
        if delay == 0.0:
            self.publish(uri)  # at once: an editor showing the old places shows them briefly
            return

        def fire() -> None:
            self._publish_timers.pop(uri, None)
            self.publish(uri)

        self._publish_timers[uri] = self.loop.call_later(delay, fire)

    def publish(self, uri: str) -> None:
        from provmark.lsp.diagnostics import to_diagnostic

        tracker = self.tracker_of(uri)
        view = tracker.view(uri)
        if view is None:
            return
        self._published_at[uri] = time.monotonic()
        diags = [to_diagnostic(p.finding, p.width) for p in tracker.placed(uri)]
        self.text_document_publish_diagnostics(
            t.PublishDiagnosticsParams(uri=uri, diagnostics=diags, version=view.version)
        )

    def publish_closed(self, folder: Folder, rel: str) -> None:
        """Diagnostics for a file that is not open (written on disk, or scanned)."""
        from provmark.lsp.diagnostics import to_diagnostic

        assert folder.root is not None
        diags = [to_diagnostic(p.finding, p.width) for p in folder.tracker.closed_placed(rel)]
        uri = (folder.root / rel).as_uri()
        self.text_document_publish_diagnostics(t.PublishDiagnosticsParams(uri=uri, diagnostics=diags))

    # -- status ----------------------------------------------------------------
    def status(self, params: Any) -> dict[str, Any]:
        """What the server is doing: for status bars, scripts and tests. The totals are
        over every folder (watching: every folder is); `folders` has each one's."""
        self.build()
        folders = [self._folder_status(f) for f in self.folders if f.root is not None]
        out: dict[str, Any] = {
            "version": __version__,
            "root": str(self.root) if self.root else None,
            "indexed": all(f.index.ready for f in self.folders),
            "files": sum(f["files"] for f in folders),
            "watching": bool(folders) and all(f["watching"] for f in folders),
            "polling": any(f["polling"] for f in folders),
            "pending_disk_changes": sum(f["pending_disk_changes"] for f in folders),
            "transcript_writes": sum(f["transcript_writes"] for f in folders),
            "open_documents": len(self.uris()),
            # whether a paste waits for the client's provmark/didPaste hint
            "paste_hints": self.hints_seen(),
            "folders": folders,
        }
        # With {"uri": ...}: the version, line count and sha256 of the text the server
        # holds, so a client (or a test) can check that both sides agree. No text. And
        # the folder the file belongs to.
        uri = params.get("uri") if isinstance(params, dict) else getattr(params, "uri", None)
        if isinstance(uri, str):
            tracker = self.tracker_of(uri)
            view, text = tracker.view(uri), tracker.text(uri)
            found = self.locate(uri)
            out["folder"] = str(found[0].root) if found else None
            if view is not None and text is not None:
                digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
                out["document"] = {"version": view.version, "lines": view.line_count, "sha256": digest}
        return out

    def _folder_status(self, folder: Folder) -> dict[str, Any]:
        w = folder.disk.watcher
        return {
            "uri": folder.uri,
            "name": folder.name,
            "root": str(folder.root),
            "indexed": folder.index.ready,
            "files": len(folder.index.snapshots),
            "watching": bool(w and w.alive()),
            "polling": bool(w and w.polling),
            "pending_disk_changes": folder.disk.pending,
            "transcript_writes": len(folder.transcripts) if folder.transcripts else 0,
            "git": folder.history is not None,
            "open_documents": len(folder.tracker.uris()),
            "nested": list(folder.index.excluded),
            "settings": dataclasses.asdict(folder.tracker.settings),
        }


def create_server() -> ProvmarkServer:
    server = ProvmarkServer()
    _lifecycle(server)
    _workspace(server)
    _commands(server)
    return server


def _lifecycle(server: ProvmarkServer) -> None:
    @server.feature(t.INITIALIZE)
    def initialize(ls: ProvmarkServer, params: t.InitializeParams) -> None:
        ls.on_initialize(params)

    @server.feature(t.INITIALIZED)
    async def initialized(ls: ProvmarkServer, params: t.InitializedParams) -> None:
        await ls.on_initialized()

    @server.feature(t.WORKSPACE_DID_CHANGE_CONFIGURATION)
    async def did_change_configuration(ls: ProvmarkServer, params: t.DidChangeConfigurationParams) -> None:
        settings = params.settings
        if isinstance(settings, dict) and isinstance(settings.get("provmark"), dict):
            ls.client_settings = settings["provmark"]
            for folder in ls.folders:
                folder.store.client = ls.client_settings
                ls.apply_settings(folder, folder.store.reload())
        await ls.pull_configuration()

    @server.feature(t.WORKSPACE_DID_CHANGE_WORKSPACE_FOLDERS)
    def did_change_workspace_folders(ls: ProvmarkServer, params: t.DidChangeWorkspaceFoldersParams) -> None:
        # pygls advertises workspace.workspaceFolders {supported, changeNotifications}.
        added = specs_of(params.event.added)
        removed = [spec.root for spec in specs_of(params.event.removed)]
        ls.change_folders(added, removed)

    @server.feature(t.SHUTDOWN)
    def shutdown(ls: ProvmarkServer, params: Any) -> None:
        ls.shutdown()

    @server.feature(STATUS)
    def status(ls: ProvmarkServer, params: Any) -> dict[str, Any]:
        return ls.status(params)


def _workspace(server: ProvmarkServer) -> None:
    @server.feature(t.TEXT_DOCUMENT_DID_SAVE, t.SaveOptions(include_text=False))
    def did_save(ls: ProvmarkServer, params: t.DidSaveTextDocumentParams) -> None:
        ls.tracker_of(params.text_document.uri).saved(params.text_document.uri)
        ls.tagging.follow_text(params.text_document.uri)

    @server.feature(t.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched_files(ls: ProvmarkServer, params: t.DidChangeWatchedFilesParams) -> None:
        # A client that watches files tells us too; the same queue dedupes with watchdog.
        ls.build()
        by_folder: dict[Folder, set[str]] = {}
        for c in params.changes:
            found = ls.locate(c.uri)
            if found is not None and not found[0].index.ignored(found[1]):
                by_folder.setdefault(found[0], set()).add(found[1])
        for folder, rels in by_folder.items():
            folder.disk.changed(rels, folder.disk.git_activity())

    @server.feature(DID_PASTE)
    def did_paste(ls: ProvmarkServer, params: Any) -> None:
        ls.did_paste(params)

    kinds = [t.CodeActionKind.QuickFix, TAG_ALL_KIND]

    @server.feature(t.TEXT_DOCUMENT_CODE_ACTION, t.CodeActionOptions(code_action_kinds=kinds))
    def code_action(ls: ProvmarkServer, params: t.CodeActionParams) -> list[t.CodeAction]:
        return ls.tagging.code_actions(params)


def _one_argument(ls: ProvmarkServer, args: tuple[Any, ...], usage: str, run: Callable[[Any], T]) -> T:
    """A tagging command's one argument, and a sidecar that cannot be written said plainly."""
    from provmark.sources import sidecar

    if len(args) != 1:
        raise ValueError(usage)
    try:
        return run(args[0])
    except sidecar.SidecarError as e:
        ls.tell(str(e), t.MessageType.Error)
        raise


async def _said(ls: ProvmarkServer, run: Awaitable[T]) -> T:
    """A sidecar that cannot be read or written, said plainly (and answered as an error)."""
    from provmark.sources import sidecar

    try:
        return await run
    except sidecar.SidecarError as e:
        ls.tell(str(e), t.MessageType.Error)
        raise


def _commands(server: ProvmarkServer) -> None:
    @server.command(CMD_TAG)
    async def tag(ls: ProvmarkServer, *args: Any) -> str:
        if len(args) != 1:
            raise ValueError("provmark.tag takes one argument {uri, range, origin, training?}")
        return await _said(ls, ls.tagging.tag(args[0]))

    @server.command(CMD_TAG_ALL)
    async def tag_all(ls: ProvmarkServer, *args: Any) -> list[str]:
        if len(args) != 1:
            raise ValueError("provmark.tagAll takes one argument {uri}")
        return await _said(ls, ls.tagging.tag_all(args[0]))

    @server.command(CMD_LIST)
    async def list_unreviewed(ls: ProvmarkServer, *args: Any) -> dict[str, Any]:
        return await ls.provenance.list_records(args)

    @server.command(CMD_RESOLVE)
    async def resolve_unreviewed(ls: ProvmarkServer, *args: Any) -> dict[str, Any]:
        return await _said(ls, ls.provenance.resolve_records(args))

    @server.command(CMD_SCAN)
    async def scan_workspace(ls: ProvmarkServer, *args: Any) -> dict[str, Any]:
        return await ls.scan.run(args)

    @server.command(CMD_UNTAG)
    def untag(ls: ProvmarkServer, *args: Any) -> bool:
        return _one_argument(ls, args, "provmark.untag takes one argument {uri, id}", ls.tagging.untag)
