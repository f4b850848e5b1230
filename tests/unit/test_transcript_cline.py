"""Cline, Roo Code and Kilo Code (before 7.x) task histories, and Cline 4.x sessions.
Every fixture is written here in the tool's format as its source writes it
(docs/transcripts.md): Cline's api_conversation_history.json (native tool_use blocks in
3.x, XML tool tags in the text before), its 4.x manifest and messages files, Roo Code's
task folder with history_item.json."""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path

import pytest

from provmark.sources.transcripts import TranscriptIndex
from provmark.sources.transcripts.base import ANSWER
from provmark.sources.transcripts.cline import Cline, KiloLegacy, RooCode, env_cwd
from provmark.sources.transcripts.json_docs import Budget, replace_sides

CODE = "".join(f"def task_step_{i}(data):\n    return transform(data, option={i})\n\n" for i in range(6))
CODE2 = "".join(f"def other_step_{i}(rows):\n    return summarise(rows, level={i})\n\n" for i in range(6))
OLD = "".join(f"    total_{i} = compute_total(order, tax_rate={i})\n" for i in range(3))
NEW = "".join(f"    total_{i} = compute_total(order, tax_rate={i}, rounding=True)\n" for i in range(3))
NEW2 = "".join(f"    row_{i} = fetch_row(cursor, index={i}, strict=True)\n" for i in range(4))
MODEL_INFO = {"modelId": "claude-sonnet-4-5-20250929", "providerId": "anthropic", "mode": "act"}


def vscode_tasks(home: Path, ext: str = "saoudrizwan.claude-dev", flavour: str = "Code") -> Path:
    return home / ".config" / flavour / "User" / "globalStorage" / ext / "tasks"


def env(ws: Path, header: str = "Working") -> str:
    """Cline's environment details, as the first user message of a task carries them."""
    return (
        "<environment_details>\n# VSCode Visible Files\nsrc/a.py\n\n# VSCode Open Tabs\nsrc/a.py\n\n"
        f"# Current Time\n12/1/2026, 10:00:00 AM (UTC)\n\n# Current {header} Directory ({ws.as_posix()}) Files\n"
        "src/\nsrc/a.py\n\n# Context Window Usage\n0 / 200K tokens used (0%)\n\n# Current Mode\nACT MODE\n"
        "</environment_details>"
    )


def first_user(ws: Path, header: str = "Working") -> dict:
    return {
        "role": "user",
        "content": [
            {"type": "text", "text": "<task>\nadd the steps\n</task>"},
            {"type": "text", "text": env(ws, header)},
        ],
        "ts": 1764583200000,
    }


def tool_use(name: str, inp: dict, call: str) -> dict:
    return {"type": "tool_use", "id": call, "name": name, "input": inp, "call_id": f"resp_{call}"}


def assistant(blocks: list[dict], model: dict | None = MODEL_INFO) -> dict:
    msg = {"role": "assistant", "content": blocks, "id": "req_1", "ts": 1764583201000}
    if model:
        msg["modelInfo"] = model
        msg["metrics"] = {"tokens": {"prompt": 10, "completion": 20, "cached": 0}, "cost": 0.01}
    return msg


def result(call: str, text: str = "The content was successfully saved.") -> dict:
    return {"role": "user", "content": [{"type": "tool_result", "tool_use_id": call, "content": text}]}


def save(task: Path, history: list) -> Path:
    task.mkdir(parents=True, exist_ok=True)
    (task / "api_conversation_history.json").write_text(json.dumps(history))
    (task / "ui_messages.json").write_text(json.dumps([{"ts": 1, "type": "say", "say": "text", "text": "x"}]))
    meta = {"files_in_context": [], "model_usage": [], "environment_history": []}
    (task / "task_metadata.json").write_text(json.dumps(meta))
    return task / "api_conversation_history.json"


def idx_for(ws: Path, home: Path, *readers: Cline) -> TranscriptIndex:
    return TranscriptIndex(ws, home, readers=list(readers) or [Cline()])


def test_cline_task_write_and_replace_in_file_added_lines(ws_home: tuple[Path, Path]) -> None:
    ws, home = ws_home
    diff = f"------- SEARCH\n{OLD}=======\n{NEW}+++++++ REPLACE\n\n"
    diff += f"------- SEARCH\n    pass\n=======\n{NEW2}+++++++ REPLACE"
    history = [
        first_user(ws),
        assistant(
            [
                {"type": "text", "text": "I'll write it."},
                tool_use("write_to_file", {"path": "src/a.py", "content": CODE}, "t1"),
            ]
        ),
        result("t1"),
        assistant([tool_use("replace_in_file", {"path": "src/b.py", "diff": diff}, "t2")]),
        result("t2"),
    ]
    api = save(vscode_tasks(home) / "1764583200000", history)
    idx = idx_for(ws, home)
    assert idx.refresh() == 3
    m = idx.match(CODE.splitlines())
    assert m is not None and (m.tool, m.session, m.model) == ("cline", "1764583200000", "claude-sonnet-4-5-20250929")
    assert idx.match(NEW.splitlines()) is not None and idx.match(NEW2.splitlines()) is not None
    assert idx.match(OLD.splitlines()) is None  # the SEARCH side is what was there before
    assert idx.paths() == {str(ws / "src" / "a.py"), str(ws / "src" / "b.py")}
    assert idx.refresh() == 0
    # The task goes on: Cline rewrites the whole file; only the new write is added.
    history += [assistant([tool_use("write_to_file", {"path": "src/c.py", "content": CODE2}, "t3")]), result("t3")]
    api.write_text(json.dumps(history))
    assert idx.refresh() == 1
    assert idx.match(CODE2.splitlines()) is not None


def test_cline_older_xml_tool_tags_and_legacy_markers(ws_home: tuple[Path, Path]) -> None:
    ws, home = ws_home
    text = (
        "<thinking>Create the module, then fix b.</thinking>\n\n"
        f"<write_to_file>\n<path>src/a.py</path>\n<content>\n{CODE}</content>\n</write_to_file>"
    )
    diff = f"<<<<<<< SEARCH\n{OLD}=======\n{NEW}>>>>>>> REPLACE"
    text2 = f"<replace_in_file>\n<path>src/b.py</path>\n<diff>\n{diff}\n</diff>\n</replace_in_file>"
    history = [
        first_user(ws),
        {"role": "assistant", "content": [{"type": "text", "text": text}]},
        {"role": "user", "content": [{"type": "text", "text": "[write_to_file for 'src/a.py'] Result:"}]},
        {"role": "assistant", "content": text2},  # older histories keep a plain string
    ]
    save(vscode_tasks(home, flavour="VSCodium") / "t-xml", history)
    idx = idx_for(ws, home)
    assert idx.refresh() == 2
    m = idx.match(CODE.splitlines())
    assert m is not None and (m.tool, m.model) == ("cline", None)
    assert idx.match(NEW.splitlines()) is not None and idx.match(OLD.splitlines()) is None


def test_cline_cli_tasks_folder_apply_patch_and_answers(ws_home: tuple[Path, Path]) -> None:
    ws, home = ws_home
    patch = "*** Begin Patch\n*** Add File: src/p.py\n" + "".join("+" + x + "\n" for x in CODE.splitlines())
    patch += "*** Update File: src/q.py\n@@ def q():\n-    pass\n" + "".join("+" + x + "\n" for x in NEW2.splitlines())
    patch += "*** End Patch"
    answer = f"You could also do it by hand:\n\n```python\n{CODE2}```\n"
    history = [
        first_user(ws),
        assistant(
            [tool_use("apply_patch", {"input": patch}, "t1")],
            {"modelId": "gpt-5", "providerId": "openai", "mode": "act"},
        ),
        result("t1"),
        assistant([{"type": "text", "text": answer}], {"modelId": "gpt-5", "providerId": "openai", "mode": "act"}),
    ]
    save(home / ".cline" / "data" / "tasks" / "cli-task", history)
    idx = idx_for(ws, home)
    assert idx.refresh() == 3
    assert str(ws / "src" / "p.py") in idx.paths() and str(ws / "src" / "q.py") in idx.paths()
    m = idx.match(NEW2.splitlines())
    assert m is not None and m.model == "gpt-5"
    a = idx.match(CODE2.splitlines())
    assert a is not None and a.kind == ANSWER


def test_cline_tasks_of_other_folders_are_skipped_and_never_read_again(ws_home: tuple[Path, Path]) -> None:
    ws, home = ws_home
    other = ws.parent / "other"
    other.mkdir()
    tasks = vscode_tasks(home)
    save(
        tasks / "elsewhere",
        [first_user(other), assistant([tool_use("write_to_file", {"path": "a.py", "content": CODE}, "t1")])],
    )
    # Absolute paths into the workspace from a task of another folder: still not ours.
    save(
        tasks / "abs",
        [first_user(other), assistant([tool_use("write_to_file", {"path": str(ws / "a.py"), "content": CODE2}, "t2")])],
    )
    # A sibling folder whose name starts like the workspace's.
    sib = ws.parent / "shop2"
    sib.mkdir()
    save(
        tasks / "sibling",
        [first_user(sib), assistant([tool_use("write_to_file", {"path": "a.py", "content": CODE}, "t3")])],
    )
    idx = idx_for(ws, home)
    assert idx.refresh() == 0 and len(idx) == 0
    assert all(t.skip for t in idx._tails.values()) and len(idx._tails) == 3


def test_cline_malformed_half_written_and_odd_records(
    ws_home: tuple[Path, Path], caplog: pytest.LogCaptureFixture
) -> None:
    ws, home = ws_home
    tasks = vscode_tasks(home)
    good = [
        first_user(ws),
        assistant([tool_use("write_to_file", {"path": "a.py", "content": CODE}, "t1")]),
        result("t1"),
    ]
    api = save(tasks / "half", good)
    text = json.dumps(good)
    api.write_text(text[: len(text) // 2])  # cut off mid-write
    (tasks / "junk").mkdir(parents=True)
    (tasks / "junk" / "api_conversation_history.json").write_text('{"not": "a list"}')
    (tasks / "binary").mkdir()
    (tasks / "binary" / "api_conversation_history.json").write_bytes(b"\x00\xff" * 100)
    odd = [
        first_user(ws),
        "a string",
        {"role": "assistant", "content": [None, 3, {"type": "tool_use", "name": "write_to_file", "input": None}]},
        {"role": "assistant", "content": [tool_use("write_to_file", {"path": 7, "content": ["x"]}, "t9")]},
        {"role": "assistant", "content": [tool_use("replace_in_file", {"path": "b.py", "diff": None}, "t8")]},
        assistant([tool_use("write_to_file", {"path": "c.py", "content": CODE2}, "t7")]),
    ]
    save(tasks / "odd", odd)
    idx = idx_for(ws, home)
    with caplog.at_level(logging.DEBUG, logger="provmark.sources.transcripts"):
        assert idx.refresh() == 1  # the odd task's one good write
    assert idx.match(CODE2.splitlines()) is not None and idx.match(CODE.splitlines()) is None
    api.write_text(text)  # the write completed
    assert idx.refresh() == 1
    assert idx.match(CODE.splitlines()) is not None


def test_cline_reads_within_a_budget_most_recent_first(ws_home: tuple[Path, Path]) -> None:
    import os
    import time

    ws, home = ws_home
    tasks = vscode_tasks(home)
    codes = ["".join(f"def t{k}_f{i}(x):\n    return helper_{k}(x, level={i})\n" for i in range(5)) for k in range(4)]
    for k, code in enumerate(codes):
        api = save(
            tasks / f"task{k}",
            [first_user(ws), assistant([tool_use("write_to_file", {"path": f"m{k}.py", "content": code}, f"t{k}")])],
        )
        os.utime(api, (time.time() - 100 + k, time.time() - 100 + k))
    reader = Cline()
    reader._budget = Budget(1)  # one document per refresh
    idx = idx_for(ws, home, reader)
    assert idx.refresh() == 1
    assert idx.match(codes[3].splitlines()) is not None  # the most recent first
    assert idx.refresh() == 1 and idx.refresh() == 1 and idx.refresh() == 1 and idx.refresh() == 0
    assert all(idx.match(c.splitlines()) is not None for c in codes)


def session4(home: Path, ws: Path, sid: str, messages: list, cwd: Path | None = None) -> Path:
    folder = home / ".cline" / "data" / "sessions" / sid
    folder.mkdir(parents=True, exist_ok=True)
    manifest = {
        "version": 1,
        "session_id": sid,
        "source": "cli",
        "pid": 4242,
        "started_at": "2026-12-01T10:00:00.000Z",
        "status": "running",
        "interactive": True,
        "provider": "cline",
        "model": "anthropic/claude-sonnet-4.6",
        "cwd": str(cwd or ws),
        "workspace_root": str(cwd or ws),
        "enable_tools": True,
        "enable_spawn": True,
        "enable_teams": False,
        "messages_path": str(folder / f"{sid}.messages.json"),
    }
    (folder / f"{sid}.json").write_text(json.dumps(manifest, indent=2))
    doc = {
        "version": 1,
        "updated_at": "2026-12-01T10:00:01.000Z",
        "agent": "lead",
        "sessionId": sid,
        "messages": messages,
    }
    path = folder / f"{sid}.messages.json"
    path.write_text(json.dumps(doc, indent=2) + "\n")
    return path


def msg4(role: str, content: list, model: str | None = "claude-sonnet-4-6") -> dict:
    m: dict = {"id": f"m{len(json.dumps(content))}", "role": role, "content": content}
    if role == "assistant" and model:
        m["modelInfo"] = {"id": model, "provider": "anthropic"}
        m["ts"] = 1764583201000
    return m


def test_cline4_sessions_editor_apply_patch_subagents(ws_home: tuple[Path, Path]) -> None:
    ws, home = ws_home
    patch = (
        "*** Begin Patch\n*** Update File: src/q.py\n@@\n-    pass\n"
        + "".join("+" + x + "\n" for x in NEW2.splitlines())
        + "*** End Patch"
    )
    messages = [
        msg4("user", [{"type": "text", "text": "add the steps"}]),
        msg4(
            "assistant",
            [
                {"type": "thinking", "thinking": "..."},
                tool_use("editor", {"path": str(ws / "src" / "a.py"), "new_text": CODE}, "c1"),
            ],
        ),
        msg4("user", [{"type": "tool_result", "tool_use_id": "c1", "content": "ok", "is_error": False}]),
        msg4(
            "assistant", [{"type": "tool_use", "id": "c2", "name": "apply_patch", "input": patch}]
        ),  # the freeform string form
        msg4(
            "assistant", [tool_use("editor", {"path": "src/b.py", "old_text": OLD, "new_text": NEW}, "c3")], model=None
        ),
    ]
    path = session4(home, ws, "1764583200000_ab1cd", messages)
    sub = path.parent / "explorer.messages.json"
    sub.write_text(
        json.dumps(
            {
                "version": 1,
                "agent": "subagent",
                "sessionId": "1764583200000_ab1cd__explorer",
                "messages": [
                    msg4(
                        "assistant",
                        [tool_use("editor", {"path": str(ws / "src" / "c.py"), "new_text": CODE2}, "s1")],
                        model="claude-haiku-4-5",
                    )
                ],
            }
        )
    )
    session4(
        home,
        ws,
        "1764583300000_zz9yx",
        [msg4("assistant", [tool_use("editor", {"path": str(ws / "x.py"), "new_text": CODE2 + CODE}, "o1")])],
        cwd=ws.parent,
    )
    idx = idx_for(ws, home)
    assert idx.refresh() == 4
    m = idx.match(CODE.splitlines())
    assert m is not None and (m.tool, m.session, m.model) == ("cline", "1764583200000_ab1cd", "claude-sonnet-4-6")
    assert idx.match(NEW2.splitlines()) is not None
    b = idx.match(NEW.splitlines())
    assert b is not None and b.model == "anthropic/claude-sonnet-4.6"  # no modelInfo: the manifest's
    c = idx.match(CODE2.splitlines())
    assert c is not None and (c.session, c.model) == ("1764583200000_ab1cd__explorer", "claude-haiku-4-5")
    assert str(ws / "x.py") not in idx.paths()  # the session of the parent folder
    # Persisted again after the next iteration, first half written (writeFileSync in place).
    messages.append(msg4("assistant", [tool_use("editor", {"path": str(ws / "d.py"), "new_text": CODE + CODE2}, "c4")]))
    doc = json.dumps(
        {"version": 1, "agent": "lead", "sessionId": "1764583200000_ab1cd", "messages": messages}, indent=2
    )
    path.write_text(doc[:-40])
    assert idx.refresh() == 0
    path.write_text(doc)
    assert idx.refresh() == 1


def test_roo_code_task_folder_apply_diff_and_model_from_environment(ws_home: tuple[Path, Path]) -> None:
    ws, home = ws_home
    task = vscode_tasks(home, "rooveterinaryinc.roo-cline", "Cursor") / "019a1b2c-roo"
    diff = f"<<<<<<< SEARCH\n:start_line:12\n-------\n{OLD}=======\n{NEW}>>>>>>> REPLACE"
    roo_env = env(ws, "Workspace").replace(
        "# Current Mode\nACT MODE",
        "# Current Mode\n<slug>code</slug>\n<name>Code</name>\n<model>x-ai/grok-code-fast-1</model>",
    )
    history = [
        {
            "role": "user",
            "content": [{"type": "text", "text": "<task>fix it</task>"}, {"type": "text", "text": roo_env}],
            "ts": 1,
        },
        {
            "role": "assistant",
            "content": [
                {"type": "reasoning", "text": "..."},
                tool_use("apply_diff", {"path": "src/b.py", "diff": diff}, "r1"),
            ],
            "ts": 2,
        },
        {
            "role": "user",
            "content": [
                {"type": "tool_result", "tool_use_id": "r1", "content": "ok"},
                {"type": "text", "text": roo_env},
            ],
            "ts": 3,
        },
        {
            "role": "assistant",
            "content": [
                tool_use("search_replace", {"file_path": "src/c.py", "old_string": "x", "new_string": NEW2}, "r2")
            ],
            "ts": 4,
        },
        {
            "role": "assistant",
            "content": [
                tool_use(
                    "apply_patch",
                    {
                        "patch": "*** Begin Patch\n*** Add File: src/n.py\n"
                        + "".join("+" + x + "\n" for x in CODE.splitlines())
                        + "*** End Patch"
                    },
                    "r3",
                )
            ],
        },
    ]
    save(task, history)
    (task / "history_item.json").write_text(
        json.dumps(
            {
                "id": "019a1b2c-roo",
                "number": 3,
                "ts": 1,
                "task": "fix it",
                "tokensIn": 1,
                "tokensOut": 2,
                "totalCost": 0,
                "workspace": str(ws),
                "mode": "code",
            }
        )
    )
    idx = idx_for(ws, home, RooCode(), Cline())
    assert idx.refresh() == 3
    m = idx.match(NEW.splitlines())
    assert m is not None and (m.tool, m.session, m.model) == ("roo-code", "019a1b2c-roo", "x-ai/grok-code-fast-1")
    assert idx.match(OLD.splitlines()) is None
    assert idx.match(NEW2.splitlines()) is not None and idx.match(CODE.splitlines()) is not None


def test_roo_history_item_names_another_folder(ws_home: tuple[Path, Path]) -> None:
    ws, home = ws_home
    task = vscode_tasks(home, "rooveterinaryinc.roo-cline") / "t1"
    save(task, [assistant([tool_use("write_to_file", {"path": str(ws / "a.py"), "content": CODE}, "r1")])])
    (task / "history_item.json").write_text(json.dumps({"id": "t1", "workspace": str(ws.parent)}))
    idx = idx_for(ws, home, RooCode())
    assert idx.refresh() == 0


def test_kilo_legacy_fast_edit_and_remote_server_folder(ws_home: tuple[Path, Path]) -> None:
    ws, home = ws_home
    task = home / ".vscode-server" / "data" / "User" / "globalStorage" / "kilocode.kilo-code" / "tasks" / "k1"
    history = [
        first_user(ws, "Workspace"),
        assistant(
            [
                tool_use(
                    "fast_edit_file",
                    {
                        "target_file": "src/k.py",
                        "instructions": "add steps",
                        "code_edit": f"// ... existing code ...\n{CODE}",
                    },
                    "k1",
                )
            ],
            None,
        ),
    ]
    save(task, history)
    idx = idx_for(ws, home, KiloLegacy())
    assert idx.refresh() == 1
    m = idx.match(CODE.splitlines())
    assert m is not None and (m.tool, m.session) == ("kilo-code", "k1")


def test_fixtures_are_read_back(ws_home: tuple[Path, Path]) -> None:
    ws, home = ws_home
    for reader in (Cline(), RooCode()):
        reader.fixture(home, ws, f"fx-{reader.tool}", [(ws / "f.py", CODE), (ws / "g.py", CODE2)])
        idx = idx_for(ws, home, reader)
        assert idx.refresh() == 2, reader.tool
        m = idx.match(CODE.splitlines())
        assert m is not None and (m.tool, m.session) == (reader.tool, f"fx-{reader.tool}") and m.model


def test_helpers() -> None:
    assert replace_sides("------- SEARCH\na\n=======\nb\nc\n+++++++ REPLACE") == ["b\nc"]
    assert replace_sides("<<<<<<< SEARCH\n:start_line:3\n-------\na\n=======\nb\n>>>>>>> REPLACE\n") == ["b"]
    assert replace_sides("------- SEARCH\na\n=======\nb") == []  # unfinished
    assert replace_sides(None) == []
    assert env_cwd("# Current Working Directory (/home/ana/shop) Files\n") == "/home/ana/shop"
    roots = "# Workspace Roots\n- shop: /home/ana/shop (git)\n- lib: /home/ana/lib\n\nPrimary workspace: shop\n\n"
    roots += "# Current Working Directory (Primary: shop) Files"
    assert env_cwd(roots) == "/home/ana/shop"
    assert env_cwd("nothing") is None


def test_an_editor_folder_made_after_the_first_look_is_found_at_the_next(ws_home: tuple[Path, Path]) -> None:
    ws, home = ws_home
    (home / ".config").mkdir()
    idx = idx_for(ws, home, RooCode())
    assert idx.refresh() == 0
    RooCode().fixture(home, ws, "later", [(ws / "a.py", CODE)])  # ~/.config/Code/User/... made now
    assert idx.refresh() == 1


def test_cline4_messages_before_their_manifest(ws_home: tuple[Path, Path]) -> None:
    import os

    ws, home = ws_home
    path = session4(
        home, ws, "s-early", [msg4("assistant", [tool_use("editor", {"path": "src/a.py", "new_text": CODE}, "c1")])]
    )
    manifest = path.parent / "s-early.json"
    saved = manifest.read_text()
    manifest.unlink()  # the messages file is initialised just before the manifest is written
    idx = idx_for(ws, home)
    assert idx.refresh() == 0
    manifest.write_text(saved)
    assert idx.refresh() == 1  # the relative path, from the manifest's cwd
    assert str(ws / "src" / "a.py") in idx.paths()
    # Never a manifest: read without one after a while (absolute paths only).
    other = session4(
        home,
        ws,
        "s-none",
        [msg4("assistant", [tool_use("editor", {"path": str(ws / "b.py"), "new_text": CODE2}, "c2")])],
    )
    (other.parent / "s-none.json").unlink()
    old = time.time() - 60
    os.utime(other, (old, old))
    assert idx.refresh() == 1
