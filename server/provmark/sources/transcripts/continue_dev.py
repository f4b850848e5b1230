"""Continue (the VS Code and JetBrains extension, and its CLI ``cn``): sessions in
``~/.continue/sessions/<session id>.json`` (``$CONTINUE_GLOBAL_DIR/sessions``), one JSON
document rewritten whole (``sessionId``, ``title``, ``workspaceDirectory``, ``history``,
``chatModelTitle``). What is read: the agent's file-writing tool calls
(create_new_file, edit_existing_file, single_find_and_replace, multi_edit, the older
search_and_replace_in_file; the CLI's Write, Edit, MultiEdit) and fenced code in the
answers. See docs/transcripts.md."""

from __future__ import annotations

import json
import os
import re
import time
import uuid
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from provmark.sources.transcripts.base import MAX_AGE_S, Reader, Tail, Write, answers_of, inside, write_of
from provmark.sources.transcripts.json_docs import (
    Budget,
    first,
    new_items,
    peek,
    read_doc,
    replace_sides,
    texts_of,
)
from provmark.sources.transcripts.vscode import uri_path

FULL_WALK_S = 60.0  # how often the sessions folder is listed again though unchanged
INDEX = "sessions.json"  # the list of sessions, beside them
_WORKSPACE = re.compile(r'"workspaceDirectory"\s*:\s*("(?:[^"\\]|\\.)*")')
PATH_KEYS = ("filepath", "file_path", "filePath")
# Tool name -> the argument holding the text it puts in a file.
TEXT_ARGS = {
    "create_new_file": "contents",
    "edit_existing_file": "changes",  # the new code, "// ... existing code ..." between
    "single_find_and_replace": "new_string",
    "Write": "content",  # the CLI's
    "Edit": "new_string",
}
EDITS_TOOLS = frozenset({"multi_edit", "MultiEdit"})  # edits[].new_string
SKIPPED = frozenset({"errored", "canceled", "generating"})  # a call that wrote nothing (yet)


def _mtime(p: Path) -> float:
    try:
        return p.stat().st_mtime
    except OSError:
        return 0.0


def folder_of(workspace: Any) -> str | None:
    """The local folder a session's workspaceDirectory names: the extension stores the
    first workspace folder's URI (``file:///...``, or ``vscode-remote://...``), the CLI and
    older versions a path."""
    if not isinstance(workspace, str) or not workspace:
        return None
    return uri_path(workspace) if "://" in workspace else workspace


class Continue(Reader):
    tool = "continue"

    def __init__(self) -> None:
        self._budget = Budget()
        self._list: tuple[Path, int, float, list[tuple[float, Path]]] | None = None

    def base(self, home: Path) -> Path:
        return Path(os.environ.get("CONTINUE_GLOBAL_DIR") or home / ".continue")

    def files(self, home: Path, root: Path) -> Iterator[tuple[Path, str | None]]:
        self._budget.reset()
        sessions = self.base(home) / "sessions"
        try:
            stamp = sessions.stat().st_mtime_ns
        except OSError:
            return
        now = time.monotonic()
        last = self._list
        if last is None or last[:2] != (sessions, stamp) or now - last[2] > FULL_WALK_S:
            cutoff = time.time() - MAX_AGE_S
            found = [(m, p) for p in sessions.glob("*.json") if p.name != INDEX and (m := _mtime(p)) >= cutoff]
            self._list = last = (sessions, stamp, now, sorted(found, key=lambda x: -x[0]))  # the most recent first
        for _, p in last[3]:
            yield p, p.stem

    def records(self, tail: Tail) -> Iterator[Any]:
        if "cwd" not in tail.meta:
            # The session's folder from the start of the file (written third, after the
            # id and title), so that another folder's session is never parsed.
            m = _WORKSPACE.search(peek(tail.path, 64 << 10))
            if m:
                tail.meta["cwd"] = folder_of(json.loads(m.group(1)))
                if tail.meta["cwd"] and not inside(tail.meta["cwd"], tail.root):
                    tail.skip = True
                    return
        doc = read_doc(tail, self._budget)
        if not isinstance(doc, dict):
            return
        if "cwd" not in tail.meta or tail.meta["cwd"] is None:
            tail.meta["cwd"] = folder_of(doc.get("workspaceDirectory"))
            if tail.meta["cwd"] and not inside(tail.meta["cwd"], tail.root):
                tail.skip = True
                return
        if isinstance(doc.get("sessionId"), str):
            tail.meta["session"] = doc["sessionId"]
        title = doc.get("chatModelTitle")
        tail.meta["model"] = title if isinstance(title, str) and title else None
        history = doc.get("history")
        if isinstance(history, list):
            yield from new_items(tail, history)

    def parse(self, tail: Tail, item: Any) -> Iterator[Write]:
        msg = item.get("message") if isinstance(item, dict) else None
        if not isinstance(msg, dict) or msg.get("role") != "assistant":
            return
        logs = item.get("promptLogs")
        last = logs[-1] if isinstance(logs, list) and logs and isinstance(logs[-1], dict) else {}
        model = last.get("modelTitle") or tail.meta.get("model")
        session = tail.meta.get("session")
        for name, args in self._calls(item, msg):
            yield from self._written(tail, name, args, session, model)
        if inside(tail.meta.get("cwd"), tail.root):
            for text in texts_of(msg.get("content")):
                yield from answers_of(self.tool, session, model, text)

    @staticmethod
    def _calls(item: dict[str, Any], msg: dict[str, Any]) -> Iterator[tuple[str, Any]]:
        """(name, arguments) of the message's tool calls: from the call states (parsed,
        with their status) when kept, else from the message's tool calls."""
        states = item.get("toolCallStates")
        if isinstance(states, list) and states:
            for st in states:
                if not isinstance(st, dict) or st.get("status") in SKIPPED:
                    continue
                fn = (st.get("toolCall") or {}).get("function") or {}
                args = st.get("parsedArgs")
                yield str(fn.get("name")), args if isinstance(args, dict) else fn.get("arguments")
            return
        for call in msg.get("toolCalls") or []:
            fn = call.get("function") if isinstance(call, dict) else None
            if isinstance(fn, dict):
                yield str(fn.get("name")), fn.get("arguments")

    def _written(self, tail: Tail, name: str, args: Any, session: Any, model: Any) -> Iterator[Write]:
        if isinstance(args, str):  # arguments as the model streamed them: JSON
            try:
                args = json.loads(args)
            except ValueError:
                return
        if not isinstance(args, dict):
            return
        path = self._path(tail, first(args, PATH_KEYS))
        if path is None:
            return
        if name in TEXT_ARGS:
            texts = [args.get(TEXT_ARGS[name])]
        elif name in EDITS_TOOLS and isinstance(args.get("edits"), list):
            texts = [e.get("new_string") for e in args["edits"] if isinstance(e, dict)]
        elif name == "search_and_replace_in_file" and isinstance(args.get("diffs"), list):
            texts = [t for d in args["diffs"] for t in replace_sides(d)]
        else:
            return
        for text in texts:
            yield from write_of(self.tool, session, model, path, text)

    @staticmethod
    def _path(tail: Tail, given: Any) -> str | None:
        """A tool's file path inside the workspace: relative to the session's folder, or
        absolute, ``~/...``, or a ``file://`` URI."""
        if not isinstance(given, str) or not given:
            return None
        if "://" in given:
            full = uri_path(given)
        elif given.startswith("~/"):
            full = os.path.expanduser(given)
        elif os.path.isabs(given):
            full = given
        else:
            cwd = tail.meta.get("cwd")
            full = os.path.join(cwd, given) if cwd else None
        return full if inside(full, tail.root) else None

    def fixture(self, home: Path, root: Path, session: str, writes: Sequence[tuple[Path, str]]) -> list[Path]:
        # An agent-mode session as the extension saves it when the stream ends: the
        # prompt, then per write the assistant's create_new_file call (with its call
        # state, done) and the tool's result; and the sessions list.
        sessions = self.base(home) / "sessions"
        sessions.mkdir(parents=True, exist_ok=True)
        history: list[dict[str, Any]] = [
            {"message": {"role": "user", "content": "write the files", "id": str(uuid.uuid4())}, "contextItems": []}
        ]
        for path, content in writes:
            call_id = f"toolu_{uuid.uuid4().hex[:24]}"
            rel = os.path.relpath(path, root)
            args = {"filepath": rel, "contents": content}
            call = {
                "id": call_id,
                "type": "function",
                "function": {"name": "create_new_file", "arguments": json.dumps(args)},
            }
            msg = {"role": "assistant", "content": "", "id": str(uuid.uuid4()), "toolCalls": [call]}
            state: dict[str, Any] = {"toolCallId": call_id, "toolCall": call, "status": "done", "parsedArgs": args}
            state["output"] = [{"name": "Create File", "description": "File created", "content": f"Created {rel}"}]
            log = {"modelTitle": "Claude Sonnet 4.5", "modelProvider": "anthropic", "prompt": "", "completion": ""}
            history.append({"message": msg, "contextItems": [], "toolCallStates": [state], "promptLogs": [log]})
            result = {"role": "tool", "content": f"Created {rel}", "toolCallId": call_id}
            history.append({"message": result, "contextItems": []})
        doc = {
            "sessionId": session,
            "title": "Write the files",
            "workspaceDirectory": root.as_uri(),
            "history": history,
            "mode": "agent",
            "chatModelTitle": "Claude Sonnet 4.5",
        }
        path = sessions / f"{session}.json"
        path.write_text(json.dumps(doc, indent=2), encoding="utf-8")
        index = sessions / INDEX
        try:
            listed = json.loads(index.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            listed = []
        listed.append(
            {
                "sessionId": session,
                "title": doc["title"],
                "dateCreated": str(int(time.time() * 1000)),
                "workspaceDirectory": doc["workspaceDirectory"],
                "messageCount": len(writes),
            }
        )
        index.write_text(json.dumps(listed, indent=2), encoding="utf-8")
        return [path]
