"""provmark.scanWorkspace: the workspace scan (provmark.scan) run off the event loop,
with workDoneProgress, its findings turned into diagnostics for every file. A mixin of
ProvmarkServer."""

from __future__ import annotations

import asyncio
import time
import uuid
from typing import Any

from lsprotocol import types as t

from . import scan as scanning
from . import sidecar
from .evidence import Evidence
from .findings import Finding, totals
from .workspace_index import read_text

EMPTY = {**totals([]), "cached": 0}


def _flags(found: list[Finding]) -> list[tuple[int, int, str | None, list[Evidence]]]:
    return [
        (f.start, f.end, f.tool, [Evidence.from_json(e) for e in f.evidence])
        for f in found
        if f.code in ("ai-style", "ai-transcript", "ai-commit")
    ]


class ScanMixin:
    _scan_lock: asyncio.Lock | None = None

    async def scan_workspace(self) -> dict[str, int]:
        """Every source file against all the evidence (sidecars, transcripts, git history,
        the content model); publishes diagnostics for every file and returns the totals.
        One scan at a time; the work runs in worker processes, so typing is never held up."""
        if self.root is None:
            return dict(EMPTY)
        if not self.root.is_dir():
            self.tell(f"the workspace folder {self.root} is gone; nothing to scan", once="root-gone-scan")
            return dict(EMPTY)
        if self._scan_lock is None:
            self._scan_lock = asyncio.Lock()
        async with self._scan_lock:
            return await self._scan()

    async def _scan(self) -> dict[str, int]:
        token = str(uuid.uuid4())  # a fresh token for each progress
        progress = bool(self.client_capabilities.window and self.client_capabilities.window.work_done_progress)
        if progress:
            try:
                await self.work_done_progress.create_async(token)
                self.work_done_progress.begin(
                    token, t.WorkDoneProgressBegin(title="Provmark: scanning", percentage=0, cancellable=False)
                )
            except Exception:
                progress = False
        root = self.root
        settings = self.tracker.settings
        loop = self.loop
        last = [0.0]

        def report(done: int, total: int, _rel: str) -> None:
            # Called in the scanning thread: hop onto the loop, at most ten times a second.
            now = time.monotonic()
            if progress and (now - last[0] > 0.1 or done == total):
                last[0] = now
                pct = int(100 * done / max(1, total))
                msg = f"{done}/{total} files"
                loop.call_soon_threadsafe(
                    self.work_done_progress.report, token, t.WorkDoneProgressReport(message=msg, percentage=pct)
                )

        def run() -> scanning.Report:
            return scanning.scan(
                root,
                warn=settings.warn_threshold,
                report=settings.report_threshold,
                ignore=settings.ignore,
                git=self.history is not None,
                transcripts=self.tracker.transcripts if settings.transcripts else None,
                max_bytes=min(settings.max_file_bytes, scanning.MAX_SCAN_BYTES),
                progress=report,
            )

        try:
            result = await loop.run_in_executor(None, run)
        except Exception as e:  # a scan that fails says so; the server goes on
            if progress:
                self.work_done_progress.end(token, t.WorkDoneProgressEnd(message=f"failed: {e}"))
            self.tell(f"Provmark: the workspace scan failed: {e}")
            return dict(EMPTY)
        counts = await self._publish_scan(result)
        if progress:
            self.work_done_progress.end(
                token,
                t.WorkDoneProgressEnd(
                    message=f"{counts['flagged']} likely AI-written, {counts['unclear']} unclear, "
                    f"{counts['tagged']} tagged, {counts['stale']} stale"
                ),
            )
        return counts

    async def _publish_scan(self, result: scanning.Report) -> dict[str, int]:
        root = self.root
        shown: list[Finding] = []
        for problem in result.problems:
            self.tell(f"{problem}.", once="scan:" + problem)
        history = self.history
        ai_paths = await self.loop.run_in_executor(None, history.ai_paths) if history else set()
        limit = self.tracker.settings.max_file_bytes

        def load(rel: str) -> tuple[str | None, dict[str, Any] | None, list[tuple[int, int, str, str]]]:
            text = read_text(root / rel, limit)
            try:
                car = sidecar.load(root, rel)
            except sidecar.SidecarError:
                car = None  # reported above, among the scan's problems
            runs = history.ai_lines(rel) if history and rel in ai_paths and text is not None else []
            return text, car, runs

        yielded = time.monotonic()
        for file in result.files:
            flags = _flags(file.findings)
            state = self.tracker.open_rel(file.path)
            if state is not None:
                _, _, runs = await self.loop.run_in_executor(None, load, file.path)
                if runs:
                    self.tracker.add_history(state.doc.uri, runs)
                self.tracker.add_scan_flags(state, flags)
                self.publish(state.doc.uri)
                found = self.tracker.findings(state.doc.uri)
            elif file.findings or file.path in self._scan_published or file.path in self.tracker.closed:
                text, car, runs = await self.loop.run_in_executor(None, load, file.path)
                if text is None:
                    continue
                found = self.tracker.scan_file(file.path, text, car, runs, flags)
                self.publish_closed(file.path, (root / file.path).as_uri())
                self._scan_published.add(file.path)
            else:
                found = []
            shown += found
            if time.monotonic() - yielded > 0.01:
                await asyncio.sleep(0)  # let edits and requests in, every 10 ms of this work
                yielded = time.monotonic()
        return {**totals(shown, len(result.files)), "cached": result.cached_files}
