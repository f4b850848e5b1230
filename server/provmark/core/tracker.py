"""The tracker: every open document and what Provmark knows across them, behind the
calls the language server (and scripts, and tests) make.

Its parts: open documents and their bursts (bursts.py), judging a burst (judging.py)
with facts gathered outside (facts.py), files that are not open (closed_files.py),
records, commits and scan flags on lines at rest (at_rest.py), and the findings
people see (findings.py). Pure: no pygls, no lsprotocol, and no I/O of its own; `judge`
and `disk_write` gather facts in place for scripts and tests, the language server
gathers them on its I/O thread and calls `inquire`/`conclude` and `disk_write` with
them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from provmark.core import at_rest, text_diff
from provmark.core import evidence as ev
from provmark.core.at_rest import History, ScanFlag
from provmark.core.bursts import DocState, Judgement, add_to_burst, first_last, follow, is_bulk
from provmark.core.closed_files import ClosedFile, ClosedFiles, disk_question, judge_write
from provmark.core.facts import CopyIndex, Facts, Match, NoIO, Question, TranscriptSource, WorkspaceIO, gather
from provmark.core.findings import Finding, clamped, finding_of
from provmark.core.judging import Analysis, Inquiry, analyse, conclude, inquire
from provmark.core.late_logs import Unnamed, name_tool, unnamed
from provmark.core.lines import normalize
from provmark.core.memory import Memory, Provenance
from provmark.core.records import Record, SidecarData
from provmark.core.regions import FLAG, PENDING, STALE, TAGGED, Region
from provmark.core.textdoc import Edit, OutOfRange, TextDocument, split_lines
from provmark.settings import Settings

__all__ = ["FLAG", "STALE", "TAGGED", "DocView", "Inquiry", "Judgement", "Placed", "Settled", "Tracker", "Unnamed"]
Change = tuple[tuple[tuple[int, int], tuple[int, int]] | None, str]  # (range or None, text)


@dataclass(frozen=True)
class DocView:
    """What the server may know of an open document."""

    uri: str
    rel: str | None
    version: int
    line_count: int
    skipped: str | None


@dataclass
class Settled:
    """What settling a document's bursts gave: regions flagged at once (copies of AI
    text, which keep its flag) and inquiries waiting for their facts."""

    flagged: list[Region] = field(default_factory=list)
    inquiries: list[Inquiry] = field(default_factory=list)


@dataclass(frozen=True)
class Placed:
    """A finding with its last line's width, for the diagnostic's range."""

    finding: Finding
    width: int


class Tracker:
    def __init__(
        self,
        settings: Settings,
        index: CopyIndex,
        root: Path | None = None,
        io: WorkspaceIO | None = None,
        shared: Memory | None = None,
    ):
        # With `shared` (another tracker's memory: one tracker per workspace folder), the
        # lines deleted and the lines known as AI are the same for all, so that a move or
        # a copy of AI text from one folder to another is recognised; settings are each's.
        self.memory = Memory(settings) if shared is None else Memory(settings, shared.ai, shared.deleted)
        self.index = index
        self.root = root
        self.io: WorkspaceIO = io or NoIO()
        self.transcripts: TranscriptSource | None = None
        self.docs: dict[str, DocState] = {}
        # Every open document a paste may be a copy of (other folders' trackers' too);
        # None: this tracker's own.
        self.peers: Callable[[], list[DocState]] | None = None
        self.closed = ClosedFiles()
        # Whether this client sends paste hints (provmark/didPaste): learnt from the first.
        self.hints_seen = False

    @property
    def settings(self) -> Settings:
        return self.memory.settings

    @settings.setter
    def settings(self, value: Settings) -> None:
        self.memory.settings = value

    # -- what the server may know ------------------------------------------------
    def uris(self) -> list[str]:
        return list(self.docs)

    def view(self, uri: str) -> DocView | None:
        s = self.docs.get(uri)
        if s is None:
            return None
        return DocView(uri, s.rel, s.doc.version, s.doc.line_count, s.skipped)

    def uri_of(self, rel: str) -> str | None:
        """The open document of a workspace file, if it is open."""
        return next((uri for uri, d in self.docs.items() if d.rel == rel), None)

    def lines(self, uri: str, start: int = 0, end: int | None = None) -> list[str]:
        s = self.docs.get(uri)
        return s.doc.lines(start, end) if s is not None else []

    def reviews(self, uri: str) -> dict[str, tuple[int, list[str]]]:
        """The document's flags that have an unreviewed record: record id -> (1-based
        first line, the lines the flag covers now; a split flag's parts and what lies
        between them)."""
        state = self.docs.get(uri)
        if state is None:
            return {}
        spans: dict[str, tuple[int, int]] = {}
        for r in state.regions:
            if r.kind == FLAG and r.review is not None:
                a, b = spans.get(r.review, (r.start, r.end))
                spans[r.review] = (min(a, r.start), max(b, r.end))
        return {rid: (a + 1, state.doc.lines(a, b + 1)) for rid, (a, b) in spans.items()}

    def own_reviews(self, uri: str, ids: set[str]) -> set[str]:
        """Note unreviewed records written for this document's flags; returns every one
        it ever had (those not live any more were edited away)."""
        state = self.docs.get(uri)
        if state is None:
            return set()
        state.review_ids |= ids
        return set(state.review_ids)

    def snapshot(self, uri: str) -> list[str]:
        """The document's lines, endings included: a copy, cheap to take and safe to
        read on another thread (the strings never change)."""
        s = self.docs.get(uri)
        return list(s.doc.raw_lines()) if s is not None else []

    def text(self, uri: str) -> str | None:
        s = self.docs.get(uri)
        return s.doc.text if s is not None else None

    # -- documents -------------------------------------------------------------
    def open(
        self,
        uri: str,
        text: str,
        version: int,
        language_id: str,
        rel: str | None,
        encoding: str,
        sidecar: SidecarData | None = None,
    ) -> DocView:
        state = DocState(TextDocument(uri, text, version, language_id, encoding), rel)
        self.docs[uri] = state
        if "\0" in text[:8192]:
            state.skipped = "it looks binary"
        elif len(text) > self.settings.max_file_bytes:
            state.skipped = f"it is larger than {self.settings.max_file_bytes} bytes"
        flags = self.closed.reopened(rel, text) if rel is not None else []
        if not state.skipped:
            state.regions.extend(flags)  # flags raised while the file was closed
            if sidecar:
                at_rest.attach_sidecar(state, sidecar, self.memory)
        return DocView(uri, rel, version, state.doc.line_count, state.skipped)

    def close(self, uri: str) -> None:
        state = self.docs.pop(uri, None)
        if state is not None and state.rel is not None:
            # Flags outlive the buffer: kept for the file until it changes or reopens.
            flags = [r for r in state.regions if r.kind == FLAG]
            if flags:
                self.closed.keep(state.rel, state.doc.text, state.doc.lines(), flags)

    def release(self, uri: str) -> DocState | None:
        """Give up an open document (its workspace folder changed), with everything it
        holds, for another tracker to `adopt`."""
        return self.docs.pop(uri, None)

    def adopt(self, uri: str, state: DocState, rel: str | None, sidecar: SidecarData | None) -> list[Region]:
        """Take an open document from another folder's tracker, as `rel` of this one: its
        flags and bursts come along; its tags are this folder's sidecar's (the other
        sidecar's go). Returns its flags, which have no record in this sidecar yet."""
        state.rel = rel
        state.review_ids = set()
        pending = [r for r in state.regions if r.kind == PENDING]  # bursts being judged
        flags = [r for r in state.regions if r.kind == FLAG]
        state.regions = list(flags)
        for r in flags:
            r.review = None  # its record is in the other folder's sidecar
        if sidecar and not state.skipped:
            at_rest.attach_sidecar(state, sidecar, self.memory)
        state.regions += pending
        self.docs[uri] = state
        state.moved = True
        return [r for r in flags if r.review is None]

    def hand_over(self, rel: str) -> ClosedFile | None:
        """Give up the flags of a closed file (its folder changed); `take_over` them in
        the other folder's tracker."""
        cf = self.closed.get(rel)
        self.closed.forget(rel)
        return cf

    def take_over(self, rel: str, closed: ClosedFile | None) -> None:
        if closed is not None:
            self.closed.files[rel] = closed

    def closed_paths(self) -> list[str]:
        return list(self.closed.files)

    def saved(self, uri: str) -> None:
        """The editor saved the document: the workspace index learns its text."""
        state = self.docs.get(uri)
        if state is not None and state.rel is not None and not state.skipped:
            self.index.add(state.rel, state.doc.lines())

    # -- edits -----------------------------------------------------------------
    def change(self, uri: str, version: int, changes: list[Change], now: float) -> list[str]:
        """Apply the content changes of one didChange (each (range, text); range None for
        the whole document, else ((line, col), (line, col))). Returns problems to log."""
        state = self.docs.get(uri)
        if state is None:
            return [f"didChange for {uri}, which is not open"]
        problems: list[str] = []
        state.doc.version = version
        if now - state.last_change > self.settings.burst_window_ms / 1000.0:
            state.burst += 1
        state.last_change = now
        for rng, text in changes:
            # A whole-document change becomes the smallest ranged edits that make it, so
            # flags and tags on unchanged lines stay where they are.
            doc = state.doc
            state.whole_text = rng is None
            ranged = [(*rng, text)] if rng is not None else text_diff.changes(doc.raw_lines(), text, doc.encoding)
            for start, end, new in ranged:
                edit: Edit
                try:
                    edit = doc.apply(start, end, new)
                except OutOfRange as e:
                    edit = e.args[0]
                    problems.append(f"{uri}: change range {rng} lies outside the document; clamped")
                if edit.deleted == edit.text:
                    continue  # the range given back as it was (a formatter with nothing to do): nothing changed
                if not state.skipped:
                    follow(state, edit, self.memory.deleted)
        return problems

    def moved(self, uri: str) -> bool:
        """Whether the document's regions moved since it was last published."""
        s = self.docs.get(uri)
        return bool(s and s.moved)

    def due(self, uri: str, now: float) -> float | None:
        """Seconds until the document's pending burst can be judged (0: now), or None.

        The burst window gathers the parts of a paste that arrive as several changes and
        gives the client's paste hint time to arrive. A burst that is plainly one bulk
        insertion waits only for a hint: not at all from a client that has sent none, and
        no longer once its hint is here (typing keeps the window: it costs nothing)."""
        state = self.docs.get(uri)
        if state is None or not state.pending:
            return None
        wait = max(0.0, state.last_change + self.settings.burst_window_ms / 1000.0 - now)
        if wait and (not self.hints_seen or state.early_hints) and self._one_insertion(state):
            return 0.0
        return wait

    def _one_insertion(self, state: DocState) -> bool:
        if len(state.pending) != 1 or len(state.pending[0].texts) != 1:
            return False
        text = state.pending[0].texts[0]
        return "\n" in text.strip("\r\n") and is_bulk(split_lines(text), self.settings)

    # -- judging ---------------------------------------------------------------
    def judge(self, uri: str, now: float) -> list[Region]:
        """Judge the settled bursts of a document at once, with the facts gathered here."""
        settled = self.inquire(uri, now)
        changed = list(settled.flagged)
        for q in settled.inquiries:
            changed += self.conclude(q, *self.work(q))
        return changed

    def work(self, q: Inquiry) -> tuple[Analysis, Facts | None]:
        """The part of a judgement that may run on any thread: the analysis of the burst
        and, when memory explains nothing, the facts from the world outside."""
        a = analyse(q.burst, self.memory)
        return a, (self.gather(a.question) if a.question is not None else None)

    def gather(self, q: Question) -> Facts:
        return gather(q, self.io, self.index, self.transcripts)

    def inquire(self, uri: str, now: float) -> Settled:
        """Settle the document's bursts: those that memory explains are judged now (and
        the flags that copies of AI text keep come back at once); the others come back
        as inquiries to gather facts for."""
        out = Settled()
        state = self.docs.get(uri)
        if state is None or not state.pending or self.due(uri, now):
            return out
        pending, state.pending = state.pending, []
        for burst in sorted({p.burst for p in pending}):
            parts = [p for p in pending if p.burst == burst]
            others = self.peers() if self.peers is not None else list(self.docs.values())
            result = inquire(state, uri, parts, others)
            if isinstance(result, Inquiry):
                out.inquiries.append(result)
            else:
                state.note(result)
                state.regions.extend(result.regions)
                out.flagged += result.regions
        return out

    def conclude(self, q: Inquiry, analysis: Analysis, facts: Facts | None) -> list[Region]:
        """Turn an inquiry's held lines into flags (or nothing) with what `work` found;
        returns the regions it flagged."""
        state = self.docs.get(q.uri)
        if state is None:
            return []
        j = conclude(state, q, analysis, facts, self.memory)
        state.note(j)
        state.regions.extend(j.regions)
        return j.regions

    # -- files that are not open ----------------------------------------------------
    def disk_question(self, rel: str, text: str, old_keys: Any) -> Question | None:
        """What judging a write to a closed file needs from outside (None: nothing to
        judge). Reads only settings: may run off the loop."""
        return disk_question(rel, text, old_keys, self.settings)

    def disk_write(self, rel: str, text: str, old_keys: Any, git_op: bool, facts: Facts | None = None) -> Judgement:
        """Judge a write by another process to a file that is not open in the editor;
        `facts` answer `disk_question` (gathered here when not given)."""
        result = judge_write(self.closed, rel, text, old_keys, git_op, facts, self.memory)
        if isinstance(result, Question):
            result = judge_write(self.closed, rel, text, old_keys, git_op, self.gather(result), self.memory)
            assert isinstance(result, Judgement)
        return result

    def scan_file(
        self, rel: str, text: str, sidecar: SidecarData | None, flags: list[ScanFlag] | None = None
    ) -> list[Finding]:
        """What the workspace scan reports for a file that is not open: its tagged and
        stale records, the scan's own flags (which carry its declaring commits and
        transcript matches) and earlier flags that still match its text. Kept with the
        closed files (shown again when the file opens)."""
        state = DocState(TextDocument("", text), rel)
        state.regions = self.closed.flags_if_unchanged(rel, text)
        if sidecar:
            at_rest.attach_sidecar(state, sidecar, self.memory)
        at_rest.scan_flags(state, flags or [])
        self.closed.keep(rel, text, state.doc.lines(), state.regions)
        return self.closed_findings(rel)

    def has_closed(self, rel: str) -> bool:
        return rel in self.closed

    def forget_closed(self, rel: str) -> bool:
        """The file is gone: forget its flags; True when it had some."""
        return self.closed.forget(rel)

    def resolved_closed(self, rel: str, record_ids: set[str]) -> bool:
        """Unreviewed records of a file that is not open were decided: the flags that
        carried them go. True when there were some."""
        cf = self.closed.get(rel)
        if cf is None:
            return False
        kept = [r for r in cf.regions if not (r.kind == FLAG and r.review in record_ids)]
        if len(kept) == len(cf.regions):
            return False
        cf.regions = kept
        return True

    def closed_findings(self, rel: str) -> list[Finding]:
        return [p.finding for p in self.closed_placed(rel)]

    def closed_placed(self, rel: str) -> list[Placed]:
        cf = self.closed.get(rel)
        if cf is None:
            return []
        s = self.settings
        out = []
        for r in sorted(cf.regions, key=lambda r: r.start):
            f = finding_of(r, s.warn_threshold, s.report_threshold)
            if f is not None:
                end = min(f.end, max(len(cf.widths) - 1, 0))
                out.append(Placed(clamped(f, end), cf.width(end)))
        return out

    # -- flags whose tool's log came late -------------------------------------------
    def unnamed(self) -> list[Unnamed]:
        """Flags of open documents and closed files that no tool was named for yet (their
        lines may be in a log that was written after them)."""
        out = [
            Unnamed(uri, None, ins, runs)
            for uri, s in self.docs.items()
            if not s.skipped
            for ins, runs in unnamed(s.regions).items()
        ]
        out += [
            Unnamed(None, rel, ins, runs)
            for rel, cf in self.closed.files.items()
            for ins, runs in unnamed(cf.regions).items()
        ]
        return out

    def name_tool(self, where: Unnamed, match: Match, lines: list[str]) -> list[Region]:
        """A log now holds the lines (`lines`) of a flag that had no tool: the flag names
        it, and copies of those lines will too. Returns the flags changed."""
        if where.uri is not None:
            state = self.docs.get(where.uri)
            regions = state.regions if state is not None else []
        else:
            cf = self.closed.get(where.rel or "")
            regions = cf.regions if cf is not None else []
        changed = name_tool(regions, where.insertion, match)
        if changed and changed[0].score >= self.settings.record_at:
            self.memory.ai.add(lines, Provenance(changed[0].score, match.tool, False, where.insertion))
        return changed

    # -- lines at rest in open documents -------------------------------------------
    def add_history(self, uri: str, runs: History, version: int | None = None) -> list[Region]:
        """Flag lines that git blame gives to commits declaring an AI tool (runs of
        start, end, tool, commit); returns the new flags. With `version`, only if the
        document is still at that version."""
        state = self.docs.get(uri)
        if state is None or state.skipped or (version is not None and state.doc.version != version):
            return []
        return at_rest.history_regions(state, runs, self.memory)

    def add_unsaved(self, uri: str, disk: str, committed: str | None, version: int, now: float) -> bool:
        """A document opened with text that differs from its file on disk (edits made
        before the server started, or before a restart): what the buffer has beyond the
        disk becomes one burst of unknown origin, judged like any other, except lines
        that the last commit has (a buffer at an older state of the file). With
        `version`, only if the document is still at it. True when there is a burst."""
        state = self.docs.get(uri)
        if state is None or state.skipped or state.doc.version != version:
            return False
        buffer = state.doc.text
        if disk == buffer or committed == buffer:
            return False
        known = {normalize(x) for x in split_lines(committed or "") if x.strip()}
        state.burst += 1
        shift, added = 0, False
        for s, e, text in text_diff.hunks(disk, buffer):
            at, shift = s + shift, shift + len(text) - (e - s)
            if not text or all(normalize(x) in known for x in split_lines(text) if x.strip()):
                continue
            line = buffer.count("\n", 0, at) + buffer.count("\r", 0, at) - buffer.count("\r\n", 0, at)
            span = first_last(text, line, len(split_lines(text)) - 1) or (line, line)
            add_to_burst(state, span, text, disk[s:e])
            added = True
        state.last_change = now
        state.burst += 1  # the changes that follow are a burst of their own
        return added

    def add_scan_flags(self, uri: str, flags: list[ScanFlag]) -> None:
        """Blocks the workspace scan found in an open document, where nothing else
        already covers them."""
        state = self.docs.get(uri)
        if state is not None:
            at_rest.scan_flags(state, flags)

    # -- hints, findings -----------------------------------------------------------
    def paste_hint(
        self, uri: str, version: int | None, start: tuple[int, int], end: tuple[int, int], source: str
    ) -> list[Region]:
        """The client says the text in start..end (as of `version`) was pasted from
        `source`. Returns the flagged regions whose score changed."""
        self.hints_seen = True
        state = self.docs.get(uri)
        hint_ev = ev.paste_hint(source)  # None: not a source Provmark knows
        if state is None or hint_ev is None:
            return []
        if version is not None and version != state.doc.version:
            return []  # later edits moved things; the hint can no longer be placed
        a, b = start[0], end[0] if end[1] > 0 or end[0] == start[0] else end[0] - 1
        changed: list[Region] = []
        for r in state.regions:
            if not (r.start <= b and r.end >= a and r.hint is None):
                continue
            if r.kind == PENDING:
                r.hint = source  # its judgement is under way and will use it
            elif r.kind == FLAG:
                r.hint = source
                # (the editor made the change: the disk holding it already was its own save)
                r.evidence = [e for e in r.evidence if e.signal not in ("paste-hint", "written-on-disk")] + [hint_ev]
                r.rescore()
                changed.append(r)
        if not changed and any(p.overlaps(a, b) for p in state.pending):
            state.early_hints.append((a, b, source))  # for the region the burst will make
        return changed

    def findings(self, uri: str) -> list[Finding]:
        return [p.finding for p in self.placed(uri)]

    def placed(self, uri: str, publishing: bool = True) -> list[Placed]:
        """The document's findings, clamped to its lines, with their last line's width;
        marks the document as published unless asked only to look (code actions)."""
        state = self.docs.get(uri)
        if state is None or state.skipped:
            return []
        if publishing:
            state.moved = False
        doc, s = state.doc, self.settings
        out = []
        for r in sorted(state.regions, key=lambda r: (r.start, r.end)):
            f = finding_of(r, s.warn_threshold, s.report_threshold)
            if f is not None:
                end = min(f.end, doc.line_count - 1)
                out.append(Placed(clamped(f, end), doc.line_length(end)))
        return out

    # -- tagging ---------------------------------------------------------------
    def region_at(
        self, uri: str, insertion: str | None, start: int, end: int, review: str | None = None
    ) -> Region | None:
        """The flagged region a tag of lines start..end is about: the one there with the
        unreviewed record `review`, else with the insertion's id (a copy of AI text keeps
        its source's id: only the one on these lines), else the one overlapping most."""
        state = self.docs.get(uri)
        if state is None:
            return None
        flags = [r for r in state.regions if r.kind == FLAG and r.start <= end and r.end >= start]
        for key in (lambda r: review and r.review == review, lambda r: insertion and r.insertion == insertion):
            found = next((r for r in flags if key(r)), None)
            if found is not None:
                return found
        overlap = [(min(r.end, end) - max(r.start, start), r) for r in flags]
        return max(overlap, key=lambda x: x[0])[1] if overlap else None

    def tagged(self, uri: str, start: int, end: int, record: Record) -> None:
        """A record was written for lines start..end: show it instead of any flag there."""
        state = self.docs.get(uri)
        if state is not None:
            at_rest.add_tagged(state, start, end, record, self.memory)

    def flags_recorded_as(self, uri: str, record_id: str, reset: bool = False) -> list[Region]:
        """The document's flags that carry the unreviewed record `record_id` (with
        `reset`, they carry none from now on)."""
        state = self.docs.get(uri)
        found = [r for r in state.regions if r.kind == FLAG and r.review == record_id] if state else []
        if reset:
            for r in found:
                r.review = None
        return found

    def untagged(self, uri: str, record_id: str) -> bool:
        state = self.docs.get(uri)
        if state is None:
            return False
        before = len(state.regions)
        state.regions = [r for r in state.regions if not (r.record and r.record["id"] == record_id)]
        return len(state.regions) != before
