"""Insertion tracking: every change to an open document is recorded, bursts of changes
are judged once they settle, and what arrived in bulk without a human explanation
becomes a flagged region with a score.

Pure logic: no pygls, no lsprotocol, and no I/O of its own. What a judgement needs
from outside (other files, the disk, git, the AI tools' logs, the content model) is
asked as a `judging.Question` and answered by `judging.gather`, which the language
server runs off the event loop; `judge` does all three steps at once for tests and
scripts.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from provmark.core import evidence as ev
from provmark.core.bursts import DocState, Judgement, Pending, follow
from provmark.core.closed_files import ClosedFile
from provmark.core.copies import verify_copy
from provmark.core.evidence import Evidence
from provmark.core.findings import Finding, TaggedInfo, flag_message, stale_message, tag_message
from provmark.core.judging import CopyIndex, Facts, Match, NoIO, Question, TranscriptSource, WorkspaceIO, gather
from provmark.core.lines import is_solid, normalize
from provmark.core.memory import AiLines, Provenance, RecentDeletions
from provmark.core.records import Record, SidecarData
from provmark.core.regions import FLAG, PENDING, STALE, TAGGED, Region
from provmark.core.relocate import hashes_of, locate, squeezed_of
from provmark.core.style import family_for, guess_family
from provmark.core.textdoc import Edit, OutOfRange, TextDocument
from provmark.core.writes import inserted_runs, is_generated
from provmark.settings import Settings

__all__ = ["FLAG", "STALE", "TAGGED", "DocView", "Inquiry", "Judgement", "Tracker"]

_ids = itertools.count(1)
_TOKEN = re.compile(r"\w+|[^\w\s]")
History = list[tuple[int, int, str, str]]  # runs of (start, end, tool, commit), 0-based
ScanFlag = tuple[int, int, str | None, list[Evidence]]  # (start, end, tool, evidence)
Change = tuple[tuple[tuple[int, int], tuple[int, int]] | None, str]  # (range or None, text)


def _tokens(text: str) -> Counter[str]:
    # Quote style is a formatter's choice, not content.
    return Counter(_TOKEN.findall(text.replace("'", '"')))


@dataclass(frozen=True)
class DocView:
    """What the server may know of an open document."""

    uri: str
    rel: str | None
    version: int
    line_count: int
    skipped: str | None


@dataclass
class Inquiry:
    """A burst (or a disk write) waiting for its facts. Its lines are held in the
    document as PENDING regions, which edits move like any other region."""

    uri: str
    insertion: str
    question: Question
    ai_fraction: float = 0.0
    provenance: Provenance | None = None
    hint: str | None = None


@dataclass(frozen=True)
class Placed:
    """A finding with its last line's width, for the diagnostic's range."""

    finding: Finding
    width: int


class Tracker:
    """All open documents and what the server knows across them."""

    def __init__(
        self,
        settings: Settings,
        index: CopyIndex,
        root: Path | None = None,
        io: WorkspaceIO | None = None,
    ):
        self.settings = settings
        self.index = index
        self.root = root
        self.io: WorkspaceIO = io or NoIO()
        self.docs: dict[str, DocState] = {}
        self.deleted = RecentDeletions()
        self.ai = AiLines()
        self.transcripts: TranscriptSource | None = None
        self.closed: dict[str, ClosedFile] = {}

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
        closed = self.closed.pop(rel, None) if rel is not None else None
        if closed is not None and closed.keys_hash == hash(text) and not state.skipped:
            state.regions.extend(closed.regions)  # flags raised while the file was closed
        if sidecar and not state.skipped:
            self._attach_sidecar(state, sidecar)
        view = self.view(uri)
        assert view is not None
        return view

    def close(self, uri: str) -> None:
        state = self.docs.pop(uri, None)
        if state is not None and state.rel is not None:
            # Flags outlive the buffer: kept for the file until it changes or reopens.
            flags = [r for r in state.regions if r.kind == FLAG]
            if flags:
                self.closed[state.rel] = ClosedFile(hash(state.doc.text), flags, state.doc.lines())

    def saved(self, uri: str) -> None:
        """The editor saved the document: the workspace index learns its text."""
        state = self.docs.get(uri)
        if state is not None and state.rel is not None and not state.skipped:
            self.index.add(state.rel, state.doc.lines())

    def _attach_sidecar(self, state: DocState, sidecar: SidecarData) -> None:
        """Show a sidecar's records: tagged regions where found again, stale ones where not."""
        state.regions = [r for r in state.regions if r.kind == FLAG]
        lines = state.doc.lines()
        hashes, squeezed = hashes_of(lines), squeezed_of(lines)
        for rec in sidecar.get("records", []):
            found = locate(rec, hashes, squeezed)
            if found is None:
                line = min(max(rec["start_line"] - 1, 0), state.doc.line_count - 1)
                state.regions.append(Region(line, line, STALE, rec["id"], record=rec, code="stale-record"))
                continue
            self._add_tagged(state, found.start, found.end, rec)

    def _add_tagged(self, state: DocState, start: int, end: int, rec: Record) -> None:
        _carve(state, start, end)
        origin = rec["origin"]
        code = "human-tagged" if origin["kind"] == "human" else "ai-tagged"
        score = 1.0 if origin["kind"] == "ai" else 0.0
        state.regions.append(
            Region(start, end, TAGGED, rec["id"], score=score, tool=origin.get("tool"), record=rec, code=code)
        )
        if origin["kind"] in ("ai", "mixed"):
            self.ai.add(state.doc.lines(start, end + 1), Provenance(1.0, origin.get("tool"), True, rec["id"]))

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
            edit: Edit
            try:
                edit = state.doc.apply(rng[0], rng[1], text) if rng is not None else state.doc.replace_all(text)
            except OutOfRange as e:
                edit = e.args[0]
                problems.append(f"{uri}: change range {rng} lies outside the document; clamped")
            if not state.skipped:
                follow(state, edit, self.deleted)
        return problems

    def moved(self, uri: str) -> bool:
        """Whether the document's regions moved since it was last published."""
        s = self.docs.get(uri)
        return bool(s and s.moved)

    def due(self, uri: str, now: float) -> float | None:
        """Seconds until the document's pending burst can be judged (0: now), or None."""
        state = self.docs.get(uri)
        if state is None or not state.pending:
            return None
        return max(0.0, state.last_change + self.settings.burst_window_ms / 1000.0 - now)

    # -- judging ---------------------------------------------------------------
    def judge(self, uri: str, now: float) -> list[Region]:
        """Judge the settled bursts of a document at once, gathering the facts here."""
        changed: list[Region] = []
        for q in self.inquire(uri, now):
            changed += self.conclude(q, gather(q.question, self.io, self.index, self.transcripts))
        return changed

    def inquire(self, uri: str, now: float) -> list[Inquiry]:
        """Settle the document's bursts: those that what the tracker knows explains are
        judged now; the others come back as inquiries to gather facts for."""
        state = self.docs.get(uri)
        if state is None or not state.pending or self.due(uri, now):
            return []
        pending, state.pending = state.pending, []
        out: list[Inquiry] = []
        for burst in sorted({p.burst for p in pending}):
            result = self._inquire_burst(state, uri, [p for p in pending if p.burst == burst])
            if isinstance(result, Inquiry):
                out.append(result)
            else:
                state.note(result)
                state.regions.extend(result.regions)
        return out

    def _inquire_burst(self, state: DocState, uri: str, parts: list[Pending]) -> Judgement | Inquiry:
        s = self.settings
        if max(p.longest for p in parts) <= 2:
            return Judgement("typing")
        new_norms = _new_lines(parts)
        if len(new_norms) < s.min_lines and sum(len(n) for n in new_norms) < s.min_chars:
            return Judgement("small")
        inserted = "".join(p.text for p in parts)
        deleted = "".join("".join(p.deleted) for p in parts)
        ins_tokens = _tokens(inserted)
        novel = sum((ins_tokens - _tokens(deleted)).values())
        if deleted and novel <= max(3, 0.05 * sum(ins_tokens.values())):
            return Judgement("format")
        # The region: lines of the parts holding new text.
        new_set = set(new_norms)
        doc = state.doc
        last = doc.line_count - 1
        spans = {i for p in parts for a, b in p.spans for i in range(a, min(b, last) + 1)}
        lines_new = sorted(i for i in spans if normalize(doc.line(i)) in new_set)
        if not lines_new:
            return Judgement("vanished")
        runs = self._runs(doc, lines_new)
        start, end = runs[0][0], runs[-1][1]
        region_lines = [x for a, b in runs for x in doc.lines(a, b + 1)]
        solid = [n for n in new_norms if is_solid(n)] or new_norms
        # Copies and moves of AI text carry its provenance along.
        ai_frac, prov = self.ai.lookup(solid)
        insertion = f"i{next(_ids)}"
        # Undo, redo and moves: the text was deleted earlier in this session; copies of
        # text in open documents.
        restored = sum(1 for n in solid if n in self.deleted) / len(solid)
        explained = "restored" if restored >= 0.8 else self._open_copy(state, start, end, region_lines)
        if explained is not None:
            return _explained(explained, runs, insertion, prov, ai_frac, s.warn_threshold)
        question = Question(
            state.rel,
            region_lines,
            solid,
            guess_family("\n".join(region_lines)) or family_for(state.rel or doc.uri, doc.language_id),
            probe_text=doc.text if state.rel is not None else None,
            content_model=s.content_model,
            transcripts=s.transcripts,
        )
        hint = next((src for a, b, src in state.early_hints if a <= end and b >= start), None)
        state.early_hints = []
        state.regions.extend(Region(a, b, PENDING, insertion, hint=hint) for a, b in runs)
        return Inquiry(uri, insertion, question, ai_frac, prov, hint)

    def conclude(self, q: Inquiry, facts: Facts) -> list[Region]:
        """Turn an inquiry's held lines into flags (or nothing) with the gathered facts;
        returns the regions it flagged."""
        state = self.docs.get(q.uri)
        if state is None:
            return []
        held = [r for r in state.regions if r.kind == PENDING and r.insertion == q.insertion]
        state.regions = [r for r in state.regions if not (r.kind == PENDING and r.insertion == q.insertion)]
        runs = [(r.start, r.end) for r in held]
        hint = next((r.hint for r in held if r.hint), None) or q.hint
        explained = "copy" if facts.copy else "reload-git" if facts.writer == "git" else None
        if explained is not None:
            j = _explained(explained, runs, q.insertion, q.provenance, q.ai_fraction, self.settings.warn_threshold)
        elif not runs:
            j = Judgement("vanished")
        else:
            j = self._flag(state, q, facts, runs, hint)
        state.note(j)
        state.regions.extend(j.regions)
        return j.regions

    def _flag(
        self, state: DocState, q: Inquiry, facts: Facts, runs: list[tuple[int, int]], hint: str | None
    ) -> Judgement:
        evidence = [ev.prior(ev.INSERT)]
        if facts.writer == "disk":
            evidence.append(ev.written_on_disk())
        hint_ev = ev.paste_hint(hint)
        if hint_ev:
            evidence.append(hint_ev)
        region_lines = [x for a, b in runs for x in state.doc.lines(a, b + 1)]
        evidence.append(ev.size(len([x for x in region_lines if x.strip()])))
        evidence += facts.content
        if facts.style is not None:
            evidence.append(facts.style)
        if facts.match is not None:
            evidence.append(_match_evidence(facts.match))
        if 0.3 <= facts.copy_fraction < 0.8:
            evidence.append(ev.partly_in_workspace(facts.copy_fraction))
        inherits = q.provenance is not None and q.ai_fraction >= 0.5
        if inherits:
            evidence.append(ev.copy_of_ai("most lines match text flagged or tagged as AI"))
        regions = [Region(a, b, FLAG, q.insertion, evidence=list(evidence), hint=hint) for a, b in runs]
        for region in regions:
            if inherits and q.provenance is not None:
                region.tool = q.provenance.tool
            _attribute(region, facts.match)
            _rescore(region)
        if regions[0].score >= self.settings.warn_threshold:
            self.ai.add(region_lines, Provenance(regions[0].score, regions[0].tool, False, q.insertion))
        return Judgement("flagged", regions)

    def _runs(self, doc: TextDocument, lines: list[int]) -> list[tuple[int, int]]:
        """Runs of new lines (blank lines between them bridged). A burst that holds one
        bulk run and a few small ones (a snippet typed or pasted right after a paste)
        keeps only the bulk; one made only of small runs (a multi-cursor paste) keeps all."""
        runs: list[tuple[int, int]] = []
        for i in lines:
            if runs and all(not doc.line(k).strip() for k in range(runs[-1][1] + 1, i)):
                runs[-1] = (runs[-1][0], i)
            else:
                runs.append((i, i))
        big = [r for r in runs if self._is_bulk(doc.lines(r[0], r[1] + 1))]
        return big or runs

    def _open_copy(self, state: DocState, start: int, end: int, region_lines: list[str]) -> str | None:
        """'copy' when the text exists in an open document (elsewhere in this one too)."""
        # A cheap first pass on stripped lines (re-indentation does not matter), then
        # rapidfuzz on a window around the matches.
        want = {x.strip() for x in region_lines if is_solid(normalize(x))}
        n = len(region_lines)
        for other in self.docs.values():
            if other.skipped:
                continue
            raw = other.doc.raw_lines()
            hits = [i for i, x in enumerate(raw) if x.strip() in want and (other is not state or not start <= i <= end)]
            if not hits or len(hits) < 0.8 * len(want):
                continue  # (no solid line at all: nothing to recognise a copy by)
            mid = hits[len(hits) // 2]
            lo, hi = max(0, mid - 2 * n), mid + 2 * n
            window = [
                other.doc.line(i) for i in range(lo, min(hi, len(raw))) if other is not state or not start <= i <= end
            ]
            if verify_copy(region_lines, window):
                return "copy"
        return None

    # -- files written on disk ------------------------------------------------------
    def disk_question(self, rel: str, text: str, old_keys: Any) -> Question | None:
        """What judging a write to a closed file needs from outside: None when the write
        added nothing in bulk (or the file is generated). Pure: may run off the loop."""
        if is_generated(rel, text[:2000]):
            return None
        lines = text.splitlines()
        runs = [(a, b) for a, b in inserted_runs(old_keys, lines) if self._is_bulk(lines[a : b + 1])]
        if not runs:
            return None
        new_lines = [x for a, b in runs for x in lines[a : b + 1]]
        solid = [n for n in (normalize(x) for x in new_lines) if is_solid(n)] or [normalize(x) for x in new_lines]
        s = self.settings
        return Question(
            rel,
            new_lines,
            solid,
            family_for(rel),
            on_disk=True,
            content_model=s.content_model,
            transcripts=s.transcripts,
        )

    def disk_write(self, rel: str, text: str, old_keys: Any, git_op: bool, facts: Facts | None = None) -> Judgement:
        """Judge a write by another process to a file that is not open in the editor:
        which lines it added (against `old_keys`, what Provmark last knew of the file)
        and whether something explains them. Flags are kept in `closed[rel]`. `facts`
        answer `disk_question` (gathered here when not given)."""
        if git_op:
            self.closed.pop(rel, None)
            return Judgement("git")
        if is_generated(rel, text[:2000]):
            return Judgement("generated")
        lines = text.splitlines()
        prev = self.closed.get(rel)
        # Earlier flags on this file stay where their lines still are.
        kept = prev.flags_still_in(lines) if prev is not None and old_keys is not None else []
        q = self.disk_question(rel, text, old_keys)
        if q is None:
            self._remember_closed(rel, text, lines, kept)
            return Judgement("small")
        if facts is None:
            facts = gather(q, self.io, self.index, self.transcripts)
        if facts.copy:
            self._remember_closed(rel, text, lines, kept)
            return Judgement("copy")
        evidence = [ev.prior(ev.INSERT), ev.written_on_disk()]
        evidence.append(ev.size(len([x for x in q.lines if x.strip()])))
        evidence += facts.content
        if facts.style is not None:
            evidence.append(facts.style)
        if facts.match is not None:
            evidence.append(_match_evidence(facts.match))
        insertion = f"w{next(_ids)}"
        runs = [(a, b) for a, b in inserted_runs(old_keys, lines) if self._is_bulk(lines[a : b + 1])]
        regions = []
        for a, b in runs:
            r = Region(a, b, FLAG, insertion, evidence=list(evidence))
            _attribute(r, facts.match)
            _rescore(r)
            regions.append(r)
        if regions[0].score >= self.settings.warn_threshold:
            self.ai.add(q.lines, Provenance(regions[0].score, regions[0].tool, False, insertion))
        self._remember_closed(rel, text, lines, kept + regions)
        return Judgement("flagged", regions)

    def add_history(self, uri: str, runs: History, version: int | None = None) -> list[Region]:
        """Flag lines that git blame gives to commits declaring an AI tool (runs of
        start, end, tool, commit); tagged lines stay as they are. Returns the new flags.
        With `version`, only if the document is still at that version."""
        state = self.docs.get(uri)
        if state is None or state.skipped or (version is not None and state.doc.version != version):
            return []
        return self._history_regions(state, runs)

    def _history_regions(self, state: DocState, runs: History) -> list[Region]:
        added: list[Region] = []
        for a, b, tool, sha in runs:
            if not self._is_bulk(state.doc.lines(a, b + 1)):
                continue
            commit = ev.git_commit(sha, tool)
            overlap = [r for r in state.regions if r.start <= b and r.end >= a]
            if overlap:
                # Already flagged (say, when the agent wrote the file): the commit is
                # more evidence for that flag. Tagged lines stay as they are.
                for r in overlap:
                    if r.kind == FLAG and not any(e.signal == "git-commit" for e in r.evidence):
                        r.evidence = [*r.evidence, commit]
                        r.tool = r.tool or tool
                        _rescore(r)
                        added.append(r)
                continue
            # Lines met at rest in the repository, as the scan meets them.
            r = Region(a, b, FLAG, f"g{sha[:10]}", evidence=[ev.prior(ev.REPOSITORY), commit], tool=tool)
            _rescore(r)
            state.regions.append(r)
            self.ai.add(state.doc.lines(a, b + 1), Provenance(r.score, tool, False, r.insertion))
            added.append(r)
        return added

    def add_scan_flags(self, uri: str, flags: list[ScanFlag]) -> None:
        """Blocks the workspace scan found in an open document, as flags where nothing
        else already covers them: a tag, an earlier flag or a commit says more."""
        state = self.docs.get(uri)
        if state is not None:
            self._scan_flags(state, flags)

    def _scan_flags(self, state: DocState, flags: list[ScanFlag]) -> None:
        for a, b, tool, evidence in flags:
            if b >= state.doc.line_count or any(r.start <= b and r.end >= a for r in state.regions):
                continue
            r = Region(a, b, FLAG, f"s{next(_ids)}", evidence=list(evidence), tool=tool)
            _rescore(r)
            state.regions.append(r)

    def scan_file(
        self, rel: str, text: str, sidecar: SidecarData | None, flags: list[ScanFlag] | None = None
    ) -> list[Finding]:
        """What the workspace scan reports for a file that is not open: its tagged and
        stale records, the scan's own flags (which carry its declaring commits and
        transcript matches) and earlier flags that still match its text. Kept in
        `closed[rel]` (shown again when the file opens)."""
        state = DocState(TextDocument("", text), rel)
        prev = self.closed.get(rel)
        if prev is not None and prev.keys_hash == hash(text):
            state.regions = [r for r in prev.regions if r.kind == FLAG]
        if sidecar:
            self._attach_sidecar(state, sidecar)
        self._scan_flags(state, flags or [])
        self._remember_closed(rel, text, state.doc.lines(), state.regions)
        return self.closed_findings(rel)

    def _is_bulk(self, lines: list[str]) -> bool:
        body = [x.strip() for x in lines if x.strip()]
        return len(body) >= self.settings.min_lines or sum(len(x) for x in body) >= self.settings.min_chars

    def _remember_closed(self, rel: str, text: str, lines: list[str], regions: list[Region]) -> None:
        if regions:
            self.closed[rel] = ClosedFile(hash(text), regions, lines)
        else:
            self.closed.pop(rel, None)

    def has_closed(self, rel: str) -> bool:
        return rel in self.closed

    def forget_closed(self, rel: str) -> bool:
        """The file is gone: forget its flags; True when it had some."""
        return self.closed.pop(rel, None) is not None

    def closed_findings(self, rel: str) -> list[Finding]:
        return [p.finding for p in self.closed_placed(rel)]

    def closed_placed(self, rel: str) -> list[Placed]:
        cf = self.closed.get(rel)
        if cf is None:
            return []
        out = []
        for r in sorted(cf.regions, key=lambda r: r.start):
            f = self._finding(r)
            if f is not None:
                end = min(f.end, max(len(cf.widths) - 1, 0))
                out.append(Placed(_clamped(f, end), cf.width(end)))
        return out

    # -- hints, findings -----------------------------------------------------------
    def paste_hint(
        self, uri: str, version: int | None, start: tuple[int, int], end: tuple[int, int], source: str
    ) -> bool:
        """The client says the text in start..end (as of `version`) was pasted from
        `source`. Returns True when a flagged region's score changed."""
        state = self.docs.get(uri)
        if state is None or source not in ("external", "editor"):
            return False
        if version is not None and version != state.doc.version:
            return False  # later edits moved things; the hint can no longer be placed
        a, b = start[0], end[0] if end[1] > 0 or end[0] == start[0] else end[0] - 1
        hint_ev = ev.paste_hint(source)
        changed = False
        for r in state.regions:
            if not (r.start <= b and r.end >= a and r.hint is None):
                continue
            if r.kind == PENDING:
                r.hint = source  # its judgement is under way and will use it
            elif r.kind == FLAG and hint_ev is not None:
                r.hint = source
                r.evidence = [e for e in r.evidence if e.signal != "paste-hint"] + [hint_ev]
                _rescore(r)
                changed = True
        if not changed and any(p.overlaps(a, b) for p in state.pending):
            state.early_hints.append((a, b, source))  # for the region the burst will make
        return changed

    def findings(self, uri: str) -> list[Finding]:
        return [p.finding for p in self.placed(uri)]

    def placed(self, uri: str) -> list[Placed]:
        """The document's findings, clamped to its lines, with their last line's width;
        marks the document as published."""
        state = self.docs.get(uri)
        if state is None or state.skipped:
            return []
        state.moved = False
        doc = state.doc
        out = []
        for r in sorted(state.regions, key=lambda r: (r.start, r.end)):
            f = self._finding(r)
            if f is not None:
                end = min(f.end, doc.line_count - 1)
                out.append(Placed(_clamped(f, end), doc.line_length(end)))
        return out

    def _finding(self, r: Region) -> Finding | None:
        s = self.settings
        if r.kind == FLAG:
            severity = ev.severity(r.score, s.warn_threshold, s.report_threshold)
            if severity is None:
                return None
            return Finding(
                r.start,
                r.end,
                severity,
                r.code,
                r.score,
                flag_message(r.code, r.end - r.start + 1, r.score, r.tool),
                r.tool,
                [e.to_json() for e in r.evidence],
                r.insertion,
                model=r.model,
                session=r.session,
            )
        if r.kind == TAGGED and r.record is not None:
            rec = r.record
            origin = rec["origin"]
            tagged: TaggedInfo = {
                "created": rec.get("created"),
                "tagged_by": rec.get("tagged_by"),
                "training": rec["training"],
                "kind": origin["kind"],
            }
            return Finding(
                r.start,
                r.end,
                "hint",
                r.code,
                r.score,
                tag_message(origin["kind"], origin.get("tool"), rec["training"]),
                origin.get("tool"),
                insertion=r.insertion,
                record_id=rec["id"],
                model=origin.get("model"),
                tagged=tagged,
            )
        if r.kind == STALE and r.record is not None:
            rec = r.record
            msg = stale_message(rec["id"], rec["start_line"], rec["end_line"])
            return Finding(
                r.start, r.end, "information", "stale-record", 0.0, msg, insertion=r.insertion, record_id=rec["id"]
            )
        return None

    # -- tagging ---------------------------------------------------------------
    def region_at(self, uri: str, insertion: str | None, start: int, end: int) -> Region | None:
        """The flagged region a tag is about: by its id, else the one overlapping most."""
        state = self.docs.get(uri)
        if state is None:
            return None
        flags = [r for r in state.regions if r.kind == FLAG]
        by_id = next((r for r in flags if insertion and r.insertion == insertion), None)
        if by_id is not None:
            return by_id
        overlap = [(min(r.end, end) - max(r.start, start), r) for r in flags if r.start <= end and r.end >= start]
        return max(overlap, key=lambda x: x[0])[1] if overlap else None

    def tagged(self, uri: str, start: int, end: int, record: Record) -> None:
        """A record was written for lines start..end: show it instead of any flag there."""
        state = self.docs.get(uri)
        if state is not None:
            self._add_tagged(state, start, end, record)

    def untagged(self, uri: str, record_id: str) -> bool:
        state = self.docs.get(uri)
        if state is None:
            return False
        before = len(state.regions)
        state.regions = [r for r in state.regions if not (r.record and r.record["id"] == record_id)]
        return len(state.regions) != before


def _new_lines(parts: list[Pending]) -> list[str]:
    """Inserted lines that were not there before the burst, normalised. Each edit's text
    on its own: joined, a typed character and the first line of a paste in the same
    burst would read as one line that exists nowhere."""
    gone = Counter(normalize(x) for p in parts for d in p.deleted for x in d.splitlines())
    new_norms: list[str] = []
    for line in (x for p in parts for t in p.texts for x in t.splitlines()):
        n = normalize(line)
        if not n:
            continue
        if gone[n] > 0:
            gone[n] -= 1
        else:
            new_norms.append(n)
    return new_norms


def _explained(
    why: str,
    runs: list[tuple[int, int]],
    insertion: str,
    prov: Provenance | None,
    ai_frac: float,
    warn: float,
) -> Judgement:
    """A burst a person's action explains; a copy or move of AI text keeps its flag."""
    if prov is None or ai_frac < 0.5 or not runs:
        return Judgement(why)
    regions = [
        Region(
            a,
            b,
            FLAG,
            prov.insertion,
            score=max(prov.score, warn),
            tool=prov.tool,
            code="ai-paste",
            evidence=[ev.copy_of_ai(f"{why} of text flagged or tagged as AI")],
        )
        for a, b in runs
    ]
    return Judgement("inherited", regions)


def _carve(state: DocState, start: int, end: int) -> None:
    """Take lines start..end out of every flagged region."""
    out: list[Region] = []
    for r in state.regions:
        if r.kind != FLAG or r.end < start or r.start > end:
            out.append(r)
            continue
        if r.start < start:
            out.append(r.copy(r.start, start - 1))
        if r.end > end:
            out.append(r.copy(end + 1, r.end))
    state.regions = out


def _attribute(region: Region, match: Match | None) -> None:
    if match is not None:
        region.tool, region.model, region.session = match.tool, match.model, match.session


def _rescore(region: Region) -> None:
    if any(e.signal == "copy-of-ai" for e in region.evidence) and region.hint == "editor":
        region.evidence = [e for e in region.evidence if e.signal != "paste-hint"]
    region.score = ev.score(region.evidence)
    region.code = ev.code(region.evidence, region.tool)


def _clamped(f: Finding, end: int) -> Finding:
    if f.end == end and f.start <= end:
        return f
    from dataclasses import replace

    return replace(f, start=min(f.start, end), end=end)


def _match_evidence(m: Match) -> Evidence:
    return ev.transcript_match(m.tool, m.session, m.model, m.fraction)
