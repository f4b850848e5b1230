"""Cursor's agent transcripts (`~/.cursor/projects/<project>/agent-transcripts/`), in the
shape Cursor writes them: one `{"role", "message": {"content": [blocks]}}` a line, the
assistant's `text` and `tool_use` blocks (Write with `path` and `contents`, StrReplace
with `old_string`/`new_string`, ApplyPatch with a patch), as a real session of the
IDE's agent shows them (git-ai-project/git-ai, tests/fixtures/cursor-session-simple.jsonl)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from provmark.sources.transcripts import TranscriptIndex
from provmark.sources.transcripts.base import ANSWER
from provmark.sources.transcripts.cursor import Cursor, cursor_project_names
from support.workloads import ws_and_home

CODE = "".join(
    f"def cursor_made_{i}(rows: list) -> list:\n    return [tidy(r, pass_no={i}) for r in rows]\n" for i in range(6)
)
EDIT = "".join(f"    total_{i} = compute_total(order, rate=0.{i}5)\n" for i in range(6))
PATCHED = [f"LIMIT_{i} = read_limit('service-{i}', default={i}00)" for i in range(6)]


def user(text: str) -> dict[str, Any]:
    return {"role": "user", "message": {"content": [{"type": "text", "text": f"<user_query>\n{text}\n</user_query>"}]}}


def assistant(*blocks: dict[str, Any]) -> dict[str, Any]:
    return {"role": "assistant", "message": {"content": list(blocks)}}


def tool(name: str, **inp: Any) -> dict[str, Any]:
    return {"type": "tool_use", "name": name, "input": inp}


def text(t: str) -> dict[str, Any]:
    return {"type": "text", "text": t}


def transcript(home: Path, project: Path, session: str, nested: bool = True) -> Path:
    [name, *_] = sorted(cursor_project_names(project))
    base = home / ".cursor" / "projects" / name / "agent-transcripts"
    log = base / session / f"{session}.jsonl" if nested else base / f"{session}.jsonl"
    log.parent.mkdir(parents=True, exist_ok=True)
    return log


def append(log: Path, *recs: dict[str, Any]) -> None:
    with open(log, "a") as f:
        f.writelines(json.dumps(r) + "\n" for r in recs)


def test_edits_and_answers_of_an_agent_session(tmp_path: Path) -> None:
    ws, home = ws_and_home(tmp_path, "my.app")
    log = transcript(home, ws, "3f9c")
    patch = "*** Begin Patch\n*** Add File: conf/limits.py\n" + "".join(f"+{x}\n" for x in PATCHED) + "*** End Patch"
    append(
        log,
        user("add the helpers"),
        assistant(text("Checking the layout first."), tool("Read", path=str(ws / "app.py"), limit=40)),
        assistant(text("Creating `helpers.py`."), tool("Write", path=str(ws / "helpers.py"), contents=CODE)),
        assistant(tool("StrReplace", path="billing.py", old_string="    pass\n", new_string=EDIT)),
        assistant(tool("ApplyPatch", patch=patch)),
        assistant(text(f"Or, inline:\n\n```python\n{CODE.replace('cursor_made', 'inline')}```\n")),
    )
    idx = TranscriptIndex(ws, home)
    assert idx.refresh() == 4
    m = idx.match(CODE.splitlines())
    assert m is not None and (m.tool, m.session, m.model, m.kind) == ("cursor", "3f9c", None, "write")
    assert idx.match(EDIT.splitlines()) is not None and idx.match(PATCHED) is not None
    assert idx.paths() == {str(ws / "helpers.py"), str(ws / "billing.py"), str(ws / "conf/limits.py")}
    a = idx.match(CODE.replace("cursor_made", "inline").splitlines())
    assert a is not None and a.kind == ANSWER
    # Read incrementally: a line still being written waits for its newline.
    with open(log, "a") as f:
        f.write(json.dumps(assistant(tool("Write", path=str(ws / "b.py"), contents=EDIT.upper())))[:50])
    assert idx.refresh() == 0
    with open(log, "a") as f:
        f.write(json.dumps(assistant(tool("Write", path=str(ws / "b.py"), contents=EDIT.upper())))[50:] + "\n")
    assert idx.refresh() == 1


def test_other_projects_and_files_elsewhere_are_not_read(tmp_path: Path) -> None:
    ws, home = ws_and_home(tmp_path, "my.app")
    other = (tmp_path / "other").resolve()
    other.mkdir()
    append(transcript(home, other, "x"), assistant(tool("Write", path=str(other / "a.py"), contents=CODE)))
    # A session of ours that wrote a file elsewhere: only what lands inside counts.
    append(transcript(home, ws, "y", nested=False), assistant(tool("Write", path=str(other / "b.py"), contents=EDIT)))
    idx = TranscriptIndex(ws, home)
    assert idx.refresh() == 0


def test_folders_inside_the_workspace_and_subagents(tmp_path: Path) -> None:
    ws, home = ws_and_home(tmp_path, "my.app")
    sub = ws / "svc"
    sub.mkdir()
    append(transcript(home, sub, "cli", nested=False), assistant(tool("Write", path=str(sub / "a.py"), contents=CODE)))
    agent = transcript(home, ws, "parent").parent / "subagents" / "child.jsonl"
    agent.parent.mkdir()
    append(agent, assistant(tool("StrReplace", file_path=str(ws / "c.py"), old_string="x", new_string=EDIT)))
    idx = TranscriptIndex(ws, home)
    assert idx.refresh() == 2
    assert {idx.match(CODE.splitlines()).session, idx.match(EDIT.splitlines()).session} == {"cli", "child"}  # type: ignore[union-attr]


def test_malformed_lines_are_skipped(tmp_path: Path) -> None:
    ws, home = ws_and_home(tmp_path, "my.app")
    log = transcript(home, ws, "bad")
    bad = [
        "{not json",
        json.dumps({"role": "assistant", "message": {"content": "a string"}}),
        json.dumps({"role": "assistant", "message": None}),
        json.dumps(assistant({"type": "tool_use", "name": "Write", "input": "nope"}, 7)),
        json.dumps(assistant(tool("ApplyPatch", patch=3), tool("Write", path=5, contents=CODE))),
    ]
    log.write_text(
        "\n".join(bad) + "\n" + json.dumps(assistant(tool("Write", path=str(ws / "a.py"), contents=EDIT))) + "\n"
    )
    idx = TranscriptIndex(ws, home)
    assert idx.refresh() == 1 and idx.match(EDIT.splitlines()) is not None


def test_the_fixture_writes_what_the_reader_reads(tmp_path: Path) -> None:
    ws, home = ws_and_home(tmp_path, "my.app")
    Cursor().fixture(home, ws, "fx", [(ws / "a.py", CODE), (ws / "b.py", EDIT)])
    idx = TranscriptIndex(ws, home)
    assert idx.refresh() == 2
    m = idx.match(EDIT.splitlines())
    assert m is not None and (m.tool, m.session) == ("cursor", "fx")
