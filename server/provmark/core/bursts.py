"""Open documents: their text, their regions, and the bursts of changes waiting to be
judged. Every edit moves the regions and the pending bursts with their text. Pure."""

from __future__ import annotations

from dataclasses import dataclass, field

from provmark.core.memory import RecentDeletions
from provmark.core.regions import Region, map_lines, merge_runs
from provmark.core.textdoc import Edit, TextDocument, split_lines
from provmark.settings import Settings


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
        self.spans = merge_runs([*self.spans, (a, b)])


@dataclass
class Judgement:
    """Why a burst was or was not flagged (kept for logs and tests)."""

    verdict: str  # "typing", "small", "format", "restored", "copy", "reload-git", "flagged", ...
    regions: list[Region] = field(default_factory=list)


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
        self.review_ids: set[str] = set()  # unreviewed records this document's flags ever had
        self.whole_text = False  # the client sends this document's changes as whole texts
        self.last_end: int | None = None  # the last line the previous burst touched

    def note(self, judgement: Judgement) -> None:
        self.judgements.append(judgement)
        del self.judgements[:-50]


def first_last(text: str, sl: int, new_lines: int) -> tuple[int, int] | None:
    """Lines of the document covered by the inserted `text` placed at line `sl`."""
    pieces = split_lines(text)
    first = sl if pieces[0].strip() else sl + 1
    last = sl + new_lines if pieces[-1].strip() else sl + new_lines - 1
    if last < first:
        return None
    return first, last


def follow(state: DocState, edit: Edit, deleted: RecentDeletions) -> None:
    """Move the document's regions and pending bursts with `edit`, and record what it
    inserted in the current burst."""
    if state.regions and edit.start_line <= max(r.end for r in state.regions):
        _move_regions(state, edit)
    if state.pending:
        _move_pending(state, edit)
    if len(edit.deleted) >= 40 or "\n" in edit.deleted:
        deleted.add(edit.deleted)
    if not edit.text and not (edit.deleted and state.pending):
        return
    span = first_last(edit.text, edit.start_line, edit.new_lines) if edit.text else None
    if span is None:
        # Only line endings and blanks, or a deletion: adds to the burst, covers no line.
        span = (edit.start_line, edit.start_line)
    add_to_burst(state, span, edit.text, edit.deleted)


def add_to_burst(state: DocState, span: tuple[int, int], text: str, deleted: str) -> None:
    """Record an insertion (its lines, its text, what it replaced) in the current burst."""
    last = state.pending[-1] if state.pending else None
    if last is not None and last.burst == state.burst:
        last.add_span(*span)
        last.texts.append(text)
        last.deleted.append(deleted)
        last.longest = max(last.longest, len(text))
    else:
        state.pending.append(Pending([span], [text], [deleted], state.burst, len(text)))


def _move_regions(state: DocState, edit: Edit) -> None:
    moved: list[Region] = []
    for r in state.regions:
        runs = map_lines(r.start, r.end, edit)
        if runs != [(r.start, r.end)]:
            state.moved = True
        for k, (a, b) in enumerate(runs):
            moved.append(r if k == 0 else r.copy(a, b))
            moved[-1].start, moved[-1].end = a, b
    state.regions = moved


def _move_pending(state: DocState, edit: Edit) -> None:
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


def is_bulk(lines: list[str], settings: Settings) -> bool:
    """Enough lines, or enough text, to be worth judging."""
    body = [x.strip() for x in lines if x.strip()]
    return len(body) >= settings.min_lines or sum(len(x) for x in body) >= settings.min_chars
