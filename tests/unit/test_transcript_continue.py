"""Continue's sessions (~/.continue/sessions/<id>.json), written here in the format its
HistoryManager saves (docs/transcripts.md): the extension's agent mode (tool calls with
their call states, workspaceDirectory a URI), its chat answers, and the CLI's sessions."""

from __future__ import annotations

import json
from pathlib import Path

from provmark.sources.transcripts import TranscriptIndex
from provmark.sources.transcripts.base import ANSWER
from provmark.sources.transcripts.continue_dev import Continue, folder_of

CODE = "".join(f"def cont_step_{i}(data):\n    return transform(data, option={i})\n\n" for i in range(6))
CODE2 = "".join(f"def other_step_{i}(rows):\n    return summarise(rows, level={i})\n\n" for i in range(6))
NEW = "".join(f"    total_{i} = compute_total(order, tax_rate={i}, rounding=True)\n" for i in range(3))
NEW2 = "".join(f"    row_{i} = fetch_row(cursor, index={i}, strict=True)\n" for i in range(4))


def call(call_id: str, name: str, args: dict) -> dict:
    return {"id": call_id, "type": "function", "function": {"name": name, "arguments": json.dumps(args)}}


def agent_item(calls: list[dict], status: str = "done", content: str = "", model: str | None = "GPT-5") -> dict:
    msg = {"role": "assistant", "content": content, "id": "a1", "toolCalls": calls}
    states = [
        {"toolCallId": c["id"], "toolCall": c, "status": status, "parsedArgs": json.loads(c["function"]["arguments"])}
        for c in calls
    ]
    item: dict = {"message": msg, "contextItems": [], "toolCallStates": states}
    if model:
        item["promptLogs"] = [{"modelTitle": model, "modelProvider": "openai", "prompt": "...", "completion": "..."}]
    return item


def session(home: Path, sid: str, workspace: str, history: list, model: str | None = "Claude Sonnet 4.5") -> Path:
    folder = home / ".continue" / "sessions"
    folder.mkdir(parents=True, exist_ok=True)
    doc = {"sessionId": sid, "title": "Steps", "workspaceDirectory": workspace, "history": history, "mode": "agent"}
    if model is not None:
        doc["chatModelTitle"] = model
    path = folder / f"{sid}.json"
    path.write_text(json.dumps(doc, indent=2))
    return path


def user(text: str) -> dict:
    return {"message": {"role": "user", "content": text, "id": "u1"}, "contextItems": []}


def test_continue_agent_tools_edits_and_incremental(ws_home: tuple[Path, Path]) -> None:
    ws, home = ws_home
    history = [
        user("add the steps"),
        agent_item([call("c1", "create_new_file", {"filepath": "src/a.py", "contents": CODE})]),
        {"message": {"role": "tool", "content": "Created src/a.py", "toolCallId": "c1"}, "contextItems": []},
        agent_item(
            [call("c2", "single_find_and_replace", {"filepath": "src/b.py", "old_string": "x", "new_string": NEW})]
        ),
        agent_item(
            [
                call(
                    "c3",
                    "multi_edit",
                    {"filepath": ws.as_uri() + "/src/c.py", "edits": [{"old_string": "y", "new_string": NEW2}]},
                )
            ],
            model=None,
        ),
    ]
    path = session(home, "6f1c2d3e-0000-4000-8000-000000000001", ws.as_uri(), history)
    idx = TranscriptIndex(ws, home, readers=[Continue()])
    assert idx.refresh() == 3
    m = idx.match(CODE.splitlines())
    assert m is not None and (m.tool, m.session, m.model) == (
        "continue",
        "6f1c2d3e-0000-4000-8000-000000000001",
        "GPT-5",
    )
    c = idx.match(NEW2.splitlines())
    assert c is not None and c.model == "Claude Sonnet 4.5"  # no prompt log: the session's model
    assert idx.match(NEW.splitlines()) is not None
    assert idx.paths() == {str(ws / "src" / f) for f in ("a.py", "b.py", "c.py")}
    assert idx.refresh() == 0
    history.append(
        agent_item(
            [
                call(
                    "c4",
                    "edit_existing_file",
                    {"filepath": "src/d.py", "changes": f"// ... existing code ...\n{CODE2}"},
                )
            ]
        )
    )
    path.write_text(
        json.dumps(
            {
                "sessionId": "6f1c2d3e-0000-4000-8000-000000000001",
                "title": "Steps",
                "workspaceDirectory": ws.as_uri(),
                "history": history,
            },
            indent=2,
        )
    )
    assert idx.refresh() == 1
    assert idx.match(CODE2.splitlines()) is not None


def test_continue_errored_canceled_and_streaming_calls_are_not_writes(ws_home: tuple[Path, Path]) -> None:
    ws, home = ws_home
    history = [
        agent_item([call("c1", "create_new_file", {"filepath": "a.py", "contents": CODE})], status="canceled"),
        agent_item([call("c2", "create_new_file", {"filepath": "b.py", "contents": CODE2})], status="errored"),
        # No call states kept (an older session): the message's calls.
        {
            "message": {
                "role": "assistant",
                "content": "",
                "toolCalls": [
                    call("c3", "single_find_and_replace", {"filepath": "c.py", "old_string": "a", "new_string": NEW})
                ],
            },
            "contextItems": [],
        },
    ]
    session(home, "s-status", str(ws), history)  # a plain path, as the CLI and older versions store it
    idx = TranscriptIndex(ws, home, readers=[Continue()])
    assert idx.refresh() == 1
    assert idx.match(NEW.splitlines()) is not None and idx.match(CODE.splitlines()) is None


def test_continue_chat_answers_and_the_cli(ws_home: tuple[Path, Path]) -> None:
    ws, home = ws_home
    answer = f"Here is the function:\n\n```python src/a.py\n{CODE}```\n"
    session(
        home,
        "chat-1",
        ws.as_uri(),
        [
            user("how?"),
            {"message": {"role": "assistant", "content": [{"type": "text", "text": answer}]}, "contextItems": []},
        ],
    )
    cli = [
        user("write it"),
        agent_item([call("t1", "Write", {"filepath": "w.py", "content": CODE2})], model=None),
        agent_item(
            [
                call(
                    "t2",
                    "MultiEdit",
                    {"file_path": str(ws / "m.py"), "edits": [{"old_string": "p", "new_string": NEW}]},
                )
            ],
            model=None,
        ),
    ]
    session(home, "cli-1", str(ws), cli, model=None)
    idx = TranscriptIndex(ws, home, readers=[Continue()])
    assert idx.refresh() == 3
    a = idx.match(CODE.splitlines())
    assert a is not None and (a.kind, a.session, a.model) == (ANSWER, "chat-1", "Claude Sonnet 4.5")
    w = idx.match(CODE2.splitlines())
    assert w is not None and (w.session, w.model) == ("cli-1", None)
    assert idx.match(NEW.splitlines()) is not None


def test_continue_other_folders_and_broken_files(ws_home: tuple[Path, Path]) -> None:
    ws, home = ws_home
    session(
        home,
        "other",
        (ws.parent / "other").as_uri(),
        [agent_item([call("c1", "create_new_file", {"filepath": str(ws / "a.py"), "contents": CODE})])],
    )
    session(
        home,
        "sibling",
        str(ws.parent / "shop2"),
        [agent_item([call("c1", "create_new_file", {"filepath": "a.py", "contents": CODE})])],
    )
    # No workspace (an empty window): only absolute paths into ours could count.
    session(home, "nows", "", [agent_item([call("c1", "create_new_file", {"filepath": "rel.py", "contents": CODE})])])
    folder = home / ".continue" / "sessions"
    (folder / "half.json").write_text(
        '{"sessionId": "half", "title": "x", "workspaceDirectory": "' + ws.as_uri() + '", "history": [{"mess'
    )
    (folder / "junk.json").write_text("[1, 2, 3]")
    (folder / "odd.json").write_text(
        json.dumps(
            {
                "sessionId": "odd",
                "workspaceDirectory": ws.as_uri(),
                "history": [
                    None,
                    3,
                    {"message": "x"},
                    {
                        "message": {
                            "role": "assistant",
                            "toolCalls": [None, {"function": {"name": "create_new_file", "arguments": "{not json"}}],
                        }
                    },
                ],
            }
        )
    )
    (folder / "sessions.json").write_text(json.dumps([{"sessionId": "other"}]))
    idx = TranscriptIndex(ws, home, readers=[Continue()])
    assert idx.refresh() == 0 and len(idx) == 0
    skipped = {t.path.stem for t in idx._tails.values() if t.skip}
    assert skipped == {"other", "sibling"}


def test_fixture_is_read_back_and_folder_of(ws_home: tuple[Path, Path]) -> None:
    ws, home = ws_home
    reader = Continue()
    reader.fixture(home, ws, "fx-1", [(ws / "f.py", CODE), (ws / "g.py", CODE2)])
    reader.fixture(home, ws, "fx-2", [(ws / "h.py", NEW2)])
    idx = TranscriptIndex(ws, home, readers=[reader])
    assert idx.refresh() == 3
    m = idx.match(CODE.splitlines())
    assert m is not None and (m.tool, m.session, m.model) == ("continue", "fx-1", "Claude Sonnet 4.5")
    assert len(json.loads((home / ".continue" / "sessions" / "sessions.json").read_text())) == 2
    assert folder_of("file:///home/ana/my%20shop") == "/home/ana/my shop"
    assert folder_of("file:///c%3A/Users/ana/shop") == "c:/Users/ana/shop"
    assert folder_of("/home/ana/shop") == "/home/ana/shop" and folder_of("") is None and folder_of(None) is None
