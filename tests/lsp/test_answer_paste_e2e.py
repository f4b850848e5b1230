"""Pastes of a chat answer's code name the tool (issue 16, item 4): a Copilot Chat
session (VS Code's chatSessions log) and a Claude Code session whose answers hold a code
block; the user pastes the block into the editor, with and without the client's paste
hint, and the Warning names the tool that answered. The sessions are written in each
tool's on-disk format, before the paste and (for one paste) a moment after it."""

from __future__ import annotations

import hashlib
import json
import threading
from pathlib import Path

import pytest

from provmark.sources.transcripts import claude_dir_name
from support.lsp_client import StdioClient, lsp_range
from support.workloads import serve_in_home

HUMAN = "".join(f"def existing_{i}(value):\n    return value + {i}\n\n" for i in range(20))


def answer_code(tool: str) -> str:
    """A block an assistant answered with (distinct per tool and per paste)."""
    name = tool.replace("-", "_")
    return "".join(
        f"def {name}_normalise_{i}(record: dict, fields: tuple[str, ...]) -> dict:\n"
        f"    return {{k: str(record.get(k, '')).strip().lower() for k in fields if k != '{name}_{i}'}}\n\n"
        for i in range(6)
    )


def answer_markdown(code: str) -> str:
    return f"You can normalise each record like this:\n\n```python\n{code}```\n\nThen call it per row."


def copilot_session(home: Path, ws: Path, session: str, code: str) -> None:
    """An ask-mode Copilot Chat session, as VS Code 1.109+ logs it."""
    storage = home / ".config" / "Code" / "User" / "workspaceStorage" / hashlib.md5(str(ws).encode()).hexdigest()
    (storage / "chatSessions").mkdir(parents=True, exist_ok=True)
    (storage / "workspace.json").write_text(json.dumps({"folder": ws.as_uri()}))
    state = {"version": 3, "creationDate": 1, "sessionId": session, "responderUsername": "GitHub Copilot"}
    request = {"requestId": "request_1", "timestamp": 1, "message": {"text": "How do I normalise?", "parts": []}}
    request |= {"modelId": "copilot/gpt-4.1", "response": [], "modelState": {"value": 0}}
    entries = [
        {"kind": 0, "v": state | {"requests": [], "inputState": {"inputText": ""}}},
        {"kind": 2, "k": ["requests"], "v": [request]},
        {"kind": 2, "k": ["requests", 0, "response"], "v": [{"value": answer_markdown(code), "supportHtml": False}]},
        {"kind": 1, "k": ["requests", 0, "modelState"], "v": {"value": 1, "completedAt": 2}},
    ]
    with open(storage / "chatSessions" / f"{session}.jsonl", "a") as f:
        f.writelines(json.dumps(e) + "\n" for e in entries)


def claude_session(home: Path, ws: Path, session: str, code: str) -> None:
    """A Claude Code session whose assistant answered in text."""
    log = home / ".claude" / "projects" / claude_dir_name(str(ws)) / f"{session}.jsonl"
    log.parent.mkdir(parents=True, exist_ok=True)
    common = {"cwd": str(ws), "sessionId": session, "userType": "external", "isSidechain": False}
    user = {**common, "type": "user", "message": {"role": "user", "content": "How do I normalise?"}}
    message = {"id": "msg_1", "type": "message", "role": "assistant", "model": "claude-opus-4-1"}
    message["content"] = [{"type": "text", "text": answer_markdown(code)}]
    with open(log, "a") as f:
        f.write(json.dumps(user) + "\n" + json.dumps({**common, "type": "assistant", "message": message}) + "\n")


WRITERS = {"copilot": copilot_session, "claude-code": claude_session}


def start(tmp_path: Path) -> tuple[StdioClient, Path, Path]:
    return serve_in_home(tmp_path, {name: HUMAN for name in ("hinted.py", "plain.py", "late.py")})


def paste(c: StdioClient, uri: str, code: str, hint: bool) -> None:
    c.open(uri, HUMAN)
    c.insert(uri, 2, 20, 0, code)
    if hint:
        rng = lsp_range((20, 0), (20 + code.count("\n"), 0))
        c.notify("provmark/didPaste", {"textDocument": {"uri": uri, "version": 2}, "source": "external", "range": rng})


def warning(c: StdioClient, uri: str) -> dict | None:
    with c._lock:
        found = [d for d in c.diagnostics.get(uri, []) if d.get("source") == "provmark" and d.get("severity") == 2]
    return found[0] if found else None


@pytest.mark.parametrize("tool", ["copilot", "claude-code"])
def test_a_pasted_answer_names_the_tool(tmp_path: Path, tool: str) -> None:
    c, ws, home = start(tmp_path)
    try:
        codes = {name: answer_code(f"{tool}-{name}") for name in ("hinted", "plain", "late")}
        for name in ("hinted", "plain"):
            WRITERS[tool](home, ws, f"answer-{name}", codes[name])
        uris = {name: (ws / f"{name}.py").as_uri() for name in codes}
        paste(c, uris["hinted"], codes["hinted"], hint=True)
        paste(c, uris["plain"], codes["plain"], hint=False)
        # The answer saved a moment after the paste (VS Code saves its chat sessions with
        # the window's state): the flag is named when the log comes.
        paste(c, uris["late"], codes["late"], hint=True)
        later = threading.Timer(0.5, WRITERS[tool], (home, ws, "answer-late", codes["late"]))
        later.start()

        def named() -> dict[str, str | None]:
            return {n: (warning(c, u) or {}).get("data", {}).get("tool") for n, u in uris.items()}

        assert c.wait(lambda: named() == dict.fromkeys(uris, tool), timeout=20), named()
        later.join()
        for name, uri in uris.items():
            d = warning(c, uri)
            assert d is not None and d["range"]["start"]["line"] == 20 and d["range"]["end"]["line"] >= 36, d
            assert d["data"].get("session") == f"answer-{name}", d["data"]
            [found] = [e for e in d["data"]["evidence"] if e["signal"] == "transcript-match"]
            assert "chat answer" in found["detail"], found
            assert ("paste-hint" in json.dumps(d["data"]["evidence"])) is (name != "plain")
            assert "strip().lower()" not in json.dumps(d)  # nothing of the answer's text
    finally:
        assert c.close() == 0
