"""Unreviewed records: the sidecar format's second version, records that follow the
text when the editor saves, and how the scan, the editor and the pipeline read them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from provmark.batch.scan import scan
from provmark.core.records import SCHEMA
from provmark.core.tracker import Tracker
from provmark.pipeline.exclusion import excluded_ranges, manifest
from provmark.settings import Settings
from provmark.sources import sidecar
from provmark.sources.workspace_index import WorkspaceIndex
from support.samples import AI_BLOCK, handlers

EVIDENCE = [{"signal": "unexplained-bulk-insert", "weight": 0.3}, {"signal": "style", "weight": 3.0}]


def unreviewed(lines: list[str], start: int, tool: str | None = None) -> sidecar.Record:
    origin = {"kind": "ai" if tool else "unknown", "tool": tool}
    return sidecar.make_record(lines, start, origin, "exclude", EVIDENCE, "provmark", "unreviewed", 0.964)


def tree(tmp_path: Path) -> tuple[Path, list[str], int]:
    text = handlers(10) + AI_BLOCK + handlers(3)
    (tmp_path / "app.py").write_text(text)
    lines = text.splitlines()
    start = lines.index(AI_BLOCK.splitlines()[0])
    return tmp_path, lines, start


def test_format_versions_old_read_new_written_unknown_fails_closed(tmp_path: Path) -> None:
    root, lines, start = tree(tmp_path)
    rec = sidecar.make_record(lines[start : start + 3], start + 1, {"kind": "ai"}, "exclude")
    path = root / ".provmark" / "app.py.json"
    path.parent.mkdir()
    old = {"schema": "provmark/1", "path": "app.py", "records": [{k: v for k, v in rec.items() if k != "status"}]}
    path.write_text(json.dumps(old))
    assert sidecar.load(root, "app.py") is not None  # a provmark/1 sidecar still reads
    assert excluded_ranges(root, "app.py", (root / "app.py").read_text())[0] == [(start + 1, start + 3)]
    sidecar.update(root, "app.py", add=[unreviewed(lines[:2], 1)])
    assert json.loads(path.read_text())["schema"] == SCHEMA == "provmark/2"  # writers write the newest
    path.write_text(json.dumps({**old, "schema": "provmark/3"}))
    with pytest.raises(sidecar.SidecarError, match=r"provmark/3.*cannot read.*upgrade Provmark"):
        sidecar.load(root, "app.py")
    assert excluded_ranges(root, "app.py", (root / "app.py").read_text()) == ("all", "invalid")


def test_unreviewed_records_are_excluded_by_the_pipeline(tmp_path: Path) -> None:
    root, lines, start = tree(tmp_path)
    n = len(AI_BLOCK.splitlines())
    sidecar.update(root, "app.py", add=[unreviewed(lines[start : start + n], start + 1)])
    ranges, status = excluded_ranges(root, "app.py", (root / "app.py").read_text())
    assert ranges == [(start + 1, start + n)] and status == "fresh"
    tag = sidecar.make_record(lines[:2], 1, {"kind": "ai"}, "exclude")
    sidecar.update(root, "app.py", add=[tag])
    [entry] = [r.to_json() for r in manifest(root)]
    assert entry["reasons"] == {"tagged": [[1, 2]], "unreviewed": [[start + 1, start + n]]}


def test_records_follow_the_saved_text_and_go_when_edited_away(tmp_path: Path) -> None:
    root, lines, start = tree(tmp_path)
    keep = unreviewed(lines[start : start + 4], start + 1)
    gone = unreviewed(lines[:2], 1)
    tag = sidecar.make_record(lines[5:7], 6, {"kind": "human"}, "include")
    sidecar.update(root, "app.py", add=[keep, gone, tag])
    live = {keep["id"]: (start + 3, lines[start : start + 4])}
    assert sidecar.refresh_unreviewed(root, "app.py", live, {keep["id"], gone["id"]}) == 1
    data = sidecar.load(root, "app.py")
    assert data is not None
    by_id = {r["id"]: r for r in data["records"]}
    assert set(by_id) == {keep["id"], tag["id"]}  # the tagged record is never touched
    assert by_id[keep["id"]]["start_line"] == start + 3 and by_id[keep["id"]]["status"] == "unreviewed"
    assert sidecar.refresh_unreviewed(root, "app.py", live, {keep["id"], gone["id"]}) == 0
    # A record this editor never knew (another editor's, or an agent's) is never dropped.
    other = unreviewed(lines[:2], 1)
    sidecar.update(root, "app.py", add=[other])
    assert sidecar.refresh_unreviewed(root, "app.py", live, {keep["id"]}) == 0


def test_decision_keeps_the_id_and_says_who_and_when(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PROVMARK_REVIEWER", "ada")
    rec = sidecar.make_record(["x = 1"], 1, {"kind": "ai", "tool": "codex"}, "exclude")
    done = sidecar.reviewed(rec, "r_0000abcd")
    assert done["id"] == "r_0000abcd" and done["reviewed_by"] == "ada" and done["reviewed_at"]
    assert done["status"] == "tagged" and sidecar.validate({"schema": SCHEMA, "path": "a", "records": [done]}) == []


def test_editor_and_scan_show_an_unreviewed_record_as_the_flag_it_was(tmp_path: Path) -> None:
    root, lines, start = tree(tmp_path)
    n = len(AI_BLOCK.splitlines())
    rec = unreviewed(lines[start : start + n - 1], start + 1, tool="codex")
    sidecar.update(root, "app.py", add=[rec])
    data = sidecar.load(root, "app.py")
    tr = Tracker(Settings(), WorkspaceIndex(None))
    uri = (root / "app.py").as_uri()
    tr.open(uri, (root / "app.py").read_text(), 1, "python", "app.py", "utf-16", data)
    [f] = tr.findings(uri)
    assert (f.severity, f.record_id, f.tool, f.start) == ("warning", rec["id"], "codex", start)
    assert "unreviewed" in f.message.lower()
    report = scan(root, jobs=1, use_cache=False, git=False)
    [g] = [x for x in report.findings() if x.record_id == rec["id"]]
    assert (g.severity, g.code, g.score, g.start, g.end) == (f.severity, f.code, f.score, f.start, f.end)


def test_every_code_a_finding_can_carry_has_a_sarif_rule() -> None:
    from provmark.batch.report import RULES
    from provmark.core.findings import FLAG_CODES, TAG_CODES

    assert FLAG_CODES | TAG_CODES | {"stale-record"} <= set(RULES)


def _editor(args: tuple[str, int]) -> list[str]:
    """One writer of the shared sidecar: an editor recording unreviewed flags, deciding on
    half of them, editing one away, and saving (its unreviewed records follow its text)."""
    root, k = Path(args[0]), args[1]
    mine: dict[str, tuple[int, list[str]]] = {}
    owned: set[str] = set()
    decided = []
    for j in range(10):
        body = [f"writer {k} flag {j} line {n}" for n in range(3)]
        origin = {"kind": "unknown"}
        rec = sidecar.make_record(body, k * 100 + j * 4 + 1, origin, "exclude", [], "provmark", "unreviewed")
        sidecar.update(root, "shared.py", add=[rec])
        mine[rec["id"]] = (rec["start_line"], body)
        owned.add(rec["id"])
        if j % 2:
            tag = sidecar.reviewed(sidecar.make_record(body, rec["start_line"], {"kind": "ai"}, "exclude"), rec["id"])
            sidecar.update(root, "shared.py", add=[tag], remove={rec["id"]})
            decided.append(rec["id"])
            del mine[rec["id"]]
        if j == 4:
            del mine[rec["id"]]  # edited away before the save below
        sidecar.refresh_unreviewed(root, "shared.py", mine, owned)
    return [*decided, *mine]


def test_editors_writing_one_sidecar_lose_nothing(tmp_path: Path) -> None:
    """Three editors recording, deciding, editing away and saving at once: every decision
    and every flag still in an editor's text is in the sidecar; only the flags edited
    away went, and no editor's save dropped another's records."""
    import multiprocessing

    with multiprocessing.get_context("spawn").Pool(3) as pool:
        expected = [i for ids in pool.map(_editor, [(str(tmp_path), k) for k in range(3)]) for i in ids]
    data = sidecar.load(tmp_path, "shared.py")
    assert data is not None
    assert sorted(r["id"] for r in data["records"]) == sorted(expected) and len(expected) == 3 * 9
