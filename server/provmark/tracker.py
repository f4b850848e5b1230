"""Insertion tracking: every change to an open document is recorded, bursts of changes
are judged once they settle, and what arrived in bulk without a human explanation
becomes a flagged region with a score. Pure logic: no pygls, no lsprotocol, no I/O
except through the callbacks it is given.
"""

from __future__ import annotations

import itertools
import re
from array import array
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import evidence as ev
from . import text_signs
from .disk import inserted_runs, is_generated, line_keys
from .evidence import Evidence
from .findings import Finding, TaggedInfo, flag_message, stale_message, tag_message
from .lines import is_solid, normalize
from .memory import AiLines, Provenance, RecentDeletions
from .regions import map_lines, merge_runs
from .relocate import hashes_of, locate, squeezed_of
from .settings import Settings
from .style import family_for, guess_family
from .textdoc import Edit, OutOfRange, TextDocument, index_to_column, split_lines
from .transcripts import Match, TranscriptIndex
from .workspace_index import WorkspaceIndex, verify_copy

FLAG, TAGGED, STALE = "flag", "tagged", "stale"
_ids = itertools.count(1)


@dataclass
class Region:
    """Lines start..end (0-based, inclusive) of a document that arrived together."""

    start: int
    end: int
    kind: str  # FLAG, TAGGED or STALE
    insertion: str
    score: float = 0.0
    tool: str | None = None
    evidence: list[Evidence] = field(default_factory=list)
    code: str = "external-paste"
    record: dict[str, Any] | None = None  # the sidecar record of a tagged region
    hint: str | None = None
    model: str | None = None
    session: str | None = None


@dataclass
class Pending:
    """What one burst of changes inserted and deleted, waiting for the burst to settle.
    One per burst: a burst of 3,000 keystrokes is one record, not 3,000."""

    spans: list[tuple[int, int]]  # lines the burst's changes touched, merged
    texts: list[str]
    deleted: list[str]
    burst: int
    longest: int  # the longest single change in the burst

    @property
    def text(self) -> str:
        return "".join(self.texts)

    def overlaps(self, a: int, b: int) -> bool:
        return any(x <= b and y >= a for x, y in self.spans)

    def add_span(self, a: int, b: int) -> None:
        self.spans = merge_runs(self.spans + [(a, b)])


@dataclass
class Judgement:
    """Why a burst was or was not flagged (kept for logs and tests)."""

    verdict: str  # "typing", "small", "format", "restored", "copy", "reload-git", "flagged", ...
    regions: list[Region] = field(default_factory=list)


_TOKEN = re.compile(r"\w+|[^\w\s]")


def _tokens(text: str) -> Counter[str]:
    # Quote style is a formatter's choice, not content.
    return Counter(_TOKEN.findall(text.replace("'", '"')))


def _first_last(text: str, sl: int, new_lines: int) -> tuple[int, int] | None:
    """Lines of the document covered by the inserted `text` placed at line `sl`."""
    pieces = split_lines(text)
    first = sl if pieces[0].strip() else sl + 1
    last = sl + new_lines if pieces[-1].strip() else sl + new_lines - 1
    if last < first:
        return None
    return first, last


class DocState:
    def __init__(self, doc: TextDocument, rel: str | None):
        self.doc = doc
        self.rel = rel  # path relative to the workspace root, None outside it
        self.regions: list[Region] = []
        self.pending: list[Pending] = []
        self.burst = 0
        self.last_change = -1e9
        self.skipped: str | None = None  # why the document is not tracked
        self.judgements: list[Judgement] = []
        self.early_hints: list[tuple[int, int, str]] = []  # paste hints for bursts not yet judged
        self.moved = False  # regions moved since the last publish


DiskProbe = Callable[[str, str], str | None]


class ClosedFile:
    """Flags on a file that is not open in the editor (written on disk). Keeps no text:
    a key per line (to find the flags again after the next write) and each line's
    length in UTF-16 units (for the diagnostics' ranges)."""

    __slots__ = ("keys_hash", "regions", "keys", "widths")

    def __init__(self, text_hash: int, regions: list[Region], lines: list[str]):
        self.keys_hash = text_hash  # to re-attach the flags when the file is opened unchanged
        self.regions = regions
        self.keys = line_keys(lines)
        self.widths = array("I", (index_to_column(x, len(x)) for x in lines))


class Tracker:
    """All open documents and what the server knows across them."""

    def __init__(
        self, settings: Settings, index: WorkspaceIndex, root: Path | None = None, disk_probe: DiskProbe | None = None
    ):
        self.settings = settings
        self.index = index
        self.root = root
        self.docs: dict[str, DocState] = {}
        self.deleted = RecentDeletions()
        self.ai = AiLines()
        # disk_probe(rel, text) says who last wrote `text` to the file on disk, when the
        # document now equals it: "git" (a git operation), "disk" (another process) or None.
        self.disk_probe = disk_probe
        self.transcripts: TranscriptIndex | None = None
        self.closed: dict[str, ClosedFile] = {}

    # -- documents -------------------------------------------------------------
    def open(
        self,
        uri: str,
        text: str,
        version: int,
        language_id: str,
        rel: str | None,
        encoding: str,
        sidecar: dict[str, Any] | None = None,
    ) -> DocState:
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
            self.attach_sidecar(state, sidecar)
        return state

    def close(self, uri: str) -> None:
        state = self.docs.pop(uri, None)
        if state is not None and state.rel is not None:
            # Flags outlive the buffer: kept for the file until it changes or reopens.
            flags = [r for r in state.regions if r.kind == FLAG]
            if flags:
                self.closed[state.rel] = ClosedFile(hash(state.doc.text), flags, state.doc.lines())

    def open_rel(self, rel: str) -> DocState | None:
        return next((d for d in self.docs.values() if d.rel == rel), None)

    def attach_sidecar(self, state: DocState, sidecar: dict[str, Any]) -> None:
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

    def _add_tagged(self, state: DocState, start: int, end: int, rec: dict[str, Any]) -> None:
        self._carve(state, start, end)
        state.regions.append(
            Region(
                start,
                end,
                TAGGED,
                rec["id"],
                score=1.0 if rec["origin"]["kind"] == "ai" else 0.0,
                tool=rec["origin"].get("tool"),
                record=rec,
                code="ai-tagged" if rec["origin"]["kind"] != "human" else "human-tagged",
            )
        )
        if rec["origin"]["kind"] in ("ai", "mixed"):
            self.ai.add(state.doc.lines(start, end + 1), Provenance(1.0, rec["origin"].get("tool"), True, rec["id"]))

    def _carve(self, state: DocState, start: int, end: int) -> None:
        """Take lines start..end out of every flagged region."""
        out: list[Region] = []
        for r in state.regions:
            if r.kind != FLAG or r.end < start or r.start > end:
                out.append(r)
                continue
            if r.start < start:
                out.append(_copy(r, r.start, start - 1))
            if r.end > end:
                out.append(_copy(r, end + 1, r.end))
        state.regions = out

    # -- edits -----------------------------------------------------------------
    def change(self, uri: str, version: int, changes: list[tuple[Any, str]], now: float) -> list[str]:
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
            try:
                edit = state.doc.apply(rng[0], rng[1], text) if rng is not None else state.doc.replace_all(text)
            except OutOfRange as e:
                edit = e.args[0]
                problems.append(f"{uri}: change range {rng} lies outside the document; clamped")
            if state.skipped:
                continue
            self._follow(state, edit)
        return problems

    def _follow(self, state: DocState, edit: Edit) -> None:
        if state.regions and edit.start_line <= max(r.end for r in state.regions):
            moved: list[Region] = []
            for r in state.regions:
                runs = map_lines(r.start, r.end, edit)
                if runs != [(r.start, r.end)]:
                    state.moved = True
                for k, (a, b) in enumerate(runs):
                    moved.append(r if k == 0 else _copy(r, a, b))
                    moved[-1].start, moved[-1].end = a, b
            state.regions = moved
        if state.pending:
            kept: list[Pending] = []
            for p in state.pending:
                spans = []
                for a, b in p.spans:
                    runs = map_lines(a, b, edit)
                    if runs:
                        spans.append((runs[0][0], runs[-1][1]))
                if spans or p.burst == state.burst:
                    p.spans = merge_runs(spans) if spans else [(edit.start_line, edit.start_line)]
                    kept.append(p)
            state.pending = kept
        if len(edit.deleted) >= 40 or "\n" in edit.deleted:
            self.deleted.add(edit.deleted)
        if not edit.text and not (edit.deleted and state.pending):
            return
        span = _first_last(edit.text, edit.start_line, edit.new_lines) if edit.text else None
        if span is None:
            # Only line endings and blanks, or a deletion: adds to the burst, covers no line.
            span = (edit.start_line, edit.start_line)
        last = state.pending[-1] if state.pending else None
        if last is not None and last.burst == state.burst:
            last.add_span(*span)
            last.texts.append(edit.text)
            last.deleted.append(edit.deleted)
            last.longest = max(last.longest, len(edit.text))
        else:
            state.pending.append(Pending([span], [edit.text], [edit.deleted], state.burst, len(edit.text)))

    def due(self, uri: str, now: float) -> float | None:
        """Seconds until the document's pending burst can be judged (0: now), or None."""
        state = self.docs.get(uri)
        if state is None or not state.pending:
            return None
        return max(0.0, state.last_change + self.settings.burst_window_ms / 1000.0 - now)

    # -- judging ---------------------------------------------------------------
    def judge(self, uri: str, now: float) -> list[Region]:
        """Judge the settled bursts of a document; returns the regions it flagged."""
        state = self.docs.get(uri)
        if state is None or not state.pending or self.due(uri, now):
            return []
        pending, state.pending = state.pending, []
        changed: list[Region] = []
        for burst in sorted({p.burst for p in pending}):
            j = self._judge_burst(state, [p for p in pending if p.burst == burst])
            state.judgements.append(j)
            del state.judgements[:-50]
            if j.regions:
                state.regions.extend(j.regions)
                changed += j.regions
        state.early_hints = []
        return changed

    def _judge_burst(self, state: DocState, parts: list[Pending]) -> Judgement:
        s = self.settings
        inserted = "".join(p.text for p in parts)
        deleted = "".join("".join(p.deleted) for p in parts)
        if max(p.longest for p in parts) <= 2:
            return Judgement("typing")
        # What is new: inserted lines that were not there before the burst.
        # Each edit's text on its own: joined, a typed character and the first line of a
        # paste in the same burst would read as one line that exists nowhere.
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
        if len(new_norms) < s.min_lines and sum(len(n) for n in new_norms) < s.min_chars:
            return Judgement("small")
        ins_tokens = _tokens(inserted)
        novel = sum((ins_tokens - _tokens(deleted)).values())
        if deleted and novel <= max(3, 0.05 * sum(ins_tokens.values())):
            return Judgement("format")
        # The region: lines of the parts holding new text.
        new_set = set(new_norms)
        doc = state.doc
        last = doc.line_count - 1
        lines_new = sorted(
            {
                i
                for p in parts
                for a, b in p.spans
                for i in range(a, min(b, last) + 1)
                if normalize(doc.line(i)) in new_set
            }
        )
        if not lines_new:
            return Judgement("vanished")
        runs = self._runs(doc, lines_new)
        start, end = runs[0][0], runs[-1][1]
        region_lines = [x for a, b in runs for x in doc.lines(a, b + 1)]
        solid = [n for n in new_norms if is_solid(n)] or new_norms
        evidence: list[Evidence] = []

        # Copies and moves of AI text carry its provenance along.
        ai_frac, prov = self.ai.lookup(solid)

        # Undo, redo and moves: the text was deleted earlier in this session.
        restored = sum(1 for n in solid if n in self.deleted) / len(solid)
        explained = None
        on_disk = False
        if restored >= 0.8:
            explained = "restored"
        else:
            explained = self._internal_copy(state, start, end, solid, region_lines)
        if explained is None and self.disk_probe and state.rel is not None:
            who = self.disk_probe(state.rel, doc.text)
            if who == "git":
                explained = "reload-git"
            elif who == "disk":
                evidence.append(ev.written_on_disk())
                on_disk = True
        match = self._transcript_match(region_lines) if explained is None else None
        if explained is not None:
            if prov is not None and ai_frac >= 0.5:
                regions = [
                    Region(
                        a,
                        b,
                        FLAG,
                        prov.insertion,
                        score=max(prov.score, s.warn_threshold),
                        tool=prov.tool,
                        code="ai-paste",
                        evidence=[ev.copy_of_ai(f"{explained} of text flagged or tagged as AI")],
                    )
                    for a, b in runs
                ]
                return Judgement("inherited", regions)
            return Judgement(explained)

        evidence.insert(0, ev.prior(ev.INSERT))
        hint = next((src for a, b, src in state.early_hints if a <= end and b >= start), None)
        hint_ev = ev.paste_hint(hint)
        if hint_ev:
            evidence.append(hint_ev)
        evidence.append(ev.size(len([x for x in region_lines if x.strip()])))
        # The region's own text: a burst may also hold typing elsewhere in the file.
        region_text = "\n".join(region_lines)
        evidence += text_signs.content_evidence(region_text)
        style_ev = (
            text_signs.style_evidence(
                region_text,
                guess_family(region_text) or family_for(state.rel or doc.uri, doc.language_id),
                on_disk=on_disk,
            )
            if s.content_model
            else None
        )
        if style_ev is not None:
            evidence.append(style_ev)
        if match is not None:
            evidence.append(_match_evidence(match))
        copy_frac, _ = self.index.candidates(solid)
        if 0.3 <= copy_frac < 0.8:
            evidence.append(ev.partly_in_workspace(copy_frac))
        if prov is not None and ai_frac >= 0.5:
            evidence.append(ev.copy_of_ai("most lines match text flagged or tagged as AI"))
        insertion = f"i{next(_ids)}"
        regions = [Region(a, b, FLAG, insertion, evidence=list(evidence), hint=hint) for a, b in runs]
        for region in regions:
            if prov is not None and ai_frac >= 0.5:
                region.tool = prov.tool
            if match is not None:
                region.tool, region.model, region.session = match.tool, match.model, match.session
            self._rescore(region)
        if regions[0].score >= s.warn_threshold:
            self.ai.add(region_lines, Provenance(regions[0].score, regions[0].tool, False, insertion))
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
        s = self.settings

        def bulk(run: tuple[int, int]) -> bool:
            body = [x for x in doc.lines(run[0], run[1] + 1) if x.strip()]
            return len(body) >= s.min_lines or sum(len(x.strip()) for x in body) >= s.min_chars

        big = [r for r in runs if bulk(r)]
        return big or runs

    def _internal_copy(
        self, state: DocState, start: int, end: int, solid: list[str], region_lines: list[str]
    ) -> str | None:
        """'copy' when the text exists elsewhere in the workspace (open buffers or files)."""
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
        frac, files = self.index.candidates(solid)
        if frac < 0.8 or self.root is None:
            return None
        from .workspace_index import read_text

        for rel in files:
            if rel == state.rel:
                continue  # the file's own copy on disk is not "elsewhere"
            text = read_text(self.root / rel)
            if text is not None and verify_copy(region_lines, text.splitlines()):
                return "copy"
        return None

    def _transcript_match(self, lines: list[str]) -> Match | None:
        if self.transcripts is None or not self.settings.transcripts:
            return None
        self.transcripts.refresh()
        return self.transcripts.match(lines)

    # -- files written on disk ------------------------------------------------------
    def disk_write(self, rel: str, text: str, old_keys: Any, git_op: bool) -> Judgement:
        """Judge a write by another process to a file that is not open in the editor:
        which lines it added (against `old_keys`, what Provmark last knew of the file)
        and whether something explains them. Flags are kept in `closed[rel]`."""
        lines = text.splitlines()
        s = self.settings
        if git_op:
            self.closed.pop(rel, None)
            return Judgement("git")
        if is_generated(rel, text[:2000]):
            return Judgement("generated")
        runs = inserted_runs(old_keys, lines)
        runs = [(a, b) for a, b in runs if self._is_bulk(lines[a : b + 1])]
        prev = self.closed.get(rel)
        kept: list[Region] = []
        if prev is not None and old_keys is not None:
            # Earlier flags on this file stay where their lines still are.
            new_keys = line_keys(lines)
            index: dict[int, int] = {}
            for i, k in enumerate(new_keys):
                index.setdefault(k, i)
            for r in prev.regions:
                body = prev.keys[r.start : r.end + 1]
                at = index.get(body[0]) if body else None
                n = len(body)
                if at is not None and at + n <= len(new_keys) and new_keys[at + n - 1] == body[-1]:
                    kept.append(_copy(r, at, at + n - 1))
        if not runs:
            self._remember_closed(rel, text, lines, kept)
            return Judgement("small")
        new_lines = [x for a, b in runs for x in lines[a : b + 1]]
        solid = [n for n in (normalize(x) for x in new_lines) if is_solid(n)] or [normalize(x) for x in new_lines]
        match = self._transcript_match(new_lines)
        frac, files = self.index.candidates(solid)
        if match is None and frac >= 0.8 and self.root is not None:
            from .workspace_index import read_text, verify_copy

            for other in files:
                if other == rel:
                    continue
                src = read_text(self.root / other)
                if src is not None and verify_copy(new_lines, src.splitlines()):
                    self._remember_closed(rel, text, lines, kept)
                    return Judgement("copy")
        evidence = [ev.prior(ev.INSERT), ev.written_on_disk()]
        evidence.append(ev.size(len([x for x in new_lines if x.strip()])))
        evidence += text_signs.content_evidence("\n".join(new_lines))
        style_ev = (
            text_signs.style_evidence("\n".join(new_lines), family_for(rel), on_disk=True) if s.content_model else None
        )
        if style_ev is not None:
            evidence.append(style_ev)
        if match is not None:
            evidence.append(_match_evidence(match))
        insertion = f"w{next(_ids)}"
        regions = []
        for a, b in runs:
            r = Region(a, b, FLAG, insertion, evidence=list(evidence))
            if match is not None:
                r.tool, r.model, r.session = match.tool, match.model, match.session
            self._rescore(r)
            regions.append(r)
        if regions[0].score >= s.warn_threshold:
            self.ai.add(new_lines, Provenance(regions[0].score, regions[0].tool, False, insertion))
        self._remember_closed(rel, text, lines, kept + regions)
        return Judgement("flagged", regions)

    def add_history(self, uri: str, runs: list[tuple[int, int, str, str]]) -> list[Region]:
        """Flag lines that git blame gives to commits declaring an AI tool (runs of
        start, end, tool, commit); tagged lines stay as they are. Returns the new flags."""
        state = self.docs.get(uri)
        if state is None or state.skipped:
            return []
        return self._history_regions(state, runs)

    def _history_regions(self, state: DocState, runs: list[tuple[int, int, str, str]]) -> list[Region]:
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
                        self._rescore(r)
                        added.append(r)
                continue
            # Lines met at rest in the repository, as the scan meets them.
            r = Region(a, b, FLAG, f"g{sha[:10]}", evidence=[ev.prior(ev.REPOSITORY), commit], tool=tool)
            self._rescore(r)
            state.regions.append(r)
            self.ai.add(state.doc.lines(a, b + 1), Provenance(r.score, tool, False, r.insertion))
            added.append(r)
        return added

    def add_scan_flags(self, state: DocState, flags: list[tuple[int, int, str | None, list[Evidence]]]) -> None:
        """Blocks the workspace scan found (start, end, tool, evidence), as flags where
        nothing else already covers them: a tag, an earlier flag or a commit says more."""
        for a, b, tool, evidence in flags:
            if b >= state.doc.line_count or any(r.start <= b and r.end >= a for r in state.regions):
                continue
            r = Region(a, b, FLAG, f"s{next(_ids)}", evidence=list(evidence), tool=tool)
            self._rescore(r)
            state.regions.append(r)

    def scan_file(
        self,
        rel: str,
        text: str,
        sidecar: dict[str, Any] | None,
        history: list[tuple[int, int, str, str]],
        flags: list[tuple[int, int, str | None, list[Evidence]]] = (),
    ) -> list[Finding]:
        """What the workspace scan reports for a file that is not open: its tagged and
        stale records, lines of commits that declare an AI tool, and earlier flags that
        still match its text. Kept in `closed[rel]` (shown again when the file opens)."""
        state = DocState(TextDocument("", text), rel)
        prev = self.closed.get(rel)
        if prev is not None and prev.keys_hash == hash(text):
            state.regions = [r for r in prev.regions if r.kind == FLAG]
        if sidecar:
            self.attach_sidecar(state, sidecar)
        self._history_regions(state, history)
        self.add_scan_flags(state, list(flags))
        lines = state.doc.lines()
        self._remember_closed(rel, text, lines, state.regions)
        return self.closed_findings(rel)

    def _is_bulk(self, lines: list[str]) -> bool:
        body = [x.strip() for x in lines if x.strip()]
        return len(body) >= self.settings.min_lines or sum(len(x) for x in body) >= self.settings.min_chars

    def _remember_closed(self, rel: str, text: str, lines: list[str], regions: list[Region]) -> None:
        if regions:
            self.closed[rel] = ClosedFile(hash(text), regions, lines)
        else:
            self.closed.pop(rel, None)

    def closed_findings(self, rel: str) -> list[Finding]:
        cf = self.closed.get(rel)
        if cf is None:
            return []
        return [f for f in (self._finding(r) for r in sorted(cf.regions, key=lambda r: r.start)) if f is not None]

    # -- hints, scores, findings -------------------------------------------------
    def paste_hint(self, uri: str, version: int, start: tuple[int, int], end: tuple[int, int], source: str) -> bool:
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
            if r.kind == FLAG and r.start <= b and r.end >= a and r.hint is None and hint_ev is not None:
                r.hint = source
                r.evidence = [e for e in r.evidence if e.signal != "paste-hint"] + [hint_ev]
                self._rescore(r)
                changed = True
        if not changed and any(p.overlaps(a, b) for p in state.pending):
            state.early_hints.append((a, b, source))  # for the region the burst will make
        return changed

    def _rescore(self, region: Region) -> None:
        if any(e.signal == "copy-of-ai" for e in region.evidence) and region.hint == "editor":
            region.evidence = [e for e in region.evidence if e.signal != "paste-hint"]
        region.score = ev.score(region.evidence)
        region.code = ev.code(region.evidence, region.tool)

    def findings(self, uri: str) -> list[Finding]:
        state = self.docs.get(uri)
        if state is None or state.skipped:
            return []
        out = [self._finding(r) for r in sorted(state.regions, key=lambda r: (r.start, r.end))]
        return [f for f in out if f is not None]

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

    def tagged(self, uri: str, start: int, end: int, record: dict[str, Any]) -> None:
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


def _copy(r: Region, start: int, end: int) -> Region:
    return Region(
        start, end, r.kind, r.insertion, r.score, r.tool, list(r.evidence), r.code, r.record, r.hint, r.model, r.session
    )


def _match_evidence(m: Match) -> Evidence:
    return ev.transcript_match(m.tool, m.session, m.model, m.fraction)
