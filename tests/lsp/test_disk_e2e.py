"""End to end on disk: a real server process, files written by other processes."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from conftest import ROOT, SERVER
from support.lsp_client import StdioClient
from support.workloads import claude_writes, git

HUMAN = "".join(f"def handler_{i}(request):\n    return respond(request, code={i})\n\n" for i in range(10))
AGENT = "".join(f"def helper_{i}(value: str) -> str:\n    return normalise(value, mode='m{i}')\n\n" for i in range(8))


def start(tmp_path: Path, options: dict | None = None, env: dict | None = None, files: dict | None = None):
    ws, home = tmp_path / "ws", tmp_path / "home"
    ws.mkdir()
    home.mkdir()
    (ws / "app.py").write_text(HUMAN)
    for rel, text in (files or {}).items():
        (ws / rel).write_text(text)
    (ws / ".gitignore").write_text("build/\n")
    git(ws, "init", "-q", "-b", "main")
    git(ws, "add", "-A")
    git(ws, "commit", "-q", "-m", "init")
    c = StdioClient(SERVER, cwd=str(ws), env={**os.environ, "HOME": str(home), **(env or {})})
    c.initialize(ws.as_uri(), options)
    deadline = time.monotonic() + 20
    while not c.request("provmark/status", {})["watching"]:  # it starts once the index is built
        assert time.monotonic() < deadline, "the server never started watching"
        time.sleep(0.05)
    return c, ws, home


@pytest.fixture
def server(tmp_path: Path):
    c, ws, home = start(tmp_path)
    yield c, ws, home
    assert c.close() == 0


def warnings_for(c: StdioClient, uri: str) -> list[dict]:
    return [d for d in c.diagnostics.get(uri, []) if d.get("severity") == 2 and d.get("source") == "provmark"]


def test_agent_written_closed_file_is_flagged_and_attributed(server) -> None:
    c, ws, home = server
    claude_writes(ws, home, "helpers.py", AGENT)
    (ws / "helpers.py").write_text(AGENT)
    uri = (ws / "helpers.py").as_uri()
    assert c.wait(lambda: warnings_for(c, uri), timeout=8), c.diagnostics
    [d] = warnings_for(c, uri)
    assert d["code"] == "agent-write" and d["data"]["tool"] == "claude-code"
    assert d["data"]["model"] == "claude-test" and d["data"]["session"] == "sess-1"
    assert "normalise" not in json.dumps(d)  # no transcript or source text in diagnostics


def test_git_checkout_ignored_files_and_lockfiles_are_not_flagged(server) -> None:
    c, ws, _ = server
    git(ws, "checkout", "-q", "-b", "feature")
    (ws / "feature.py").write_text(AGENT)
    git(ws, "add", "-A")
    git(ws, "commit", "-q", "-m", "feature")
    git(ws, "checkout", "-q", "main")
    time.sleep(0.5)
    git(ws, "checkout", "-q", "feature")  # writes feature.py back: git's doing
    (ws / "build").mkdir()
    (ws / "build" / "out.py").write_text(AGENT.replace("helper", "built"))
    (ws / "package-lock.json").write_text(json.dumps({"deps": list(range(500))}, indent=1))
    time.sleep(2.0)
    for name in ("feature.py", "build/out.py", "package-lock.json"):
        assert warnings_for(c, (ws / name).as_uri()) == [], name


def test_editor_reload_of_an_agent_edit_is_flagged_and_own_save_is_not(server) -> None:
    c, ws, _ = server
    uri = (ws / "app.py").as_uri()
    c.open(uri, HUMAN)
    # The editor saves its own buffer: nothing to flag.
    (ws / "app.py").write_text(HUMAN)
    c.notify("textDocument/didSave", {"textDocument": {"uri": uri}})
    time.sleep(0.6)
    assert warnings_for(c, uri) == []
    # An agent edits the file on disk; the editor reloads it as one change.
    new = HUMAN + AGENT
    (ws / "app.py").write_text(new)
    time.sleep(0.2)
    n = len(HUMAN.split("\n")) - 1
    c.insert(uri, 2, n, 0, AGENT)
    assert c.wait(lambda: warnings_for(c, uri), timeout=5)
    [d] = warnings_for(c, uri)
    assert d["code"] == "agent-write" and d["range"]["start"]["line"] == n


def test_lines_of_commits_that_declare_an_ai_tool_are_flagged_on_open(server) -> None:
    c, ws, _ = server
    (ws / "app.py").write_text(HUMAN + AGENT)
    git(ws, "commit", "-qam", "Add helpers\n\nCo-authored-by: Codex <codex@openai.com>")
    time.sleep(0.3)
    uri = (ws / "app.py").as_uri()
    c.open(uri, HUMAN + AGENT)
    assert c.wait(lambda: warnings_for(c, uri), timeout=5)
    [d] = warnings_for(c, uri)
    assert d["code"] == "ai-commit" and d["data"]["tool"] == "codex"
    assert d["range"]["start"]["line"] == len(HUMAN.split("\n")) - 1


def test_auto_tag_records_proven_writes_and_first_party_tools_may_be_trained_on(tmp_path: Path) -> None:
    c, ws, home = start(tmp_path, {"autoTag": True, "firstPartyTools": ["claude-code"]})
    try:
        claude_writes(ws, home, "helpers.py", AGENT)
        (ws / "helpers.py").write_text(AGENT)
        car = ws / ".provmark" / "helpers.py.json"
        deadline = time.monotonic() + 8
        while not car.exists():
            assert time.monotonic() < deadline, "no sidecar written"
            time.sleep(0.05)
        [rec] = json.loads(car.read_text())["records"]
        assert rec["tagged_by"] == "auto" and rec["training"] == "include"  # a first-party tool
        assert rec["origin"] == {"kind": "ai", "tool": "claude-code", "model": "claude-test", "session": "sess-1"}
    finally:
        assert c.close() == 0


def test_without_file_system_events_it_polls_and_says_so(tmp_path: Path) -> None:
    c, ws, _ = start(tmp_path, env={"PROVMARK_POLLING": "1"})
    try:
        assert c.request("provmark/status", {})["polling"]
        assert any("polling" in m for m in c.messages)
        (ws / "helpers.py").write_text(AGENT)
        uri = (ws / "helpers.py").as_uri()
        assert c.wait(lambda: warnings_for(c, uri), timeout=10)
    finally:
        assert c.close() == 0


def test_scan_workspace_reports_tagged_stale_and_declared_ai_code(tmp_path: Path) -> None:
    from provmark.sources import sidecar

    # Files in the repository before the server starts, as for code already there.
    c, ws, _ = start(tmp_path, files={"tagged.py": HUMAN + AGENT, "stale.py": HUMAN})
    try:
        lines = AGENT.rstrip("\n").split("\n")
        start_line = HUMAN.count("\n") + 1
        sidecar.update(ws, "tagged.py", add=[sidecar.make_record(lines, start_line, {"kind": "ai"}, "exclude")])
        sidecar.update(ws, "stale.py", add=[sidecar.make_record(lines, 3, {"kind": "ai"}, "exclude")])
        (ws / "agent.py").write_text(AGENT)
        git(ws, "add", "agent.py")
        git(ws, "commit", "-qm", "helpers\n\nCo-Authored-By: Claude <noreply@anthropic.com>")
        time.sleep(0.5)
        totals = c.request("workspace/executeCommand", {"command": "provmark.scanWorkspace", "arguments": []})
        assert totals["tagged"] == 1 and totals["stale"] == 1 and totals["flagged"] >= 1
        assert totals["files"] >= 4 and totals["ai_lines"] >= len(lines) and totals["tagged_ai_lines"] >= len(lines)
        hint = c.diagnostics[(ws / "tagged.py").as_uri()]
        assert [d["code"] for d in hint] == ["ai-tagged"] and hint[0]["range"]["start"]["line"] == start_line - 1
        assert [d["code"] for d in c.diagnostics[(ws / "stale.py").as_uri()]] == ["stale-record"]
        [w] = warnings_for(c, (ws / "agent.py").as_uri())
        assert w["data"]["tool"] == "claude-code"
        kinds = [p["value"]["kind"] for p in c.progress]
        assert kinds[0] == "begin" and kinds[-1] == "end" and "report" in kinds
        assert len({p["token"] for p in c.progress}) == 1
    finally:
        assert c.close() == 0


def test_scan_workspace_flags_ai_style_code_in_closed_and_open_files_with_progress(tmp_path: Path) -> None:
    # Code already in the repository before Provmark ran: only its style gives it away.
    # samples/shop/cart.py: AI-written, and plain enough for the content model to warn on
    # it alone (it warns only where at most 2% of held-out hand-written files do).
    ai = (ROOT / "samples" / "shop" / "cart.py").read_text(encoding="utf-8")
    files = {"limits.py": ai, "opened.py": ai.replace("Cart", "Basket")}
    # Enough files for the scan to use worker processes, started from a server with threads.
    files.update({f"mod{i}.py": HUMAN.replace("handler", f"h{i}") for i in range(12)})
    c, ws, _ = start(tmp_path, files=files)
    try:
        opened = (ws / "opened.py").as_uri()
        c.open(opened, (ws / "opened.py").read_text())
        totals = c.request("workspace/executeCommand", {"command": "provmark.scanWorkspace", "arguments": []})
        assert totals["flagged"] >= 2 and totals["files"] == 15
        for uri in ((ws / "limits.py").as_uri(), opened):
            assert c.wait(lambda u=uri: warnings_for(c, u), timeout=5), uri
            w = warnings_for(c, uri)[0]
            assert w["code"] == "ai-style" and any(e["signal"] == "style" for e in w["data"]["evidence"])
        assert not warnings_for(c, (ws / "app.py").as_uri())
        # The editor keeps answering while a scan runs (a second scan waits for the first).
        again = c.request("workspace/executeCommand", {"command": "provmark.scanWorkspace", "arguments": []})
        assert again["cached"] == 15 and again["flagged"] == totals["flagged"]
    finally:
        assert c.close() == 0


def test_settings_files_are_reread_when_they_change(server) -> None:
    c, ws, _ = server
    (ws / ".provmark").mkdir(exist_ok=True)
    (ws / ".provmark" / "config.toml").write_text("min_lines = 500\nmin_chars = 100000\n")
    time.sleep(0.6)
    (ws / "helpers.py").write_text(AGENT)  # 16 lines: below the new thresholds
    time.sleep(1.5)
    assert warnings_for(c, (ws / "helpers.py").as_uri()) == []
    (ws / ".provmark" / "config.toml").write_text("min_lines = [oops\n")
    assert c.wait(lambda: any("config.toml" in m for m in c.messages), timeout=5)
    (ws / "more.py").write_text(AGENT.replace("helper", "more"))  # defaults again: flagged
    assert c.wait(lambda: warnings_for(c, (ws / "more.py").as_uri()), timeout=5)
