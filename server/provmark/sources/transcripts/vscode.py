"""Where VS Code and its flavours keep their user data, and which folder a workspace
storage belongs to: shared by the readers of tools that live in the editor (Copilot
Chat, Cursor).

VS Code's user data folder is `<app data>/<product name>` (its `User/` subfolder holds
`workspaceStorage/<id>/` per workspace, with a `workspace.json` naming the workspace, and
`globalStorage/`), where app data is `$VSCODE_APPDATA`, else `$XDG_CONFIG_HOME` or
`~/.config` on Linux, `~/Library/Application Support` on macOS, `%APPDATA%` on Windows;
`$VSCODE_PORTABLE/user-data` for a portable install. Servers keep theirs elsewhere:
code-server `~/.local/share/code-server`, VS Code's remote server `~/.vscode-server/data`.
Source: microsoft/vscode `src/vs/platform/environment/node/userDataPath.ts` (the app data
folder) and `src/vs/platform/storage/electron-main/storageMain.ts` (WorkspaceStorageMain:
`workspaceStorage/<workspace id>/state.vscdb` and `workspace.json`, `{"folder": <uri>}` or
`{"workspace": <uri of the .code-workspace file>}`).
"""

from __future__ import annotations

import json
import os
import re
import threading
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

from provmark.sources.transcripts.base import log

VSCODE_PRODUCTS = ("Code", "Code - Insiders", "VSCodium", "VSCodium - Insiders", "Code - OSS")
_SERVER_DATA = (
    (".local", "share", "code-server"),
    (".vscode-server", "data"),
    (".vscode-server-insiders", "data"),
    (".vscodium-server", "data"),
)
MAX_WORKSPACE_FILE = 1 << 20  # a .code-workspace file larger than this is not read
LIST_S = 5.0  # how often a workspaceStorage folder is listed again


def app_data_dirs(home: Path) -> list[Path]:
    """Where the editors' per-product folders may be, for every OS (those missing are
    simply not there)."""
    out = [home / ".config", home / "Library" / "Application Support", home / "AppData" / "Roaming"]
    for var in ("VSCODE_APPDATA", "XDG_CONFIG_HOME", "APPDATA"):
        if os.environ.get(var):
            out.append(Path(os.environ[var]))
    return out


def user_dirs(home: Path, products: tuple[str, ...] = VSCODE_PRODUCTS, servers: bool = True) -> list[Path]:
    """The existing `User` folders of the editors named `products` (and of VS Code's
    servers), each once."""
    found: list[Path] = []
    candidates = [base / name / "User" for base in app_data_dirs(home) for name in products]
    if servers:
        candidates += [home.joinpath(*parts, "User") for parts in _SERVER_DATA]
        if os.environ.get("VSCODE_PORTABLE"):
            candidates.append(Path(os.environ["VSCODE_PORTABLE"]) / "user-data" / "User")
    seen: set[Path] = set()
    for c in candidates:
        try:
            real = c.resolve()
            if real in seen or not c.is_dir():
                continue
        except OSError:
            continue
        seen.add(real)
        found.append(c)
    return found


def uri_path(uri: object) -> str | None:
    """The local path a URI names: a `file:` URI, or a `vscode-remote:` one (code-server
    and remote windows name their folders so, the path being on the server's machine);
    None for other schemes. Accepts a URI string or VS Code's serialised URI object
    (`{"scheme", "path", "fsPath", ...}`)."""
    if isinstance(uri, dict):
        scheme = uri.get("scheme")
        if scheme not in ("file", "vscode-remote"):
            return None
        p = uri.get("fsPath") or uri.get("path")
        return p if isinstance(p, str) and p else None
    if not isinstance(uri, str):
        return None
    parts = urlsplit(uri)
    if parts.scheme not in ("file", "vscode-remote"):
        return None
    path = unquote(parts.path)
    if re.match(r"^/[A-Za-z]:", path):
        return path[1:]  # file:///c%3A/Users/... on Windows
    if parts.scheme == "file" and parts.netloc:
        return f"//{parts.netloc}{path}"  # a UNC share
    return path or None


def _jsonc(text: str) -> object:
    """JSON with comments and trailing commas, as VS Code writes .code-workspace files."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            out.append(text[i : j + 1])
            i = j + 1
        elif text.startswith("//", i):
            end = text.find("\n", i)
            i = n if end < 0 else end
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            i = n if end < 0 else end + 2
        else:
            out.append(c)
            i += 1
    return json.loads(re.sub(r",(\s*[}\]])", r"\1", "".join(out)))


def workspace_folders(storage: Path) -> list[str]:
    """The folders (local paths) of the workspace whose storage folder is `storage`, from
    its `workspace.json`; the folders a `.code-workspace` file lists, relative ones
    resolved against the file's own folder. Unreadable: none."""
    try:
        meta = json.loads((storage / "workspace.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    if not isinstance(meta, dict):
        return []
    folder = uri_path(meta.get("folder"))
    if folder:
        return [folder]
    config = uri_path(meta.get("workspace"))
    if not config:
        return []
    try:
        path = Path(config)
        if path.stat().st_size > MAX_WORKSPACE_FILE:
            return []
        doc = _jsonc(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        log.debug("unreadable workspace file %s: %s", config, e)
        return []
    out = []
    for f in (doc.get("folders") if isinstance(doc, dict) else None) or []:
        if not isinstance(f, dict):
            continue
        p = uri_path(f.get("uri")) if f.get("uri") else f.get("path")
        if isinstance(p, str) and p:
            out.append(str(path.parent / p) if not os.path.isabs(p) else p)
    return out


_listed: dict[Path, tuple[float, list[tuple[Path, list[str]]]]] = {}
_folders: dict[Path, list[str]] = {}
_lock = threading.Lock()


def workspaces(storage: Path) -> list[tuple[Path, list[str]]]:
    """Each workspace storage folder under `storage` (`<user>/workspaceStorage`) with its
    workspace's folders. Listed at most every LIST_S seconds (new workspaces are rare); a
    folder's workspace.json is read once (again while unreadable)."""
    now = time.monotonic()
    with _lock:
        last = _listed.get(storage)
    if last is not None and now - last[0] < LIST_S:
        return last[1]
    try:
        dirs = sorted(d for d in storage.iterdir() if d.is_dir()) if storage.is_dir() else []
    except OSError:
        dirs = []
    out = []
    for d in dirs:
        folders = _folders.get(d) or workspace_folders(d)
        _folders[d] = folders
        out.append((d, folders))
    with _lock:
        _listed[storage] = (now, out)
    return out
