"""GitHub Copilot Chat / agent mode sessions as VS Code stores them: the append log
(`chatSessions/<id>.jsonl`, VS Code 1.109+: an initial state, then set/push/delete
mutations) and the older whole-session JSON (`<id>.json`), in the workspace storage whose
`workspace.json` names the folder, and in the empty windows' global storage. Fixtures
are written here in VS Code's format (ObjectMutationLog entries of ChatSessionOperationLog's
schema; response parts as ChatModel serialises them)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from provmark.sources.transcripts import TranscriptIndex
from provmark.sources.transcripts.base import ANSWER
from provmark.sources.transcripts.copilot import Copilot
from provmark.sources.transcripts.vscode import uri_path, workspace_folders
from support.workloads import ws_and_home

CODE = "".join(
    f"def copilot_helper_{i}(items: list) -> list:\n    return [clean(x, level={i}) for x in items]\n" for i in range(6)
)
OTHER = "".join(f"class Handler{i}(BaseHandler):\n    route = '/api/v{i}/items'\n" for i in range(6))


def uri(path: Path, scheme: str = "file") -> dict[str, Any]:
    """A URI as VS Code serialises it (URI.toJSON)."""
    return {"$mid": 1, "fsPath": str(path), "external": path.as_uri(), "path": str(path), "scheme": scheme}


def line_edits(content: str) -> list[list[dict[str, Any]]]:
    """A new file's edits as Copilot's code mapper streams them: one edit a line."""
    out = []
    for n, line in enumerate(content.split("\n")):
        rng = {"startLineNumber": n + 1, "startColumn": 1, "endLineNumber": n + 1, "endColumn": 1}
        out.append([{"text": line if n == 0 else "\n" + line, "range": rng}])
    return out


def edit_group(path: Path, content: str) -> dict[str, Any]:
    return {"kind": "textEditGroup", "uri": uri(path), "edits": line_edits(content), "done": True}


def request(parts: list[dict[str, Any]], model: str = "copilot/gpt-4.1", result: Any = None) -> dict[str, Any]:
    req = {"requestId": "request_1", "timestamp": 1, "message": {"text": "do it", "parts": []}, "modelId": model}
    req |= {"response": parts, "modelState": {"value": 1}}
    if result is not None:
        req["result"] = result
    return req


def storage_for(home: Path, folder: Path | None, product: str = "Code", meta: dict | None = None) -> Path:
    """A workspace storage folder naming `folder`; its chatSessions folder."""
    ws_id = hashlib.md5(str(folder).encode()).hexdigest()
    d = home / ".config" / product / "User" / "workspaceStorage" / ws_id
    (d / "chatSessions").mkdir(parents=True, exist_ok=True)
    (d / "workspace.json").write_text(json.dumps(meta or {"folder": folder.as_uri() if folder else None}))
    return d / "chatSessions"


def write_log(path: Path, entries: list[dict[str, Any]], mode: str = "a") -> None:
    with open(path, mode) as f:
        f.writelines(json.dumps(e) + "\n" for e in entries)


def initial(session: str, requests: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    state = {"version": 3, "creationDate": 1, "sessionId": session, "responderUsername": "GitHub Copilot"}
    return {"kind": 0, "v": state | {"requests": requests or [], "inputState": {"inputText": ""}}}


def test_agent_edits_are_attributed_line_by_line(tmp_path: Path) -> None:
    ws, home = ws_and_home(tmp_path)
    log = storage_for(home, ws) / "sess-1.jsonl"
    write_log(log, [initial("sess-1")])
    idx = TranscriptIndex(ws, home)
    assert idx.refresh() == 0
    # The request, then its response parts as they stream (a replacement of two lines too).
    write_log(log, [{"kind": 2, "k": ["requests"], "v": [request([], model="copilot/claude-sonnet-4.5")]}])
    replace = {"text": OTHER, "range": {"startLineNumber": 3, "startColumn": 1, "endLineNumber": 4, "endColumn": 1}}
    parts = [
        {"value": "Adding the helpers.", "supportThemeIcons": False},
        edit_group(ws / "helpers.py", CODE),
        {"kind": "textEditGroup", "uri": uri(ws / "app.py"), "edits": [[replace]], "done": True},
    ]
    write_log(log, [{"kind": 2, "k": ["requests", 0, "response"], "v": parts}])
    assert idx.refresh() == 2
    m = idx.match(CODE.splitlines()[3:])
    assert m is not None and (m.tool, m.session, m.model, m.kind) == ("copilot", "sess-1", "claude-sonnet-4.5", "write")
    assert idx.match(OTHER.splitlines()) is not None
    assert idx.paths() == {str(ws / "helpers.py"), str(ws / "app.py")}
    assert idx.refresh() == 0  # nothing new, nothing read twice


def test_edits_outside_the_workspace_and_other_workspaces_are_not_read(tmp_path: Path) -> None:
    ws, home = ws_and_home(tmp_path)
    other = (tmp_path / "other").resolve()
    other.mkdir()
    parts = [edit_group(other / "x.py", OTHER), {"value": f"```python\n{CODE}```"}]
    write_log(storage_for(home, other) / "theirs.jsonl", [initial("theirs", [request(parts)])])
    # A session of this workspace that also edited a file elsewhere: only ours counts.
    write_log(storage_for(home, ws) / "ours.jsonl", [initial("ours", [request([edit_group(other / "y.py", OTHER)])])])
    idx = TranscriptIndex(ws, home)
    assert idx.refresh() == 0
    assert idx.match(CODE.splitlines()) is None and idx.match(OTHER.splitlines()) is None


def test_an_answers_code_blocks_are_answers_once_complete(tmp_path: Path) -> None:
    """A markdown part rewritten as it streams (a push from index i): its code block is
    indexed when its closing fence is there, as an answer, once."""
    ws, home = ws_and_home(tmp_path)
    log = storage_for(home, ws) / "ask.jsonl"
    write_log(log, [initial("ask", [request([])])])
    idx = TranscriptIndex(ws, home)
    idx.refresh()
    half = "Try this:\n\n```python\n" + CODE[: len(CODE) // 2]
    write_log(log, [{"kind": 2, "k": ["requests", 0, "response"], "v": [{"value": half}]}])
    assert idx.refresh() == 0
    whole = f"Try this:\n\n```python\n{CODE}```\nIt keeps the order."
    write_log(log, [{"kind": 2, "k": ["requests", 0, "response"], "v": [{"value": whole}], "i": 0}])
    write_log(log, [{"kind": 1, "k": ["requests", 0, "result"], "v": {"metadata": {"toolCallRounds": []}}}])
    assert idx.refresh() == 1
    m = idx.match(CODE.splitlines())
    assert m is not None and (m.tool, m.model, m.kind) == ("copilot", "gpt-4.1", ANSWER)


def test_the_older_whole_json_sessions_and_tool_calls(tmp_path: Path) -> None:
    """A session saved whole (before VS Code 1.109), rewritten as it grows; the edit
    tools' calls kept in the result's metadata name their files too."""
    ws, home = ws_and_home(tmp_path)
    call = {"filePath": str(ws / "svc.py"), "oldString": "pass", "newString": OTHER}
    rounds = [
        {"response": "", "toolCalls": [{"id": "t1", "name": "replace_string_in_file", "arguments": json.dumps(call)}]}
    ]
    session = {
        "version": 3,
        "sessionId": "old",
        "requesterUsername": "ana",
        "responderUsername": "GitHub Copilot",
        "requests": [request([{"value": "Done."}], result={"metadata": {"toolCallRounds": rounds}})],
    }
    log = storage_for(home, ws) / "old.json"
    log.write_text(json.dumps(session)[:-40])  # half written
    idx = TranscriptIndex(ws, home)
    assert idx.refresh() == 0
    log.write_text(json.dumps(session))
    assert idx.refresh() == 1
    m = idx.match(OTHER.splitlines())
    assert m is not None and (m.tool, m.session, m.model) == ("copilot", "old", "gpt-4.1")
    session["requests"].append(request([edit_group(ws / "new.py", CODE)]))
    log.write_text(json.dumps(session, indent=1))
    assert idx.refresh() == 1  # the first request's write is known already
    assert idx.match(CODE.splitlines()) is not None


def test_malformed_logs_never_stop_the_reading(tmp_path: Path) -> None:
    ws, home = ws_and_home(tmp_path)
    d = storage_for(home, ws)
    bad = [
        "not json",
        json.dumps([1, 2]),
        json.dumps({"kind": 2, "k": ["requests", "x", "response"], "v": [1]}),
        json.dumps({"kind": 2, "k": ["requests", 0, "response"], "v": [{"kind": "textEditGroup", "uri": 3}]}),
        json.dumps({"kind": 2, "k": ["requests", 0, "response"], "v": [{"kind": "textEditGroup", "edits": "x"}]}),
        json.dumps(
            {
                "kind": 1,
                "k": ["requests", 0, "result"],
                "v": {"metadata": {"toolCallRounds": [{"toolCalls": [{"arguments": "{"}]}]}},
            }
        ),
        json.dumps({"kind": 0, "v": {"requests": "nope"}}),
    ]
    (d / "bad.jsonl").write_text("\n".join(bad) + "\n" + json.dumps(initial("bad"))[:30])
    (d / "empty.json").write_text("")
    (d / "good.jsonl").write_text(json.dumps(initial("good", [request([edit_group(ws / "g.py", CODE)])])) + "\n")
    idx = TranscriptIndex(ws, home)
    assert idx.refresh() == 1
    assert idx.match(CODE.splitlines()) is not None


def test_a_compacted_log_is_read_again_from_its_start(tmp_path: Path) -> None:
    """VS Code rewrites a long log whole from a new initial state: read from the start
    (what it held before is known and not kept twice)."""
    ws, home = ws_and_home(tmp_path)
    log = storage_for(home, ws) / "long.jsonl"
    entries = [initial("long", [request([edit_group(ws / "a.py", CODE)])])]
    entries += [{"kind": 1, "k": ["requests", 0, "vote"], "v": n % 2} for n in range(5)]
    write_log(log, entries)
    idx = TranscriptIndex(ws, home)
    assert idx.refresh() == 1
    reqs = [request([edit_group(ws / "a.py", CODE)]), request([edit_group(ws / "b.py", OTHER)])]
    state = initial("long", reqs)
    state["v"]["customTitle"] = "Helpers and handlers"
    write_log(log, [state], mode="w")
    assert log.stat().st_size > idx._tails[("copilot", log)].offset  # so only its start tells
    assert idx.refresh() == 1
    assert idx.match(OTHER.splitlines()) is not None


def test_multi_root_workspaces_empty_windows_and_code_server(tmp_path: Path) -> None:
    ws, home = ws_and_home(tmp_path)
    # A .code-workspace file (JSON with comments) listing our folder relatively.
    cfg = tmp_path / "team.code-workspace"
    cfg.write_text('{\n  // the team\'s folders\n  "folders": [{"path": "ws"}, {"uri": "file:///elsewhere"},],\n}\n')
    multi = storage_for(home, None, meta={"workspace": cfg.as_uri()})
    assert workspace_folders(multi.parent) == [str(tmp_path / "ws"), "/elsewhere"]
    write_log(multi / "multi.jsonl", [initial("multi", [request([edit_group(ws / "m.py", CODE)])])])
    # An empty window's session that edited a file of ours.
    empty = home / ".config" / "Code - Insiders" / "User" / "globalStorage" / "emptyWindowChatSessions"
    empty.mkdir(parents=True)
    write_log(empty / "lone.jsonl", [initial("lone", [request([edit_group(ws / "e.py", OTHER)])])])
    # code-server names its folders with vscode-remote URIs.
    remote = home / ".local" / "share" / "code-server" / "User" / "workspaceStorage" / "abc"
    (remote / "chatSessions").mkdir(parents=True)
    (remote / "workspace.json").write_text(json.dumps({"folder": f"vscode-remote://localhost:8080{ws}"}))
    third = "".join(f"route_{i} = make_route('/v{i}', handler=handle_{i})\n" for i in range(6))
    group = {"kind": "textEditGroup", "uri": uri(ws / "r.py", "vscode-remote"), "edits": line_edits(third)}
    write_log(remote / "chatSessions" / "srv.jsonl", [initial("srv", [request([group])])])
    idx = TranscriptIndex(ws, home)
    assert idx.refresh() == 3
    got = {idx.match(x.splitlines()).session for x in (CODE, OTHER, third)}  # type: ignore[union-attr]
    assert got == {"multi", "lone", "srv"}


def test_uri_paths() -> None:
    assert uri_path("file:///home/ana/my%20app") == "/home/ana/my app"
    assert uri_path("file:///c%3A/Users/ana/app") == "c:/Users/ana/app"
    assert uri_path("file://server/share/app") == "//server/share/app"
    assert uri_path("vscode-remote://ssh-remote%2Bbox/home/ana/app") == "/home/ana/app"
    assert uri_path("untitled:Untitled-1") is None and uri_path(None) is None
    assert uri_path({"scheme": "vscode-userdata", "path": "/x"}) is None


def test_the_fixture_writes_what_the_reader_reads(tmp_path: Path) -> None:
    ws, home = ws_and_home(tmp_path)
    Copilot().fixture(home, ws, "fx-1", [(ws / "a.py", CODE), (ws / "b.py", OTHER)])
    idx = TranscriptIndex(ws, home)
    assert idx.refresh() == 2  # the two files; the answer's prose holds no code
    m = idx.match(OTHER.splitlines())
    assert m is not None and (m.tool, m.session, m.model) == ("copilot", "fx-1", "claude-sonnet-4.5")
