"""Several workspace folders, end to end: each folder keeps its own settings, sidecars,
watcher and index; a file belongs to the deepest folder that holds it; folders come and
go with workspace/didChangeWorkspaceFolders, and a folder that goes writes its records
first."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

from support.lsp_client import StdioClient
from support.samples import AI_BLOCK, handlers
from support.workloads import git

SERVER = [sys.executable, "-m", "provmark", "serve"]
HUMAN = handlers(20)
AGENT = "".join(f"def helper_{i}(value: str) -> str:\n    return normalise(value, mode='m{i}')\n\n" for i in range(8))


def folder(path: Path, config: str, repo: bool = False) -> Path:
    """A workspace folder holding app.py, with its own settings file."""
    path.mkdir(parents=True)
    (path / "app.py").write_text(HUMAN)
    (path / ".provmark").mkdir()
    (path / ".provmark" / "config.toml").write_text(config)
    if repo:
        git(path, "init", "-q", "-b", "main")
        git(path, "add", "-A")
        git(path, "commit", "-q", "-m", "init")
    return path


def start(tmp_path: Path, roots: list[Path], scoped: dict[str, dict] | None = None) -> tuple[StdioClient, dict]:
    home = tmp_path / "home"
    home.mkdir()
    c = StdioClient(SERVER, cwd=str(roots[0]), env={**os.environ, "HOME": str(home)})
    c.scoped = scoped or {}  # the client's settings per folder (workspace/configuration's scopeUri)
    result = c.request(
        "initialize",
        {
            "processId": None,
            "rootUri": roots[0].as_uri(),
            "workspaceFolders": [{"uri": r.as_uri(), "name": r.name} for r in roots],
            "capabilities": {
                "workspace": {"configuration": True, "workspaceFolders": True},
                "window": {"workDoneProgress": True},
                "textDocument": {"publishDiagnostics": {"dataSupport": True}},
            },
        },
    )
    c.notify("initialized", {})
    watching(c, len(roots))
    return c, result


def watching(c: StdioClient, n: int) -> dict:
    """The status once the server watches all of its `n` folders."""
    deadline = time.monotonic() + 20
    while True:
        status = c.request("provmark/status", {})
        if len(status["folders"]) == n and status["watching"]:
            return status
        assert time.monotonic() < deadline, f"the server never watched its {n} folders: {status}"
        time.sleep(0.05)


def paste(c: StdioClient, uri: str, version: int = 2, line: int = 20) -> None:
    """AI_BLOCK pasted at `line`, with the client's hint that it came from outside."""
    c.insert(uri, version, line, 0, AI_BLOCK)
    n = AI_BLOCK.count("\n")
    rng = {"start": {"line": line, "character": 0}, "end": {"line": line + n, "character": 0}}
    c.notify(
        "provmark/didPaste", {"textDocument": {"uri": uri, "version": version}, "source": "external", "range": rng}
    )


def flags(c: StdioClient, uri: str, severity: int | None = None) -> list[dict]:
    with c._lock:
        found = list(c.diagnostics.get(uri, []))
    return [d for d in found if d.get("source") == "provmark" and severity in (None, d.get("severity"))]


def records(root: Path, rel: str) -> list[dict]:
    path = root / ".provmark" / (rel + ".json")
    return json.loads(path.read_text())["records"] if path.exists() else []


def tag_by_code_action(c: StdioClient, uri: str, d: dict) -> str:
    """Take the "Tag as AI-generated" action on the flag `d`, as an editor would; returns
    the record's id."""
    actions = c.request(
        "textDocument/codeAction",
        {"textDocument": {"uri": uri}, "range": d["range"], "context": {"diagnostics": []}},
    )
    [tag] = [a for a in actions if a["title"].startswith("Tag as AI-generated")]
    return c.request("workspace/executeCommand", tag["command"])


def sidecars(root: Path) -> set[str]:
    """Every sidecar under `root`, relative to it."""
    return {p.relative_to(root).as_posix() for p in root.rglob("*.json") if ".provmark" in p.parts}


def test_each_folder_keeps_its_settings_sidecars_and_watcher(tmp_path: Path) -> None:
    # The same paste warns in `a` and only informs in `b`, whose warning threshold is higher.
    a = folder(tmp_path / "a", "warn_threshold = 0.5\n", repo=True)
    b = folder(tmp_path / "b", "warn_threshold = 0.999\nreport_threshold = 0.1\n")
    c, init = start(tmp_path, [a, b])
    try:
        assert init["capabilities"]["workspace"]["workspaceFolders"] == {"supported": True, "changeNotifications": True}
        status = c.request("provmark/status", {})
        assert [f["root"] for f in status["folders"]] == [str(a.resolve()), str(b.resolve())]
        assert [f["settings"]["warn_threshold"] for f in status["folders"]] == [0.5, 0.999]
        assert [f["git"] for f in status["folders"]] == [True, False]
        assert status["root"] == str(a.resolve()) and status["files"] >= 2

        ids = {}
        # `b` first: the same lines pasted later elsewhere are a copy of AI text (the
        # folders share what they know of AI lines), which scores higher.
        for root, severity in ((b, 3), (a, 2)):
            uri = (root / "app.py").as_uri()
            c.open(uri, HUMAN)
            paste(c, uri)
            assert c.wait(lambda u=uri, s=severity: bool(flags(c, u, s)), timeout=10), (root, flags(c, uri))
            [d] = flags(c, uri, severity)
            assert d["range"]["start"]["line"] == 20 and d["data"]["record"]
            # Recorded unreviewed in its own folder's sidecar at once.
            assert c.wait(lambda r=root: [x["status"] for x in records(r, "app.py")] == ["unreviewed"], timeout=10)
            ids[root] = tag_by_code_action(c, uri, d)
        for root in (a, b):
            [rec] = records(root, "app.py")
            assert rec["id"] == ids[root] and rec["origin"]["kind"] == "ai" and rec["status"] == "tagged"
            assert sidecars(root) == {".provmark/app.py.json"}
        assert c.request("provmark/status", {"uri": (b / "app.py").as_uri()})["folder"] == str(b.resolve())

        # Another process writes a file in `b`: `b`'s watcher notices, `b`'s sidecar records it.
        (b / "helpers.py").write_text(AGENT)
        helpers = (b / "helpers.py").as_uri()
        assert c.wait(lambda: bool(flags(c, helpers)), timeout=10), "b's watcher did not notice the write"
        assert flags(c, helpers)[0]["code"] == "agent-write"
        assert c.wait(lambda: len(records(b, "helpers.py")) == 1, timeout=10)
        assert sidecars(a) == {".provmark/app.py.json"}

        # The Provenance view lists both folders' unreviewed records, each naming its folder.
        listing = c.request("workspace/executeCommand", {"command": "provmark.listUnreviewed", "arguments": []})
        assert [(f["path"], f["folder"]) for f in listing["files"]] == [("helpers.py", b.as_uri())]
        [rec] = listing["files"][0]["records"]
        done = c.request(
            "workspace/executeCommand",
            {
                "command": "provmark.resolveUnreviewed",
                "arguments": [{"as": "human", "files": [{"uri": helpers, "ids": [rec["id"]]}]}],
            },
        )
        assert done == {"resolved": 1, "missing": []}
        assert records(b, "helpers.py")[0]["origin"]["kind"] == "human"
    finally:
        assert c.close() == 0


def test_scan_covers_every_folder_or_the_one_named(tmp_path: Path) -> None:
    a = folder(tmp_path / "a", "")
    b = folder(tmp_path / "b", 'ignore = ["skipped/*"]\n')
    for root in (a, b):
        (root / "skipped").mkdir()
        (root / "skipped" / "x.py").write_text(HUMAN)
    c, _ = start(tmp_path, [a, b])
    try:
        totals = c.request("workspace/executeCommand", {"command": "provmark.scanWorkspace", "arguments": []})
        [fa, fb] = totals["folders"]
        assert (fa["root"], fa["files"]) == (str(a.resolve()), 2)
        assert (fb["root"], fb["files"]) == (str(b.resolve()), 1)  # b's own ignore pattern
        assert totals["files"] == 3
        one = c.request("workspace/executeCommand", {"command": "provmark.scanWorkspace", "arguments": [b.as_uri()]})
        assert one["files"] == 1 and [f["root"] for f in one["folders"]] == [str(b.resolve())]
        tokens = {p["token"] for p in c.progress}
        assert len(tokens) == 3  # a fresh progress for each folder scanned
    finally:
        assert c.close() == 0


def test_a_nested_folder_owns_its_files(tmp_path: Path) -> None:
    outer = folder(tmp_path / "outer", "")
    inner = folder(outer / "libs" / "inner", "")
    c, _ = start(tmp_path, [outer, inner])
    try:
        status = c.request("provmark/status", {})
        assert status["folders"][0]["nested"] == ["libs/inner"]
        uri = (inner / "app.py").as_uri()
        assert c.request("provmark/status", {"uri": uri})["folder"] == str(inner.resolve())
        c.open(uri, HUMAN)
        paste(c, uri)
        assert c.wait(lambda: bool(flags(c, uri, 2)), timeout=10)
        tag_by_code_action(c, uri, flags(c, uri, 2)[0])
        assert [r["status"] for r in records(inner, "app.py")] == ["tagged"]

        # A write by another process inside the nested folder: judged once, by it.
        (inner / "helpers.py").write_text(AGENT)
        helpers = (inner / "helpers.py").as_uri()
        assert c.wait(lambda: len(records(inner, "helpers.py")) == 1, timeout=10)
        time.sleep(0.5)
        assert sidecars(outer) == {"libs/inner/.provmark/app.py.json", "libs/inner/.provmark/helpers.py.json"}
        assert len(flags(c, helpers)) == 1
        totals = c.request(
            "workspace/executeCommand", {"command": "provmark.scanWorkspace", "arguments": [{"folder": outer.as_uri()}]}
        )
        assert totals["files"] == 1  # outer/app.py: the nested folder's files are its own
    finally:
        assert c.close() == 0


def test_folders_added_and_removed_and_no_record_is_lost(tmp_path: Path) -> None:
    a = folder(tmp_path / "a", "")
    b = folder(tmp_path / "b", "")
    third = folder(tmp_path / "c", "")
    c, _ = start(tmp_path, [a, b])
    try:
        uri = (third / "app.py").as_uri()
        c.open(uri, HUMAN)  # outside every folder for now: tracked, never recorded
        assert c.request("provmark/status", {"uri": uri})["folder"] is None
        added = {"uri": third.as_uri(), "name": "c"}
        c.notify("workspace/didChangeWorkspaceFolders", {"event": {"added": [added], "removed": []}})
        status = watching(c, 3)
        assert status["folders"][2]["root"] == str(third.resolve()) and status["folders"][2]["files"] == 1
        assert c.request("provmark/status", {"uri": uri})["folder"] == str(third.resolve())

        # Its watcher works.
        (third / "helpers.py").write_text(AGENT)
        helpers = (third / "helpers.py").as_uri()
        assert c.wait(lambda: bool(flags(c, helpers)), timeout=10), "the added folder's watcher did not notice"
        assert c.wait(lambda: len(records(third, "helpers.py")) == 1, timeout=10)

        # A paste flagged in an open document of the added folder, and a write by another
        # process to a closed one; then the folder is removed before their unreviewed
        # records' writes (they wait WRITE_DELAY_S, 0.2 s, to gather flags) are due.
        paste(c, uri)
        assert c.wait(lambda: bool(flags(c, uri, 2)), timeout=10)
        (third / "more.py").write_text(AGENT.replace("helper", "more"))
        more = (third / "more.py").as_uri()
        assert c.wait(lambda: bool(flags(c, more)), timeout=10)
        seen = time.monotonic()
        removed = {"uri": third.as_uri(), "name": "c"}
        c.notify("workspace/didChangeWorkspaceFolders", {"event": {"added": [], "removed": [removed]}})
        status = c.request("provmark/status", {"uri": uri})  # answered after the removal
        written = {rel: [r["status"] for r in records(third, rel)] for rel in ("app.py", "more.py")}
        if time.monotonic() - seen < 0.2:  # before the writes were due: written by the removal
            assert written == {"app.py": ["unreviewed"], "more.py": ["unreviewed"]}, written
        for rel in ("app.py", "more.py"):
            assert c.wait(lambda r=rel: [x["status"] for x in records(third, r)] == ["unreviewed"], timeout=5)
        assert [f["root"] for f in status["folders"]] == [str(a.resolve()), str(b.resolve())]
        assert status["folder"] is None and status["document"]["lines"] > 20  # still tracked, outside
        assert flags(c, uri, 2)  # its flag stays in the editor

        # Its watcher stopped: a write there is nobody's now.
        (third / "later.py").write_text(AGENT.replace("helper", "later"))
        time.sleep(1.5)
        assert not flags(c, (third / "later.py").as_uri())
        assert not records(third, "later.py")

        # Every folder removed: documents are tracked as with no workspace at all.
        gone = [{"uri": r.as_uri(), "name": r.name} for r in (a, b)]
        c.notify("workspace/didChangeWorkspaceFolders", {"event": {"added": [], "removed": gone}})
        status = c.request("provmark/status", {"uri": uri})
        assert status["folders"] == [] and status["root"] is None and not status["watching"]
        assert status["open_documents"] == 1 and status["document"]["lines"] > 20
    finally:
        assert c.close() == 0


def test_the_clients_settings_apply_per_folder(tmp_path: Path) -> None:
    a = folder(tmp_path / "a", "warn_threshold = 0.6\n")
    b = folder(tmp_path / "b", "warn_threshold = 0.6\n")
    # The client's settings win over the folders' files; `b` has its own.
    c, _ = start(tmp_path, [a, b], scoped={b.as_uri(): {"provmark": {"warnThreshold": 0.8}}})
    try:
        c.config["provmark"] = {"warnThreshold": 0.7}
        c.notify("workspace/didChangeConfiguration", {"settings": {}})  # the server asks again
        deadline = time.monotonic() + 10
        while True:
            status = c.request("provmark/status", {})
            found = [f["settings"]["warn_threshold"] for f in status["folders"]]
            if found == [0.7, 0.8]:
                break
            assert time.monotonic() < deadline, found
            time.sleep(0.05)
    finally:
        assert c.close() == 0


def test_a_nested_folder_added_then_removed_takes_its_files_and_gives_them_back(tmp_path: Path) -> None:
    outer = folder(tmp_path / "outer", "")
    inner = folder(outer / "libs" / "inner", "")
    human = inner / "human.py"
    human.write_text(HUMAN.replace("handler", "route"))
    c, _ = start(tmp_path, [outer])
    try:
        files_before = watching(c, 1)["files"]
        uri = (inner / "app.py").as_uri()
        c.open(uri, HUMAN)
        paste(c, uri)
        assert c.wait(lambda: bool(flags(c, uri, 2)), timeout=10)
        assert c.wait(lambda: len(records(outer, "libs/inner/app.py")) == 1, timeout=10)
        # Another process writes a file there, closed in the editor: outer's flag for now.
        (inner / "closed.py").write_text(AGENT)
        closed = (inner / "closed.py").as_uri()
        assert c.wait(lambda: bool(flags(c, closed)), timeout=10)
        assert c.wait(lambda: len(records(outer, "libs/inner/closed.py")) == 1, timeout=10)

        # The nested folder joins: the open document and the closed file's flag are its.
        event = {"added": [{"uri": inner.as_uri(), "name": "inner"}], "removed": []}
        c.notify("workspace/didChangeWorkspaceFolders", {"event": event})
        status = watching(c, 2)
        assert status["folders"][0]["nested"] == ["libs/inner"]
        assert status["folders"][0]["files"] < files_before  # outer no longer keeps inner's files
        assert c.request("provmark/status", {"uri": uri})["folder"] == str(inner.resolve())
        # The open document's flag is recorded in its new folder's sidecar.
        assert c.wait(lambda: [r["status"] for r in records(inner, "app.py")] == ["unreviewed"], timeout=10)
        assert flags(c, uri, 2) and flags(c, closed)
        # Tagging it writes to the new folder's sidecar.
        tag_by_code_action(c, uri, flags(c, uri, 2)[0])
        assert [r["status"] for r in records(inner, "app.py")] == ["tagged"]
        # A new write there: judged once, by the nested folder's watcher.
        (inner / "new.py").write_text(AGENT.replace("helper", "fresh"))
        assert c.wait(lambda: len(records(inner, "new.py")) == 1, timeout=10)
        time.sleep(0.5)
        assert not records(outer, "libs/inner/new.py")

        # The nested folder leaves: its files are outer's again (indexed again, so that
        # an edit there is compared with what the file held, not taken as all new).
        event = {"added": [], "removed": [{"uri": inner.as_uri(), "name": "inner"}]}
        c.notify("workspace/didChangeWorkspaceFolders", {"event": event})
        deadline = time.monotonic() + 10
        while watching(c, 1)["folders"][0]["files"] < files_before:
            assert time.monotonic() < deadline, "outer never indexed inner's files again"
            time.sleep(0.05)
        assert c.request("provmark/status", {"uri": uri})["folder"] == str(outer.resolve())
        with human.open("a") as f:
            f.write("\n\ndef route_extra(request):\n    return respond(request, code=99)\n")
        time.sleep(1.5)
        assert not flags(c, human.as_uri()) and not records(outer, "libs/inner/human.py")
    finally:
        assert c.close() == 0
