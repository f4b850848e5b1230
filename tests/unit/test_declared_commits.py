"""Lines from commits that declare an AI tool, as the pipeline's policy leaves them out:
one git log, blame of the touched files only, renames followed, first-party tools kept,
and git failures that stop the pipeline instead of letting lines through."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from provmark.cli import main
from provmark.pipeline.commands import cmd_filter, cmd_manifest
from provmark.pipeline.exclusion import RepoExclusion, excluded_ranges, manifest
from provmark.pipeline.policy import Policy, PolicyError, load
from provmark.sources import declared_commits, sidecar
from provmark.sources.declared_commits import _name_status, read_history
from support.workloads import git

HUMAN = [f"def handler_{i}(request):\n    return respond(request, code={i})\n" for i in range(20)]
AI = [f"    value_{k} = transform(payload, option={k})\n" for k in range(6)]
TRAILER = "\n\nCo-Authored-By: Claude <noreply@anthropic.com>"


def repo(root: Path) -> list[str]:
    """a.py: human lines, then an AI commit adds a function in the middle; a later
    human commit renames the file and edits a line far from it."""
    git(root, "init", "-q", "-b", "main")
    lines = "".join(HUMAN).splitlines(keepends=True)
    (root / "a.py").write_text("".join(lines))
    (root / "other.py").write_text("x = 1\n")
    git(root, "add", ".")
    git(root, "commit", "-qm", "start")
    lines[10:10] = ["def generated(payload):\n", *AI]
    (root / "a.py").write_text("".join(lines))
    git(root, "commit", "-qam", "add generated" + TRAILER)
    git(root, "mv", "a.py", "b.py")
    lines[0] = "def handler_0(request):  # renamed\n"
    (root / "b.py").write_text("".join(lines))
    git(root, "commit", "-qam", "rename")
    return lines


def test_lines_of_a_declaring_commit_are_left_out_after_a_rename_and_an_edit(tmp_path: Path) -> None:
    lines = repo(tmp_path)
    history = read_history(tmp_path)
    assert list(history.commits.values()) == ["claude-code"]
    assert set(history.paths) == {"b.py"}  # followed through the rename; other.py never touched
    # An uncommitted line above shifts the lines on disk: blame reads the working tree.
    (tmp_path / "b.py").write_text("import os\n" + "".join(lines))
    [result] = list(manifest(tmp_path))
    assert (result.path, result.exclude, result.status) == ("b.py", [(12, 18)], "fresh")
    assert result.reasons == {"commit": [(12, 18)]}
    out = io.StringIO()
    assert cmd_manifest(tmp_path, out=out) == 0
    assert json.loads(out.getvalue())["reasons"] == {"commit": [[12, 18]]}


def test_the_policy_can_keep_them_and_first_party_tools_stay(tmp_path: Path) -> None:
    repo(tmp_path)
    assert list(manifest(tmp_path, Policy(commits="include"))) == []
    assert list(manifest(tmp_path, Policy(first_party_tools=("claude-code",)))) == []
    (tmp_path / "pyproject.toml").write_text('[tool.provmark.pipeline]\ncommits = "include"\n')
    assert load(tmp_path).commits == "include"
    (tmp_path / "pyproject.toml").write_text('[tool.provmark.pipeline]\ncommits = "sometimes"\n')
    with pytest.raises(PolicyError, match="commits = 'sometimes'"):
        load(tmp_path)


def test_a_tagged_record_over_the_same_lines_says_tagged(tmp_path: Path) -> None:
    lines = repo(tmp_path)
    region = [x.rstrip("\n") for x in lines[10:13]]
    sidecar.update(tmp_path, "b.py", add=[sidecar.make_record(region, 11, {"kind": "ai", "tool": "x"}, "exclude")])
    [result] = list(manifest(tmp_path))
    assert result.exclude == [(11, 17)]
    assert result.reasons == {"tagged": [(11, 13)], "commit": [(14, 17)]}


def test_the_datatrove_entry_point_sees_them_and_notices_a_new_commit(tmp_path: Path) -> None:
    lines = repo(tmp_path)
    text = "".join(lines)
    assert excluded_ranges(tmp_path, "b.py", text) == ([(11, 17)], "fresh")
    assert excluded_ranges(tmp_path, "other.py", "x = 1\n") == ([], "untracked")
    (tmp_path / "other.py").write_text("x = 1\ny = 2\n")
    git(tmp_path, "commit", "-qam", "more" + TRAILER)
    assert excluded_ranges(tmp_path, "other.py", "x = 1\ny = 2\n") == ([(2, 2)], "fresh")
    # A copy of the file whose AI lines were edited away cannot be vouched for.
    assert excluded_ranges(tmp_path, "b.py", "".join(HUMAN))[1] == "stale"


def test_filter_removes_them(tmp_path: Path) -> None:
    lines = repo(tmp_path)
    out = tmp_path.parent / "clean"
    assert cmd_filter(tmp_path, out, out=io.StringIO(), err=io.StringIO()) == 0
    kept = (out / "b.py").read_text()
    assert kept == "".join(lines[:10] + lines[17:])


def test_no_repository_or_no_commit_is_nothing_to_leave_out(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("x = 1\n")
    assert list(manifest(tmp_path)) == []
    git(tmp_path, "init", "-q")
    assert list(manifest(tmp_path)) == []


def test_a_repository_git_cannot_read_stops_the_pipeline(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo(tmp_path)
    (tmp_path / ".git" / "HEAD").write_text("garbage\n")
    assert main(["manifest", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "git cannot read" in err and "--include-commits" in err
    assert main(["manifest", str(tmp_path), "--include-commits"]) == 0


def test_a_file_git_cannot_blame_is_excluded_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo(tmp_path)
    real = declared_commits._run

    def failing(root: Path, *args: str, timeout: float, env: dict[str, str] | None = None) -> bytes:
        if args[0] == "blame":
            raise declared_commits.GitError("git blame: fatal: out of memory")
        return real(root, *args, timeout=timeout, env=env)

    monkeypatch.setattr(declared_commits, "_run", failing)
    result = RepoExclusion(tmp_path).file("b.py")
    assert result is not None and (result.exclude, result.status) == ("all", "unreadable")
    assert "git blame failed" in result.problems[0]


def test_name_status_parsing() -> None:
    rest = "\x00\nR087\x00old name.py\x00new name.py\x00M\x00x.py\x00C100\x00a.py\x00b.py\x00D\x00gone.py\x00"
    assert _name_status(rest) == [
        ("R", "old name.py", "new name.py"),
        ("M", "x.py", None),
        ("A", "b.py", None),
        ("D", "gone.py", None),
    ]


def test_style_threshold_leaves_out_ai_like_code_nobody_vouched_for(tmp_path: Path) -> None:
    from support.samples import AI_BLOCK

    human = "".join(HUMAN)
    ai = AI_BLOCK * 2  # long enough for the content model to judge (it abstains below 150 tokens)
    (tmp_path / "ai.py").write_text(ai)
    (tmp_path / "h.py").write_text(human)
    assert list(manifest(tmp_path)) == []  # off by default
    results = {r.path: r for r in manifest(tmp_path, Policy(style_threshold=0.5))}
    assert set(results) == {"ai.py"}
    assert set(results["ai.py"].reasons) == {"style"}
    # A person's record over the code wins over the model's guess.
    n = len(ai.splitlines())
    rec = sidecar.make_record(ai.splitlines(), 1, {"kind": "human"}, "include")
    sidecar.update(tmp_path, "ai.py", add=[rec])
    results = {r.path: r for r in manifest(tmp_path, Policy(style_threshold=0.5))}
    assert results["ai.py"].exclude == [] and results["ai.py"].records[0]["lines"] == [1, n]
    (tmp_path / "pyproject.toml").write_text("[tool.provmark.pipeline]\nstyle_threshold = 1.5\n")
    with pytest.raises(PolicyError, match=r"style_threshold = 1\.5"):
        load(tmp_path)
    (tmp_path / "pyproject.toml").write_text('[tool.provmark.pipeline]\nstyle_threshold = "off"\n')
    assert load(tmp_path).style_threshold is None


def test_a_root_inside_a_repository_sees_its_own_paths(tmp_path: Path) -> None:
    sub = tmp_path / "service"
    sub.mkdir()
    repo(sub)
    # Move the repository's top one level up: `service/` is now a folder inside it.
    (sub / ".git").rename(tmp_path / ".git")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "move into service/")
    [result] = list(manifest(sub))
    assert (result.path, result.reasons) == ("b.py", {"commit": [(11, 17)]})


def test_blame_through_a_private_commit_graph_finds_the_same_and_leaves_the_repository_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo(tmp_path)
    before = sorted(p.relative_to(tmp_path) for p in (tmp_path / ".git").rglob("*"))
    plain = [r.to_json() for r in manifest(tmp_path)]
    monkeypatch.setattr(declared_commits, "GRAPH_FROM", 1)
    repo_ex = RepoExclusion(tmp_path)
    repo_ex.prefetch()
    history = repo_ex.history()
    assert history is not None and history.env is not None  # blame ran with the graph
    assert [r.to_json() for r in manifest(tmp_path)] == plain
    assert sorted(p.relative_to(tmp_path) for p in (tmp_path / ".git").rglob("*")) == before
