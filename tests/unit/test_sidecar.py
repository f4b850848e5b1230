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


def test_the_documented_example_is_a_valid_sidecar() -> None:
    import re

    import jsonschema

    from conftest import ROOT

    doc = (ROOT / "docs" / "sidecar-format.md").read_text()
    example = json.loads(re.search(r"```json\n(.*?)```", doc, re.S).group(1))  # type: ignore[union-attr]
    schema = json.loads((Path(sidecar.__file__).parent.parent / "schemas" / "provmark-2.schema.json").read_text())
    jsonschema.validate(example, schema)
    assert sidecar.validate(example, example["path"]) == []
