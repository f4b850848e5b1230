import json
from pathlib import Path

import pytest

from provmark.core.lines import content_hash, line_hash, normalize
from provmark.core.relocate import hashes_of, locate
from provmark.sources import sidecar

BLOCK = [f"    value_{i} = compute(item, factor={i})" for i in range(12)]


def test_normalisation_and_hashes_follow_the_spec() -> None:
    assert normalize("  a \t b  ") == "a b"
    assert line_hash("  x =  1 ") == line_hash("x = 1") and len(line_hash("x")) == 8
    assert content_hash(["a ", " b"]).startswith("blake2b-128:") and len(content_hash(["a"])) == 12 + 32


def test_write_is_sorted_atomic_and_holds_no_source(tmp_path: Path) -> None:
    r1 = sidecar.make_record(BLOCK, 40, {"kind": "ai", "tool": "codex"}, "exclude")
    r2 = sidecar.make_record(BLOCK[:3], 2, {"kind": "human"}, "include")
    sidecar.update(tmp_path, "src/app.py", add=[r1])
    sidecar.update(tmp_path, "src/app.py", add=[r2])  # a second writer merges, loses nothing
    raw = (tmp_path / ".provmark" / "src" / "app.py.json").read_text()
    data = json.loads(raw)
    assert [r["start_line"] for r in data["records"]] == [2, 40]
    assert raw == json.dumps(data, indent=2, sort_keys=True) + "\n"
    assert "compute" not in raw
    assert sidecar.validate(data, "src/app.py") == []
    assert [p.name for p in (tmp_path / ".provmark" / "src").iterdir()] == ["app.py.json"]


def test_paths_cannot_escape_the_root(tmp_path: Path) -> None:
    for bad in ("../x.py", "/etc/passwd", ".provmark/a.json"):
        with pytest.raises(sidecar.SidecarError):
            sidecar.sidecar_path(tmp_path, bad)


def test_unreadable_sidecar_is_a_clear_error_and_never_replaced(tmp_path: Path) -> None:
    p = tmp_path / ".provmark" / "a.py.json"
    p.parent.mkdir()
    p.write_text("{not json")
    with pytest.raises(sidecar.SidecarError, match=r"a\.py\.json: invalid JSON"):
        sidecar.load(tmp_path, "a.py")
    with pytest.raises(sidecar.SidecarError, match=r"Nothing was written.*merge-driver"):
        sidecar.update(tmp_path, "a.py", add=[sidecar.make_record(BLOCK, 1, {"kind": "ai"}, "exclude")])
    assert p.read_text() == "{not json" and [x.name for x in p.parent.iterdir()] == ["a.py.json"]


def test_failed_write_keeps_the_old_sidecar(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sidecar.update(tmp_path, "a.py", add=[sidecar.make_record(BLOCK, 1, {"kind": "ai"}, "exclude")])
    before = (tmp_path / ".provmark" / "a.py.json").read_text()

    def full(*a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(sidecar.os, "replace", full)
    with pytest.raises(sidecar.SidecarError, match="disk is full"):
        sidecar.update(tmp_path, "a.py", add=[sidecar.make_record(BLOCK[:2], 5, {"kind": "ai"}, "exclude")])
    assert (tmp_path / ".provmark" / "a.py.json").read_text() == before
    assert not [x for x in (tmp_path / ".provmark").iterdir() if x.suffix == ".tmp"]


def test_relocation_exact_shifted_fuzzy_and_stale() -> None:
    rec = sidecar.make_record(BLOCK, 5, {"kind": "ai"}, "exclude")
    text = ["x"] * 4 + BLOCK + ["y"] * 3
    assert locate(rec, hashes_of(text)) == locate(rec, hashes_of(text))
    found = locate(rec, hashes_of(["new"] * 10 + text))
    assert found is not None and found.exact and (found.start, found.end) == (14, 25)
    edited = list(text)
    edited[6] = "    value_2 = something_else()"
    found = locate(rec, hashes_of(edited))
    assert found is not None and not found.exact and found.start == 4
    assert locate(rec, hashes_of(["unrelated"] * 30)) is None


def test_written_sidecars_match_the_published_json_schema(tmp_path: Path) -> None:
    import jsonschema

    schema = json.loads((Path(sidecar.__file__).parent.parent / "schemas" / "provmark-2.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    sidecar.update(
        tmp_path,
        "src/a.py",
        add=[
            sidecar.make_record(BLOCK, 3, {"kind": "ai", "tool": "codex"}, "exclude", [{"signal": "x", "weight": 1.0}]),
            sidecar.make_record(BLOCK[:2], 30, {"kind": "unknown"}, "exclude", [], "provmark", "unreviewed", 0.93),
        ],
    )
    data = json.loads((tmp_path / ".provmark" / "src" / "a.py.json").read_text())
    jsonschema.validate(data, schema)
    for bad in (
        {**data, "path": "../x.py"},
        {**data, "schema": "provmark/3"},
        {**data, "records": [{**data["records"][0], "status": "pending"}]},
        {**data, "records": [{**data["records"][0], "training": "maybe"}]},
    ):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(bad, schema)


def _writer(args: tuple[str, int]) -> None:
    root, k = args
    for j in range(15):
        rec = sidecar.make_record([f"line {k} {j}"], k * 100 + j + 1, {"kind": "ai"}, "exclude")
        sidecar.update(Path(root), "shared.py", add=[rec])


def test_concurrent_writers_lose_no_record(tmp_path: Path) -> None:
    import multiprocessing

    with multiprocessing.get_context("spawn").Pool(6) as pool:
        pool.map(_writer, [(str(tmp_path), k) for k in range(6)])
    data = sidecar.load(tmp_path, "shared.py")
    assert data is not None and len(data["records"]) == 6 * 15
    assert sorted(r["start_line"] for r in data["records"]) == sorted(
        k * 100 + j + 1 for k in range(6) for j in range(15)
    )


def _editor(args: tuple[str, int]) -> None:
    """An editor: flags land as unreviewed records; each save drops the ones edited away
    (odd ones here) and keeps the rest, as the language server's refresh does."""
    root, k = Path(args[0]), args[1]
    mine: dict[str, tuple[int, list[str]]] = {}
    for j in range(15):
        lines = [f"editor {k} flag {j}"]
        rec = sidecar.make_record(lines, k * 1000 + j + 1, {"kind": "ai"}, "exclude", status="unreviewed", score=0.9)
        rec["id"] = f"e{k}-{j}"
        sidecar.update(root, "shared.py", add=[rec])
        mine[rec["id"]] = (rec["start_line"], lines)
        live = {i: v for i, v in mine.items() if int(i.rsplit("-", 1)[1]) % 2 == 0}
        sidecar.refresh_unreviewed(root, "shared.py", live, set(mine))


def _agent(root_s: str) -> None:
    """An agent and a reviewer at once: tagged records added, and the editors' live
    unreviewed records resolved as AI while the editors keep writing."""
    import time

    from provmark.pipeline.review import Item, resolve

    root = Path(root_s)
    resolved, j, until = 0, 0, time.monotonic() + 60
    while j < 15 or (resolved < 4 and time.monotonic() < until):
        if j < 15:
            rec = sidecar.make_record([f"agent {j}"], 5000 + j, {"kind": "ai", "tool": "codex"}, "exclude")
            rec["id"] = f"t-{j}"
            sidecar.update(root, "shared.py", add=[rec])
            j += 1
        data = sidecar.load(root, "shared.py") or {"records": []}
        even = [
            r for r in data["records"] if r.get("status") == "unreviewed" and int(r["id"].rsplit("-", 1)[1]) % 2 == 0
        ]
        resolved += resolve(root, [Item("shared.py", r) for r in even[:2]], "ai")


def test_two_editors_and_an_agent_at_once_lose_nothing(tmp_path: Path) -> None:
    import multiprocessing

    with multiprocessing.get_context("spawn").Pool(3) as pool:
        a = pool.map_async(_editor, [(str(tmp_path), 0), (str(tmp_path), 1)])
        b = pool.apply_async(_agent, (str(tmp_path),))
        a.get(timeout=120)
        b.get(timeout=120)
    data = sidecar.load(tmp_path, "shared.py")
    assert data is not None
    ids = sorted(r["id"] for r in data["records"])
    # Every tagged record, every flag still in the text (resolved or not); none edited away.
    assert ids == sorted([f"t-{j}" for j in range(15)] + [f"e{k}-{j}" for k in (0, 1) for j in range(0, 15, 2)])
    resolved = [r for r in data["records"] if r["id"].startswith("e") and r.get("status") != "unreviewed"]
    assert resolved and all(r["origin"]["kind"] == "ai" and r["training"] == "exclude" for r in resolved)


def test_the_documented_example_is_a_valid_sidecar() -> None:
    import re

    import jsonschema

    from conftest import ROOT

    doc = (ROOT / "docs" / "sidecar-format.md").read_text()
    example = json.loads(re.search(r"```json\n(.*?)```", doc, re.S).group(1))  # type: ignore[union-attr]
    schema = json.loads((Path(sidecar.__file__).parent.parent / "schemas" / "provmark-2.schema.json").read_text())
    jsonschema.validate(example, schema)
    assert sidecar.validate(example, example["path"]) == []
