"""Code in the AI tools' chat answers (issue 16, item 4): a paste of an answer's code
block names the tool; an answer never makes an edit on disk look tool-written unless
the lines match that answer nearly whole."""

from __future__ import annotations

import json
from pathlib import Path

from provmark.core import evidence as ev
from provmark.core.facts import Match
from provmark.sources.transcripts import TranscriptIndex, claude_dir_name
from provmark.sources.transcripts.base import ANSWER, fenced

BLOCK = "".join(
    f"def answer_step_{i}(rows: list) -> list:\n    return [scale(r, by={i}) for r in rows]\n" for i in range(5)
)
OTHER = "".join(
    f"def written_part_{i}(rows: list) -> dict:\n    return index_rows(rows, key='k{i}')\n" for i in range(5)
)


def answer_text(code: str, lang: str = "python") -> str:
    return f"Here is a version that scales each row:\n\n```{lang}\n{code}```\n\nCall it with your rows."


def claude_log(home: Path, ws: Path) -> Path:
    log = home / ".claude" / "projects" / claude_dir_name(str(ws)) / "s1.jsonl"
    log.parent.mkdir(parents=True, exist_ok=True)
    return log


def assistant(ws: Path, content: list[dict], session: str = "s1") -> str:
    rec = {"type": "assistant", "sessionId": session, "cwd": str(ws)}
    rec["message"] = {"model": "claude-x", "role": "assistant", "content": content}
    return json.dumps(rec) + "\n"


def test_fenced_blocks_only_closed_ones() -> None:
    text = "intro\n```py\na = 1\n```\n~~~~\nb = 2\n```\nstill b\n~~~~\n  ```js\n  let c = 3;\n  ```\n```\nopen"
    assert list(fenced(text)) == ["a = 1", "b = 2\n```\nstill b", "  let c = 3;"]
    assert list(fenced("no code here")) == []
    assert list(fenced("```\nstreaming, not closed yet\n")) == []


def test_a_claude_code_answer_names_the_tool_of_a_paste(tmp_path: Path) -> None:
    ws, home = (tmp_path / "ws").resolve(), tmp_path / "home"
    ws.mkdir()
    claude_log(home, ws).write_text(assistant(ws, [{"type": "text", "text": answer_text(BLOCK)}]))
    idx = TranscriptIndex(ws, home)
    assert idx.refresh() == 1
    m = idx.match(BLOCK.splitlines())
    assert m is not None and (m.tool, m.session, m.model, m.kind) == ("claude-code", "s1", "claude-x", ANSWER)
    assert idx.paths() == set()  # an answer names no file
    # Prose around the block is no code, and is not indexed.
    assert idx.match(["Here is a version that scales each row:", "Call it with your rows."]) is None
    # A small edit on disk is never named by an answer's lines.
    assert idx.match(BLOCK.splitlines()[:2], answers=False) is None
    assert idx.match(BLOCK.splitlines()[:2]) is not None


def test_an_answer_is_no_part_of_a_sessions_edits(tmp_path: Path) -> None:
    """A block half from an answer and half from a write of the same session is not the
    session's: the answer does not combine with the edits."""
    ws, home = (tmp_path / "ws").resolve(), tmp_path / "home"
    ws.mkdir()
    write = {"type": "tool_use", "name": "Write", "input": {"file_path": str(ws / "a.py"), "content": OTHER}}
    claude_log(home, ws).write_text(
        assistant(ws, [{"type": "text", "text": answer_text(BLOCK)}]) + assistant(ws, [write])
    )
    idx = TranscriptIndex(ws, home)
    assert idx.refresh() == 2
    mixed = BLOCK.splitlines()[:6] + OTHER.splitlines()[:4]
    assert idx.match(mixed) is None
    # Two edits of one session still combine, as before.
    edit = {"type": "tool_use", "name": "Edit", "input": {"file_path": str(ws / "a.py"), "new_string": BLOCK}}
    with open(claude_log(home, ws), "a") as f:
        f.write(assistant(ws, [edit]))
    idx.refresh()
    m = idx.match(mixed)
    assert m is not None and m.kind == "write"


def test_an_answer_and_the_same_code_written_keep_both(tmp_path: Path) -> None:
    """The same lines in an answer and in a write of the session: the write is not
    taken for the answer already indexed (it stays a write)."""
    ws, home = (tmp_path / "ws").resolve(), tmp_path / "home"
    ws.mkdir()
    write = {"type": "tool_use", "name": "Write", "input": {"file_path": str(ws / "b.py"), "content": BLOCK}}
    claude_log(home, ws).write_text(assistant(ws, [{"type": "text", "text": answer_text(BLOCK)}, write]))
    idx = TranscriptIndex(ws, home)
    assert idx.refresh() == 2
    m = idx.match(BLOCK.splitlines()[:2], answers=False)
    assert m is not None and m.kind == "write"


def test_codex_assistant_messages_are_answers(tmp_path: Path) -> None:
    ws, home = (tmp_path / "ws").resolve(), tmp_path / "home"
    ws.mkdir()
    log = home / ".codex" / "sessions" / "2026" / "01" / "02" / "rollout-2026-01-02T10-00-00-x.jsonl"
    log.parent.mkdir(parents=True)
    recs = [
        {"type": "session_meta", "payload": {"id": "cx1", "cwd": str(ws)}},
        {"type": "turn_context", "payload": {"cwd": str(ws), "model": "gpt-5-codex"}},
        {
            "type": "response_item",
            "payload": {
                "type": "message",
                "role": "assistant",
                "content": [{"type": "output_text", "text": answer_text(BLOCK)}],
            },
        },
    ]
    log.write_text("".join(json.dumps(r) + "\n" for r in recs))
    idx = TranscriptIndex(ws, home)
    assert idx.refresh() == 1
    m = idx.match(BLOCK.splitlines())
    assert m is not None and (m.tool, m.session, m.model, m.kind) == ("codex", "cx1", "gpt-5-codex", ANSWER)


def test_an_answers_evidence_says_so() -> None:
    m = Match("copilot", "abc", "gpt-4.1", 1.0, ANSWER)
    e = ev.transcript_match(m.tool, m.session, m.model, m.fraction, m.kind)
    assert e.signal == "transcript-match" and "chat answer" in e.detail
    assert "wrote these lines" in ev.transcript_match("codex", "s", None, 0.9).detail


def test_a_small_write_on_disk_is_not_named_by_an_answer(tmp_path: Path) -> None:
    """gather: a small edit on disk (which only a tool's log can make a flag) whose lines
    are in an answer is nobody's; a write whose lines are the answer's, whole, is named."""
    from provmark.core.facts import NoIO, Question, gather
    from provmark.core.lines import normalize
    from provmark.sources.workspace_index import WorkspaceIndex

    ws, home = (tmp_path / "ws").resolve(), tmp_path / "home"
    ws.mkdir()
    claude_log(home, ws).write_text(assistant(ws, [{"type": "text", "text": answer_text(BLOCK)}]))
    idx = TranscriptIndex(ws, home)

    def ask(lines: list[str], small: bool) -> Match | None:
        q = Question("a.py", lines, [normalize(x) for x in lines], "python", on_disk=True, logged_only=small)
        return gather(q, NoIO(), WorkspaceIndex(None), idx).match

    assert ask(BLOCK.splitlines()[:2], small=True) is None
    m = ask(BLOCK.splitlines(), small=False)
    assert m is not None and m.kind == ANSWER
