"""Cline and its forks Roo Code and Kilo Code (before its 7.x rewrite).

Task histories: ``<VS Code user data>/User/globalStorage/<extension id>/tasks/<task
id>/api_conversation_history.json`` (Cline 3.x's CLI and JetBrains plugin keep them in
``~/.cline/data/tasks/``), one JSON array of Anthropic-shaped messages rewritten whole
as the task goes on. Cline 4.x: ``~/.cline/data/sessions/<id>/<id>.messages.json`` (and
a subagent's ``<agent>.messages.json`` beside it) with the session's manifest
``<id>.json`` (cwd, model). What is read: the file-writing tool calls (native
``tool_use`` blocks, or the XML tool tags of older versions in the assistant's text),
the added lines of their edits, and fenced code in the answers. The task's folder comes
from the environment details of its first message (``# Current Working Directory (...)``,
Roo Code's ``# Current Workspace Directory (...)``), or the manifest. See
docs/transcripts.md."""

from __future__ import annotations

import json
import os
import re
import time
import uuid
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, ClassVar

from provmark.sources.transcripts.base import (
    MAX_AGE_S,
    Reader,
    Tail,
    Write,
    answers_of,
    inside,
    patch_added_lines,
    solid,
    write_of,
)
from provmark.sources.transcripts.json_docs import (
    Budget,
    first,
    new_items,
    peek,
    read_doc,
    replace_sides,
    small_json,
    texts_of,
    vscode_user_dirs,
)

HISTORY = "api_conversation_history.json"
MESSAGES = ".messages.json"  # Cline 4.x
FULL_WALK_S = 60.0  # how often every tasks folder is listed again (a task resumed after weeks)
MANIFEST_WAIT_S = 10.0  # a Cline 4.x session's messages are read without its manifest after this

PATH_KEYS = ("path", "absolutePath", "file_path", "filePath", "target_file")
TEXT_KEYS = ("content", "new_text", "new_string", "newString", "new_str", "replace", "code_edit")
PATCH_KEYS = ("input", "patch", "patchText")
# The tools that write files: Cline's (write_to_file, replace_in_file, new_rule,
# apply_patch; 4.x's editor), Roo Code's and Kilo Code's (apply_diff, insert_content,
# search_and_replace, search_replace, edit, edit_file, fast_edit_file).
WRITE_TOOLS = frozenset(
    {
        "write_to_file",
        "replace_in_file",
        "new_rule",
        "apply_patch",
        "editor",
        "apply_diff",
        "insert_content",
        "search_and_replace",
        "search_replace",
        "edit",
        "edit_file",
        "fast_edit_file",
    }
)
DIFF_TOOLS = frozenset({"replace_in_file", "apply_diff"})
_XML_TOOL = re.compile(r"<(" + "|".join(sorted(WRITE_TOOLS)) + r")>(.*?)</\1>", re.S)
_CWD = re.compile(r"# Current (?:Working|Workspace) Directory \(([^)\n]+)\)")
_ROOTS = re.compile(r"^- [^:\n]+: (.+?)(?: \([^)]*\))?$", re.M)
_MODEL = re.compile(r"<model>([^<\n]+)</model>")


def _mtime(p: Path) -> float:
    try:
        return p.stat().st_mtime
    except OSError:
        return 0.0


def _param(body: str, name: str) -> str | None:
    """An XML tool parameter's value, without the newline after the opening tag and
    before the closing one: a text parameter's up to its last closing tag (a file's
    content may hold the tag itself), the path's up to its first."""
    start = body.find(f"<{name}>")
    end = body.find(f"</{name}>", start) if name == "path" else body.rfind(f"</{name}>")
    if start < 0 or end < start:
        return None
    value = body[start + len(name) + 2 : end]
    return value.removeprefix("\n").removesuffix("\n")


def env_cwd(text: str) -> str | None:
    """The task's folder as the environment details give it: the working (Roo Code:
    workspace) directory, or with several roots the first listed."""
    for m in _CWD.finditer(text):
        if not m.group(1).startswith("Primary:"):
            return m.group(1)
    if "# Workspace Roots" in text:
        roots = _ROOTS.findall(text.split("# Workspace Roots", 1)[1])
        return roots[0] if roots else None
    return None


class Cline(Reader):
    tool = "cline"
    extension: ClassVar[str] = "saoudrizwan.claude-dev"

    def __init__(self) -> None:
        self._budget = Budget()
        # Each tasks folder's last listing: (its mtime, when, the recent task files).
        self._lists: dict[Path, tuple[int, float, list[tuple[float, Path, str]]]] = {}

    # -- where -------------------------------------------------------------------
    def data_dir(self, home: Path) -> Path:
        """Cline's own data folder (CLI, JetBrains, 4.x): $CLINE_DATA_DIR, else
        $CLINE_DIR/data, else ~/.cline/data."""
        if os.environ.get("CLINE_DATA_DIR"):
            return Path(os.environ["CLINE_DATA_DIR"])
        return Path(os.environ.get("CLINE_DIR") or home / ".cline") / "data"

    def task_dirs(self, home: Path) -> list[Path]:
        dirs = [u / "globalStorage" / self.extension / "tasks" for u in vscode_user_dirs(home)]
        return [*dirs, self.data_dir(home) / "tasks"]

    def session_dirs(self, home: Path) -> list[Path]:
        return [Path(os.environ.get("CLINE_SESSION_DATA_DIR") or self.data_dir(home) / "sessions")]

    def files(self, home: Path, root: Path) -> Iterator[tuple[Path, str | None]]:
        self._budget.reset()
        found: list[tuple[float, Path, str]] = []
        for tasks in self.task_dirs(home):
            found += self._listing(tasks, lambda d: [d / HISTORY])
        for sessions in self.session_dirs(home):
            found += self._listing(sessions, lambda d: sorted(d.glob("*" + MESSAGES)))
        # The most recent first: they are read first when the budget runs short.
        for _, path, session in sorted(found, key=lambda x: -x[0]):
            yield path, session

    def _listing(self, folder: Path, logs: Any) -> list[tuple[float, Path, str]]:
        """The recent logs of the task (or session) folders in `folder`, listed again when
        it changes (a new task) and at least every FULL_WALK_S."""
        try:
            stamp = folder.stat().st_mtime_ns
        except OSError:
            return []
        now = time.monotonic()
        last = self._lists.get(folder)
        if last is None or last[0] != stamp or now - last[1] > FULL_WALK_S:
            cutoff = time.time() - MAX_AGE_S
            found = []
            try:
                units = [d for d in folder.iterdir() if d.is_dir()]
            except OSError:
                units = []
            for d in units:
                for p in logs(d):
                    if (m := _mtime(p)) >= cutoff:
                        found.append((m, p, d.name))
            self._lists[folder] = last = (stamp, now, found)
        return last[2]

    # -- reading -----------------------------------------------------------------
    def records(self, tail: Tail) -> Iterator[Any]:
        if tail.path.name.endswith(MESSAGES):
            yield from self._session_records(tail)
            return
        if "cwd" not in tail.meta:
            tail.meta["cwd"] = self.task_cwd(tail)
            if tail.meta["cwd"] and not inside(tail.meta["cwd"], tail.root):
                tail.skip = True  # a task of another folder: never read again
                return
        doc = read_doc(tail, self._budget)
        if isinstance(doc, list):
            yield from new_items(tail, doc)

    def task_cwd(self, tail: Tail) -> str | None:
        """The task's folder, from its first message's environment details (the start of
        the file; None when not there, and the first user message read says it)."""
        return env_cwd(peek(tail.path))

    def _session_records(self, tail: Tail) -> Iterator[Any]:
        if "cwd" not in tail.meta:
            # The manifest of the session (the root session's, for a subagent's file). Cline
            # writes it just after the first messages file: a moment later, read without.
            manifest = small_json(tail.path.parent / f"{tail.path.parent.name}.json")
            if manifest is None and time.time() - _mtime(tail.path) < MANIFEST_WAIT_S:
                return
            manifest = manifest if isinstance(manifest, dict) else {}
            cwd, ws = manifest.get("cwd"), manifest.get("workspace_root")
            tail.meta["cwd"] = next((d for d in (cwd, ws) if isinstance(d, str) and d), None)
            tail.meta["model"] = manifest.get("model") if isinstance(manifest.get("model"), str) else None
            if (cwd or ws) and not (inside(cwd, tail.root) or inside(ws, tail.root)):
                tail.skip = True
                return
        doc = read_doc(tail, self._budget)
        if isinstance(doc, dict):
            if isinstance(doc.get("sessionId"), str):
                tail.meta["session"] = doc["sessionId"]
            messages = doc.get("messages")
            if isinstance(messages, list):
                yield from new_items(tail, messages)

    def parse(self, tail: Tail, msg: Any) -> Iterator[Write]:
        if not isinstance(msg, dict):
            return
        content = msg.get("content")
        if msg.get("role") == "user":
            self._user(tail, content)
            return
        if msg.get("role") != "assistant" or tail.skip:
            return
        info = msg.get("modelInfo") or {}
        model = first(info, ("modelId", "id")) or tail.meta.get("model")
        session = tail.meta.get("session")
        cwd_inside = inside(tail.meta.get("cwd"), tail.root)
        for block in [{"type": "text", "text": content}] if isinstance(content, str) else content or []:
            if not isinstance(block, dict):
                continue
            if block.get("type") == "tool_use":
                inp = block.get("input")
                if isinstance(inp, str):  # apply_patch's freeform input, or arguments as JSON
                    try:
                        inp = json.loads(inp)
                    except ValueError:
                        inp = {"input": inp}
                yield from self._tool(tail, str(block.get("name")), inp, model)
            elif block.get("type") == "text" and isinstance(block.get("text"), str):
                text = block["text"]
                for m in _XML_TOOL.finditer(text):  # tool calls as XML tags in the text
                    body = m.group(2)
                    args = {k: _param(body, k) for k in ("path", "content", "diff", "input", "patch", "code_edit")}
                    yield from self._tool(tail, m.group(1), args, model)
                if cwd_inside:
                    yield from answers_of(self.tool, session, model, _XML_TOOL.sub("", text))

    def _user(self, tail: Tail, content: Any) -> None:
        """A user message's environment details: the task's folder, if not known yet, and
        (Roo Code, Kilo Code) the model in use."""
        for text in texts_of(content):
            if tail.meta.get("cwd") is None and (cwd := env_cwd(text)):
                tail.meta["cwd"] = cwd
                if not inside(cwd, tail.root):
                    tail.skip = True
            if m := _MODEL.search(text):
                tail.meta["model"] = m.group(1).strip()

    def _tool(self, tail: Tail, name: str, inp: Any, model: Any) -> Iterator[Write]:
        if name not in WRITE_TOOLS or not isinstance(inp, dict):
            return
        cwd, session = tail.meta.get("cwd"), tail.meta.get("session")

        def where(p: Any) -> str | None:
            # Paths are relative to the task's folder (or absolute).
            if not isinstance(p, str) or not p:
                return None
            full = p if os.path.isabs(p) else os.path.join(cwd, p) if cwd else None
            return full if inside(full, tail.root) else None

        patch = first(inp, PATCH_KEYS)
        if isinstance(patch, str) and "*** Begin Patch" in patch:
            for p, added in patch_added_lines(patch).items():
                if (full := where(p)) and (lines := solid(added)):
                    yield Write(self.tool, session, model if isinstance(model, str) else None, full, lines)
            return
        path = where(first(inp, PATH_KEYS))
        if path is None:
            return
        texts: list[Any]
        if name in DIFF_TOOLS:
            texts = list(replace_sides(inp.get("diff")))
        elif isinstance(inp.get("edits"), list):
            texts = [first(e, TEXT_KEYS) for e in inp["edits"]]
        else:
            texts = [first(inp, TEXT_KEYS)]
        for text in texts:
            yield from write_of(self.tool, session, model, path, text)

    # -- fixture -----------------------------------------------------------------
    def fixture(self, home: Path, root: Path, session: str, writes: Sequence[tuple[Path, str]]) -> list[Path]:
        # Cline 4.x: the manifest, and the messages file as persisted after each
        # iteration: the prompt, then per write an assistant message calling `editor`
        # (path, new_text) and the user message with its tool_result.
        folder = self.data_dir(home) / "sessions" / session
        folder.mkdir(parents=True, exist_ok=True)
        stamp = time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime())
        msgs = folder / f"{session}{MESSAGES}"
        manifest = {
            "version": 1,
            "session_id": session,
            "source": "vscode",
            "pid": os.getpid(),
            "started_at": stamp,
            "status": "running",
            "interactive": True,
            "provider": "anthropic",
            "model": "claude-sonnet-4-6",
            "cwd": str(root),
            "workspace_root": str(root),
            "enable_tools": True,
            "enable_spawn": True,
            "enable_teams": False,
            "prompt": "write the files",
            "messages_path": str(msgs),
        }
        (folder / f"{session}.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
        info = {"id": "claude-sonnet-4-6", "provider": "anthropic", "family": "claude-sonnet-4"}
        messages: list[dict[str, Any]] = [
            {"id": uuid.uuid4().hex[:21], "role": "user", "content": [{"type": "text", "text": "write the files"}]}
        ]
        for path, content in writes:
            call = f"toolu_{uuid.uuid4().hex[:24]}"
            use = {"type": "tool_use", "id": call, "name": "editor", "input": {"path": str(path), "new_text": content}}
            messages.append(
                {
                    "id": uuid.uuid4().hex[:21],
                    "role": "assistant",
                    "content": [use],
                    "ts": int(time.time() * 1000),
                    "modelInfo": info,
                }
            )
            result = {"type": "tool_result", "tool_use_id": call, "content": f"Created {path}", "is_error": False}
            messages.append({"id": uuid.uuid4().hex[:21], "role": "user", "content": [result]})
        doc = {"version": 1, "updated_at": stamp, "agent": "lead", "sessionId": session, "messages": messages}
        msgs.write_text(json.dumps(doc, indent=2) + "\n", encoding="utf-8")
        return [msgs, folder / f"{session}.json"]


class RooCode(Cline):
    """Roo Code: Cline's format, its own extension folder and tools (apply_diff with
    ``<<<<<<< SEARCH`` blocks, search_replace, edit, insert_content, apply_patch's
    ``patch``); each task's ``history_item.json`` names its folder, and the environment
    details of each user message the model."""

    tool = "roo-code"
    extension = "rooveterinaryinc.roo-cline"

    def task_dirs(self, home: Path) -> list[Path]:
        return [u / "globalStorage" / self.extension / "tasks" for u in vscode_user_dirs(home)]

    def session_dirs(self, home: Path) -> list[Path]:
        return []

    def task_cwd(self, tail: Tail) -> str | None:
        item = small_json(tail.path.parent / "history_item.json")
        ws = item.get("workspace") if isinstance(item, dict) else None
        return ws if isinstance(ws, str) and ws else super().task_cwd(tail)

    def fixture(self, home: Path, root: Path, session: str, writes: Sequence[tuple[Path, str]]) -> list[Path]:
        return task_fixture(self.extension, home, root, session, writes)


class KiloLegacy(RooCode):
    """Kilo Code before 7.x: Roo Code's format (plus fast_edit_file's code_edit, new_rule)
    in its own extension folder. Part of the `kilo-code` reader (kilo.py)."""

    tool = "kilo-code"
    extension = "kilocode.kilo-code"


def task_fixture(
    extension: str, home: Path, root: Path, session: str, writes: Sequence[tuple[Path, str]]
) -> list[Path]:
    """A Roo Code (or Kilo Code) task as its extension keeps it under VS Code's global
    storage: the API history (the prompt with its environment details, then per write an
    assistant message calling write_to_file and the user message with its result),
    history_item.json and ui_messages.json."""
    task = home / ".config" / "Code" / "User" / "globalStorage" / extension / "tasks" / session
    task.mkdir(parents=True, exist_ok=True)
    now = int(time.time() * 1000)
    env = (
        "<environment_details>\n# VSCode Visible Files\n(No visible files)\n\n# Current Time\n"
        f"{time.strftime('%Y-%m-%dT%H:%M:%S')}\n\n# Current Mode\n<slug>code</slug>\n<name>Code</name>\n"
        f"<model>anthropic/claude-sonnet-4.5</model>\n\n# Current Workspace Directory ({root.as_posix()}) Files\n"
        "(files listed here)\n</environment_details>"
    )
    history: list[dict[str, Any]] = [
        {
            "role": "user",
            "content": [{"type": "text", "text": "<task>\nwrite the files\n</task>"}, {"type": "text", "text": env}],
            "ts": now,
        }
    ]
    for path, content in writes:
        call = f"toolu_{uuid.uuid4().hex[:24]}"
        rel = os.path.relpath(path, root)
        use = {"type": "tool_use", "id": call, "name": "write_to_file", "input": {"path": rel, "content": content}}
        history.append(
            {"role": "assistant", "content": [{"type": "text", "text": "Writing the file."}, use], "ts": now}
        )
        result = {"type": "tool_result", "tool_use_id": call, "content": f"{rel} written"}
        history.append({"role": "user", "content": [result, {"type": "text", "text": env}], "ts": now})
    api = task / HISTORY
    api.write_text(json.dumps(history), encoding="utf-8")
    item = {"id": session, "number": 1, "ts": now, "task": "write the files", "tokensIn": 10, "tokensOut": 20}
    item |= {"totalCost": 0.01, "workspace": str(root), "mode": "code"}
    (task / "history_item.json").write_text(json.dumps(item), encoding="utf-8")
    ui = [{"ts": now, "type": "say", "say": "text", "text": "write the files"}]
    (task / "ui_messages.json").write_text(json.dumps(ui), encoding="utf-8")
    return [api]
