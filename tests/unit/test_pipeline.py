"""The pipeline library and commands: relocation after edits, fail-closed reading,
manifest, filter and check."""

from __future__ import annotations

import io
import json
import random
from pathlib import Path

from provmark.pipeline.commands import cmd_check, cmd_filter, cmd_manifest
from provmark.pipeline.exclusion import ALL, excluded_ranges, file_result, filter_text, locate_records
from provmark.sources import sidecar

HUMAN = [f"def handler_{i}(request):\n    return respond(request, code={i})\n" for i in range(40)]
AI = [f"    result_{k} = transform(payload, option={k}, label='ai{k}')\n" for k in range(15)]


def make_tree(root: Path, start: int = 10) -> tuple[list[str], dict]:
    lines = "".join(HUMAN).splitlines(keepends=True)
    lines[start:start] = ["def generated(payload):\n", *AI, "    return result_0\n"]
    (root / "app.py").write_text("".join(lines))
    region = lines[start : start + len(AI) + 2]
    rec = sidecar.make_record([x.rstrip("\n") for x in region], start + 1, {"kind": "ai", "tool": "codex"}, "exclude")
    sidecar.update(root, "app.py", add=[rec])
    return lines, rec


def test_fresh_relocated_and_stale(tmp_path: Path) -> None:
    lines, _rec = make_tree(tmp_path)
    assert excluded_ranges(tmp_path, "app.py", "".join(lines)) == ([(11, 27)], "fresh")
    moved = ["# header\n"] * 3 + lines
    assert excluded_ranges(tmp_path, "app.py", "".join(moved)) == ([(14, 30)], "relocated")
    assert excluded_ranges(tmp_path, "app.py", "".join(HUMAN)) == (ALL, "stale")
    assert excluded_ranges(tmp_path, "other.py", "x = 1\n") == ([], "untracked")


def test_untrusted_sidecars_fail_closed_with_a_clear_message(tmp_path: Path) -> None:
    make_tree(tmp_path)
    car = tmp_path / ".provmark" / "app.py.json"
    good = json.loads(car.read_text())
    bad_cases = {
        "invalid JSON": "{oops",
        "schema": json.dumps({**good, "schema": "provmark/9"}),
        "leaves": json.dumps({**good, "path": "../../etc/passwd"}),
        "range": json.dumps({**good, "records": [{**good["records"][0], "start_line": 9, "end_line": 2}]}),
        "duplicate": json.dumps({**good, "records": good["records"] * 2}),
        "not a JSON object": "[1, 2]",
    }
    for why, raw in bad_cases.items():
        car.write_text(raw)
        r = file_result(tmp_path, "app.py")
        assert r is not None and r.exclude == ALL and r.status == "invalid", why
        assert "app.py.json" in r.problems[0], why


def test_filter_removes_exactly_the_tagged_lines(tmp_path: Path) -> None:
    lines, _ = make_tree(tmp_path)
    kept = filter_text("".join(lines), [(11, 27)])
    assert kept == "".join(HUMAN)
    assert filter_text("x\n", ALL) is None


def test_commands(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    ws.mkdir()
    make_tree(ws)
    (ws / "plain.py").write_text("print('hi')\n")
    out = io.StringIO()
    assert cmd_manifest(ws, out) == 0
    assert [json.loads(x) for x in out.getvalue().splitlines()] == [
        {"path": "app.py", "exclude": [[11, 27]], "status": "fresh", "reasons": {"tagged": [[11, 27]]}}
    ]
    dest = tmp_path / "out"
    assert cmd_filter(ws, dest, io.StringIO()) == 0
    assert (dest / "app.py").read_text() == "".join(HUMAN)
    assert (dest / "plain.py").read_text() == "print('hi')\n"
    assert not (dest / ".provmark").exists()
    report = json.loads((dest / ".provmark-filter-report.json").read_text())
    assert report["excluded_lines"] == {"app.py": [[11, 27]]}
    assert cmd_filter(ws, dest, io.StringIO()) == 2  # not empty: refuses
    assert cmd_check(ws, out=io.StringIO()) == 0


def test_check_finds_orphans_and_fix_follows_a_rename(tmp_path: Path) -> None:
    make_tree(tmp_path)
    (tmp_path / "app.py").rename(tmp_path / "renamed.py")
    out = io.StringIO()
    assert cmd_check(tmp_path, out=out) == 1 and "orphan" in out.getvalue()
    out = io.StringIO()
    assert cmd_check(tmp_path, fix=True, out=out) == 0, out.getvalue()
    assert (tmp_path / ".provmark" / "renamed.py.json").exists()
    assert not (tmp_path / ".provmark" / "app.py.json").exists()
    assert excluded_ranges(tmp_path, "renamed.py", (tmp_path / "renamed.py").read_text())[1] == "fresh"


def test_check_reports_stale_records(tmp_path: Path) -> None:
    make_tree(tmp_path)
    (tmp_path / "app.py").write_text("".join(HUMAN))
    out = io.StringIO()
    assert cmd_check(tmp_path, out=out) == 1 and "not found" in out.getvalue()


# -- the generated suite of edits after tagging ------------------------------------

EDITS = [
    "insert_above",
    "delete_above",
    "insert_below",
    "edit_inside",
    "insert_inside",
    "delete_inside",
    "reindent",
    "reformat",
    "move_within",
]


def apply_edit(kind: str, lines: list[str], a: int, b: int, rng: random.Random) -> tuple[list[str], set[int]]:
    """Edit `lines` (region at a..b, 0-based) and return the new lines and the 0-based
    lines where the region's own (AI) lines now are."""
    region = list(range(a, b + 1))
    new = list(lines)
    if kind == "insert_above":
        k = rng.randint(1, 8)
        new[a:a] = [f"# note {i}\n" for i in range(k)]
        return new, {i + k for i in region}
    if kind == "delete_above":
        k = min(a, rng.randint(1, 4))
        del new[a - k : a]
        return new, {i - k for i in region}
    if kind == "insert_below":
        new[b + 1 : b + 1] = ["# after\n"] * 3
        return new, set(region)
    if kind == "edit_inside":
        i = rng.randint(a + 1, b - 1)
        new[i] = new[i].rstrip("\n") + "  # tweaked\n"
        return new, set(region)
    if kind == "insert_inside":
        i = rng.randint(a + 1, b - 1)
        new[i:i] = ["    extra = 1\n", "    extra += 1\n"]
        return new, {x if x < i else x + 2 for x in region}
    if kind == "delete_inside":
        i = rng.randint(a + 2, b - 2)
        del new[i]
        return new, {x if x < i else x - 1 for x in region if x != i}
    if kind == "reindent":
        new[a : b + 1] = ["    " + x for x in new[a : b + 1]]
        return new, set(region)
    if kind == "reformat":
        new[a : b + 1] = [x.replace(", ", ",").replace(" = ", "=") for x in new[a : b + 1]]
        return new, set(region)
    # move_within: the region moves to the end of the file
    block = new[a : b + 1]
    del new[a : b + 1]
    start = len(new)
    new.extend(block)
    return new, set(range(start, start + len(block)))


def test_generated_edit_suite_finds_records_and_never_leaks(tmp_path: Path) -> None:
    found_exact = total = 0
    for seed in range(270):  # 30 of each kind of edit
        rng = random.Random(seed)
        start = rng.randint(3, 40)
        lines, _rec = make_tree(tmp_path, start)
        kind = EDITS[seed % len(EDITS)]
        new, ai_lines = apply_edit(kind, lines, start, start + len(AI) + 1, rng)
        data = json.loads((tmp_path / ".provmark" / "app.py.json").read_text())
        result = locate_records(data, "".join(new))
        total += 1
        if result.exclude == ALL:
            continue  # fail closed: nothing leaks, but the record was not found
        excluded = {i for x, y in result.exclude for i in range(x - 1, y)}
        assert ai_lines <= excluded, (kind, seed)  # zero AI lines leak
        if excluded == set(range(min(ai_lines), max(ai_lines) + 1)):
            found_exact += 1
        (tmp_path / ".provmark" / "app.py.json").unlink()
    assert found_exact / total >= 0.99, f"{found_exact}/{total}"


def test_manifest_names_an_invalid_sidecar_on_stderr(tmp_path: Path) -> None:
    make_tree(tmp_path)
    (tmp_path / ".provmark" / "app.py.json").write_text("<<<<<<< HEAD\n{}\n=======\n")
    out, err = io.StringIO(), io.StringIO()
    assert cmd_manifest(tmp_path, out, err) == 0
    assert json.loads(out.getvalue()) == {"path": "app.py", "exclude": "all", "status": "invalid"}
    assert "app.py excluded whole (invalid)" in err.getvalue() and "invalid JSON" in err.getvalue()


def test_filter_leaves_out_unreadable_files_and_keeps_bytes(tmp_path: Path, monkeypatch) -> None:
    root, dest = tmp_path / "repo", tmp_path / "out"
    root.mkdir()
    lines, _ = make_tree(root)
    latin = "# café, naïve\n".encode("latin-1") + "".join(lines).encode()
    (root / "app.py").write_bytes(latin)  # one line more at the top: the record is relocated
    (root / "secret.py").write_text("x = 1\n")
    real = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == "secret.py":
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    out, err = io.StringIO(), io.StringIO()
    assert cmd_filter(root, dest, out, err) == 0
    assert "secret.py cannot be read" in err.getvalue() and not (dest / "secret.py").exists()
    report = json.loads((dest / ".provmark-filter-report.json").read_text())
    assert report["unreadable"] == {"secret.py": "Permission denied"} and "secret.py" in report["excluded_files"]
    kept = (dest / "app.py").read_bytes()
    assert kept.startswith("# café, naïve\n".encode("latin-1"))  # not U+FFFD: the bytes as they were
    assert kept[len("# café, naïve\n".encode("latin-1")) :] == "".join(HUMAN).encode()


def test_filter_that_fails_leaves_no_output(tmp_path: Path, monkeypatch) -> None:
    import pytest

    from provmark.pipeline import commands

    root, dest = tmp_path / "repo", tmp_path / "out"
    root.mkdir()
    make_tree(root)
    (root / "b.py").write_text("y = 2\n")

    def boom(*a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(commands, "filter_bytes", boom)
    with pytest.raises(OSError):
        cmd_filter(root, dest, io.StringIO(), io.StringIO())
    assert not dest.exists() and list(tmp_path.iterdir()) == [root]
    monkeypatch.undo()
    assert cmd_filter(root, dest, io.StringIO(), io.StringIO()) == 0  # and a rerun works
