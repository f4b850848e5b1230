"""The Provenance view's commands, over stdio: provmark.listUnreviewed lists the
unreviewed records per file with their lines as they are now; provmark.resolveUnreviewed
resolves them as AI-written or as a person's, in the sidecar (same id, who and when)
and in an open document exactly as the quick fix would; provmark/unreviewedChanged
tells the client each time the set changes; bad arguments get an error answer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from test_unreviewed_e2e import AGENT, records, start, warning

from support.lsp_client import StdioClient
from support.samples import AI_BLOCK

N = len(AI_BLOCK.rstrip("\n").split("\n"))
OTHER = AI_BLOCK.replace("parse_duration", "parse_span")


def listed(c: StdioClient, arg: dict | None = None) -> dict[str, Any]:
    args = [arg] if arg is not None else []
    return c.request("workspace/executeCommand", {"command": "provmark.listUnreviewed", "arguments": args})


def resolve(c: StdioClient, kind: str, files: list[dict]) -> dict[str, Any]:
    arg = {"as": kind, "files": files}
    return c.request("workspace/executeCommand", {"command": "provmark.resolveUnreviewed", "arguments": [arg]})


def changed(c: StdioClient, rel: str, after: int = 0) -> bool:
    return any(m == "provmark/unreviewedChanged" and rel in p["paths"] for m, p in c.notifications[after:])


def shown(c: StdioClient, uri: str) -> list[tuple[int, int, Any, str]]:
    """The document's diagnostics without the record ids: range, code, message."""
    return sorted(
        (d["range"]["start"]["line"], d["range"]["end"]["line"], d["code"], d["message"]) for d in c.diagnostics[uri]
    )


def pasted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reviewer: str) -> tuple[StdioClient, Path, str]:
    """A server whose reviewer is `reviewer`, with AI_BLOCK pasted at line 30 of app.py."""
    monkeypatch.setenv("PROVMARK_REVIEWER", reviewer)
    c, ws, uri, _ = start(tmp_path)
    c.insert(uri, 2, 30, 0, AI_BLOCK)
    return c, ws, uri


def test_a_flagged_paste_is_listed_and_resolved_as_its_quick_fix_would(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    c, ws, uri = pasted(tmp_path, monkeypatch, "ada")
    try:
        assert c.wait(lambda: warning(c, uri, 30) is not None, timeout=10)
        assert c.wait(lambda: changed(c, "app.py"), timeout=10), "no provmark/unreviewedChanged after the record"
        d = warning(c, uri, 30)
        assert d is not None
        out = listed(c)
        assert out["total"] == 1 and out["problems"] == []
        [f] = out["files"]
        assert f["path"] == "app.py" and f["uri"] == uri and f["open"] is True
        [row] = f["records"]
        assert row["id"] == d["data"]["record"] and row["lines"] == [31, 30 + N] == row["recorded"]
        assert row["score"] == d["data"]["score"] and row["signals"] and row["created"]
        assert 0 <= row["age_seconds"] < 60

        # Typed above it: listed where the flag is now, before any save.
        c.insert(uri, 3, 0, 0, "# a note\n")
        assert listed(c)["files"][0]["records"][0]["lines"] == [32, 31 + N]

        # A second paste: one is tagged by its quick fix, the other resolved from the view.
        c.insert(uri, 4, 10, 0, OTHER)
        assert c.wait(lambda: warning(c, uri, 10) is not None and len(records(ws, "app.py")) == 2, timeout=10)
        now = {r["id"]: r["lines"] for r in listed(c)["files"][0]["records"]}
        assert len(now) == 2
        a, b = now[row["id"]]
        d2 = warning(c, uri, 10)
        assert d2 is not None
        arg = {"uri": uri, "range": d2["range"], "origin": {"kind": "ai", "tool": None}, "training": "exclude",
               "insertion": d2["data"]["insertion"]}  # fmt: skip
        quick = c.request("workspace/executeCommand", {"command": "provmark.tag", "arguments": [arg]})
        mark = len(c.notifications)
        assert resolve(c, "ai", [{"path": "app.py", "ids": [row["id"]]}]) == {"resolved": 1, "missing": []}
        assert c.wait(lambda: changed(c, "app.py", mark), timeout=5)
        by_id = {r["id"]: r for r in records(ws, "app.py")}
        done = by_id[row["id"]]
        assert done["status"] == "tagged" and done["origin"]["kind"] == "ai" and done["training"] == "exclude"
        assert done["reviewed_by"] == "ada" and done["reviewed_at"] and "score" not in done
        assert by_id[quick]["status"] == "tagged"
        # The document shows both alike: two AI-tagged regions, no warning left.
        assert c.wait(lambda: not any(x["severity"] == 2 for x in c.diagnostics[uri]), timeout=5)
        diags = shown(c, uri)
        assert [(x, y, code) for x, y, code, _ in diags] == [(10, 9 + N, "ai-tagged"), (a - 1, b - 1, "ai-tagged")]
        assert diags[0][3] == diags[1][3]
        assert listed(c) == {"files": [], "total": 0, "problems": []}
    finally:
        assert c.close() == 0


def test_resolved_as_a_persons_in_an_open_document_and_in_a_closed_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    c, ws, uri = pasted(tmp_path, monkeypatch, "grace")
    try:
        (ws / "helpers.py").write_text(AGENT)  # an agent writes a file that is not open
        helpers = (ws / "helpers.py").as_uri()
        assert c.wait(lambda: bool(records(ws, "app.py")) and bool(records(ws, "helpers.py")), timeout=15)
        assert c.wait(lambda: any(x["severity"] == 2 for x in c.diagnostics.get(helpers, [])), timeout=5)
        out = listed(c)
        assert [f["path"] for f in out["files"]] == ["app.py", "helpers.py"]
        closed = out["files"][1]
        assert closed["open"] is False and closed["uri"] == helpers and closed["records"][0]["lines"][0] == 1
        assert [f["path"] for f in listed(c, {"path": "help*"})["files"]] == ["helpers.py"]

        ids = {f["path"]: [r["id"] for r in f["records"]] for f in out["files"]}
        files = [{"path": "app.py", "ids": ids["app.py"]}, {"uri": helpers, "ids": ids["helpers.py"]}]
        assert resolve(c, "human", files) == {"resolved": 2, "missing": []}
        for rel in ("app.py", "helpers.py"):
            [rec] = records(ws, rel)
            assert rec["id"] == ids[rel][0] and rec["status"] == "tagged" and rec["origin"]["kind"] == "human"
            assert rec["training"] == "include" and rec["reviewed_by"] == "grace"
        assert c.wait(lambda: [x["code"] for x in c.diagnostics[uri]] == ["human-tagged"], timeout=5)
        assert c.wait(lambda: not any(x["severity"] == 2 for x in c.diagnostics[helpers]), timeout=5)
        # Resolved already: named as missing, nothing changes.
        again = resolve(c, "ai", [{"path": "app.py", "ids": ids["app.py"]}])
        assert again == {"resolved": 0, "missing": [{"path": "app.py", "id": ids["app.py"][0]}]}
        assert records(ws, "app.py")[0]["origin"]["kind"] == "human"
    finally:
        assert c.close() == 0


BAD = [
    ([], "takes one argument"),
    (["ai"], "takes one argument"),
    ([{"as": "maybe", "files": [{"path": "app.py", "ids": ["r_1"]}]}], '"as" must be "ai" or "human"'),
    ([{"as": "ai"}], "takes one argument"),
    ([{"as": "ai", "files": []}], "takes one argument"),
    ([{"as": "ai", "files": [{"path": "../etc/passwd", "ids": ["r_1"]}]}], "not a path inside the workspace"),
    ([{"as": "ai", "files": [{"uri": "file:///elsewhere.py", "ids": ["r_1"]}]}], "not a file of the workspace"),
    ([{"as": "ai", "files": [{"path": "app.py", "ids": "r_1"}]}], "ids must be a non-empty list"),
    ([{"as": "ai", "files": [{"path": "app.py", "ids": [5]}]}], "ids must be a non-empty list"),
]


def test_bad_arguments_get_a_clear_error(tmp_path: Path) -> None:
    c, _, _, _ = start(tmp_path)
    try:
        for args, error in BAD:
            with pytest.raises(RuntimeError, match=error):
                c.request("workspace/executeCommand", {"command": "provmark.resolveUnreviewed", "arguments": args})
        with pytest.raises(RuntimeError, match="listUnreviewed takes no argument"):
            c.request("workspace/executeCommand", {"command": "provmark.listUnreviewed", "arguments": [{"path": 3}]})
        # Unknown records are named, not a failure; the server goes on.
        out = resolve(c, "ai", [{"path": "app.py", "ids": ["r_nothere"]}])
        assert out == {"resolved": 0, "missing": [{"path": "app.py", "id": "r_nothere"}]}
        assert c.request("provmark/status", {})["open_documents"] == 1
    finally:
        assert c.close() == 0


def test_a_broken_sidecar_is_named_in_the_listing_and_refused_on_resolve(tmp_path: Path) -> None:
    c, ws, _, _ = start(tmp_path)
    try:
        bad = ws / ".provmark" / "broken.py.json"
        bad.parent.mkdir(exist_ok=True)
        bad.write_text("<<<<<<< HEAD\n")
        out = listed(c)
        assert out["files"] == [] and len(out["problems"]) == 1 and "broken.py.json" in out["problems"][0]
        with pytest.raises(RuntimeError, match=r"broken\.py\.json"):
            resolve(c, "ai", [{"path": "broken.py", "ids": ["r_1"]}])
        assert bad.read_text() == "<<<<<<< HEAD\n"
    finally:
        assert c.close() == 0
