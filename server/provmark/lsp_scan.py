"""provmark.scanWorkspace: every workspace file against the evidence there is. A mixin
of ProvmarkServer."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

from lsprotocol import types as t

from . import sidecar
from .workspace_index import read_text


class ScanMixin:
    async def scan_workspace(self) -> dict[str, int]:
        """provmark.scanWorkspace: every workspace file against the evidence there is
        (sidecars, git history, earlier flags); publishes diagnostics for each file with
        any and returns the totals. The style model comes with a later release."""
        if self.root is None:
            return {"files": 0, "ai_lines": 0, "flagged": 0, "tagged": 0, "stale": 0}
        token = str(uuid.uuid4())  # a fresh token for each progress
        progress = bool(self.client_capabilities.window and self.client_capabilities.window.work_done_progress)
        if progress:
            try:
                await self.work_done_progress.create_async(token)
                self.work_done_progress.begin(token, t.WorkDoneProgressBegin(title="Provmark: scanning", percentage=0))
            except Exception:
                progress = False
        root = self.root
        history = self.history
        files = await self.loop.run_in_executor(None, lambda: [rel for rel, _ in self.index.walk()])
        ai_paths = await self.loop.run_in_executor(None, history.ai_paths) if history else set()
        totals = {"files": 0, "ai_lines": 0, "flagged": 0, "tagged": 0, "stale": 0}
        limit = self.tracker.settings.max_file_bytes

        def load(rel: str) -> tuple[str | None, dict[str, Any] | None, list[tuple[int, int, str, str]], str | None]:
            text = read_text(root / rel, limit)
            problem = None
            try:
                car = sidecar.load(root, rel)
            except sidecar.SidecarError as e:
                car, problem = None, str(e)
            runs = history.ai_lines(rel) if history and rel in ai_paths and text is not None else []
            return text, car, runs, problem

        for n, rel in enumerate(files):
            text, car, runs, problem = await self.loop.run_in_executor(None, load, rel)
            if text is None:
                continue
            totals["files"] += 1
            if problem:
                totals["stale"] += 1
                self.tell(f"{problem}. The pipeline excludes the whole file.", once="sidecar:" + rel)
            state = self.tracker.open_rel(rel)
            if state is not None:
                if runs:
                    self.tracker.add_history(state.doc.uri, runs)
                self.publish(state.doc.uri)
                found = self.tracker.findings(state.doc.uri)
            else:
                found = self.tracker.scan_file(rel, text, car, runs)
                if found or rel in self._scan_published:
                    self.publish_closed(rel, (root / rel).as_uri())
                    self._scan_published.add(rel)
            for f in found:
                if f.severity == "warning":
                    totals["flagged"] += 1
                    totals["ai_lines"] += f.end - f.start + 1
                elif f.code == "ai-tagged":
                    totals["tagged"] += 1
                    totals["ai_lines"] += f.end - f.start + 1
                elif f.code == "human-tagged":
                    totals["tagged"] += 1
                elif f.code == "stale-record":
                    totals["stale"] += 1
            if progress and n % 200 == 0:
                pct = int(100 * n / max(1, len(files)))
                self.work_done_progress.report(
                    token, t.WorkDoneProgressReport(message=f"{n}/{len(files)} files", percentage=pct)
                )
            if n % 50 == 0:
                await asyncio.sleep(0)
        if progress:
            self.work_done_progress.end(
                token,
                t.WorkDoneProgressEnd(
                    message=f"{totals['flagged']} flagged, {totals['tagged']} tagged, {totals['stale']} stale"
                ),
            )
        return totals
