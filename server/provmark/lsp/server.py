"""The language server: thin LSP handlers around the tracker, and the features that
work beside it.

Everything that decides lives in tracker.py and the modules it uses; this module turns
LSP messages into calls and findings into diagnostics, and owns timers and messages.
The features (disk_sync.DiskSync, workspace_scan.WorkspaceScan, tagging.Tagging,
provenance_view.ProvenanceView) own their state and are wired here. All sends happen on the event loop's thread (pygls
writes stdout without a lock); file reads, git and the content model run on one I/O
thread (`run_io`), so that typing never waits for them.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import threading
import time
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import unquote, urlparse

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
from provmark.lsp.protocol import ProvmarkProtocol
from provmark.settings import SettingsStore

SIDECAR_DIR = ".provmark"  # sources.sidecar's, checked by a test

if TYPE_CHECKING:
    from provmark.core.facts import WorkspaceIO
    from provmark.core.regions import Region
    from provmark.core.tracker import Change, Inquiry, Tracker
    from provmark.lsp.disk_sync import DiskSync
    from provmark.lsp.provenance_view import ProvenanceView
    from provmark.lsp.tagging import Tagging
    from provmark.lsp.workspace_scan import WorkspaceScan
    from provmark.sources.gitinfo import GitHistory
    from provmark.sources.transcripts import TranscriptIndex
    from provmark.sources.workspace_index import WorkspaceIndex

log = logging.getLogger("provmark")

T = TypeVar("T")
# Built right after the reply to `initialize` (or at first use): importing the tracker,
# the content model and the features costs as much as pygls itself, and an editor
# waits for that reply (eglot gives up after 3 s).
_PARTS = ("index", "tracker", "disk", "scan", "tagging", "provenance")


def uri_to_path(uri: str) -> Path | None:
    p = urlparse(uri)
    if p.scheme != "file":
        return None
    return Path(unquote(p.path))


class ProvmarkServer(LanguageServer):
    # The parts built by `build` (see _PARTS)
    index: WorkspaceIndex
    tracker: Tracker
    disk: DiskSync
    scan: WorkspaceScan
    tagging: Tagging
    provenance: ProvenanceView

    def __init__(self) -> None:
        super().__init__("provmark", __version__, protocol_cls=ProvmarkProtocol)
        self.root: Path | None = None
        self.store = SettingsStore()
        self.transcripts: TranscriptIndex | None = None
        self.history: GitHistory | None = None
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
        from provmark.core.tracker import Tracker
        from provmark.lsp.disk_sync import DiskSync
        from provmark.lsp.provenance_view import ProvenanceView
        from provmark.lsp.tagging import Tagging
        from provmark.lsp.workspace_scan import WorkspaceScan
        from provmark.sources.workspace_index import WorkspaceIndex

        self.built = True
        self.index = WorkspaceIndex(None)
        self.index.ignore = self.store.current.ignore
        self.tracker = Tracker(self.store.current, self.index)
        self.tracker.hints_seen = self.paste_hints
        self.disk = DiskSync(self)
        self.scan = WorkspaceScan(self)
        self.tagging = Tagging(self)
        self.provenance = ProvenanceView(self)

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

    def workspace_io(self) -> WorkspaceIO:
        from provmark.core.facts import NoIO
        from provmark.lsp.disk_sync import WorkspaceFiles

        if self.root is None:
            return NoIO()
        return WorkspaceFiles(self.root, self.disk.git_activity)

    def rel_of(self, uri: str) -> str | None:
        path = uri_to_path(uri)
        if path is None or self.root is None:
            return None
        try:
            rel = (
                path.resolve().relative_to(self.root).as_posix()
                if path.exists()
                else path.relative_to(self.root).as_posix()
            )
        except ValueError:
            return None
        return rel if not rel.startswith(SIDECAR_DIR + "/") else None

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
        folders = params.workspace_folders or []
        uri = folders[0].uri if folders else params.root_uri
        if uri is None and params.root_path:
            self.root = Path(params.root_path).resolve()
        elif uri is not None:
            path = uri_to_path(uri)
            self.root = path.resolve() if path else None
        self.store.root = self.root
        self.store.init_options = params.initialization_options
        enc = self.protocol.workspace.position_encoding if self.protocol._workspace else None
        encodings: dict[Any, str] = {t.PositionEncodingKind.Utf8: UTF8, t.PositionEncodingKind.Utf32: UTF32}
        self.encoding = encodings.get(enc, UTF16)
        experimental = params.capabilities.experimental
        self.paste_hints = isinstance(experimental, dict) and experimental.get("provmarkPasteHints") is True
        self.apply_settings(self.store.reload())
        # After the reply is written: the heavy parts, before the next message is read.
        self.loop.call_soon(self.build)

    def apply_settings(self, problems: list[str]) -> None:
        s = self.store.current
        if self.built:
            self.tracker.settings = s
            self.index.ignore = s.ignore
        if problems:
            self.tell("; ".join(problems), once="settings:" + "|".join(problems))

    async def on_initialized(self) -> None:
        from provmark.sources.gitinfo import GitHistory
        from provmark.sources.transcripts import TranscriptIndex

        self.index.root = self.root
        self.tracker.root = self.root
        self.transcripts = TranscriptIndex(self.root, enabled=self.store.current.transcripts)
        self.tracker.transcripts = self.transcripts
        self.tracker.io = self.workspace_io()
        if self.root is not None and (self.root / ".git").exists():
            self.history = GitHistory(self.root)
        loop = self.loop
        threading.Thread(target=self._build_index, args=(loop,), name="provmark-index", daemon=True).start()
        await self.pull_configuration()

    def _build_index(self, loop: asyncio.AbstractEventLoop) -> None:
        try:
            n = self.index.build()
            log.info("workspace index: %d files", n)
        except Exception:  # the index is an aid; losing it must not stop the server
            log.exception("building the workspace index failed")
        if self.transcripts is not None:
            try:
                self.transcripts.refresh()  # the logs so far, off the event loop
            except Exception:
                log.exception("reading AI tool transcripts failed")
        # Watch the disk only once every file has a snapshot to compare against.
        loop.call_soon_threadsafe(self.disk.start)

    async def pull_configuration(self) -> None:
        caps = self.client_capabilities.workspace
        if not (caps and caps.configuration):
            return
        try:
            result = await asyncio.wait_for(
                self.workspace_configuration_async(
                    t.ConfigurationParams(items=[t.ConfigurationItem(section="provmark")])
                ),
                timeout=5,
            )
        except Exception as e:  # a client that cannot answer keeps the other sources
            log.warning("workspace/configuration failed: %s", e)
            return
        self.store.client = result[0] if result else None
        self.apply_settings(self.store.reload())
        for uri in self.tracker.uris():
            self.publish(uri)

    def shutdown(self) -> None:
        self.tagging.flush_now()  # unreviewed records still waiting: never lost on the way out
        self.disk.stop()
        self._io.shutdown(wait=False, cancel_futures=True)

    # -- documents -------------------------------------------------------------
    def did_open(self, params: t.DidOpenTextDocumentParams) -> None:
        from provmark.sources import sidecar

        td = params.text_document
        rel = self.rel_of(td.uri)
        data = None
        if rel is not None and self.root is not None:
            try:
                data = sidecar.load(self.root, rel)
            except sidecar.SidecarError as e:
                self.tell(
                    f"{e}. Its records are ignored here and the pipeline excludes the whole file.",
                    once="sidecar:" + rel,
                )
        view = self.tracker.open(td.uri, td.text, td.version, td.language_id, rel, self.encoding, data)
        if view.skipped:
            self.tell(f"{td.uri} is not tracked: {view.skipped}.", t.MessageType.Info, once="skip:" + td.uri)
        self.publish(td.uri)
        if rel is not None and self.root is not None and not view.skipped:
            self.loop.create_task(self._against_disk(td.uri, rel, td.version, td.text))

    async def _against_disk(self, uri: str, rel: str, version: int, text: str) -> None:
        """The opened buffer against its file (off the event loop): what the buffer has
        beyond the disk (edits from before the server started) is judged as an insertion
        of unknown origin; a buffer equal to the disk gets the lines that commits
        declaring an AI tool added (git blame)."""
        from provmark.sources.workspace_index import read_text

        history, root = self.history, self.root
        assert root is not None

        def read() -> tuple[str | None, str | None, list[tuple[int, int, str, str]]]:
            path = root / rel
            # Not on disk yet (a new file, never saved): all of it is the buffer's own.
            disk = read_text(path, self.tracker.settings.max_file_bytes) if path.exists() else ""
            if disk == text:
                return disk, None, history.ai_lines(rel) if history is not None else []
            return disk, history.head_text(rel) if history is not None and disk is not None else None, []

        try:
            disk, committed, runs = await self.run_io(read)
        except Exception:
            log.exception("reading %s and its git history failed", rel)
            return
        now = time.monotonic()
        if disk is not None and disk != text and self.tracker.add_unsaved(uri, disk, committed, version, now):
            self._arm_judge(uri, now)
        flagged = self.tracker.add_history(uri, runs, version) if runs else []
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
        try:
            problems = self.tracker.change(uri, params.text_document.version, changes, now)
        except Exception:  # never let one bad edit take the server down
            log.exception("applying a change to %s failed", uri)
            self.tell(f"lost track of {uri}; close and reopen it", once="lost:" + uri)
            return
        for problem in problems:
            log.warning("%s", problem)
        self._arm_judge(uri, now)
        if self.tracker.moved(uri):
            self.schedule_publish(uri)

    def _arm_judge(self, uri: str, now: float) -> None:
        delay = self.tracker.due(uri, now)
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
        delay = self.tracker.due(uri, now)
        if delay is None:
            return
        if delay > 0:
            self._judge_timers[uri] = self.loop.call_later(delay + 0.002, self._judge, uri)
            return
        try:
            settled = self.tracker.inquire(uri, now)
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
                try:
                    analysis, facts = await self.run_io(self.tracker.work, q)
                except Exception:
                    # Fail towards a flag: the burst is judged with no outside facts.
                    log.exception("judging an insertion in %s failed", uri)
                    analysis, facts = await self.run_io(analyse, q.burst, self.tracker.memory), Facts()
                flagged += self.tracker.conclude(q, analysis, facts)
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
        self.tracker.close(uri)
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
        changed = self.tracker.paste_hint(uri, version, start, end, source)
        if changed:
            # A hint after the judgement: a flag it raised to the record threshold is
            # recorded now, as it would have been had the hint come first.
            self.tagging.flagged_open(uri, changed)
            self.publish(uri)
        elif self.tracker.due(uri, time.monotonic()) == 0.0:
            self._rearm_judge(uri)  # the burst waited only for this hint

    # -- diagnostics -----------------------------------------------------------
    def schedule_publish(self, uri: str) -> None:
        """Republish a document whose regions moved: soon after the first change, then at
        most once per publish_delay_ms while changes keep coming (typing never waits)."""
        if uri in self._publish_timers:
            return
        since = time.monotonic() - self._published_at.get(uri, 0.0)
        delay = max(0.0, self.tracker.settings.publish_delay_ms / 1000.0 - since)
        if delay == 0.0:
            self.publish(uri)  # at once: an editor showing the old places shows them briefly
            return

        def fire() -> None:
            self._publish_timers.pop(uri, None)
            self.publish(uri)

        self._publish_timers[uri] = self.loop.call_later(delay, fire)

    def publish(self, uri: str) -> None:
        from provmark.lsp.diagnostics import to_diagnostic

        view = self.tracker.view(uri)
        if view is None:
            return
        self._published_at[uri] = time.monotonic()
        diags = [to_diagnostic(p.finding, p.width) for p in self.tracker.placed(uri)]
        self.text_document_publish_diagnostics(
            t.PublishDiagnosticsParams(uri=uri, diagnostics=diags, version=view.version)
        )

    def publish_closed(self, rel: str) -> None:
        """Diagnostics for a file that is not open (written on disk, or scanned)."""
        from provmark.lsp.diagnostics import to_diagnostic

        assert self.root is not None
        diags = [to_diagnostic(p.finding, p.width) for p in self.tracker.closed_placed(rel)]
        uri = (self.root / rel).as_uri()
        self.text_document_publish_diagnostics(t.PublishDiagnosticsParams(uri=uri, diagnostics=diags))

    # -- status ----------------------------------------------------------------
    def status(self, params: Any) -> dict[str, Any]:
        """What the server is doing: for status bars, scripts and tests."""
        w = self.disk.watcher
        out: dict[str, Any] = {
            "version": __version__,
            "root": str(self.root) if self.root else None,
            "indexed": self.index.ready,
            "files": len(self.index.snapshots),
            "watching": bool(w and w.alive()),
            "polling": bool(w and w.polling),
            "pending_disk_changes": self.disk.pending,
            "transcript_writes": len(self.transcripts) if self.transcripts else 0,
            "open_documents": len(self.tracker.uris()),
            # whether a paste waits for the client's provmark/didPaste hint
            "paste_hints": self.tracker.hints_seen,
        }
        # With {"uri": ...}: the version, line count and sha256 of the text the server
        # holds, so a client (or a test) can check that both sides agree. No text.
        uri = params.get("uri") if isinstance(params, dict) else getattr(params, "uri", None)
        view = self.tracker.view(uri) if isinstance(uri, str) else None
        text = self.tracker.text(uri) if isinstance(uri, str) else None
        if view is not None and text is not None:
            digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
            out["document"] = {"version": view.version, "lines": view.line_count, "sha256": digest}
        return out


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
            ls.store.client = settings["provmark"]
            ls.apply_settings(ls.store.reload())
        await ls.pull_configuration()

    @server.feature(t.SHUTDOWN)
    def shutdown(ls: ProvmarkServer, params: Any) -> None:
        ls.shutdown()

    @server.feature(STATUS)
    def status(ls: ProvmarkServer, params: Any) -> dict[str, Any]:
        return ls.status(params)


def _workspace(server: ProvmarkServer) -> None:
    @server.feature(t.TEXT_DOCUMENT_DID_SAVE, t.SaveOptions(include_text=False))
    def did_save(ls: ProvmarkServer, params: t.DidSaveTextDocumentParams) -> None:
        ls.tracker.saved(params.text_document.uri)
        ls.tagging.follow_text(params.text_document.uri)

    @server.feature(t.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched_files(ls: ProvmarkServer, params: t.DidChangeWatchedFilesParams) -> None:
        # A client that watches files tells us too; the same queue dedupes with watchdog.
        rels = {rel for c in params.changes if (rel := ls.rel_of(c.uri)) is not None and not ls.index.ignored(rel)}
        if rels:
            ls.disk.changed(rels, ls.disk.git_activity())

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
        return await ls.scan.run()

    @server.command(CMD_UNTAG)
    def untag(ls: ProvmarkServer, *args: Any) -> bool:
        return _one_argument(ls, args, "provmark.untag takes one argument {uri, id}", ls.tagging.untag)
