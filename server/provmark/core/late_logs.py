"""Flags raised before an AI tool's log held their lines.

Some tools write their session log a moment after the file (a message is saved when its
stream ends, a tool call when it completes): the write is judged before the log has it,
and no tool is named. Such a flag waits, for `transcript_wait_s`, for a log that names
its lines; the language server matches the waiting flags again whenever the logs gain
writes, and `name_tool` gives a flag the tool, model and session it finds, with the
transcript's evidence (so its score, code and diagnostic change). Pure: the lines and
the match come from outside.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from provmark.core import evidence as ev
from provmark.core.facts import Match
from provmark.core.regions import FLAG, Region

# Flags an AI tool may have written: an insertion in the editor (i...) or a write by
# another process (w...); not the scan's (s...) nor a declaring commit's (g...), whose
# lines were judged at rest.
_WRITTEN = ("i", "w")


@dataclass(frozen=True)
class Unnamed:
    """A flag no tool was named for: the document (`uri`, open) or the file (`rel`, not
    open) it is in, its insertion and the lines (0-based, inclusive) it covers now."""

    uri: str | None
    rel: str | None
    insertion: str
    runs: tuple[tuple[int, int], ...]


def unnamed(regions: Iterable[Region]) -> dict[str, tuple[tuple[int, int], ...]]:
    """The insertions among `regions` that are flags without a tool, with their runs (a
    flag split by later edits has several)."""
    out: dict[str, list[tuple[int, int]]] = {}
    for r in regions:
        if r.kind == FLAG and r.tool is None and r.record is None and r.insertion.startswith(_WRITTEN):
            out.setdefault(r.insertion, []).append((r.start, r.end))
    return {k: tuple(sorted(v)) for k, v in out.items()}


def name_tool(regions: Iterable[Region], insertion: str, match: Match) -> list[Region]:
    """Name the tool of the insertion's flags that still have none, with the log's
    evidence; returns the flags changed."""
    found = ev.transcript_match(match.tool, match.session, match.model, match.fraction, match.kind)
    changed = []
    for r in regions:
        if r.kind != FLAG or r.insertion != insertion or r.tool is not None:
            continue
        r.evidence = [e for e in r.evidence if e.signal != found.signal] + [found]
        r.attribute(match)
        r.rescore()
        changed.append(r)
    return changed
