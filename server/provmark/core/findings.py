"""What Provmark reports about a block of lines, wherever it was judged (the editor, the
workspace scan), the words people read for it, and the one way findings are counted.

Lines are 0-based and inclusive here, as in the LSP; everything people read (messages,
the scan's JSON and SARIF, sidecars, the manifest) counts from 1.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import TypedDict

from provmark.core import evidence as ev
from provmark.core.evidence import EvidenceJSON, Severity
from provmark.core.regions import FLAG, STALE, TAGGED, Region

FLAG_CODES = frozenset({"external-paste", "ai-paste", "agent-write", "ai-commit", "ai-style", "ai-transcript"})
TAG_CODES = frozenset({"ai-tagged", "human-tagged"})


class TaggedInfo(TypedDict):
    created: str | None
    tagged_by: str | None
    training: str
    kind: str


@dataclass(frozen=True)
class Finding:
    start: int
    end: int
    severity: Severity
    code: str
    score: float
    message: str = ""
    tool: str | None = None
    evidence: list[EvidenceJSON] = field(default_factory=list)
    insertion: str = ""  # the editor's id of the insertion a flag came from
    record_id: str | None = None  # the sidecar record of a tag or a stale record
    model: str | None = None
    session: str | None = None
    tagged: TaggedInfo | None = None  # for tags: when, by whom, training
    path: str = ""  # relative to the workspace root (scan)
    name: str = ""  # the definition a scanned block is, when it is one
    fingerprint: str = ""  # stable across scans, for code-scanning dashboards

    @property
    def lines(self) -> int:
        return self.end - self.start + 1


# -- words -------------------------------------------------------------------------------
def plural(n: int, word: str = "line") -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


_HOW = {
    "agent-write": "written to this file by another process",
    "ai-paste": "that look like AI output arrived at once",
    "ai-commit": "added by a commit that declares an AI tool",
    "ai-style": "that read as AI-written (workspace scan)",
    "ai-transcript": "that an AI tool's session log holds",
}

_KIND = {
    "ai": "AI-generated",
    "human": "Written by a person",
    "mixed": "Mixed human and AI",
    "unknown": "Of unknown origin",
}


def flag_message(
    code: str, lines: int, score: float, tool: str | None, recorded: bool = False, hinted: bool = False
) -> str:
    """The editor's words for a flagged region (the client shows `provmark` as the source).
    Without the client's word that it was pasted from outside (`hinted`), all that is
    known of an unexplained insertion is that its lines came at once: so it says."""
    how = _HOW.get(code, "pasted from outside the editor" if hinted else "arrived at once")
    suspect = f"; suspected tool: {tool}" if tool else ""
    what = (
        "Recorded as unreviewed, so the training pipeline leaves it out until it is tagged: "
        if recorded
        else "If an AI tool wrote it, tag it so the training pipeline excludes it; "
    )
    tail = "tag it as AI-generated, or as yours if you wrote it." if recorded else "if you wrote it, tag it as yours."
    return f"{plural(lines)} {how} (score {score:.2f}{suspect}). {what}{tail}"


def tag_message(kind: str, tool: str | None, training: str) -> str:
    what = _KIND.get(kind, kind)
    where = "excluded from" if training == "exclude" else "included in"
    return f"{what}{f' ({tool})' if tool else ''}, {where} training"


def stale_message(record_id: str, start_line: int, end_line: int) -> str:
    return (
        "A provenance record of this file cannot be found in its text any more "
        f"(record {record_id}, lines {start_line}-{end_line} when tagged); the training pipeline "
        "excludes the whole file until it is re-tagged or removed"
    )


def report_message(f: Finding) -> str:
    """One sentence for a report line (SARIF, the terminal)."""
    what = f"`{f.name}`" if f.name else f"lines {f.start + 1}-{f.end + 1}"
    tool = f" ({f.tool})" if f.tool else ""
    if f.code in FLAG_CODES:
        kind = "likely AI-written" if f.severity == "warning" else "possibly AI-written"
        return f"{what} is {kind}{tool}, score {f.score:.2f}, and not tagged."
    if f.code == "ai-tagged":
        return f"{what} is tagged as AI-written{tool}."
    if f.code == "human-tagged":
        return f"{what} is tagged as written by a person."
    return f"A sidecar record (id {f.record_id}) no longer matches the file near line {f.start + 1}."


def finding_of(r: Region, warn: float, report: float) -> Finding | None:
    """What the editor shows for a region (None: a flag below the report threshold, or
    lines still being judged)."""
    if r.kind == FLAG:
        severity = ev.severity(r.score, warn, report)
        if severity is None:
            return None
        return Finding(
            r.start,
            r.end,
            severity,
            r.code,
            r.score,
            flag_message(r.code, r.end - r.start + 1, r.score, r.tool, r.review is not None, _hinted(r)),
            r.tool,
            [e.to_json() for e in r.evidence],
            r.insertion,
            record_id=r.review,
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


def _hinted(r: Region) -> bool:
    """The client said the region was pasted from outside the editor."""
    return any(e.signal == "paste-hint" and e.weight > 0 for e in r.evidence)


def clamped(f: Finding, end: int) -> Finding:
    """The finding ending no later than `end` (a document shorter than its region)."""
    if f.end == end and f.start <= end:
        return f
    return replace(f, start=min(f.start, end), end=end)


# -- counting ------------------------------------------------------------------------------
class Totals(TypedDict):
    files: int
    flagged: int  # untagged blocks at or above the warning threshold
    unclear: int  # untagged blocks between the report and the warning thresholds
    tagged: int  # tagged regions, either way
    stale: int  # sidecar records whose lines are gone
    ai_lines: int  # lines of the flagged blocks: AI-written and not yet tagged
    tagged_ai_lines: int  # lines tagged as AI-written


def totals(findings: Iterable[Finding], files: int = 0) -> Totals:
    """Counts over findings: the one definition the editor's scan, the CLI and the
    reports share."""
    out: Totals = {
        "files": files,
        "flagged": 0,
        "unclear": 0,
        "tagged": 0,
        "stale": 0,
        "ai_lines": 0,
        "tagged_ai_lines": 0,
    }
    for f in findings:
        if f.code in TAG_CODES:
            out["tagged"] += 1
            if f.code == "ai-tagged":
                out["tagged_ai_lines"] += f.lines
        elif f.code == "stale-record":
            out["stale"] += 1
        elif f.severity == "warning":
            out["flagged"] += 1
            out["ai_lines"] += f.lines
        elif f.severity == "information":
            out["unclear"] += 1
    return out
