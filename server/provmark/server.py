"""The language server: thin LSP handlers around the tracker.

Everything that decides lives in tracker.py and the modules it uses; this module turns
LSP messages into calls and findings into diagnostics, and owns timers and messages.
All sends happen on the event loop's thread (pygls writes stdout without a lock).
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import threading
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from urllib.parse import unquote, urlparse

from lsprotocol import types as t
from pygls.exceptions import JsonRpcException, JsonRpcInvalidParams
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.protocol.language_server import lsp_method

from . import __version__, sidecar
from .gitinfo import GitHistory
from .lsp_disk import DiskMixin
from .lsp_scan import ScanMixin
from .settings import SettingsStore
from .textdoc import UTF8, UTF16, UTF32
from .tracker import Finding, Tracker
from .transcripts import TranscriptIndex
from .watcher import DiskWatcher
from .workspace_index import WorkspaceIndex, read_text

log = logging.getLogger("provmark")

DID_PASTE = "provmark/didPaste"
STATUS = "provmark/status"
CMD_TAG, CMD_UNTAG, CMD_SCAN = "provmark.tag", "provmark.untag", "provmark.scanWorkspace"
SOURCE = "provmark"
SEVERITY = {
    "warning": t.DiagnosticSeverity.Warning,
    "information": t.DiagnosticSeverity.Information,
    "hint": t.DiagnosticSeverity.Hint,
}


# handle_message drops messages whose jsonrpc is not "2.0": what a malformed one becomes.
_IGNORED = SimpleNamespace(jsonrpc="malformed")


def uri_to_path(uri: str) -> Path | None:
    p = urlparse(uri)
    if p.scheme != "file":
        return None
    return Path(unquote(p.path))


class ProvmarkProtocol(LanguageServerProtocol):
    """pygls's protocol with the document handlers replaced by ours (pygls's own text
    store is wrong for form feeds and U+2028 and rebuilds the text on every edit), and
    without the Future that pygls keeps forever for each notification it handles."""

    def _execute_handler(self, msg_id, handler, callback, args=None, kwargs=None):  # type: ignore[override]
        super()._execute_handler(msg_id, handler, callback, args, kwargs)
        fut = self._request_futures.get(msg_id)
        if fut is not None:
            # pygls pops request futures when it answers; notifications and its internal
            # generator steps were never popped (about 2 KB per didChange).
            fut.add_done_callback(lambda _f, m=msg_id: self._request_futures.pop(m, None))

    def structure_message(self, data: dict[str, Any]) -> Any:
        """pygls raises on malformed params and never answers such a request; answer it
        with InvalidParams and go on."""
        try:
            return super().structure_message(data)
        except JsonRpcException:
            method = data.get("method") if isinstance(data, dict) else None
            log.warning("malformed %s message ignored", method)
            if isinstance(data, dict) and "id" in data and method is not None:
                err = JsonRpcInvalidParams(f"{method}: invalid params").to_response_error()
                self._send_response(data["id"], error=err)
            return _IGNORED

    @lsp_method(t.TEXT_DOCUMENT_DID_OPEN)
    def lsp_text_document__did_open(self, params: t.DidOpenTextDocumentParams) -> None:
        self._server.did_open(params)  # type: ignore[attr-defined]

    @lsp_method(t.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(self, params: t.DidChangeTextDocumentParams) -> None:
        self._server.did_change(params)  # type: ignore[attr-defined]

    @lsp_method(t.TEXT_DOCUMENT_DID_CLOSE)
    def lsp_text_document__did_close(self, params: t.DidCloseTextDocumentParams) -> None:
        self._server.did_close(params)  # type: ignore[attr-defined]


class ProvmarkServer(DiskMixin, ScanMixin, LanguageServer):
    def __init__(self) -> None:
        super().__init__("provmark", __version__, protocol_cls=ProvmarkProtocol)
        self.root: Path | None = None
        self.store = SettingsStore()
        self.index = WorkspaceIndex(None)
        self.tracker = Tracker(self.store.current, self.index)
        self.encoding = UTF16
        self._judge_timers: dict[str, asyncio.TimerHandle] = {}
        self._publish_timers: dict[str, asyncio.TimerHandle] = {}
        self._published_at: dict[str, float] = {}
        self._scan_published: set[str] = set()  # closed files the scan published diagnostics for
        self.watcher: DiskWatcher | None = None
        self.history: GitHistory | None = None
        self._watch_check: asyncio.TimerHandle | None = None
        self._disk_queue: dict[str, bool] = {}  # relative path -> a git operation was under way
        self._disk_task: asyncio.Task[None] | None = None
        self._rescan_task: asyncio.Task[None] | None = None
        self._rescan_wanted = False
        self._told: set[str] = set()  # messages already shown once

    # -- helpers ---------------------------------------------------------------
    @property
    def loop(self) -> asyncio.AbstractEventLoop:
        return asyncio.get_event_loop()

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
        return rel if not rel.startswith(sidecar.SIDECAR_DIR + "/") else None

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
        self.encoding = {t.PositionEncodingKind.Utf8: UTF8, t.PositionEncodingKind.Utf32: UTF32}.get(enc, UTF16)  # type: ignore[arg-type]
        self.apply_settings(self.store.reload())

    def apply_settings(self, problems: list[str]) -> None:
        s = self.store.current
        self.tracker.settings = s
        self.index.ignore = s.ignore
        if problems:
            self.tell("; ".join(problems), once="settings:" + "|".join(problems))

    async def on_initialized(self) -> None:
        self.index.root = self.root
        self.tracker.root = self.root
        self.tracker.disk_probe = self.disk_probe
        self.tracker.transcripts = TranscriptIndex(self.root, enabled=self.store.current.transcripts)
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
        if self.tracker.transcripts is not None:
            try:
                self.tracker.transcripts.refresh()  # the logs so far, off the event loop
            except Exception:
                log.exception("reading AI tool transcripts failed")
        # Watch the disk only once every file has a snapshot to compare against.
        loop.call_soon_threadsafe(self.start_watching)

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
        raw = result[0] if result else None
        self.store.client = raw if isinstance(raw, dict) or raw is None else raw
        self.apply_settings(self.store.reload())
        for uri in list(self.tracker.docs):
            self.publish(uri)

    # -- documents -------------------------------------------------------------
    def did_open(self, params: t.DidOpenTextDocumentParams) -> None:
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
        state = self.tracker.open(td.uri, td.text, td.version, td.language_id, rel, self.encoding, data)
        if state.skipped:
            self.tell(f"{td.uri} is not tracked: {state.skipped}.", t.MessageType.Info, once="skip:" + td.uri)
        self.publish(td.uri)
        if rel is not None and self.history is not None and not state.skipped:
            self.loop.create_task(self._history_for(td.uri, rel, td.version, td.text))

    async def _history_for(self, uri: str, rel: str, version: int, text: str) -> None:
        """Lines that commits declaring an AI tool added (git blame, off the event loop)."""
        assert self.history is not None and self.root is not None
        path = self.root / rel

        def blame() -> list[tuple[int, int, str, str]]:
            disk = read_text(path, self.tracker.settings.max_file_bytes)
            return self.history.ai_lines(rel) if disk == text else []  # type: ignore[union-attr]

        try:
            runs = await self.loop.run_in_executor(None, blame)
        except Exception:
            log.exception("reading git history of %s failed", rel)
            return
        state = self.tracker.docs.get(uri)
        if runs and state is not None and state.doc.version == version:
            flagged = self.tracker.add_history(uri, runs)
            if flagged:
                self.auto_tag_open(uri, flagged)
                self.publish(uri)

    def did_change(self, params: t.DidChangeTextDocumentParams) -> None:
        uri = params.text_document.uri
        changes: list[tuple[Any, str]] = []
        for c in params.content_changes:
            rng = getattr(c, "range", None)
            if rng is None:
                changes.append((None, c.text))
            else:
                changes.append(((rng.start.line, rng.start.character), (rng.end.line, rng.end.character)))
                changes[-1] = (changes[-1], c.text)
        now = time.monotonic()
        try:
            problems = self.tracker.change(uri, params.text_document.version, changes, now)
        except Exception:  # never let one bad edit take the server down
            log.exception("applying a change to %s failed", uri)
            self.tell(f"lost track of {uri}; close and reopen it", once="lost:" + uri)
            return
        for problem in problems:
            log.warning("%s", problem)
        delay = self.tracker.due(uri, now)
        if delay is not None and uri not in self._judge_timers:
            self._judge_timers[uri] = self.loop.call_later(delay + 0.002, self._judge, uri)
        state = self.tracker.docs.get(uri)
        if state is not None and state.moved:
            self.schedule_publish(uri)

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
            flagged = self.tracker.judge(uri, now)
        except Exception:
            log.exception("judging an insertion in %s failed", uri)
            return
        if flagged:
            self.auto_tag_open(uri, flagged)
            self.publish(uri)

    def did_close(self, params: t.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        for timers in (self._judge_timers, self._publish_timers):
            h = timers.pop(uri, None)
            if h:
                h.cancel()
        self.tracker.close(uri)
        self._published_at.pop(uri, None)
        self.text_document_publish_diagnostics(t.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    def did_save(self, params: t.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        state = self.tracker.docs.get(uri)
        if state is not None and state.rel is not None and not state.skipped:
            self.index.add(state.rel, state.doc.lines())

    def did_paste(self, params: Any) -> None:
        try:
            p = _as_dict(params)
            uri = p["textDocument"]["uri"]
            version = p["textDocument"].get("version")
            r = p["range"]
            start = (int(r["start"]["line"]), int(r["start"]["character"]))
            end = (int(r["end"]["line"]), int(r["end"]["character"]))
            source = p["source"]
        except (KeyError, TypeError, ValueError, AttributeError) as e:
            log.warning("%s with malformed params ignored: %s", DID_PASTE, e)
            return
        if self.tracker.paste_hint(uri, version, start, end, source):
            self.publish(uri)

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
        state = self.tracker.docs.get(uri)
        if state is None:
            return
        self._published_at[uri] = time.monotonic()
        state.moved = False
        diags = [self.to_diagnostic(uri, f) for f in self.tracker.findings(uri)]
        self.text_document_publish_diagnostics(
            t.PublishDiagnosticsParams(uri=uri, diagnostics=diags, version=state.doc.version)
        )

    def to_diagnostic(self, uri: str, f: Finding) -> t.Diagnostic:
        doc = self.tracker.docs[uri].doc
        end = min(f.end, doc.line_count - 1)
        return self._diagnostic(f, min(f.start, end), end, doc.line_length(end))

    def _diagnostic(self, f: Finding, start: int, end: int, width: int) -> t.Diagnostic:
        data: dict[str, Any] = {
            "score": f.score,
            "tool": f.tool,
            "insertion": f.insertion,
            "lines": [start + 1, end + 1],
            "evidence": f.evidence,
        }
        if f.record_id:
            data["record"] = f.record_id
        if f.model:
            data["model"] = f.model
        if f.session:
            data["session"] = f.session
        if f.tagged:
            data["tagged"] = f.tagged
        return t.Diagnostic(
            range=t.Range(t.Position(start, 0), t.Position(end, width)),
            message=f.message,
            severity=SEVERITY[f.severity],
            source=SOURCE,
            code=f.code,
            data=data,
        )

    # -- code actions and commands ---------------------------------------------
    def code_actions(self, params: t.CodeActionParams) -> list[t.CodeAction]:
        uri = params.text_document.uri
        actions: list[t.CodeAction] = []
        for d in params.context.diagnostics:
            if d.source != SOURCE:
                continue
            data = _as_dict(d.data) if d.data is not None else {}
            rng = {
                "start": {"line": d.range.start.line, "character": d.range.start.character},
                "end": {"line": d.range.end.line, "character": d.range.end.character},
            }
            if d.code in ("ai-tagged", "human-tagged", "stale-record") and data.get("record"):
                arg = {"uri": uri, "id": data["record"]}
                title = "Remove this Provmark tag" if d.code != "stale-record" else "Remove this stale Provmark record"
                actions.append(
                    t.CodeAction(
                        title=title,
                        kind=t.CodeActionKind.QuickFix,
                        diagnostics=[d],
                        command=t.Command(title=title, command=CMD_UNTAG, arguments=[arg]),
                    )
                )
                continue
            if d.severity not in (t.DiagnosticSeverity.Warning, t.DiagnosticSeverity.Information):
                continue
            tool = data.get("tool")
            ai_title = "Tag as AI-generated" + (f" ({tool})" if tool else "")
            ai_arg = {
                "uri": uri,
                "range": rng,
                "origin": {"kind": "ai", "tool": tool},
                "training": "exclude",
                "insertion": data.get("insertion"),
            }
            me_arg = {
                "uri": uri,
                "range": rng,
                "origin": {"kind": "human"},
                "training": "include",
                "insertion": data.get("insertion"),
            }
            actions.append(
                t.CodeAction(
                    title=ai_title,
                    kind=t.CodeActionKind.QuickFix,
                    diagnostics=[d],
                    is_preferred=True,
                    command=t.Command(title=ai_title, command=CMD_TAG, arguments=[ai_arg]),
                )
            )
            actions.append(
                t.CodeAction(
                    title="Tag as written by me",
                    kind=t.CodeActionKind.QuickFix,
                    diagnostics=[d],
                    command=t.Command(title="Tag as written by me", command=CMD_TAG, arguments=[me_arg]),
                )
            )
        return actions

    def tag(self, arg: Any) -> str:
        """provmark.tag: write a sidecar record for the given range; returns its id."""
        a = _as_dict(arg)
        uri = a.get("uri")
        state = self.tracker.docs.get(uri) if isinstance(uri, str) else None
        if state is None:
            raise ValueError(f"provmark.tag: {uri!r} is not an open document")
        if state.rel is None or self.root is None:
            raise ValueError(f"provmark.tag: {uri} is outside the workspace; it can have no sidecar")
        try:
            r = a["range"]
            start, end = int(r["start"]["line"]), int(r["end"]["line"])
            if int(r["end"]["character"]) == 0 and end > start:
                end -= 1
        except (KeyError, TypeError, ValueError) as e:
            raise ValueError(f"provmark.tag: a range {{start: {{line, character}}, end: ...}} is needed ({e})") from e
        last = state.doc.line_count - 1
        if not (0 <= start <= end) or start > last:
            raise ValueError(f"provmark.tag: lines {start}-{end} are outside the document ({last + 1} lines)")
        end = min(end, last)
        origin = _as_dict(a.get("origin") or {"kind": "ai"})
        kind = origin.get("kind", "ai")
        training = a.get("training") or ("include" if kind == "human" else "exclude")
        tool = origin.get("tool")
        if kind == "ai" and tool and tool in self.tracker.settings.first_party_tools and not a.get("training"):
            training = "include"
        region = self.tracker.region_at(uri, a.get("insertion"), start, end)
        evidence = [e for e in (region.evidence if region else [])]
        record = sidecar.make_record(
            state.doc.lines(start, end + 1),
            start + 1,
            origin,
            training,
            [e.to_json() for e in evidence],
            tagged_by="user",
        )
        sidecar.update(self.root, state.rel, add=[record])
        self.tracker.tagged(uri, start, end, record)
        self.publish(uri)
        return record["id"]

    def untag(self, arg: Any) -> bool:
        a = _as_dict(arg)
        uri, rid = a.get("uri"), a.get("id")
        if not isinstance(uri, str) or not isinstance(rid, str):
            raise ValueError("provmark.untag: {uri, id} is needed")
        rel = self.rel_of(uri)
        if rel is None or self.root is None:
            raise ValueError(f"provmark.untag: {uri} is outside the workspace")
        sidecar.update(self.root, rel, remove={rid})
        found = self.tracker.untagged(uri, rid)
        self.publish(uri)
        return found


def _as_dict(obj: Any) -> dict[str, Any]:
    """Parameters of custom messages arrive as dicts or as pygls's attribute objects."""
    if isinstance(obj, dict):
        return obj
    if hasattr(obj, "_asdict"):
        return {k: _as_dict(v) if hasattr(v, "_asdict") else v for k, v in obj._asdict().items()}
    if hasattr(obj, "__dict__"):
        return {
            k: _as_dict(v) if hasattr(v, "__dict__") and not isinstance(v, (str, int, float)) else v
            for k, v in vars(obj).items()
        }
    raise TypeError(f"expected an object, got {type(obj).__name__}")


def create_server() -> ProvmarkServer:
    server = ProvmarkServer()

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

    @server.feature(t.TEXT_DOCUMENT_DID_SAVE, t.SaveOptions(include_text=False))
    def did_save(ls: ProvmarkServer, params: t.DidSaveTextDocumentParams) -> None:
        ls.did_save(params)

    @server.feature(t.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched_files(ls: ProvmarkServer, params: t.DidChangeWatchedFilesParams) -> None:
        # A client that watches files tells us too; the same queue dedupes with watchdog.
        rels = {rel for c in params.changes if (rel := ls.rel_of(c.uri)) is not None and not ls.index.ignored(rel)}
        if rels:
            ls.disk_changed(rels, ls.watcher.git_activity if ls.watcher else None)

    @server.feature(STATUS)
    def status(ls: ProvmarkServer, params: Any) -> dict[str, Any]:
        """What the server is doing: for status bars, scripts and tests."""
        w = ls.watcher
        return {
            "version": __version__,
            "root": str(ls.root) if ls.root else None,
            "indexed": ls.index.ready,
            "files": len(ls.index.snapshots),
            "watching": bool(w and w.alive()),
            "polling": bool(w and w.polling),
            "pending_disk_changes": len(ls._disk_queue),
            "transcript_writes": len(ls.tracker.transcripts) if ls.tracker.transcripts else 0,
            "open_documents": len(ls.tracker.docs),
            **_document_status(ls, params),
        }

    def _document_status(ls: ProvmarkServer, params: Any) -> dict[str, Any]:
        # With {"uri": ...}: the version, line count and sha256 of the text the server
        # holds, so a client (or a test) can check that both sides agree. No text.
        uri = params.get("uri") if isinstance(params, dict) else getattr(params, "uri", None)
        state = ls.tracker.docs.get(uri) if isinstance(uri, str) else None
        if state is None:
            return {}
        text = state.doc.text
        digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
        return {"document": {"version": state.doc.version, "lines": state.doc.line_count, "sha256": digest}}

    @server.feature(t.SHUTDOWN)
    def shutdown(ls: ProvmarkServer, params: Any) -> None:
        if ls.watcher is not None:
            ls.watcher.stop()
            ls.watcher = None

    @server.feature(DID_PASTE)
    def did_paste(ls: ProvmarkServer, params: Any) -> None:
        ls.did_paste(params)

    @server.feature(t.TEXT_DOCUMENT_CODE_ACTION, t.CodeActionOptions(code_action_kinds=[t.CodeActionKind.QuickFix]))
    def code_action(ls: ProvmarkServer, params: t.CodeActionParams) -> list[t.CodeAction]:
        return ls.code_actions(params)

    @server.command(CMD_TAG)
    def tag(ls: ProvmarkServer, *args: Any) -> str:
        if len(args) != 1:
            raise ValueError("provmark.tag takes one argument {uri, range, origin, training?}")
        try:
            return ls.tag(args[0])
        except sidecar.SidecarError as e:
            ls.tell(str(e), t.MessageType.Error)
            raise

    @server.command(CMD_SCAN)
    async def scan_workspace(ls: ProvmarkServer, *args: Any) -> dict[str, int]:
        return await ls.scan_workspace()

    @server.command(CMD_UNTAG)
    def untag(ls: ProvmarkServer, *args: Any) -> bool:
        if len(args) != 1:
            raise ValueError("provmark.untag takes one argument {uri, id}")
        try:
            return ls.untag(args[0])
        except sidecar.SidecarError as e:
            ls.tell(str(e), t.MessageType.Error)
            raise

    return server
