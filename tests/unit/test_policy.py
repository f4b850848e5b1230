"""The pipeline's exclusion policy: where it is read from, strict about what it says,
and the same in manifest, filter and the datatrove step."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from provmark.pipeline.commands import cmd_filter, cmd_manifest
from provmark.pipeline.policy import Policy, PolicyError, load
from provmark.sources import sidecar
from support.samples import AI_BLOCK, handlers

PASTE = AI_BLOCK.rstrip("\n").split("\n")


def tree(root: Path, tool: str | None = None) -> tuple[int, int]:
    """A file with a tagged block (lines 1-2) and an unreviewed one (the paste)."""
    text = handlers(10) + AI_BLOCK
    (root / "app.py").write_text(text)
    lines = text.split("\n")
    start = lines.index(PASTE[0]) + 1
    tagged = sidecar.make_record(lines[:2], 1, {"kind": "ai"}, "exclude")
    origin = {"kind": "ai" if tool else "unknown", "tool": tool}
    flagged = sidecar.make_record(PASTE, start, origin, "exclude", [], "provmark", "unreviewed", 0.9)
    sidecar.update(root, "app.py", add=[tagged, flagged])
    return start, start + len(PASTE) - 1


def manifest_of(root: Path, policy: Policy | None = None) -> dict:
    out = io.StringIO()
    assert cmd_manifest(root, out, io.StringIO(), policy or Policy()) == 0
    return json.loads(out.getvalue())


def test_defaults_exclude_unreviewed_lines(tmp_path: Path) -> None:
    a, b = tree(tmp_path)
    assert load(tmp_path) == Policy()
    assert manifest_of(tmp_path)["exclude"] == [[1, 2], [a, b]]


def test_policy_from_pyproject_and_config_toml(tmp_path: Path) -> None:
    tree(tmp_path, tool="our-bot")
    (tmp_path / "pyproject.toml").write_text('[tool.provmark.pipeline]\nunreviewed = "include"\n')
    policy = load(tmp_path)
    assert policy.unreviewed == "include"
    assert manifest_of(tmp_path, policy)["exclude"] == [[1, 2]]  # tagged AI is always left out
    (tmp_path / ".provmark" / "config.toml").write_text('[pipeline]\nunreviewed = "exclude"\n')
    assert load(tmp_path).unreviewed == "exclude"  # .provmark/config.toml wins
    (tmp_path / ".provmark" / "config.toml").write_text('[pipeline]\nfirst_party_tools = ["our-bot"]\n')
    assert manifest_of(tmp_path, load(tmp_path))["exclude"] == [[1, 2]]  # a first-party tool's lines stay


@pytest.mark.parametrize(
    "toml, why",
    [
        ('unreviewed = "maybe"', "unreviewed = 'maybe'"),
        ("first_party_tools = 3", "first_party_tools = 3"),
        ("commitz = true", "unknown pipeline policy key 'commitz'"),
    ],
)
def test_a_bad_policy_is_an_error_that_names_it(tmp_path: Path, toml: str, why: str) -> None:
    (tmp_path / "pyproject.toml").write_text(f"[tool.provmark.pipeline]\n{toml}\n")
    with pytest.raises(PolicyError, match=why):
        load(tmp_path)
    out = subprocess.run([sys.executable, "-m", "provmark", "manifest", str(tmp_path)], capture_output=True, text=True)
    assert out.returncode == 2 and "pyproject.toml" in out.stderr and why.split(" ")[0] in out.stderr


def test_the_same_policy_drives_filter_and_the_command_line(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    tree(root)
    dest = tmp_path / "out"
    assert cmd_filter(root, dest, io.StringIO(), io.StringIO(), Policy(unreviewed="include")) == 0
    kept = (dest / "app.py").read_text()
    assert PASTE[1] in kept and "handler_0" not in kept  # the unreviewed paste kept, the tag not
    out = subprocess.run(
        [sys.executable, "-m", "provmark", "manifest", str(root), "--include-unreviewed"],
        capture_output=True,
        text=True,
    )
    assert json.loads(out.stdout)["exclude"] == [[1, 2]]
