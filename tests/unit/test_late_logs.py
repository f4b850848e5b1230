"""A flag raised before its tool's log existed, named later (core.late_logs, the
tracker's facade, and the sidecar's unreviewed record): the pure parts, no server."""

from __future__ import annotations

import json
from pathlib import Path

from provmark.core.facts import Match
from provmark.core.tracker import Tracker
from provmark.settings import Settings
from provmark.sources import sidecar
from provmark.sources.workspace_index import FilesIO, WorkspaceIndex

AGENT = "".join(f"def helper_{i}(value):\n    return normalise(value, mode='m{i}')\n\n" for i in range(6))
MATCH = Match("codex", "sess-9", "gpt-5-codex", 1.0)


def tracker(tmp_path: Path) -> Tracker:
    (tmp_path / "base.py").write_text("def f(x):\n    return x\n")
    index = WorkspaceIndex(tmp_path)
    index.build()
    return Tracker(Settings(), index, tmp_path, io=FilesIO(tmp_path))


def test_a_closed_files_flag_without_a_tool_is_named_once(tmp_path: Path) -> None:
    tr = tracker(tmp_path)
    assert tr.disk_write("new.py", AGENT, None, git_op=False).verdict == "flagged"
    [before] = tr.closed_findings("new.py")
    assert before.tool is None
    [u] = tr.unnamed()
    assert (u.uri, u.rel, u.insertion.startswith("w")) == (None, "new.py", True)
    changed = tr.name_tool(u, MATCH, AGENT.splitlines())
    assert [r.tool for r in changed] == ["codex"]
    [after] = tr.closed_findings("new.py")
    assert (after.tool, after.model, after.session) == ("codex", "gpt-5-codex", "sess-9")
    assert after.score >= before.score and after.code == "agent-write"
    assert sum(e["signal"] == "transcript-match" for e in after.evidence) == 1
    assert tr.unnamed() == [] and tr.name_tool(u, MATCH, AGENT.splitlines()) == []  # named once
    # A copy of those lines now carries the tool.
    assert tr.memory.ai.lookup([x.strip() for x in AGENT.splitlines() if x.strip()])[1].tool == "codex"  # type: ignore[union-attr]


def test_open_documents_flags_are_named_and_others_are_left(tmp_path: Path) -> None:
    tr = tracker(tmp_path)
    uri = (tmp_path / "a.py").as_uri()
    tr.open(uri, "x = 1\n", 1, "python", "a.py", "utf-16")
    tr.change(uri, 2, [(((1, 0), (1, 0)), AGENT)], now=1.0)
    tr.judge(uri, now=5.0)
    [u] = tr.unnamed()
    assert u.uri == uri and u.rel is None and u.insertion.startswith("i")
    # Flags of the scan or of declaring commits (judged at rest) never wait for a log.
    tr.add_history(uri, [(1, 2, "claude-code", "abc")])
    assert [x.insertion for x in tr.unnamed()] == [u.insertion]
    [r] = tr.name_tool(u, MATCH, tr.lines(uri, *u.runs[0]))
    assert r.tool == "codex" and tr.findings(uri)[-1].tool == "codex"


def test_sidecar_unreviewed_record_takes_the_tool_and_decided_ones_are_left(tmp_path: Path) -> None:
    lines = AGENT.splitlines()
    ev = [{"signal": "written-on-disk", "weight": 1.0}]
    flag = sidecar.make_record(lines, 1, {"kind": "unknown"}, "exclude", ev, "provmark", "unreviewed", 0.7)
    tag = sidecar.make_record(lines[:2], 1, {"kind": "human"}, "include")
    sidecar.update(tmp_path, "new.py", add=[flag, tag])
    origin = {"kind": "ai", "tool": "codex", "model": "gpt-5-codex", "session": "sess-9"}
    ev2 = [*ev, {"signal": "transcript-match", "weight": 7.0}]
    assert sidecar.attribute_unreviewed(tmp_path, "new.py", {flag["id"], tag["id"]}, origin, ev2, 0.999) == 1
    data = json.loads((tmp_path / ".provmark" / "new.py.json").read_text())
    got = {r["id"]: r for r in data["records"]}
    assert got[flag["id"]]["origin"] == origin and got[flag["id"]]["score"] == 0.999
    assert [e["signal"] for e in got[flag["id"]]["evidence"]] == ["written-on-disk", "transcript-match"]
    assert got[flag["id"]]["line_hashes"] == flag["line_hashes"]  # its lines as they were
    assert got[tag["id"]] == tag  # a decision is never changed
    assert sidecar.validate(data) == []
