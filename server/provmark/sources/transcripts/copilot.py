"""GitHub Copilot Chat and agent mode, as VS Code stores its chat sessions:
``<user data>/User/workspaceStorage/<workspace id>/chatSessions/<session id>.jsonl`` (an
append log of mutations, VS Code 1.109+) or ``.json`` (the whole session, rewritten;
before), for the workspaces whose ``workspace.json`` names a folder inside ours; empty
windows' sessions in ``globalStorage/emptyWindowChatSessions/`` too. Agent edits are
``textEditGroup`` response parts (per file URI, the text edits streamed line by line):
the lines they put in; the edit tools' calls in the result's metadata (create_file,
replace_string_in_file, multi_replace_string_in_file, insert_edit_into_file,
apply_patch); fenced code in the answers' markdown, as answers. See
docs/transcripts.md."""

from __future__ import annotations

import hashlib
import json
import time
import uuid
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from provmark.sources.transcripts.base import (
    Reader,
    Tail,
    Write,
    answers_of,
    inside,
    json_records,
    patch_added_lines,
    recent,
    solid,
    write_of,
)
from provmark.sources.transcripts.vscode import uri_path, user_dirs, workspaces

# ObjectMutationLog entry kinds (microsoft/vscode, chat/common/model/objectMutationLog.ts).
INITIAL, SET, PUSH = 0, 1, 2
HEAD = 4096  # bytes of a log's start compared to tell a log rewritten whole (compacted)


def _model(model_id: Any) -> str | None:
    """`copilot/gpt-4.1` as the request names its model: the model's own name."""
    if not isinstance(model_id, str) or not model_id:
        return None
    return model_id.split("/", 1)[1] if model_id.startswith("copilot/") else model_id


def _edit_lines(edits: Any) -> list[str]:
    """The lines a textEditGroup's edits put in, in order: each edit's text split into
    lines (Copilot streams a new file one edit per line, "\\n" + line; a replacement is
    the new text of its range)."""
    out: list[str] = []
    for batch in edits if isinstance(edits, list) else ():
        for e in batch if isinstance(batch, list) else (batch,):
            text = e.get("text") if isinstance(e, dict) else None
            if isinstance(text, str):
                out.extend(text.split("\n"))
    return out


class Copilot(Reader):
    tool = "copilot"

    def files(self, home: Path, root: Path) -> Iterator[tuple[Path, str | None]]:
        for user in user_dirs(home):
            storage = user / "workspaceStorage"
            dirs = [d / "chatSessions" for d, folders in workspaces(storage) if any(inside(f, root) for f in folders)]
            # Empty windows have no folder: their sessions' edits count where they wrote.
            dirs += [user / "globalStorage" / "emptyWindowChatSessions", storage / "no-workspace" / "chatSessions"]
            for d in dirs:
                try:
                    found = [p for p in d.iterdir() if p.suffix in (".json", ".jsonl")] if d.is_dir() else []
                except OSError:
                    continue
                for p in sorted(found):
                    if recent(p):
                        yield p, p.stem

    def records(self, tail: Tail) -> Iterator[Any]:
        if tail.path.suffix == ".json":
            # The whole session, rewritten as it grows: read again when it changes (what
            # was indexed before is recognised and not kept twice).
            doc = tail.whole_json()
            if isinstance(doc, dict):
                yield {"kind": INITIAL, "v": doc}
            return
        try:
            with open(tail.path, "rb") as f:
                head = hashlib.blake2b(f.read(HEAD), digest_size=8).digest()
        except OSError:
            return
        if tail.meta.get("head") not in (None, head):
            tail.offset = 0  # compacted: rewritten whole from a new initial state
        tail.meta["head"] = head
        yield from json_records(tail.new_lines())

    def parse(self, tail: Tail, entry: dict[str, Any]) -> Iterator[Write]:
        kind, k, v = entry.get("kind"), entry.get("k"), entry.get("v")
        models: dict[int, str | None] = tail.meta.setdefault("models", {})
        if kind == INITIAL and isinstance(v, dict):
            found = v.get("requests")
            requests: list[Any] = found if isinstance(found, list) else []
            models.clear()
            tail.meta["n"] = len(requests)
            for i, req in enumerate(requests):
                yield from self._request(tail, i, req)
            return
        if not isinstance(k, list) or not k or k[0] != "requests":
            return
        if len(k) == 1 and kind == PUSH and isinstance(v, list):  # requests added (from index i on)
            start = entry["i"] if isinstance(entry.get("i"), int) else tail.meta.get("n", 0)
            tail.meta["n"] = start + len(v)
            for j, req in enumerate(v):
                yield from self._request(tail, start + j, req)
            return
        if len(k) < 2 or not isinstance(k[1], int):
            return
        i = k[1]
        if len(k) == 2 and kind == SET:  # a request replaced whole
            yield from self._request(tail, i, v)
        elif len(k) == 3 and k[2] == "modelId" and kind == SET:
            models[i] = _model(v)
        elif len(k) == 3 and k[2] == "response" and kind in (SET, PUSH) and isinstance(v, list):
            yield from self._parts(tail, i, v)  # parts added, or rewritten from index i on
        elif len(k) == 3 and k[2] == "result" and kind == SET:
            yield from self._result(tail, i, v)

    def _request(self, tail: Tail, i: int, req: Any) -> Iterator[Write]:
        if not isinstance(req, dict):
            return
        tail.meta.setdefault("models", {})[i] = _model(req.get("modelId"))
        if isinstance(req.get("response"), list):
            yield from self._parts(tail, i, req["response"])
        yield from self._result(tail, i, req.get("result"))

    def _parts(self, tail: Tail, i: int, parts: list[Any]) -> Iterator[Write]:
        session, model = tail.meta.get("session"), tail.meta.get("models", {}).get(i)
        for part in parts:
            if not isinstance(part, dict):
                continue
            kind = part.get("kind")
            if kind == "textEditGroup":
                path = uri_path(part.get("uri"))
                if inside(path, tail.root):
                    lines = solid(_edit_lines(part.get("edits")))
                    if lines:
                        yield Write(self.tool, session, model, path, lines)
            elif kind is None and isinstance(part.get("value"), str):  # a markdown part
                yield from answers_of(self.tool, session, model, part["value"])
            elif kind in ("markdownContent", "markdownVuln") and isinstance(part.get("content"), dict):
                yield from answers_of(self.tool, session, model, part["content"].get("value"))

    def _result(self, tail: Tail, i: int, result: Any) -> Iterator[Write]:
        """The edit tools' calls that Copilot keeps in a response's result metadata."""
        meta = result.get("metadata") if isinstance(result, dict) else None
        rounds = meta.get("toolCallRounds") if isinstance(meta, dict) else None
        session, model = tail.meta.get("session"), tail.meta.get("models", {}).get(i)
        for rnd in rounds if isinstance(rounds, list) else ():
            for call in (rnd.get("toolCalls") or []) if isinstance(rnd, dict) else ():
                if not isinstance(call, dict):
                    continue
                try:
                    args = json.loads(call.get("arguments") or "{}")
                except (TypeError, ValueError):
                    continue
                for path, text in self._call_writes(call.get("name"), args if isinstance(args, dict) else {}):
                    if inside(path, tail.root):
                        yield from write_of(self.tool, session, model, path, text)

    @staticmethod
    def _call_writes(name: Any, args: dict[str, Any]) -> Iterator[tuple[str | None, Any]]:
        """(file, the text the call puts in) for each edit an edit tool's call makes."""
        if name == "create_file":
            yield args.get("filePath"), args.get("content")
        elif name == "replace_string_in_file":
            yield args.get("filePath"), args.get("newString")
        elif name == "multi_replace_string_in_file":
            for r in args.get("replacements") or []:
                if isinstance(r, dict):
                    yield r.get("filePath"), r.get("newString")
        elif name == "insert_edit_into_file":
            yield args.get("filePath"), args.get("code")
        elif name == "apply_patch" and isinstance(args.get("input"), str):
            for path, added in patch_added_lines(args["input"]).items():
                yield path, "\n".join(added)

    def fixture(self, home: Path, root: Path, session: str, writes: Sequence[tuple[Path, str]]) -> list[Path]:
        # An agent-mode session as VS Code 1.109+ logs it: the initial state, the request
        # pushed, then its response parts (a progress message, then per file the
        # create_file tool's edits streamed one line each, as Copilot's code mapper does),
        # its result and state.
        user = home / ".config" / "Code" / "User"
        storage = user / "workspaceStorage" / hashlib.md5(str(root).encode()).hexdigest()
        (storage / "chatSessions").mkdir(parents=True, exist_ok=True)
        (storage / "workspace.json").write_text(json.dumps({"folder": root.as_uri()}))
        now = int(time.time() * 1000)
        log = storage / "chatSessions" / f"{session}.jsonl"
        initial = {
            "version": 3,
            "creationDate": now,
            "initialLocation": "panel",
            "responderUsername": "GitHub Copilot",
            "sessionId": session,
            "requests": [],
            "inputState": {"attachments": [], "mode": {"id": "agent", "kind": "agent"}, "inputText": ""},
        }
        request = {
            "requestId": f"request_{uuid.uuid4()}",
            "timestamp": now,
            "message": {"text": "Add the helpers", "parts": []},
            "modelId": "copilot/claude-sonnet-4.5",
            "variableData": {"variables": []},
            "response": [],
            "responseId": f"response_{uuid.uuid4()}",
            "modelState": {"value": 0},
        }
        entries: list[dict[str, Any]] = [
            {"kind": INITIAL, "v": initial},
            {"kind": PUSH, "k": ["requests"], "v": [request]},
        ]
        parts: list[dict[str, Any]] = [{"value": "I'll add the helpers.", "supportThemeIcons": False}]
        for path, content in writes:
            uri = {"$mid": 1, "fsPath": str(path), "external": path.as_uri(), "path": str(path), "scheme": "file"}
            edits = []
            for n, line in enumerate(content.split("\n")):
                pos = {"startLineNumber": n + 1, "startColumn": 1, "endLineNumber": n + 1, "endColumn": 1}
                edits.append([{"text": line if n == 0 else "\n" + line, "range": pos}])
            parts += [
                {"kind": "codeblockUri", "uri": uri, "isEdit": True},
                {"kind": "textEditGroup", "uri": uri, "edits": edits, "done": True},
                {"kind": "undoStop", "id": str(uuid.uuid4())},
            ]
        entries.append({"kind": PUSH, "k": ["requests", 0, "response"], "v": parts})
        entries.append({"kind": SET, "k": ["requests", 0, "modelState"], "v": {"value": 1, "completedAt": now}})
        with open(log, "a", encoding="utf-8") as f:
            f.writelines(json.dumps(e, separators=(",", ":")) + "\n" for e in entries)
        return [log]
