"""A minimal LSP client over stdio, for the tests, the benchmarks and the demo (not part of the server)."""

from __future__ import annotations

import itertools
import json
import subprocess
import threading
import time
from typing import Any

Position = tuple[int, int]  # (line, character), in the negotiated position encoding (UTF-16 unless told)


def lsp_range(start: Position, end: Position) -> dict[str, dict[str, int]]:
    """An LSP Range from two (line, character) pairs."""
    return {
        "start": {"line": start[0], "character": start[1]},
        "end": {"line": end[0], "character": end[1]},
    }


class StdioClient:
    def __init__(self, cmd: list[str], cwd: str | None = None, env: dict[str, str] | None = None, stderr: Any = None):
        err = subprocess.DEVNULL if stderr is None else stderr  # a file to keep the server's log in
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=err, cwd=cwd, env=env)
        self._ids = itertools.count(1)  # next() is atomic: requests may come from several threads
        self._lock = threading.Condition()
        self.responses: dict[int, Any] = {}
        self.diagnostics: dict[str, list[dict]] = {}
        self.published: list[tuple[float, str, int]] = []  # (time, uri, count)
        self.messages: list[str] = []
        self.progress: list[dict] = []  # $/progress notifications, in order
        self.notifications: list[tuple[str, Any]] = []  # other notifications (provmark/...), in order
        self.config: dict[str, Any] = {}  # section -> value, answered to workspace/configuration
        self.scoped: dict[str, dict[str, Any]] = {}  # scopeUri -> its own sections, over `config`
        threading.Thread(target=self._read, daemon=True).start()

    def _send(self, msg: dict) -> None:
        body = json.dumps(msg).encode()
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def _read(self) -> None:
        out = self.proc.stdout
        assert out is not None
        while True:
            length = None
            while True:
                line = out.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            if length is None:
                continue
            body = out.read(length)
            if len(body) < length:
                return  # the server went away mid-message (killed, say)
            try:
                msg = json.loads(body)
            except ValueError:
                continue  # not JSON: skip it, as a tolerant client would
            with self._lock:
                self._dispatch(msg)
                self._lock.notify_all()

    def _dispatch(self, msg: dict) -> None:
        """One message from the server (called under the lock)."""
        method = msg.get("method")
        if method == "textDocument/publishDiagnostics":
            p = msg["params"]
            self.diagnostics[p["uri"]] = p["diagnostics"]
            self.published.append((time.monotonic(), p["uri"], len(p["diagnostics"])))
        elif method == "window/showMessage":
            self.messages.append(msg["params"]["message"])
        elif method == "$/progress":
            self.progress.append(msg["params"])
        elif method is not None and "id" in msg:
            result: Any = None
            if method == "workspace/configuration":
                result = [self._config(i) for i in msg["params"]["items"]]
            self._send({"jsonrpc": "2.0", "id": msg["id"], "result": result})
        elif "id" in msg:
            self.responses[msg["id"]] = msg
        elif method is not None:
            self.notifications.append((method, msg.get("params")))

    def _config(self, item: dict) -> Any:
        section = item.get("section", "")
        scoped = self.scoped.get(item.get("scopeUri") or "", {})
        return scoped[section] if section in scoped else self.config.get(section, None)

    def notify(self, method: str, params: Any) -> None:
        self._send({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method: str, params: Any, timeout: float = 30.0) -> Any:
        mid = next(self._ids)
        self._send({"jsonrpc": "2.0", "id": mid, "method": method, "params": params})
        deadline = time.monotonic() + timeout
        with self._lock:
            while mid not in self.responses:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"{method}: no answer in {timeout}s")
                self._lock.wait(left)
            msg = self.responses.pop(mid)
        if "error" in msg:
            raise RuntimeError(f"{method}: {msg['error'].get('message')}")
        return msg.get("result")

    def wait(self, predicate, timeout: float = 5.0) -> bool:
        deadline = time.monotonic() + timeout
        with self._lock:
            while not predicate():
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._lock.wait(left)
        return True

    def initialize(self, root_uri: str, options: dict | None = None) -> dict:
        result = self.request(
            "initialize",
            {
                "processId": None,
                "rootUri": root_uri,
                "workspaceFolders": [{"uri": root_uri, "name": "ws"}],
                "initializationOptions": options or {},
                "capabilities": {
                    "workspace": {"configuration": True},
                    "window": {"workDoneProgress": True},
                    "textDocument": {"publishDiagnostics": {"dataSupport": True}},
                },
            },
        )
        self.notify("initialized", {})
        return result

    def open(self, uri: str, text: str, version: int = 1, language_id: str = "python") -> None:
        """textDocument/didOpen: the editor opens `uri` holding `text`."""
        self.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": language_id, "version": version, "text": text}},
        )

    def replace(self, uri: str, version: int, start: Position, end: Position, text: str) -> None:
        """textDocument/didChange: one incremental change, `text` in place of start..end."""
        self.notify(
            "textDocument/didChange",
            {
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"range": lsp_range(start, end), "text": text}],
            },
        )

    def insert(self, uri: str, version: int, line: int, character: int, text: str) -> None:
        """textDocument/didChange: `text` typed or pasted at (line, character)."""
        self.replace(uri, version, (line, character), (line, character), text)

    def close(self) -> int | None:
        try:
            self.request("shutdown", None, timeout=10)
            self.notify("exit", None)
            return self.proc.wait(timeout=10)
        except Exception:
            self.proc.kill()
            return self.proc.wait()
