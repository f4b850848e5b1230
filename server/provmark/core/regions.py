"""Regions (runs of whole lines) that follow their text through edits.

The rules (SPEC, "What gets flagged"): text later inserted inside a region is not part
of it, so the region splits around it; an insertion at the region's first line, column
0, shifts it down; deleted lines shrink it; when all its lines are gone, so is it.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from provmark.core import evidence as ev
from provmark.core.evidence import Evidence
from provmark.core.facts import Match
from provmark.core.records import Record
from provmark.core.textdoc import Edit

_ids = itertools.count(1)


def new_id(prefix: str) -> str:
    """A fresh id for an insertion: i (editor), w (disk write), s (scan), g (commit)."""
    return f"{prefix}{next(_ids)}"


# What a region is: a flag Provmark raised, a tag from a sidecar record, a record whose
# lines are gone, or lines held while their judgement gathers evidence off the loop.
FLAG, TAGGED, STALE, PENDING = "flag", "tagged", "stale", "pending"


@dataclass
class Region:
    """Lines start..end (0-based, inclusive) of a document that arrived together."""

    start: int
    end: int
    kind: str  # FLAG, TAGGED, STALE or PENDING
    insertion: str
    score: float = 0.0
    tool: str | None = None
    evidence: list[Evidence] = field(default_factory=list)
    code: str = "external-paste"
    record: Record | None = None  # the sidecar record of a tagged region
    hint: str | None = None
    model: str | None = None
    session: str | None = None
    review: str | None = None  # the id of the flag's unreviewed record in the sidecar

    def rescore(self) -> None:
        """Score and code from the evidence (evidence.assess's rules)."""
        if self.hint == "editor" and any(e.signal == "copy-of-ai" for e in self.evidence):
            # A copy inside the editor of AI text: the copy carries the provenance, the
            # hint that it came from inside the editor says nothing against it.
            self.evidence = [e for e in self.evidence if e.signal != "paste-hint"]
        self.score = ev.score(self.evidence)
        self.code = ev.code(self.evidence, self.tool)

    def attribute(self, match: Match | None) -> None:
        """Name the tool, model and session whose log holds the lines."""
        if match is not None:
            self.tool, self.model, self.session = match.tool, match.model, match.session

    def copy(self, start: int, end: int) -> Region:
        """The same region over other lines (a part of it after a split)."""
        return Region(
            start,
            end,
            self.kind,
            self.insertion,
            self.score,
            self.tool,
            list(self.evidence),
            self.code,
            self.record,
            self.hint,
            self.model,
            self.session,
            self.review,
        )


def map_lines(start: int, end: int, edit: Edit) -> list[tuple[int, int]]:
    """Where old lines start..end (inclusive) are after `edit`: zero, one or two runs."""
    sl, el, delta = edit.start_line, edit.end_line, edit.line_delta
    if end < sl:
        return [(start, end)]
    if start > el:
        return [(start + delta, end + delta)]
    runs: list[tuple[int, int]] = []
    if start < sl:
        runs.append((start, sl - 1))
    # Lines sl..el are touched: the first survives where text stays before the edit on
    # it, the last where text stays after it; lines between are gone.
    if edit.new_lines == 0 and sl == el:
        runs.append((sl, sl))  # a line edited in place stays
    else:
        if start <= sl <= end and not edit.start_line_blank_before:
            runs.append((sl, sl))
        if start <= el <= end and not edit.end_line_blank_after:
            runs.append((sl + edit.new_lines, sl + edit.new_lines))
    if end > el:
        runs.append((max(start, el + 1) + delta, end + delta))
    return merge_runs(runs)


def merge_runs(runs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in sorted(runs):
        if out and a <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out
