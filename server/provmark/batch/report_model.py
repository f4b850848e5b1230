"""The provenance report's data: plain dataclasses and the pure functions that fill them
from the scan's `Report`, the sidecars' records, git's dates and the manifest's results
(gathered by `pipeline/report_gather.py`; drawn by `batch/html_report.py`).

Every count comes from the same objects `provmark scan` and `provmark manifest` print,
counted the same way (`findings.totals`), so the report agrees with them. Sections are
capped (`Limits`), so a tree of any size gives a report of bounded size. Nothing here
holds source text: paths, names, hashes and counts only.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from provmark.batch.scan import Report
from provmark.core.findings import TAG_CODES, Finding, Totals

Kind = Literal["tagged", "unreviewed", "detected", "unclear"]
KINDS: tuple[str, ...] = ("tagged", "unreviewed", "detected")  # what counts as AI-written lines
NO_TOOL = "(no tool named)"


@dataclass(frozen=True)
class Limits:
    """Caps that keep the report's size bounded whatever the tree's size."""

    top_files: int = 50  # rows of the files with the most untagged AI code
    tree_nodes: int = 300  # folders and files shown in the drill-down tree
    tree_depth: int = 8  # deeper folders are counted in their ancestor at this depth
    tools: int = 25  # (tool, model) rows
    months: int = 120  # the newest months; older ones are one "earlier" row
    problems: int = 100  # broken sidecars, orphans, scan problems listed (the rest counted)
    blame_files: int = 400  # files git blame dates (those with the most AI lines first)
    pipeline_top: int = 50  # rows of the files the pipeline leaves most out of


DEFAULT_LIMITS = Limits()


@dataclass
class Lines:
    """AI-written lines by what is known of them: tagged (a record says AI), unreviewed
    (Provmark recorded a flag nobody decided), detected (the scan finds it; no record)."""

    tagged: int = 0
    unreviewed: int = 0
    detected: int = 0

    @property
    def total(self) -> int:
        return self.tagged + self.unreviewed + self.detected

    @property
    def untagged(self) -> int:
        return self.unreviewed + self.detected

    def add(self, other: Lines) -> None:
        self.tagged += other.tagged
        self.unreviewed += other.unreviewed
        self.detected += other.detected

    def bump(self, kind: str, n: int) -> None:
        setattr(self, kind, getattr(self, kind) + n)


def kind_of(f: Finding) -> Kind | None:
    """Where a scan finding falls: the same split as `findings.totals` (tagged AI lines
    are `tagged_ai_lines`; warnings are `ai_lines`, with or without a record; information
    is `unclear`); None for hand-written tags and stale records."""
    if f.code in TAG_CODES:
        return "tagged" if f.code == "ai-tagged" else None
    if f.code == "stale-record":
        return None
    if f.severity == "warning":
        return "unreviewed" if f.record_id else "detected"
    if f.severity == "information":
        return "unclear"
    return None


@dataclass
class FileStat:
    """One scanned file: its lines, its AI lines by kind, its unclear lines."""

    path: str
    lines: int
    ai: Lines = field(default_factory=Lines)
    unclear: int = 0
    score: float = 0.0  # its most telling untagged flag's score
    tools: list[str] = field(default_factory=list)
    span: int = 0  # lines up to the last one a finding covers (a record may reach past `lines`)


def file_stats(report: Report) -> list[FileStat]:
    out: list[FileStat] = []
    for fr in report.files:
        st = FileStat(fr.path, fr.lines, span=fr.lines)
        tools: set[str] = set()
        for f in fr.findings:
            st.span = max(st.span, f.end + 1)
            kind = kind_of(f)
            if kind is None:
                continue
            if kind == "unclear":
                st.unclear += f.lines
                continue
            st.ai.bump(kind, f.lines)
            if kind != "tagged":
                st.score = max(st.score, f.score)
            if f.tool:
                tools.add(f.tool)
        st.tools = sorted(tools)
        st.lines = st.span  # the scan counts to its last block; a record may cover a blank line past it
        out.append(st)
    return out


# -- folders -----------------------------------------------------------------------------
@dataclass
class Node:
    """A folder (or a file) of the drill-down tree, with everything under it counted."""

    path: str  # "" for the root; folders end without "/"
    name: str
    is_file: bool = False
    files: int = 0
    lines: int = 0
    ai: Lines = field(default_factory=Lines)
    children: list[Node] = field(default_factory=list)
    # Children left out to keep the tree small, counted together.
    more: int = 0
    more_lines: int = 0
    more_ai: Lines = field(default_factory=Lines)
    # Files right in this folder with no AI lines: counted, not listed.
    plain_files: int = 0
    plain_lines: int = 0


def folder_tree(stats: Iterable[FileStat], limits: Limits = DEFAULT_LIMITS) -> Node:
    """Every folder's lines and AI lines (folders deeper than `tree_depth` counted in
    their ancestor at that depth), then the `tree_nodes` most telling folders and files
    (most AI lines first, then most lines); the rest of each folder's children are
    counted as one "more" row, and files with no AI lines as one row per folder."""
    root = Node("", "")
    folders: dict[str, Node] = {"": root}
    file_nodes: list[tuple[Node, Node]] = []  # (file, its folder)
    for st in stats:
        parts = st.path.split("/")
        chain = [root]
        for depth in range(1, min(len(parts) - 1, limits.tree_depth) + 1):
            key = "/".join(parts[:depth])
            node = folders.get(key)
            if node is None:
                node = folders[key] = Node(key, parts[depth - 1])
                chain[-1].children.append(node)
            chain.append(node)
        for node in chain:
            node.files += 1
            node.lines += st.lines
            node.ai.add(st.ai)
        if st.ai.total:
            file_nodes.append((Node(st.path, parts[-1], True, 1, st.lines, Lines(**asdict(st.ai))), chain[-1]))
        else:  # one row per folder says how many files have none
            chain[-1].plain_files += 1
            chain[-1].plain_lines += st.lines
    for leaf, parent in file_nodes:
        parent.children.append(leaf)
    _prune(root, limits.tree_nodes)
    return root


def _rank(n: Node) -> tuple[int, int, str]:
    return (-n.ai.total, -n.lines, n.path)


def _prune(root: Node, budget: int) -> None:
    """Keep the `budget` highest-ranked nodes reachable from the root, best first."""
    kept: set[int] = {id(root)}
    heap = [(_rank(c), i, c) for i, c in enumerate(root.children)]
    heapq.heapify(heap)
    tie = len(heap)
    while heap and len(kept) <= budget:
        _, _, node = heapq.heappop(heap)
        kept.add(id(node))
        for c in node.children:
            tie += 1
            heapq.heappush(heap, (_rank(c), tie, c))
    stack = [root]
    while stack:
        node = stack.pop()
        shown = sorted((c for c in node.children if id(c) in kept), key=_rank)
        for c in node.children:
            if id(c) not in kept:
                node.more += 1
                node.more_lines += c.lines
                node.more_ai.add(c.ai)
        node.children = shown
        stack.extend(shown)


# -- tools and models --------------------------------------------------------------------
@dataclass
class ToolRow:
    tool: str
    model: str | None
    ai: Lines = field(default_factory=Lines)
    files: int = 0


@dataclass
class RecordInfo:
    """One sidecar record, as the report needs it (no hashes, no text)."""

    path: str
    id: str
    status: str  # "tagged" or "unreviewed"
    kind: str  # origin kind: ai, human, mixed, unknown
    tool: str | None
    model: str | None
    created: str | None  # ISO 8601
    lines: int  # as recorded


def by_tool(report: Report, records: Sequence[RecordInfo], limit: int) -> tuple[list[ToolRow], int]:
    """AI lines per (tool, model), most first; the model of a tagged region comes from its
    record. Returns the rows kept and how many more there were."""
    models = {(r.path, r.id): r.model for r in records}
    rows: dict[tuple[str, str | None], ToolRow] = {}
    seen: dict[tuple[str, str | None], set[str]] = {}
    for fr in report.files:
        for f in fr.findings:
            kind = kind_of(f)
            if kind is None or kind == "unclear":
                continue
            model = f.model or (models.get((fr.path, f.record_id)) if f.record_id else None)
            key = (f.tool or NO_TOOL, model)
            row = rows.setdefault(key, ToolRow(key[0], model))
            row.ai.bump(kind, f.lines)
            seen.setdefault(key, set()).add(fr.path)
    for key, row in rows.items():
        row.files = len(seen[key])
    ordered = sorted(rows.values(), key=lambda r: (-r.ai.total, r.tool, r.model or ""))
    return ordered[:limit], max(0, len(ordered) - limit)


# -- months ------------------------------------------------------------------------------
@dataclass
class MonthRow:
    month: str  # "YYYY-MM", or "earlier", "not committed", "undated"
    committed: Lines = field(default_factory=Lines)  # AI lines by the month git says they were committed
    recorded_ai: int = 0  # lines tagged AI-written in records created that month
    recorded_unreviewed: int = 0  # lines recorded unreviewed that month
    recorded_human: int = 0  # lines tagged as a person's that month


UNCOMMITTED = "not committed"
UNDATED = "undated"
EARLIER = "earlier"


def month_of_epoch(epoch: int) -> str:
    return dt.datetime.fromtimestamp(epoch, dt.timezone.utc).strftime("%Y-%m")


def month_of_iso(text: str | None) -> str | None:
    """ "YYYY-MM" of an ISO 8601 date, or None when it is not one."""
    if not text or len(text) < 7 or text[4] != "-" or not (text[:4] + text[5:7]).isdigit():
        return None
    return text[:7] if 1 <= int(text[5:7]) <= 12 else None


def months(
    report: Report,
    dates: dict[str, list[str | None]],
    records: Sequence[RecordInfo],
    limit: int,
) -> list[MonthRow]:
    """AI lines by the month git committed them (`dates`: path -> each 0-based line's
    month, None for lines not committed yet; files not in it are "undated"), and lines
    recorded in sidecars by the month of the record. Months in between are filled in;
    the newest `limit` months are kept, the older summed as "earlier"."""
    rows: dict[str, MonthRow] = {}

    def row(key: str) -> MonthRow:
        return rows.setdefault(key, MonthRow(key))

    for fr in report.files:
        per_line = dates.get(fr.path)
        for f in fr.findings:
            kind = kind_of(f)
            if kind is None or kind == "unclear":
                continue
            if per_line is None:
                row(UNDATED).committed.bump(kind, f.lines)
                continue
            for n in range(f.start, f.end + 1):
                month = per_line[n] if n < len(per_line) else UNDATED
                row(month or UNCOMMITTED).committed.bump(kind, 1)
    for r in records:
        key = month_of_iso(r.created) or UNDATED
        if r.status == "unreviewed":
            row(key).recorded_unreviewed += r.lines
        elif r.kind in ("ai", "mixed"):
            row(key).recorded_ai += r.lines
        elif r.kind == "human":
            row(key).recorded_human += r.lines
    return _month_axis(rows, limit)


def _month_axis(rows: dict[str, MonthRow], limit: int) -> list[MonthRow]:
    special = [rows[k] for k in (UNCOMMITTED, UNDATED) if k in rows]
    named = sorted(k for k in rows if k not in (UNCOMMITTED, UNDATED))
    if not named:
        return special
    axis = _fill(named[0], named[-1])
    out = [rows.get(m) or MonthRow(m) for m in axis]
    if len(out) > limit:
        earlier = MonthRow(EARLIER)
        for r in out[:-limit]:
            earlier.committed.add(r.committed)
            earlier.recorded_ai += r.recorded_ai
            earlier.recorded_unreviewed += r.recorded_unreviewed
            earlier.recorded_human += r.recorded_human
        out = [earlier, *out[-limit:]]
    return out + special


def _fill(first: str, last: str) -> list[str]:
    y, m = int(first[:4]), int(first[5:7])
    out: list[str] = []
    while True:
        key = f"{y:04d}-{m:02d}"
        out.append(key)
        if key >= last:
            return out
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)


# -- the training pipeline ---------------------------------------------------------------
@dataclass
class Excluded:
    """One manifest entry, as the report needs it (from `exclusion.FileResult`)."""

    path: str
    whole: bool  # the whole file is left out
    lines: int  # lines left out (the file's lines when whole)
    status: str
    reasons: dict[str, int] = field(default_factory=dict)  # reason -> lines
    problems: list[str] = field(default_factory=list)


@dataclass
class Pipeline:
    policy: dict[str, Any]
    files: int = 0  # manifest entries
    whole_files: int = 0
    whole_lines: int = 0
    range_lines: int = 0  # lines left out of files kept in part
    by_reason: dict[str, int] = field(default_factory=dict)
    by_status: dict[str, int] = field(default_factory=dict)
    top: list[Excluded] = field(default_factory=list)
    more: int = 0
    problems: list[str] = field(default_factory=list)
    error: str | None = None  # the pipeline cannot say (git cannot read the history)

    @property
    def lines(self) -> int:
        return self.whole_lines + self.range_lines


def pipeline_summary(policy: dict[str, Any], entries: Iterable[Excluded], limits: Limits) -> Pipeline:
    """The manifest's entries summed: files and lines left out, by reason and by status;
    the files left most out of (`pipeline_top` of them)."""
    out = Pipeline(policy)
    top: list[Excluded] = []
    with_lines = 0
    for e in entries:
        out.files += 1
        out.by_status[e.status] = out.by_status.get(e.status, 0) + 1
        if e.whole:
            out.whole_files += 1
            out.whole_lines += e.lines
        else:
            out.range_lines += e.lines
            for why, n in e.reasons.items():
                out.by_reason[why] = out.by_reason.get(why, 0) + n
        room = limits.problems - len(out.problems)
        if room > 0:
            out.problems += [f"{e.path}: {p}" for p in e.problems][:room]
        if e.lines or e.whole:
            with_lines += 1
            top.append(e)
            if len(top) > 4 * limits.pipeline_top:  # memory stays bounded on huge trees
                top = sorted(top, key=_most_left_out)[: limits.pipeline_top]
    out.top = sorted(top, key=_most_left_out)[: limits.pipeline_top]
    out.more = with_lines - len(out.top)
    return out


def _most_left_out(e: Excluded) -> tuple[int, int, str]:
    return (-e.lines, -int(e.whole), e.path)


# -- sidecars ----------------------------------------------------------------------------
@dataclass
class Sidecars:
    files: int = 0
    records: int = 0
    by_status: dict[str, int] = field(default_factory=dict)  # tagged AI, tagged human, unreviewed, ...
    broken: list[tuple[str, str]] = field(default_factory=list)  # (path, why), capped
    broken_count: int = 0
    orphans: list[str] = field(default_factory=list)  # capped
    orphan_count: int = 0


# -- the whole report --------------------------------------------------------------------
@dataclass
class Overview:
    root: str
    name: str
    generated: str
    version: str
    warn_threshold: float
    report_threshold: float
    totals: Totals  # exactly the scan's
    status: Lines  # tagged + unreviewed + detected = totals' tagged_ai_lines + ai_lines
    unclear_lines: int
    lines: int  # lines of the scanned files
    skipped: dict[str, int]
    folders: Node
    tools: list[ToolRow]
    tools_more: int
    months: list[MonthRow]
    git: str  # "ok", or why there are no dates from git
    dated_files: int  # files git blame dated
    undated_files: int  # files with AI lines left undated (over the cap)
    top_files: list[FileStat]
    files_with_untagged: int
    pipeline: Pipeline
    sidecars: Sidecars
    problems: list[str]  # the scan's, not already said of a broken sidecar
    problems_more: int
    notes: list[str]  # what is missing (no files, no sidecars, no history)
    limits: Limits

    def summary(self) -> dict[str, Any]:
        """The headline numbers, machine-readable (embedded in the HTML as JSON): no
        paths, no names."""
        return {
            "totals": dict(self.totals),
            "lines": self.lines,
            "ai_lines": asdict(self.status),
            "unclear_lines": self.unclear_lines,
            "files_with_untagged": self.files_with_untagged,
            "pipeline": {
                "files": self.pipeline.files,
                "whole_files": self.pipeline.whole_files,
                "whole_lines": self.pipeline.whole_lines,
                "range_lines": self.pipeline.range_lines,
                "by_reason": dict(sorted(self.pipeline.by_reason.items())),
                "by_status": dict(sorted(self.pipeline.by_status.items())),
                "error": self.pipeline.error,
            },
            "sidecars": {
                "files": self.sidecars.files,
                "records": self.sidecars.records,
                "broken": self.sidecars.broken_count,
                "orphans": self.sidecars.orphan_count,
            },
            "git": self.git,
        }


def top_untagged(stats: Sequence[FileStat], limit: int) -> tuple[list[FileStat], int]:
    """The files with the most untagged AI lines, and how many files have any."""
    with_any = [s for s in stats if s.ai.untagged]
    ranked = heapq.nsmallest(limit, with_any, key=lambda s: (-s.ai.untagged, -s.score, s.path))
    return ranked, len(with_any)


def status_lines(stats: Iterable[FileStat]) -> tuple[Lines, int]:
    total, unclear = Lines(), 0
    for s in stats:
        total.add(s.ai)
        unclear += s.unclear
    return total, unclear
