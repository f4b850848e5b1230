"""Files that are not open in the editor: what Provmark keeps of them (their flags, a
key per line to find them again after the next write, each line's width for
diagnostics; no text), and the judgement of a write another process made to one.
Pure: the facts about a write are gathered elsewhere."""

from __future__ import annotations

from array import array
from typing import Any

from provmark.core import evidence as ev
from provmark.core.bursts import Judgement, is_bulk
from provmark.core.facts import Facts, Question
from provmark.core.families import family_for
from provmark.core.lines import is_solid, normalize
from provmark.core.memory import Memory, Provenance
from provmark.core.regions import FLAG, Region, new_id
from provmark.core.textdoc import index_to_column
from provmark.core.writes import inserted_runs, is_generated, line_keys
from provmark.settings import Settings


class ClosedFile:
    __slots__ = ("keys", "keys_hash", "regions", "widths")

    def __init__(self, text_hash: int, regions: list[Region], lines: list[str]):
        self.keys_hash = text_hash  # to re-attach the flags when the file is opened unchanged
        self.regions = regions
        self.keys = line_keys(lines)
        self.widths = array("I", (index_to_column(x, len(x)) for x in lines))  # UTF-16 units

    def width(self, line: int) -> int:
        return self.widths[line] if 0 <= line < len(self.widths) else 0

    def flags_still_in(self, lines: list[str]) -> list[Region]:
        """The flags whose lines the new text still holds, where they are now."""
        new_keys = line_keys(lines)
        index: dict[int, int] = {}
        for i, k in enumerate(new_keys):
            index.setdefault(k, i)
        kept: list[Region] = []
        for r in self.regions:
            body = self.keys[r.start : r.end + 1]
            at = index.get(body[0]) if body else None
            n = len(body)
            if at is not None and at + n <= len(new_keys) and new_keys[at + n - 1] == body[-1]:
                kept.append(r.copy(at, at + n - 1))
        return kept


class ClosedFiles:
    """Flags of every file not open in the editor, by relative path."""

    def __init__(self) -> None:
        self.files: dict[str, ClosedFile] = {}

    def __contains__(self, rel: str) -> bool:
        return rel in self.files

    def get(self, rel: str) -> ClosedFile | None:
        return self.files.get(rel)

    def forget(self, rel: str) -> bool:
        """Forget the file's flags; True when it had some."""
        return self.files.pop(rel, None) is not None

    def keep(self, rel: str, text: str, lines: list[str], regions: list[Region]) -> None:
        if regions:
            self.files[rel] = ClosedFile(hash(text), regions, lines)
        else:
            self.files.pop(rel, None)

    def reopened(self, rel: str, text: str) -> list[Region]:
        """The file opens in the editor: its flags, if its text is what they were on."""
        cf = self.files.pop(rel, None)
        return cf.regions if cf is not None and cf.keys_hash == hash(text) else []

    def flags_if_unchanged(self, rel: str, text: str) -> list[Region]:
        cf = self.files.get(rel)
        return [r for r in cf.regions if r.kind == FLAG] if cf is not None and cf.keys_hash == hash(text) else []


def disk_question(rel: str, text: str, old_keys: Any, settings: Settings) -> Question | None:
    """What judging a write to a closed file needs from outside: None when the write
    added nothing in bulk (or the file is generated)."""
    if is_generated(rel, text[:2000]):
        return None
    lines = text.splitlines()
    runs, bulk = _added(old_keys, lines, settings)
    new_lines = [x for a, b in runs for x in lines[a : b + 1]]
    solid = [n for n in (normalize(x) for x in new_lines) if is_solid(n)]
    if not bulk and not (solid and settings.transcripts):
        return None
    return Question(
        rel,
        new_lines,
        solid or [normalize(x) for x in new_lines],
        family_for(rel),
        on_disk=True,
        # A small edit is judged only when a tool's log holds it: no content model.
        content_model=settings.content_model and bulk,
        transcripts=settings.transcripts,
        logged_only=not bulk,
    )


def judge_write(
    closed: ClosedFiles, rel: str, text: str, old_keys: Any, git_op: bool, facts: Facts | None, memory: Memory
) -> Judgement | Question:
    """A write by another process to a file that is not open: which lines it added
    (against `old_keys`, what Provmark last knew of the file) and whether something
    explains them; the flags are kept in `closed`. Without `facts`, the question to
    gather them for comes back instead (and nothing is changed)."""
    if git_op:
        closed.forget(rel)
        return Judgement("git")
    if is_generated(rel, text[:2000]):
        return Judgement("generated")
    lines = text.splitlines()
    prev = closed.get(rel)
    # Earlier flags on this file stay where their lines still are.
    kept = prev.flags_still_in(lines) if prev is not None and old_keys is not None else []
    q = disk_question(rel, text, old_keys, memory.settings)
    if q is None:
        closed.keep(rel, text, lines, kept)
        return Judgement("small")
    if facts is None:
        return q
    if q.logged_only and facts.match is None:  # a small edit no tool's log holds: a person's
        closed.keep(rel, text, lines, kept)
        return Judgement("small")
    if facts.copy:
        closed.keep(rel, text, lines, kept)
        return Judgement("copy")
    size = ev.size(sum(1 for x in q.lines if x.strip()), len(q.lines))
    evidence = [ev.prior(ev.INSERT), ev.written_on_disk(), size]
    evidence += facts.evidence()
    insertion = new_id("w")
    regions = []
    for a, b in _added(old_keys, lines, memory.settings)[0]:
        r = Region(a, b, FLAG, insertion, evidence=list(evidence))
        r.attribute(facts.match)
        r.rescore()
        regions.append(r)
    if regions[0].score >= memory.settings.record_at:
        memory.ai.add(q.lines, Provenance(regions[0].score, regions[0].tool, False, insertion))
    closed.keep(rel, text, lines, kept + regions)
    return Judgement("flagged", regions)


def _added(old_keys: Any, lines: list[str], settings: Settings) -> tuple[list[tuple[int, int]], bool]:
    """The runs a write added, and whether one of them is bulk: then the small ones are
    the same writer's too (an agent's edit changes a line here and there around its new
    function). When none is bulk, the write is judged only if a tool's log holds it (an
    agent's small edit); a person's is never flagged."""
    runs = inserted_runs(old_keys, lines)
    return runs, any(is_bulk(lines[a : b + 1], settings) for a, b in runs)
