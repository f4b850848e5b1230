"""provmark.scanWorkspace: the workspace scan (scan.py) run off the event loop with
workDoneProgress, its findings shown as diagnostics for every file. A feature of the
language server: it owns the scan's lock and the files it published diagnostics for.
With several workspace folders it scans each (with its own settings, leaving the
folders nested in it to themselves), or the one it is given.

The scan's findings are shown as the scan judged them (the same evidence, so the same
score, severity and code as `provmark scan`); in an open document they join what the
editor already knows, where nothing else covers their lines."""

from __future__ import annotations

import asyncio
import time
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lsprotocol import types as t

from provmark.batch import scan as scanning
from provmark.core.at_rest import ScanFlag
from provmark.core.evidence import Evidence
from provmark.core.findings import Finding, Totals, totals
from provmark.core.records import SidecarData
from provmark.sources import sidecar
from provmark.sources.workspace_index import read_text

if TYPE_CHECKING:
    from provmark.lsp.folders import Folder
    from provmark.lsp.server import ProvmarkServer

SCAN_FLAG_CODES = ("ai-style", "ai-transcript", "ai-commit")


def scan_flags(found: list[Finding]) -> list[ScanFlag]:
    return [
        (f.start, f.end, f.tool, [Evidence.from_json(e) for e in f.evidence])
        for f in found
        if f.code in SCAN_FLAG_CODES
    ]


SCAN_USAGE = (
    "provmark.scanWorkspace takes no argument (every workspace folder), "
    'or one: a folder\'s URI or name, or {"folder": ...}'
)


class WorkspaceScan:
    def __init__(self, server: ProvmarkServer):
        self.server = server
        self._lock = asyncio.Lock()
        # Closed files the scan published diagnostics for, per workspace folder.
        self._published: dict[Path, set[str]] = {}

    def forget(self, roots: list[Path]) -> None:
        """Folders that left the workspace."""
        for root in roots:
            self._published.pop(root, None)

    async def run(self, args: tuple[Any, ...] = ()) -> dict[str, Any]:
        """Every source file of every workspace folder (or of the one named) against all
        the evidence (sidecars, transcripts, git history, the content model); publishes
        diagnostics for every file and returns the totals (with several folders, also
        each folder's). One scan at a time; the work runs in worker processes, so typing
        is never held up."""
        folders = self._folders(args)
        empty: dict[str, Any] = {**totals([]), "cached": 0}
        out = dict(empty)
        each = []
        async with self._lock:
            for folder in folders:
                root = folder.root
                if root is None:
                    continue
                if not root.is_dir():
                    gone = f"the workspace folder {root} is gone; nothing to scan"
                    self.server.tell(gone, once=f"root-gone-scan:{root}")
                    counts = dict(empty)
                else:
                    counts = await self._scan(folder, empty, titled=len(folders) > 1)
                for key in empty:
                    out[key] += counts[key]
                each.append({"uri": folder.uri, "name": folder.name, "root": str(root), **counts})
        if len(each) > 1 or (each and len(self.server.folders) > 1):
            out["folders"] = each
        return out

    def _folders(self, args: tuple[Any, ...]) -> list[Folder]:
        server = self.server
        if not args or (len(args) == 1 and args[0] is None):
            return [f for f in server.folders if f.root is not None]
        arg = args[0]
        key = arg.get("folder") if isinstance(arg, dict) else arg
        if len(args) != 1 or not isinstance(key, str):
            raise ValueError(SCAN_USAGE)
        folder = server.folder_named(key)
        if folder is None or folder.root is None:
            raise ValueError(f"provmark.scanWorkspace: {key!r} is not a workspace folder")
        return [folder]

    async def _begin(self, token: str, title: str) -> bool:
        server = self.server
        caps = server.client_capabilities.window
        if not (caps and caps.work_done_progress):
            return False
        try:
            await server.work_done_progress.create_async(token)
            server.work_done_progress.begin(
                token, t.WorkDoneProgressBegin(title=title, percentage=0, cancellable=False)
            )
        except Exception:
            return False
        return True

    async def _scan(self, folder: Folder, empty: dict[str, Any], titled: bool) -> dict[str, Any]:
        server = self.server
        token = str(uuid.uuid4())  # a fresh token for each progress
        title = f"Provmark: scanning {folder.name}" if titled else "Provmark: scanning"
        progress = await self._begin(token, title)
        root = folder.root
        assert root is not None
        settings = folder.tracker.settings
        # The folders nested in this one scan their own files.
        ignore = settings.ignore + folder.ignored_globs()
        history, transcripts = folder.history, folder.transcripts
        loop = server.loop
        last = [0.0]

        def report(done: int, total: int, _rel: str) -> None:
            # Called in the scanning thread: hop onto the loop, at most ten times a second.
            now = time.monotonic()
            if progress and (now - last[0] > 0.1 or done == total):
                last[0] = now
                pct = int(100 * done / max(1, total))
                loop.call_soon_threadsafe(
                    server.work_done_progress.report,
                    token,
                    t.WorkDoneProgressReport(message=f"{done}/{total} files", percentage=pct),
                )

        def run() -> scanning.Report:
            return scanning.scan(
                root,
                warn=settings.warn_threshold,
                report=settings.report_threshold,
                ignore=ignore,
                git=history is not None,
                transcripts=transcripts if settings.transcripts else None,
                max_bytes=min(settings.max_file_bytes, scanning.MAX_SCAN_BYTES),
                progress=report,
            )

        try:
            result = await loop.run_in_executor(None, run)
        except Exception as e:  # a scan that fails says so; the server goes on
            if progress:
                server.work_done_progress.end(token, t.WorkDoneProgressEnd(message=f"failed: {e}"))
            server.tell(f"the workspace scan failed: {e}")
            return dict(empty)
        counts = await self._publish(folder, result)
        if progress:
            server.work_done_progress.end(
                token,
                t.WorkDoneProgressEnd(
                    message=f"{counts['flagged']} likely AI-written, {counts['unclear']} unclear, "
                    f"{counts['tagged']} tagged, {counts['stale']} stale"
                ),
            )
        return {**counts, "cached": result.cached_files}

    async def _publish(self, folder: Folder, result: scanning.Report) -> Totals:
        server = self.server
        root, tracker = folder.root, folder.tracker
        assert root is not None
        published = self._published.setdefault(root, set())
        for problem in result.problems:
            server.tell(f"{problem}.", once="scan:" + problem)
        limit = tracker.settings.max_file_bytes

        def load(rel: str) -> tuple[str | None, SidecarData | None]:
            try:
                car = sidecar.load(root, rel)
            except sidecar.SidecarError:
                car = None  # reported above, among the scan's problems
            return read_text(root / rel, limit), car

        shown: list[Finding] = []
        yielded = time.monotonic()
        for file in result.files:
            flags = scan_flags(file.findings)
            if folder.stopped:
                break  # the folder left the workspace meanwhile
            uri = tracker.uri_of(file.path)
            if uri is not None:
                tracker.add_scan_flags(uri, flags)
                server.publish(uri)
                shown += tracker.findings(uri)
            elif file.findings or file.path in published or tracker.has_closed(file.path):
                text, car = await server.loop.run_in_executor(None, load, file.path)
                if text is None:
                    continue
                shown += tracker.scan_file(file.path, text, car, flags)
                server.publish_closed(folder, file.path)
                published.add(file.path)
            if time.monotonic() - yielded > 0.01:
                await asyncio.sleep(0)  # let edits and requests in, every 10 ms of this work
                yielded = time.monotonic()
        return totals(shown, len(result.files))
