"""Edits, not only whole files: the lines each tool's edit formats add are attributed,
small edits too (a few lines). Fixtures in each tool's format (docs/transcripts.md)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from provmark.core.tracker import Tracker
from provmark.settings import Settings
from provmark.sources.transcripts import TranscriptIndex, claude_dir_name
from provmark.sources.workspace_index import FilesIO, WorkspaceIndex

BASE = "".join(f"def handler_{i}(request):\n    return respond(request, code={i})\n\n" for i in range(8))
SMALL = "    cache = build_cache(settings.cache_size)\n    audit_log.record(request.user, action)\n"
OTHER = "    retries = policy.retries_for(endpoint)\n    timeout = policy.timeout_for(endpoint)\n    delay = 0.5\n"


def claude(ws: Path, home: Path, *uses: dict, session: str = "s-edit") -> None:
    log = home / ".claude" / "projects" / claude_dir_name(str(ws)) / f"{session}.jsonl"
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "a") as f:
        for use in uses:
            msg = {"model": "claude-opus-4", "content": [{"type": "tool_use", "id": "toolu_1", **use}]}
            rec = {"type": "assistant", "sessionId": session, "cwd": str(ws), "message": msg}
            f.write(json.dumps(rec) + "\n")


def test_claude_edit_and_multiedit_new_strings(tmp_path: Path) -> None:
    ws, home = (tmp_path / "ws").resolve(), tmp_path / "home"
    ws.mkdir()
    target = str(ws / "app.py")
    edit = {"name": "Edit", "input": {"file_path": target, "old_string": "pass", "new_string": SMALL}}
    multi = {
        "name": "MultiEdit",
        "input": {
            "file_path": target,
            "edits": [
                {"old_string": "a", "new_string": OTHER},
                {"old_string": "b", "new_string": "    total = sum_line_items(order.items)\n"},
            ],
        },
    }
    claude(ws, home, edit, multi)
    idx = TranscriptIndex(ws, home)
    assert idx.refresh() == 3
    for block in (SMALL, OTHER, "    total = sum_line_items(order.items)\n"):
        m = idx.match(block.splitlines())
        assert m is not None and m.tool == "claude-code", block
    # A disk write holding both parts of the MultiEdit at once: one session made them.
    both = [*OTHER.splitlines(), "    total = sum_line_items(order.items)"]
    m = idx.match(both)
    assert m is not None and (m.tool, m.session) == ("claude-code", "s-edit")
    # A line no tool wrote among them: still the session's, below 60% it is not.
    assert idx.match([*both, "    handled_by_person = True"]) is not None
    assert idx.match(["    handled_by_person = True", "    another_person_line(x)", SMALL.splitlines()[0]]) is None


def test_codex_update_hunks_give_only_added_lines_with_paths_from_the_cwd(tmp_path: Path) -> None:
    ws, home = (tmp_path / "ws").resolve(), tmp_path / "home"
    (ws / "pkg").mkdir(parents=True)
    patch = (
        "*** Begin Patch\n*** Update File: app.py\n@@ def handler_1(request):\n"
        "-    return respond(request, code=1)\n"
        + "".join("+" + x + "\n" for x in SMALL.splitlines())
        + " \n@@ def handler_5(request):\n"
        + "".join("+" + x + "\n" for x in OTHER.splitlines())
        + "*** End Patch"
    )
    shell = "apply_patch <<'EOF'\n" + patch.replace("app.py", "second.py") + "\nEOF"
    records = [
        {"type": "session_meta", "payload": {"id": "c1", "cwd": str(ws / "pkg")}},
        {"type": "turn_context", "payload": {"model": "gpt-5-codex"}},
        {"type": "response_item", "payload": {"type": "custom_tool_call", "name": "apply_patch", "input": patch}},
        {
            "type": "response_item",
            "payload": {
                "type": "function_call",
                "name": "shell",
                "arguments": json.dumps({"command": ["bash", "-lc", shell]}),
            },
        },
    ]
    p = home / ".codex" / "sessions" / "2026" / "08" / "14" / "rollout-2026-08-14T10-00-00-x.jsonl"
    p.parent.mkdir(parents=True)
    p.write_text("".join(json.dumps(r) + "\n" for r in records))
    idx = TranscriptIndex(ws, home)
    assert idx.refresh() == 2  # two files; the here-document's body is the patch, not a write
    assert idx.paths() == {str(ws / "pkg" / "app.py"), str(ws / "pkg" / "second.py")}
    m = idx.match(SMALL.splitlines() + OTHER.splitlines())
    assert m is not None and m.tool == "codex"
    assert idx.match(["    return respond(request, code=1)"]) is None  # a removed line


def test_aider_search_replace_udiff_and_patch_formats(tmp_path: Path) -> None:
    ws = (tmp_path / "ws").resolve()
    ws.mkdir()
    udiff = "--- a/app.py\n+++ b/app.py\n@@ -1,2 +1,3 @@\n def handler_0(request):\n" + "".join(
        "+" + x + "\n" for x in OTHER.splitlines()
    )
    patch = "*** Begin Patch\n*** Update File: lib.py\n@@\n+    total = sum_line_items(order.items)\n*** End Patch\n"
    (ws / ".aider.chat.history.md").write_text(
        "\n# aider chat started at 2026-08-21 10:00:00\n\n> Aider v0.86.1\n"
        "> Main model: anthropic/claude-sonnet-4 with diff edit format, prompt cache\n"
        "> Weak model: anthropic/claude-3-5-haiku\n\n#### add caching\n\n"
        "app.py\n```python\n<<<<<<< SEARCH\n    pass\n=======\n" + SMALL + ">>>>>>> REPLACE\n```\n\n"
        "> Applied edit to app.py\n\n#### and retries\n\n```diff\n" + udiff + "```\n\n```\n" + patch + "```\n"
    )
    idx = TranscriptIndex(ws, tmp_path / "home")
    assert idx.refresh() == 3
    m = idx.match(SMALL.splitlines())
    assert m is not None and (m.tool, m.model) == ("aider", "anthropic/claude-sonnet-4")
    assert str(ws / "app.py") in idx.paths() and str(ws / "lib.py") in idx.paths()
    assert idx.match(OTHER.splitlines()) is not None
    assert idx.match(["    total = sum_line_items(order.items)"]) is not None
    assert idx.match(["def handler_0(request):", "    pass"]) is None  # context and SEARCH lines


def test_gemini_small_replace(tmp_path: Path) -> None:
    ws, home = (tmp_path / "ws").resolve(), tmp_path / "home"
    ws.mkdir()
    chats = home / ".gemini" / "tmp" / hashlib.sha256(str(ws).encode()).hexdigest() / "chats"
    chats.mkdir(parents=True)
    call = {"id": "r1", "name": "replace", "args": {"file_path": "app.py", "old_string": "pass", "new_string": SMALL}}
    lines = [
        {"sessionId": "g-small", "projectHash": "h", "startTime": "t", "lastUpdated": "t"},
        {
            "id": "m1",
            "timestamp": "t",
            "type": "gemini",
            "content": "",
            "toolCalls": [call],
            "model": "gemini-2.5-flash",
        },
    ]
    (chats / "session-2026-08-21T10-00-aaaa.jsonl").write_text("".join(json.dumps(x) + "\n" for x in lines))
    idx = TranscriptIndex(ws, home)
    assert idx.refresh() == 1
    m = idx.match(SMALL.splitlines())
    assert m is not None and (m.tool, m.session) == ("gemini-cli", "g-small")


def test_a_small_agent_edit_on_disk_is_flagged_when_its_log_holds_it(tmp_path: Path) -> None:
    ws, home = (tmp_path / "ws").resolve(), tmp_path / "home"
    ws.mkdir()
    (ws / "app.py").write_text(BASE)
    index = WorkspaceIndex(ws)
    index.build()
    tr = Tracker(Settings(), index, ws, io=FilesIO(ws))
    tr.transcripts = TranscriptIndex(ws, home)
    old = index.snapshots.get("app.py")
    lines = BASE.splitlines()
    edited = "\n".join([*lines[:3], *SMALL.splitlines(), *lines[3:]]) + "\n"
    # Two lines by a person: not flagged, as before.
    assert tr.disk_write("app.py", edited, old, git_op=False).verdict == "small"
    # The same two lines, which an agent's Edit wrote: flagged and named.
    claude(ws, home, {"name": "Edit", "input": {"file_path": str(ws / "app.py"), "new_string": SMALL}})
    j = tr.disk_write("app.py", edited, old, git_op=False)
    assert j.verdict == "flagged" and [r.tool for r in j.regions] == ["claude-code"]
    [f] = tr.closed_findings("app.py")
    assert (f.start, f.end, f.code, f.severity) == (3, 4, "agent-write", "warning")
