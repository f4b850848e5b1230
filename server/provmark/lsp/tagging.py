"""Tagging: the quick fixes offered on Provmark's diagnostics, the provmark.tag and
provmark.untag commands, automatic tags for flags that proof backs, and unreviewed
records for every other flag, so the training pipeline sees what the editor saw even
when nobody clicks. A feature of the language server: it writes sidecars (on the I/O
thread); the tracker only learns of the records. Every tag of an open document, from a
quick fix, a command or the Provenance view, goes through `decide`; every change to the
unreviewed records is announced to the client (provmark/unreviewedChanged)."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lsprotocol import types as t

from provmark.core.evidence import PROOF_SIGNALS
from provmark.core.records import Record
from provmark.core.regions import FLAG, Region
from provmark.core.relocate import hashes_of, locate
from provmark.core.textdoc import body_of
from provmark.lsp.commands import CMD_TAG, CMD_TAG_ALL, CMD_UNTAG, TAG_ALL_KIND, UNREVIEWED_CHANGED
from provmark.lsp.diagnostics import SOURCE, to_diagnostic
from provmark.pipeline.review import training_of
from provmark.sources import sidecar

if TYPE_CHECKING:
    from provmark.lsp.folders import Folder
    from provmark.lsp.server import ProvmarkServer

_TAG_CODES = ("ai-tagged", "human-tagged", "stale-record")


def as_dict(obj: Any) -> dict[str, Any]:
    """Parameters of custom messages arrive as dicts or as pygls's attribute objects."""
    if isinstance(obj, dict):
        return obj
    if hasattr(obj, "_asdict"):
        return {k: as_dict(v) if hasattr(v, "_asdict") else v for k, v in obj._asdict().items()}
    if hasattr(obj, "__dict__"):
        return {
            k: as_dict(v) if hasattr(v, "__dict__") and not isinstance(v, (str, int, float)) else v
            for k, v in vars(obj).items()
        }
    raise TypeError(f"expected an object, got {type(obj).__name__}")


WRITE_DELAY_S = 0.2  # flags this close together go into one sidecar write


@dataclass(frozen=True)
class Decision:
    """A tag to write: the record for lines start..end (0-based) of an open document as
    it was at `version`, and the unreviewed record it decides, if any."""

    uri: str
    root: Path  # the workspace folder whose sidecar holds the record
    rel: str
    version: int
    start: int
    end: int
    record: Record
    review: str | None


@dataclass
class _Unreviewed:
    """A flag waiting to be written as an unreviewed record."""

    id: str
    lines: list[str]  # the flag's lines when it was raised (endings may be included)
    start: int  # 1-based
    origin: dict[str, Any]
    evidence: list[dict[str, Any]]
    score: float
    region: Region


class Tagging:
    def __init__(self, server: ProvmarkServer):
        self.server = server
        # Flags waiting to be written, by (workspace folder, path in it).
        self._pending: dict[tuple[Path, str], list[_Unreviewed]] = {}
        self._flushing: set[tuple[Path, str]] = set()

    # -- code actions ------------------------------------------------------------------
    def code_actions(self, params: t.CodeActionParams) -> list[t.CodeAction]:
        """The tagging actions for every finding the server holds that overlaps the range
        (or the cursor's line), whatever the client sent in context.diagnostics: some
        clients send none, only those starting on the cursor's line, or copies stripped
        of source and severity. Plus one source action for the whole file."""
        uri = params.text_document.uri
        first, last = params.range.start.line, params.range.end.line
        if params.range.end.character == 0 and last > first:
            last -= 1  # a selection ending at column 0 of a line does not take that line
        held = self.server.tracker_of(uri).placed(uri, publishing=False)
        # The client's own copy of a diagnostic (its range and message) goes back in the
        # action when it has one, so that the client links the two.
        theirs = {
            (d.range.start.line, d.range.end.line, d.code): d
            for d in params.context.diagnostics
            if d.source in (SOURCE, None)
        }
        actions: list[t.CodeAction] = []
        for p in held:
            f = p.finding
            if f.end < first or f.start > last:
                continue
            d = theirs.get((f.start, f.end, f.code)) or to_diagnostic(f, p.width)
            if f.code in _TAG_CODES and f.record_id:
                actions.append(_untag_action(uri, d, f.record_id))
            elif f.severity in ("warning", "information"):
                actions += _tag_actions(uri, d, f.tool, f.insertion)
        warnings = sum(p.finding.severity == "warning" for p in held)
        if warnings:
            actions.append(_tag_all_action(uri, warnings))
        return _only(actions, params.context.only)

    async def tag_all(self, arg: Any) -> list[str]:
        """provmark.tagAll: tag every Warning of an open document as AI-generated (the
        source action); returns the records' ids."""
        a = as_dict(arg)
        uri = a.get("uri")
        tracker = self.server.tracker_of(uri) if isinstance(uri, str) else None
        if not isinstance(uri, str) or tracker is None or tracker.view(uri) is None:
            raise ValueError(f"provmark.tagAll: {uri!r} is not an open document")
        found = [p.finding for p in tracker.placed(uri, publishing=False)]
        ids = []
        for f in (f for f in found if f.severity == "warning"):
            rng = {"start": {"line": f.start, "character": 0}, "end": {"line": f.end, "character": 1}}
            origin = {"kind": "ai", "tool": f.tool}
            arg = {"uri": uri, "range": rng, "origin": origin, "training": "exclude", "insertion": f.insertion}
            ids.append(await self.decide(self.prepare(arg)))
        return ids

    # -- commands -------------------------------------------------------------------
    async def tag(self, arg: Any) -> str:
        """provmark.tag: write a sidecar record for the given range; returns its id."""
        return await self.decide(self.prepare(arg))

    def prepare(self, arg: Any) -> Decision:
        """The record provmark.tag's argument asks for, from the document as it is now."""
        server = self.server
        a = as_dict(arg)
        uri = a.get("uri")
        folder = server.folder_of(uri) if isinstance(uri, str) else None
        view = folder.tracker.view(uri) if folder is not None and isinstance(uri, str) else None
        if view is None or folder is None or not isinstance(uri, str):
            raise ValueError(f"provmark.tag: {uri!r} is not an open document")
        tracker = folder.tracker
        if view.rel is None or folder.root is None:
            raise ValueError(f"provmark.tag: {uri} is outside the workspace; it can have no sidecar")
        start, end = _lines_of(a.get("range"))
        last = view.line_count - 1
        if not (0 <= start <= end) or start > last:
            raise ValueError(f"provmark.tag: lines {start}-{end} are outside the document ({last + 1} lines)")
        end = min(end, last)
        origin = as_dict(a.get("origin") or {"kind": "ai"})
        kind = origin.get("kind", "ai")
        training = a.get("training") or training_of(kind, origin.get("tool"), tracker.settings.first_party_tools)
        asked = a.get("record") if isinstance(a.get("record"), str) else None
        region = tracker.region_at(uri, a.get("insertion"), start, end, asked)
        evidence = [dict(e.to_json()) for e in (region.evidence if region else [])]
        record = sidecar.make_record(tracker.lines(uri, start, end + 1), start + 1, origin, training, evidence)
        # A flag with an unreviewed record: the decision takes the record's place.
        review = asked or (region.review if region else None)
        if review is not None:
            record = sidecar.reviewed(record, review)
        return Decision(uri, folder.root, view.rel, view.version, start, end, record, review)

    async def decide(self, d: Decision) -> str:
        """Write a tag (the quick fixes', the tag commands' and the Provenance view's) on
        the I/O thread, then show it in the document; returns the record's id."""
        server = self.server
        remove: frozenset[str] = frozenset({d.review} if d.review else ())
        await server.run_io(functools.partial(sidecar.update, d.root, d.rel, add=[d.record], remove=remove))
        self._show(d)
        return d.record["id"]

    def _show(self, d: Decision) -> None:
        server = self.server
        folder = server.folder_of(d.uri)
        tracker = folder.tracker
        view = tracker.view(d.uri)
        if view is None or folder.root != d.root or view.rel != d.rel:
            return  # closed (or in another folder) meanwhile: its sidecar has the record
        start, end = d.start, d.end
        if view.version != d.version:
            # Edited while the record was written: its lines are found again.
            found = locate(d.record, hashes_of(tracker.lines(d.uri)))
            start, end = (found.start, found.end) if found else (-1, -1)
        if start >= 0:
            tracker.tagged(d.uri, start, end, d.record)
        if d.review is not None:
            # What is left of the flag outside the tagged lines keeps a record of its own.
            left = tracker.flags_recorded_as(d.uri, d.review, reset=True)
            self.record_unreviewed(folder, d.rel, left, tracker.snapshot(d.uri), d.uri)
            self.announce(d.root, {d.rel})
        server.publish(d.uri)

    def announce(self, root: Path, rels: set[str]) -> None:
        """Tell the client that the unreviewed records of these files changed (its
        Provenance view and status bar list them again): their paths in their workspace
        folder, and their URIs (paths alone are ambiguous with several folders)."""
        paths = sorted(rels)
        uris = [(root / rel).as_uri() for rel in paths]
        self.server.protocol.notify(UNREVIEWED_CHANGED, {"paths": paths, "uris": uris})

    def untag(self, arg: Any) -> bool:
        server = self.server
        a = as_dict(arg)
        uri, rid = a.get("uri"), a.get("id")
        if not isinstance(uri, str) or not isinstance(rid, str):
            raise ValueError("provmark.untag: {uri, id} is needed")
        found_in = server.locate(uri)
        if found_in is None:
            raise ValueError(f"provmark.untag: {uri} is outside the workspace")
        folder, rel = found_in
        assert folder.root is not None
        sidecar.update(folder.root, rel, remove={rid})
        found = server.tracker_of(uri).untagged(uri, rid)
        server.publish(uri)
        return found

    # -- automatic tags -------------------------------------------------------------
    def flagged_open(self, uri: str, regions: Sequence[Region], record: bool = True) -> None:
        """New flags in an open document: tagged at once where proof backs them (with
        auto_tag on), recorded as unreviewed otherwise."""
        folder = self.server.folder_of(uri)
        tracker = folder.tracker
        view = tracker.view(uri)
        if view is None or view.rel is None:
            return
        self.server.late_logs.expect(folder, regions)  # those without a tool may be named later
        lines = tracker.snapshot(uri)
        tagged = self.auto_tag(folder, view.rel, regions, lines)
        for r, rec in tagged:
            tracker.tagged(uri, r.start, r.end, rec)
        done = {id(r) for r, _ in tagged}
        if record:
            self.record_unreviewed(folder, view.rel, [r for r in regions if id(r) not in done], lines, uri)

    def flagged_closed(self, folder: Folder, rel: str, regions: Sequence[Region], lines: list[str]) -> None:
        """New flags on a file that is not open (another process wrote it)."""
        self.server.late_logs.expect(folder, regions)
        done = {id(r) for r, _ in self.auto_tag(folder, rel, regions, lines)}
        self.record_unreviewed(folder, rel, [r for r in regions if id(r) not in done], lines)

    def named(
        self, folder: Folder, rel: str, regions: Sequence[Region], lines: list[str], uri: str | None = None
    ) -> None:
        """A tool's log, written after these flags, named their tool: their unreviewed
        records say so too (those still waiting to be written take it at once); flags that
        were not recorded are now, as every flag a tool is named for is."""
        root = folder.root
        if root is None or not regions or not folder.tracker.settings.record_unreviewed:
            return
        r = regions[0]  # one insertion: the same tool, evidence and score for all
        origin = {"kind": "ai", "tool": r.tool, "model": r.model, "session": r.session}
        evidence = [dict(e.to_json()) for e in r.evidence]
        waiting = {job.id: job for job in self._pending.get((root, rel), [])}
        written: set[str] = set()
        for region in regions:
            job = waiting.get(region.review or "")
            if job is not None:
                job.origin, job.evidence, job.score = origin, evidence, region.score
            elif region.review is not None:
                written.add(region.review)
        self.record_unreviewed(folder, rel, [x for x in regions if x.review is None], lines, uri)
        if not written:
            return

        async def run() -> None:
            try:
                await self.server.run_io(sidecar.attribute_unreviewed, root, rel, written, origin, evidence, r.score)
            except (sidecar.SidecarError, OSError) as e:
                self.server.tell(f"{e}; the tool of its unreviewed records is not recorded", once="named:" + rel)
                return
            self.announce(root, {rel})

        self.server.loop.create_task(run())

    def record_unreviewed(
        self, folder: Folder, rel: str, regions: Sequence[Region], lines: list[str], uri: str | None = None
    ) -> None:
        """Record flags at or above the record threshold, and those a tool is named for,
        as unreviewed in the folder's sidecar (written on the I/O thread); the flags
        carry the record's id from now on, so tagging one resolves its record."""
        server = self.server
        s = folder.tracker.settings
        root = folder.root
        if not s.record_unreviewed or root is None:
            return
        added = False
        for r in regions:
            if r.kind != FLAG or r.review is not None or not (r.score >= s.record_at or r.tool):
                continue
            r.review = sidecar.new_id()  # known at once, so the diagnostic and a tag can name it
            origin = {"kind": "ai" if r.tool else "unknown", "tool": r.tool, "model": r.model, "session": r.session}
            evidence = [dict(e.to_json()) for e in r.evidence]
            job = _Unreviewed(r.review, lines[r.start : r.end + 1], r.start + 1, origin, evidence, r.score, r)
            self._pending.setdefault((root, rel), []).append(job)
            added = True
            if uri is not None:
                folder.tracker.own_reviews(uri, {r.review})
        key = (root, rel)
        if added and key not in self._flushing:
            # Written together a moment later: a burst of flags costs one sidecar write.
            self._flushing.add(key)
            server.loop.call_later(WRITE_DELAY_S, lambda: server.loop.create_task(self._flush(key)))

    async def _flush(self, key: tuple[Path, str]) -> None:
        server = self.server
        root, rel = key
        self._flushing.discard(key)
        jobs = self._pending.pop(key, [])
        if not jobs:
            return
        try:
            await server.run_io(_write, root, rel, jobs)
        except (sidecar.SidecarError, OSError) as e:
            server.tell(f"{e}; these flags are not recorded for the training pipeline", t.MessageType.Error)
            for job in jobs:
                if job.region.review == job.id:
                    job.region.review = None
            return
        self.announce(root, {rel})

    def flush_now(self, root: Path | None = None, rel: str | None = None) -> None:
        """Write the records still waiting, here and now: every one (the server is
        shutting down), or a folder's (it is leaving the workspace), or one file's (it is
        moving to another folder)."""
        keys = [k for k in self._pending if (root is None or k[0] == root) and (rel is None or k[1] == rel)]
        written: dict[Path, set[str]] = {}
        for key in keys:
            jobs = self._pending.pop(key)
            try:
                _write(key[0], key[1], jobs)
            except (sidecar.SidecarError, OSError) as e:
                self.server.tell(f"{e}; these flags are not recorded for the training pipeline", t.MessageType.Error)
                continue
            written.setdefault(key[0], set()).add(key[1])
        if root is not None:  # not on the way out: the client may list them again
            for where, rels in written.items():
                self.announce(where, rels)

    def follow_text(self, uri: str) -> None:
        """The document was saved or is closing: its unreviewed records follow its text,
        and those whose lines were edited away go (on the I/O thread)."""
        server = self.server
        folder = server.folder_of(uri)
        tracker = folder.tracker
        view = tracker.view(uri)
        if view is None or view.rel is None or view.skipped or folder.root is None:
            return
        root, rel, live = folder.root, view.rel, tracker.reviews(uri)
        owned = tracker.own_reviews(uri, set(live))

        async def run() -> None:
            try:
                await server.run_io(sidecar.refresh_unreviewed, root, rel, live, owned)
            except (sidecar.SidecarError, OSError) as e:
                server.tell(f"{e}; its unreviewed records could not follow the text", once="follow:" + rel)
                return
            if live or owned:
                self.announce(root, {rel})  # they moved with the text, or went with it

        server.loop.create_task(run())

    def auto_tag(
        self, folder: Folder, rel: str, regions: Sequence[Region], lines: list[str]
    ) -> list[tuple[Region, Record]]:
        """With auto_tag on, record flags that proof backs (the tool's own transcript, or
        a commit that declares the tool) as tagged_by auto; returns what it recorded."""
        server = self.server
        s = folder.tracker.settings
        if not s.auto_tag or folder.root is None:
            return []
        records: list[tuple[Region, Record]] = []
        for r in regions:
            if not any(e.signal in PROOF_SIGNALS for e in r.evidence):
                continue
            training = "include" if r.tool in s.first_party_tools else "exclude"
            origin = {"kind": "ai", "tool": r.tool, "model": r.model, "session": r.session}
            evidence = [dict(e.to_json()) for e in r.evidence]
            rec = sidecar.make_record(lines[r.start : r.end + 1], r.start + 1, origin, training, evidence, "auto")
            records.append((r, rec))
        if not records:
            return []
        try:
            sidecar.update(folder.root, rel, add=[rec for _, rec in records])
        except sidecar.SidecarError as e:
            server.tell(str(e), t.MessageType.Error)
            return []
        return records


def _write(root: Path, rel: str, jobs: list[_Unreviewed]) -> None:
    """The unreviewed records of `jobs`, into `rel`'s sidecar (hashing a large paste's
    lines takes a while: the server runs this on its I/O thread)."""
    records: list[Record] = []
    for job in jobs:
        body = [body_of(x) for x in job.lines]
        rec = sidecar.make_record(
            body, job.start, job.origin, "exclude", job.evidence, "provmark", "unreviewed", job.score
        )
        records.append({**rec, "id": job.id})
    sidecar.update(root, rel, add=records)


def _lines_of(r: Any) -> tuple[int, int]:
    """0-based first and last line of an LSP range; a range ending at column 0 of a
    later line ends on the line before."""
    try:
        start, end = int(r["start"]["line"]), int(r["end"]["line"])
        if int(r["end"]["character"]) == 0 and end > start:
            end -= 1
    except (KeyError, TypeError, ValueError) as e:
        raise ValueError(f"provmark.tag: a range {{start: {{line, character}}, end: ...}} is needed ({e})") from e
    return start, end


def _range_json(d: t.Diagnostic) -> dict[str, Any]:
    return {
        "start": {"line": d.range.start.line, "character": d.range.start.character},
        "end": {"line": d.range.end.line, "character": d.range.end.character},
    }


def _untag_action(uri: str, d: t.Diagnostic, record_id: str) -> t.CodeAction:
    title = "Remove this Provmark tag" if d.code != "stale-record" else "Remove this stale Provmark record"
    arg = {"uri": uri, "id": record_id}
    return t.CodeAction(
        title=title,
        kind=t.CodeActionKind.QuickFix,
        diagnostics=[d],
        command=t.Command(title=title, command=CMD_UNTAG, arguments=[arg]),
    )


def _tag_actions(uri: str, d: t.Diagnostic, tool: str | None, insertion: str | None) -> list[t.CodeAction]:
    rng = _range_json(d)
    ai_title = "Tag as AI-generated" + (f" ({tool})" if tool else "")
    ai_arg = {
        "uri": uri,
        "range": rng,
        "origin": {"kind": "ai", "tool": tool},
        "training": "exclude",
        "insertion": insertion,
    }
    me_arg = {"uri": uri, "range": rng, "origin": {"kind": "human"}, "training": "include", "insertion": insertion}
    me_title = "Tag as written by me"
    return [
        t.CodeAction(
            title=ai_title,
            kind=t.CodeActionKind.QuickFix,
            diagnostics=[d],
            is_preferred=True,
            command=t.Command(title=ai_title, command=CMD_TAG, arguments=[ai_arg]),
        ),
        t.CodeAction(
            title=me_title,
            kind=t.CodeActionKind.QuickFix,
            diagnostics=[d],
            command=t.Command(title=me_title, command=CMD_TAG, arguments=[me_arg]),
        ),
    ]


def _tag_all_action(uri: str, n: int) -> t.CodeAction:
    title = f"Tag all {n} untagged likely-AI block{'s' if n != 1 else ''} in this file as AI-generated"
    return t.CodeAction(
        title=title,
        kind=TAG_ALL_KIND,
        command=t.Command(title=title, command=CMD_TAG_ALL, arguments=[{"uri": uri}]),
    )


def _only(actions: list[t.CodeAction], only: Sequence[str] | None) -> list[t.CodeAction]:
    """The actions of the kinds the client asked for (a kind asks for its sub-kinds too)."""
    if not only:
        return actions
    return [a for a in actions if any(a.kind == k or str(a.kind).startswith(f"{k}.") for k in only)]
