"""The provenance report's pure parts: how findings are split (tagged, unreviewed,
detected only), folders summed and capped, months filled, the manifest summed, git
blame read; and the HTML: escaped, no network, no style attributes, bounded."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from provmark.batch.html_report import render
from provmark.batch.report_model import (
    UNCOMMITTED,
    UNDATED,
    Excluded,
    FileStat,
    Limits,
    Lines,
    Node,
    Overview,
    Pipeline,
    RecordInfo,
    Sidecars,
    by_tool,
    file_stats,
    folder_tree,
    kind_of,
    month_of_iso,
    months,
    pipeline_summary,
    status_lines,
    top_untagged,
)
from provmark.batch.scan import FileReport, Report
from provmark.core.findings import Finding, totals
from provmark.pipeline.report_gather import count_lines, parse_blame


def finding(start: int, end: int, severity: str, code: str, record: str | None = None, **kw: object) -> Finding:
    return Finding(start, end, severity, code, kw.pop("score", 0.9), record_id=record, **kw)  # type: ignore[arg-type]


def report_of(files: dict[str, tuple[int, list[Finding]]]) -> Report:
    reports = [FileReport(p, "python", n, None, fs, False, 1) for p, (n, fs) in files.items()]
    return Report("/r", reports, {}, [], 0.0, 0, 0, 0.5, 0.2)


SAMPLE = {
    "a/b/c.py": (100, [finding(0, 9, "hint", "ai-tagged", "r_1", tool="claude-code")]),
    "a/b/d.py": (50, [finding(0, 19, "warning", "ai-paste", "r_2", tool="codex", model="gpt-x")]),
    "a/e.py": (40, [finding(5, 14, "warning", "ai-style"), finding(20, 24, "information", "ai-style")]),
    "f.py": (10, [finding(0, 3, "hint", "human-tagged", "r_3"), finding(6, 6, "information", "stale-record", "r_4")]),
    "g/h.py": (30, []),
}


def test_the_split_adds_up_to_the_scans_totals() -> None:
    assert kind_of(SAMPLE["a/b/c.py"][1][0]) == "tagged"
    assert kind_of(SAMPLE["a/b/d.py"][1][0]) == "unreviewed"
    assert kind_of(SAMPLE["a/e.py"][1][0]) == "detected"
    assert kind_of(SAMPLE["a/e.py"][1][1]) == "unclear"
    assert kind_of(SAMPLE["f.py"][1][0]) is None and kind_of(SAMPLE["f.py"][1][1]) is None
    report = report_of(SAMPLE)
    status, unclear = status_lines(file_stats(report))
    t = totals(report.findings(), len(report.files))
    assert (status.tagged, status.unreviewed, status.detected, unclear) == (10, 20, 10, 5)
    assert status.tagged == t["tagged_ai_lines"]
    assert status.untagged == t["ai_lines"]


def test_folders_sum_everything_under_them() -> None:
    tree = folder_tree(file_stats(report_of(SAMPLE)))
    assert (tree.files, tree.lines, tree.ai.total) == (5, 230, 40)
    a = next(c for c in tree.children if c.name == "a")
    assert (a.path, a.files, a.lines, a.ai.tagged, a.ai.unreviewed, a.ai.detected) == ("a", 3, 190, 10, 20, 10)
    b = next(c for c in a.children if c.name == "b")
    assert sorted(c.name for c in b.children) == ["c.py", "d.py"]  # files with AI lines are leaves
    assert [c.name for c in b.children] == ["d.py", "c.py"]  # most AI lines first
    g = next(c for c in tree.children if c.name == "g")
    assert g.children == [] and g.ai.total == 0 and (g.plain_files, g.plain_lines) == (1, 30)  # counted, not listed


def test_folders_deeper_than_the_limit_count_in_their_ancestor() -> None:
    tree = folder_tree(file_stats(report_of(SAMPLE)), Limits(tree_depth=1))
    a = next(c for c in tree.children if c.name == "a")
    assert not any(c.name == "b" for c in a.children)
    assert {c.path for c in a.children} == {"a/b/c.py", "a/b/d.py", "a/e.py"}  # files hang on "a"


def _walk(node: Node) -> list[Node]:
    out = [node]
    for c in node.children:
        out += _walk(c)
    return out


def test_a_huge_tree_shows_a_bounded_number_of_rows_and_still_adds_up() -> None:
    stats = [FileStat(f"p{i % 40}/q{i % 7}/m{i}.py", 20, Lines(detected=i % 3), span=20) for i in range(20_000)]
    tree = folder_tree(stats, Limits(tree_nodes=50))
    nodes = _walk(tree)
    assert len(nodes) <= 51
    for node in nodes:  # what is shown plus the "more" row is everything under a folder
        if node.is_file:
            continue
        assert sum(c.lines for c in node.children) + node.more_lines + node.plain_lines == node.lines
        assert sum(c.files for c in node.children) + node.plain_files <= node.files
        assert sum(c.ai.total for c in node.children) + node.more_ai.total == node.ai.total
    assert tree.lines == 400_000


def test_by_tool_names_models_from_records() -> None:
    rec = RecordInfo("a/b/c.py", "r_1", "tagged", "ai", "claude-code", "claude-x", "2025-02-01T00:00:00Z", 10)
    rows, more = by_tool(report_of(SAMPLE), [rec], 10)
    got = {(r.tool, r.model): (r.ai.total, r.files) for r in rows}
    assert got == {
        ("claude-code", "claude-x"): (10, 1),
        ("codex", "gpt-x"): (20, 1),
        ("(no tool named)", None): (10, 1),
    }
    assert more == 0
    rows, more = by_tool(report_of(SAMPLE), [rec], 1)
    assert len(rows) == 1 and rows[0].tool == "codex" and more == 2


def test_months_from_blame_and_records_fill_the_gaps() -> None:
    report = report_of(SAMPLE)
    dates = {
        "a/b/c.py": ["2025-01"] * 5 + [None] * 95,  # lines 0-4 committed in January, the rest not yet
        "a/b/d.py": ["2025-04"] * 50,
    }  # a/e.py: not blamed, so undated
    recs = [
        RecordInfo("a/b/c.py", "r_1", "tagged", "ai", None, None, "2025-02-03T00:00:00Z", 10),
        RecordInfo("a/b/d.py", "r_2", "unreviewed", "unknown", None, None, "2025-04-01T00:00:00Z", 20),
        RecordInfo("f.py", "r_3", "tagged", "human", None, None, "not a date", 4),
    ]
    rows = {r.month: r for r in months(report, dates, recs, 120)}
    assert list(rows) == ["2025-01", "2025-02", "2025-03", "2025-04", UNCOMMITTED, UNDATED]
    assert rows["2025-01"].committed.tagged == 5 and rows[UNCOMMITTED].committed.tagged == 5
    assert rows["2025-04"].committed.unreviewed == 20
    assert rows[UNDATED].committed.detected == 10
    assert rows["2025-02"].recorded_ai == 10 and rows["2025-04"].recorded_unreviewed == 20
    assert rows[UNDATED].recorded_human == 4
    assert rows["2025-03"].committed.total == 0  # a month with nothing is still on the axis
    total = Lines()
    for r in rows.values():
        total.add(r.committed)
    assert total.total == 40  # every AI line is counted once, in some column


def test_months_beyond_the_limit_are_summed_as_earlier() -> None:
    report = report_of({"x.py": (36, [finding(0, 35, "warning", "ai-style")])})
    dates = {"x.py": [f"{2020 + i // 12}-{i % 12 + 1:02d}" for i in range(36)]}
    rows = months(report, dates, [], 12)
    assert [r.month for r in rows][:2] == ["earlier", "2022-01"] and len(rows) == 13
    assert rows[0].committed.detected == 24 and sum(r.committed.detected for r in rows) == 36


def test_iso_months() -> None:
    assert month_of_iso("2025-11-30T15:49:02Z") == "2025-11"
    assert month_of_iso("2025-13-01") is None and month_of_iso(None) is None and month_of_iso("x") is None


def test_pipeline_summary_sums_the_manifest() -> None:
    entries = [
        Excluded("a.py", False, 30, "fresh", {"tagged": 10, "unreviewed": 15, "commit": 5}),
        Excluded("b.py", True, 80, "invalid", {}, ["b.py.json: invalid JSON"]),
        Excluded("c.py", False, 0, "fresh", {}),  # a sidecar that leaves nothing out
        *(Excluded(f"m{i}.py", False, 1, "relocated", {"style": 1}) for i in range(300)),
    ]
    p = pipeline_summary({"unreviewed": "exclude"}, entries, Limits(pipeline_top=5))
    assert (p.files, p.whole_files, p.whole_lines, p.range_lines, p.lines) == (303, 1, 80, 330, 410)
    assert p.by_reason == {"tagged": 10, "unreviewed": 15, "commit": 5, "style": 300}
    assert p.by_status == {"fresh": 2, "invalid": 1, "relocated": 300}
    assert [x.path for x in p.top][:2] == ["b.py", "a.py"] and len(p.top) == 5 and p.more == 302 - 5
    assert p.problems == ["b.py: b.py.json: invalid JSON"]


def test_top_untagged_files() -> None:
    stats = file_stats(report_of(SAMPLE))
    top, n = top_untagged(stats, 1)
    assert n == 2 and [s.path for s in top] == ["a/b/d.py"]


def test_parse_blame_gives_each_lines_month() -> None:
    a, b = "a" * 40, "0" * 40
    out = (
        f"{a} 1 1 2\nauthor x\nauthor-time 1736935200\ncommitter x\ncommitter-time 1736935200\nsummary s\n"
        f"filename f.py\n{b} 3 3 1\nauthor Not Committed Yet\ncommitter-time 1900000000\nfilename f.py\n"
        f"{a} 5 4 1\nfilename f.py\n"
    )
    assert parse_blame(out) == ["2025-01", "2025-01", None, "2025-01"]


# -- the HTML -------------------------------------------------------------------------
def overview(report: Report, **kw: object) -> Overview:
    stats = file_stats(report)
    status, unclear = status_lines(stats)
    top, n = top_untagged(stats, 50)
    tools, more = by_tool(report, [], 25)
    fields: dict[str, object] = {
        "root": "/r/<root>",
        "name": "<root>",
        "generated": "now",
        "version": "0",
        "warn_threshold": 0.5,
        "report_threshold": 0.2,
        "totals": report.totals(),
        "status": status,
        "unclear_lines": unclear,
        "lines": sum(s.lines for s in stats),
        "skipped": {},
        "folders": folder_tree(stats),
        "tools": tools,
        "tools_more": more,
        "months": months(report, {}, [], 120),
        "git": "ok",
        "dated_files": 0,
        "undated_files": 0,
        "top_files": top,
        "files_with_untagged": n,
        "pipeline": Pipeline({"unreviewed": "exclude"}),
        "sidecars": Sidecars(),
        "problems": [],
        "problems_more": 0,
        "notes": [],
        "limits": Limits(),
    }
    fields.update(kw)
    return Overview(**fields)  # type: ignore[arg-type]


def test_html_escapes_every_name_and_path_and_fetches_nothing() -> None:
    evil = '<script>alert("x")</script>&.py'
    report = report_of({f"dir<b>/{evil}": (30, [finding(0, 9, "warning", "ai-style", tool="<img src=x>")])})
    side = Sidecars(files=1, broken=[("<bad>.py", "invalid JSON: <oops>")], broken_count=1)
    page = render(overview(report, sidecars=side, notes=["a <note>"], problems=["p <x>"]))
    assert "<script>alert" not in page and "<img" not in page and "<b>/" not in page and "<bad>" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;.py" in page
    assert "invalid JSON: &lt;oops&gt;" in page and "a &lt;note&gt;" in page
    assert not re.search(r"""(src|href|action|data)\s*=\s*["']?\s*(https?:)?//""", page, re.I)
    assert "http://" not in page and "https://" not in page and "@import" not in page and "url(" not in page
    assert " style=" not in page  # a strict CSP blocks style attributes: bars are SVG attributes
    assert page.count("<script") == 2 and 'type="application/json"' in page  # data, and the one script
    assert re.search(r"<[^>]+\son[a-z]+\s*=", page) is None  # no inline event handler


def test_html_with_a_nonce_allows_only_its_own_style_and_script() -> None:
    page = render(overview(report_of(SAMPLE)), nonce="abc123XYZ+/=")
    assert "script-src &#x27;nonce-abc123XYZ+/=&#x27;" in page and "unsafe-inline" not in page
    assert page.count('nonce="abc123XYZ+/="') == 2
    with pytest.raises(ValueError):
        render(overview(report_of(SAMPLE)), nonce='x" onload="y')


def test_html_summary_is_the_scans_totals() -> None:
    report = report_of(SAMPLE)
    page = render(overview(report))
    raw = re.search(r'<script type="application/json" id="provmark-summary">(.*?)</script>', page, re.S)
    assert raw is not None
    data = json.loads(raw.group(1))
    assert data["totals"] == dict(report.totals())
    assert data["ai_lines"] == {"tagged": 10, "unreviewed": 20, "detected": 10}
    assert re.search(r'id="card-ai-lines"><span class="lbl">[^<]*</span><b data-value="40">40</b>', page)


def test_an_empty_tree_renders_and_says_so() -> None:
    empty = report_of({})
    page = render(overview(empty, notes=["No source files were found to scan."], git="not a git repository"))
    assert "No source files were found to scan." in page
    assert "No source files scanned." in page and "No AI-written lines" in page
    assert page.rstrip().endswith("</html>")


def test_the_page_stays_small_for_a_huge_tree() -> None:
    files = {
        f"pkg{i % 100}/sub{i % 13}/mod{i}.py": (40, [finding(0, 9 + i % 5, "warning", "ai-style")])
        for i in range(20_000)
    }
    report = report_of(files)
    page = render(overview(report))
    assert len(page.encode()) < 600_000
    assert page.count("<tr>") < 200


def test_count_lines_as_filter_drops_them(tmp_path: Path) -> None:
    for data, n in ((b"", 0), (b"a", 1), (b"a\n", 1), (b"a\r\nb\rc\n\n", 4), (b"a\nb", 2)):
        (tmp_path / "f").write_bytes(data)
        assert count_lines(tmp_path / "f") == n, data
    assert count_lines(tmp_path / "missing") == 0


def test_a_record_past_the_last_block_counts_its_lines_in_the_file() -> None:
    report = report_of({"t.py": (26, [finding(0, 26, "hint", "ai-tagged", "r_1")])})  # a trailing blank line
    (st,) = file_stats(report)
    assert st.lines == 27 and st.ai.tagged == 27  # never more than 100%
