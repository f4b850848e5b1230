import json
from pathlib import Path

from provmark.sources.transcripts import TranscriptIndex, claude_dir_name, patch_added_lines

CODE = "".join(f"def step_{i}(data):\n    return transform(data, option={i})\n\n" for i in range(6))


def claude_line(ws: Path, rel: str, content: str, session: str = "s1") -> str:
    rec = {
        "type": "assistant",
        "sessionId": session,
        "cwd": str(ws),
        "message": {
            "model": "claude-x",
            "content": [
                {"type": "tool_use", "name": "Write", "input": {"file_path": str(ws / rel), "content": content}}
            ],
        },
    }
    return json.dumps(rec) + "\n"


def test_claude_code_writes_are_found_and_read_incrementally(tmp_path: Path) -> None:
    ws, home = tmp_path / "ws", tmp_path / "home"
    ws.mkdir()
    log = home / ".claude" / "projects" / claude_dir_name(str(ws.resolve())) / "s1.jsonl"
    log.parent.mkdir(parents=True)
    log.write_text("not json\n" + json.dumps({"type": "user"}) + "\n")
    idx = TranscriptIndex(ws, home)
    assert idx.refresh() == 0 and idx.match(CODE.splitlines()) is None
    with open(log, "a") as f:
        f.write(claude_line(ws.resolve(), "a.py", CODE))
        f.write('{"type": "assistant", "message": {"content": [{"type": "tool_use"')  # half written
    assert idx.refresh() == 1
    m = idx.match(CODE.splitlines()[2:])
    assert m is not None and (m.tool, m.session, m.model) == ("claude-code", "s1", "claude-x")
    assert idx.refresh() == 0  # nothing new, nothing read twice


def test_other_projects_are_never_read(tmp_path: Path) -> None:
    ws, other, home = tmp_path / "ws", tmp_path / "other", tmp_path / "home"
    ws.mkdir()
    other.mkdir()
    log = home / ".claude" / "projects" / claude_dir_name(str(other.resolve())) / "s.jsonl"
    log.parent.mkdir(parents=True)
    log.write_text(claude_line(other.resolve(), "a.py", CODE))
    codex = home / ".codex" / "sessions" / "2026" / "11" / "25" / "rollout-x.jsonl"
    codex.parent.mkdir(parents=True)
    codex.write_text(json.dumps({"type": "session_meta", "payload": {"id": "c", "cwd": str(other)}}) + "\n")
    idx = TranscriptIndex(ws, home)
    assert idx.refresh() == 0


def test_codex_apply_patch_and_shell_heredoc(tmp_path: Path) -> None:
    ws, home = tmp_path / "ws", tmp_path / "home"
    ws.mkdir()
    patch = (
        "*** Begin Patch\n*** Add File: a.py\n" + "".join("+" + x + "\n" for x in CODE.splitlines()) + "*** End Patch"
    )
    heredoc = "cat > b.py <<'EOF'\n" + CODE.replace("step_", "other_") + "EOF"
    lines = [
        {"type": "session_meta", "payload": {"id": "sess", "cwd": str(ws)}},
        {"type": "turn_context", "payload": {"model": "gpt-x"}},
        {"type": "response_item", "payload": {"type": "custom_tool_call", "name": "apply_patch", "input": patch}},
        {
            "type": "response_item",
            "payload": {
                "type": "function_call",
                "name": "shell",
                "arguments": json.dumps({"command": ["bash", "-lc", heredoc]}),
            },
        },
    ]
    p = home / ".codex" / "sessions" / "2026" / "11" / "25" / "rollout-1.jsonl"
    p.parent.mkdir(parents=True)
    p.write_text("".join(json.dumps(x) + "\n" for x in lines))
    idx = TranscriptIndex(ws, home)
    assert idx.refresh() == 2
    m = idx.match(CODE.splitlines())
    assert m is not None and (m.tool, m.session, m.model) == ("codex", "sess", "gpt-x")
    assert idx.match(CODE.replace("step_", "other_").splitlines()) is not None


def test_aider_replace_blocks(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    ws.mkdir()
    (ws / ".aider.chat.history.md").write_text(
        "> Main Model: gpt-4o with diff edit format\n#### add steps\n\na.py\n```python\n<<<<<<< SEARCH\nold = 1\n"
        "=======\n" + CODE + ">>>>>>> REPLACE\n```\n"
    )
    idx = TranscriptIndex(ws, tmp_path / "home")
    assert idx.refresh() >= 1
    m = idx.match(CODE.splitlines())
    assert m is not None and m.tool == "aider"


def test_patch_parser() -> None:
    patch = "*** Begin Patch\n*** Update File: x.py\n@@\n-a\n+b\n c\n*** Add File: y.py\n+z\n*** End Patch"
    assert patch_added_lines(patch) == {"x.py": ["b"], "y.py": ["z"]}


def test_gemini_cli_session_file_rewritten_as_it_grows(tmp_path: Path) -> None:
    import hashlib

    ws, home = tmp_path / "ws", tmp_path / "home"
    ws.mkdir()
    chats = home / ".gemini" / "tmp" / hashlib.sha256(str(ws.resolve()).encode()).hexdigest() / "chats"
    chats.mkdir(parents=True)
    call = {
        "id": "c1",
        "name": "write_file",
        "status": "success",
        "args": {"file_path": str(ws.resolve() / "a.py"), "content": CODE},
    }
    conv = {
        "sessionId": "g1",
        "projectHash": "x",
        "messages": [
            {"id": "1", "type": "user", "content": "write it"},
            {"id": "2", "type": "gemini", "content": "", "model": "gemini-2.5-pro", "toolCalls": [call]},
        ],
    }
    f = chats / "session-2026-11-25T10-00-abcd.json"
    f.write_text(json.dumps(conv))
    idx = TranscriptIndex(ws, home)
    assert idx.refresh() == 1
    m = idx.match(CODE.splitlines())
    assert m is not None and (m.tool, m.session, m.model) == ("gemini-cli", "g1", "gemini-2.5-pro")
    conv["messages"].append({"id": "3", "type": "info", "content": "done"})
    f.write_text(json.dumps(conv))
    assert idx.refresh() == 0  # re-read, the same call not counted twice


def test_registry_readers_and_a_failing_reader_never_stops_the_others(tmp_path: Path) -> None:
    from collections.abc import Iterator

    from provmark.sources.transcripts import READERS, Reader, Tail, Write

    tools = [r.tool for r in READERS]
    assert len(tools) == len(set(tools)) and all(tools) and all(isinstance(r, Reader) for r in READERS)

    class Broken(Reader):
        tool = "broken"

        def files(self, home: Path, root: Path) -> Iterator[tuple[Path, str | None]]:
            yield root / "log.jsonl", "b1"

        def parse(self, tail: Tail, record: object) -> Iterator[Write]:
            raise ValueError("a format change")

    ws, home = tmp_path / "ws", tmp_path / "home"
    ws.mkdir()
    (ws / "log.jsonl").write_text('{"a": 1}\n')
    log = home / ".claude" / "projects" / claude_dir_name(str(ws.resolve())) / "s1.jsonl"
    log.parent.mkdir(parents=True)
    log.write_text(claude_line(ws.resolve(), "a.py", CODE))
    idx = TranscriptIndex(ws, home, readers=[Broken(), *READERS])
    assert idx.refresh() == 1
    m = idx.match(CODE.splitlines())
    assert m is not None and m.tool == "claude-code"


def test_each_reader_can_be_turned_off(tmp_path: Path) -> None:
    from provmark.settings import Settings, merge

    ws, home = tmp_path / "ws", tmp_path / "home"
    ws.mkdir()
    log = home / ".claude" / "projects" / claude_dir_name(str(ws.resolve())) / "s1.jsonl"
    log.parent.mkdir(parents=True)
    log.write_text(claude_line(ws.resolve(), "a.py", CODE))
    settings, problems = merge(Settings(), {"transcriptsOff": ["claude-code"]}, "test")
    assert problems == [] and settings.transcripts_off == ("claude-code",)
    idx = TranscriptIndex.of(ws, settings, home)
    assert idx.refresh() == 0 and idx.match(CODE.splitlines()) is None
    idx.off = frozenset()  # turned on again: read from then on
    assert idx.refresh() == 1
