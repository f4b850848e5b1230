"""What is known of lines at rest in a file: its sidecar's records (tags where found
again, stale records where not), lines from commits that declare an AI tool, and the
workspace scan's flags. Pure: the records, blame runs and flags are handed in."""

from __future__ import annotations

from provmark.core import evidence as ev
from provmark.core.bursts import DocState, is_bulk
from provmark.core.evidence import Evidence
from provmark.core.memory import Memory, Provenance
from provmark.core.records import Record, SidecarData, status_of
from provmark.core.regions import FLAG, STALE, TAGGED, Region, new_id
from provmark.core.relocate import hashes_of, locate, squeezed_of

History = list[tuple[int, int, str, str]]  # runs of (start, end, tool, commit), 0-based
ScanFlag = tuple[int, int, str | None, list[Evidence]]  # (start, end, tool, evidence)


def attach_sidecar(state: DocState, sidecar: SidecarData, memory: Memory) -> None:
    """Show a sidecar's records: tagged regions where found again, stale ones where not."""
    state.regions = [r for r in state.regions if r.kind == FLAG]
    lines = state.doc.lines()
    hashes, squeezed = hashes_of(lines), squeezed_of(lines)
    for rec in sidecar.get("records", []):
        found = locate(rec, hashes, squeezed)
        if found is None:
            line = min(max(rec["start_line"] - 1, 0), state.doc.line_count - 1)
            state.regions.append(Region(line, line, STALE, rec["id"], record=rec, code="stale-record"))
        elif status_of(rec) == "unreviewed":
            add_unreviewed(state, found.start, found.end, rec)
        else:
            add_tagged(state, found.start, found.end, rec, memory)


def add_unreviewed(state: DocState, start: int, end: int, rec: Record) -> None:
    """A flag nobody has reviewed, recorded earlier: shown as the flag it was (the same
    evidence, so the same score and code), unless a flag already covers the lines."""
    state.review_ids.add(rec["id"])
    for r in state.regions:
        if r.kind == FLAG and r.start <= end and r.end >= start:
            r.review = r.review or rec["id"]
            return
    origin = rec["origin"]
    r = Region(start, end, FLAG, rec["id"], tool=origin.get("tool"), evidence=recorded_evidence(rec), review=rec["id"])
    r.model, r.session = origin.get("model"), origin.get("session")
    r.rescore()
    state.regions.append(r)


def add_tagged(state: DocState, start: int, end: int, rec: Record, memory: Memory) -> None:
    """A record covers lines start..end: it replaces any flag there, and AI lines are
    remembered so that copies of them inherit the tag's provenance."""
    carve(state, start, end)
    origin = rec["origin"]
    code = "human-tagged" if origin["kind"] == "human" else "ai-tagged"
    score = 1.0 if origin["kind"] == "ai" else 0.0
    state.regions.append(
        Region(start, end, TAGGED, rec["id"], score=score, tool=origin.get("tool"), record=rec, code=code)
    )
    if origin["kind"] in ("ai", "mixed"):
        memory.ai.add(state.doc.lines(start, end + 1), Provenance(1.0, origin.get("tool"), True, rec["id"]))


def recorded_evidence(rec: Record) -> list[Evidence]:
    """The evidence a record keeps (names and weights): an unreviewed record scores as
    the flag it was, wherever it is read."""
    return [Evidence(e["signal"], e["weight"], "recorded when flagged") for e in rec.get("evidence", [])]


def carve(state: DocState, start: int, end: int) -> None:
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


def history_regions(state: DocState, runs: History, memory: Memory) -> list[Region]:
    """Flag lines that git blame gives to commits declaring an AI tool; a flag already
    there gains the commit as evidence; tagged lines stay as they are."""
    added: list[Region] = []
    for a, b, tool, sha in runs:
        if not is_bulk(state.doc.lines(a, b + 1), memory.settings):
            continue
        commit = ev.git_commit(sha, tool)
        overlap = [r for r in state.regions if r.start <= b and r.end >= a]
        if overlap:
            for r in overlap:
                if r.kind == FLAG and not any(e.signal == "git-commit" for e in r.evidence):
                    r.evidence = [*r.evidence, commit]
                    r.tool = r.tool or tool
                    r.rescore()
                    added.append(r)
            continue
        # Lines met at rest in the repository, as the scan meets them.
        r = Region(a, b, FLAG, f"g{sha[:10]}", evidence=[ev.prior(ev.REPOSITORY), commit], tool=tool)
        r.rescore()
        state.regions.append(r)
        memory.ai.add(state.doc.lines(a, b + 1), Provenance(r.score, tool, False, r.insertion))
        added.append(r)
    return added


def scan_flags(state: DocState, flags: list[ScanFlag]) -> None:
    """The scan's blocks as flags, where nothing else already covers them: a tag, an
    earlier flag or a commit says more."""
    for a, b, tool, evidence in flags:
        if b >= state.doc.line_count or any(r.start <= b and r.end >= a for r in state.regions):
            continue
        r = Region(a, b, FLAG, new_id("s"), evidence=list(evidence), tool=tool)
        r.rescore()
        state.regions.append(r)
