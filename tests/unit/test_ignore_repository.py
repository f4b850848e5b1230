"""Ignore rules of a folder below its repository's top (a monorepo's package, a linked
worktree): the .gitignore files from the top down to the folder and info/exclude apply,
as git applies them, and the user's own excludes file (core.excludesFile). Each case is
checked against git's own answer (`git status --ignored`, run in the folder) for every
file in it."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from provmark.batch.scan import scan, select, walk
from provmark.sources import gitinfo
from provmark.sources.ignore import IgnoreRules
from provmark.sources.workspace_index import WorkspaceIndex
from support.workloads import git

HUMAN = "import os\n\n\ndef walk(top):\n    return [f for _, _, fs in os.walk(top) for f in fs]\n"

FILES = [
    "app.py",
    "src/main.py",
    "dist/bundle.js",
    "dist/keep.js",
    "lib.min.js",
    "keep.min.js",
    "vendor.min.js",
    "generated/models.py",
    "coverage/index.js",
    "api.gen.py",
    "keep.gen.py",
    "secret/key.py",
    "notes.py",
    "other.py",
    "local.py",
    "deep/local.py",
    "deep/debug.py",
    "deep/dist/out.js",
    "deep/lib.min.js",
]


def write(root: Path, rel: str, text: str = HUMAN) -> None:
    (root / rel).parent.mkdir(parents=True, exist_ok=True)
    (root / rel).write_text(text)


def make_repo(root: Path) -> Path:
    """A monorepo whose top, `packages/` and `packages/web/` have a .gitignore; returns
    packages/web."""
    root.mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    write(
        root,
        ".gitignore",
        "dist/\n"  # a directory anywhere
        "*.min.js\n"
        "!keep.min.js\n"  # re-included at the same level
        "/packages/web/generated/\n"  # anchored at the top, for this package
        "/packages/api/src/\n"  # ... and for another one: not here
        "*.gen.py\n"
        "/other.py\n",  # the top's own other.py only
    )
    write(root, "packages/.gitignore", "coverage/\n!keep.gen.py\n")  # the middle; its negation wins over the top
    write(root, "packages/web/.gitignore", "local.py\n!vendor.min.js\n")
    write(root, "packages/web/deep/.gitignore", "!local.py\ndebug.py\n")
    web = root / "packages" / "web"
    for rel in FILES:
        write(web, rel)
    write(root, "packages/api/src/server.py")
    write(root, "other.py")
    return web


GIT = ("git",)


@pytest.fixture(autouse=True)
def own_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A HOME of the test's own, no system config: git's answer and ours read the same
    user excludes file (core.excludesFile, ~/.config/git/ignore), not the machine's."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    monkeypatch.delenv("GIT_CONFIG_GLOBAL", raising=False)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    return home


def git_ignored(folder: Path) -> set[str]:
    """The files of `folder` git ignores (untracked ones: no commit here touches them),
    named from the folder."""
    prefix = subprocess.run(
        [*GIT, "rev-parse", "--show-prefix"], cwd=folder, capture_output=True, text=True, check=True
    ).stdout.strip()
    out = subprocess.run(
        [*GIT, "status", "--porcelain", "--ignored", "-uall", "-z", "."],
        cwd=folder,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    found = {e[3:][len(prefix) :] for e in out.split("\0") if e.startswith("!! ")}
    return {rel for rel in found if not rel.endswith(".gitignore")}  # as `ours` lists files


def ours(folder: Path, rules: IgnoreRules | None = None) -> tuple[set[str], set[str]]:
    """The files of `folder` Provmark ignores: asked one by one (as the watcher does) and by
    walking with the ignored folders pruned (as the index and the scan do)."""
    rules = rules or IgnoreRules(folder)
    for dot in folder.rglob(".gitignore"):  # the walks read each nested one as they reach it
        if dot.parent != folder:
            rules.reload_folder(dot.parent.relative_to(folder).as_posix())
    files = {
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if p.is_file() and p.name != ".gitignore" and ".git" not in p.relative_to(folder).parts
    }
    asked = {rel for rel in files if rules.ignored(rel)}
    pruned = {
        rel
        for rel in files
        if rules.ignored(rel)
        or any(rules.ignored("/".join(rel.split("/")[:i]), True) for i in range(1, rel.count("/") + 1))
    }
    return asked, pruned


def test_a_package_of_a_monorepo_gets_every_gitignore_above_it(tmp_path: Path) -> None:
    web = make_repo(tmp_path / "repo")
    expected = git_ignored(web)
    # git's answer, as a reminder of what the rules say
    assert expected == {
        "dist/bundle.js",
        "dist/keep.js",
        "lib.min.js",
        "generated/models.py",
        "coverage/index.js",
        "api.gen.py",
        "local.py",
        "deep/debug.py",
        "deep/dist/out.js",
        "deep/lib.min.js",
    }
    assert ours(web) == (expected, expected)


def test_info_exclude_is_read_from_the_top(tmp_path: Path) -> None:
    web = make_repo(tmp_path / "repo")
    (tmp_path / "repo" / ".git" / "info").mkdir(exist_ok=True)
    (tmp_path / "repo" / ".git" / "info" / "exclude").write_text(
        "/packages/web/secret/\nnotes.py\n/app.py\n"  # /app.py is the top's, not this folder's
    )
    expected = git_ignored(web)
    assert {"secret/key.py", "notes.py"} <= expected and "app.py" not in expected
    assert ours(web) == (expected, expected)


def test_a_linked_worktree_and_its_package(tmp_path: Path) -> None:
    web = make_repo(tmp_path / "repo")
    repo = tmp_path / "repo"
    git(
        repo,
        "add",
        "-f",
        ".gitignore",
        "packages/.gitignore",
        "packages/web/.gitignore",
        "packages/web/deep/.gitignore",
    )
    git(repo, "commit", "-qm", "ignore rules")
    (repo / ".git" / "info" / "exclude").write_text("notes.py\n")  # the common dir's, for every worktree
    wt = tmp_path / "wt"
    git(repo, "worktree", "add", "-q", str(wt), "-b", "other")
    wt_web = wt / "packages" / "web"
    for rel in FILES:
        write(wt_web, rel)
    expected = git_ignored(wt_web)
    assert "notes.py" in expected and "dist/bundle.js" in expected
    assert ours(wt_web) == (expected, expected)
    assert ours(web) == (git_ignored(web),) * 2


def test_the_top_itself_is_unchanged(tmp_path: Path) -> None:
    make_repo(tmp_path / "repo")
    top = tmp_path / "repo"
    expected = git_ignored(top)
    assert {"other.py", "packages/api/src/server.py"} <= expected and "packages/web/keep.gen.py" not in expected
    assert ours(top) == (expected, expected)


def test_a_folder_outside_any_repository(tmp_path: Path) -> None:
    """No repository: only the folder's own .gitignore files, deeper ones first (a
    parent's .gitignore, not in any repository, means nothing to git either)."""
    write(tmp_path, ".gitignore", "*.py\n")
    folder = tmp_path / "plain"
    write(folder, ".gitignore", "local.py\nbuild/\n")
    write(folder, "deep/.gitignore", "!local.py\n")
    for rel in ("app.py", "local.py", "deep/local.py", "build/out.py"):
        write(folder, rel)
    assert ours(folder) == ({"local.py", "build/out.py"},) * 2


def test_scan_of_a_package_skips_what_the_parent_gitignore_excludes(tmp_path: Path) -> None:
    web = make_repo(tmp_path / "repo")
    walked = {rel for rel, _ in walk(web)}
    assert "dist/bundle.js" not in walked and "generated/models.py" not in walked and "app.py" in walked
    assert [rel for rel, _ in select(web, ["generated/models.py", "app.py", "coverage/index.js"])] == ["app.py"]
    report = scan(web, jobs=1, use_cache=False)
    scanned = {f.path for f in report.files}
    assert "app.py" in scanned and "src/main.py" in scanned
    assert not scanned & git_ignored(web)


def test_the_editors_index_and_watcher_of_a_package(tmp_path: Path) -> None:
    web = make_repo(tmp_path / "repo")
    index = WorkspaceIndex(web)
    walked = {rel for rel, _ in index.walk()}
    assert walked and not walked & git_ignored(web)
    assert index.ignored("dist/new.js") and index.ignored("generated/new.py")  # a write the watcher sees
    assert not index.ignored("src/new.py") and not index.ignored("keep.min.js")


@pytest.mark.parametrize("folder", ["packages", "packages/web/deep"])
def test_other_depths(tmp_path: Path, folder: str) -> None:
    make_repo(tmp_path / "repo")
    here = tmp_path / "repo" / folder
    expected = git_ignored(here)
    assert expected
    assert ours(here) == (expected, expected)


# -- the user's own excludes file (core.excludesFile) ------------------------------------
def test_the_default_user_excludes_file_applies_below_info_exclude(tmp_path: Path, own_home: Path) -> None:
    web = make_repo(tmp_path / "repo")
    write(own_home, ".config/git/ignore", "notes.py\nsrc/\n*.js\n")
    # info/exclude outranks it: its `!` keeps main.js; the folder's .gitignore outranks both
    (tmp_path / "repo" / ".git" / "info" / "exclude").write_text("!main.js\n")
    write(web, "src/main.js")
    write(web, "lib/main.js")
    write(web, "lib/util.js")
    expected = git_ignored(web)
    assert {"notes.py", "src/main.py", "lib/util.js"} <= expected and "lib/main.js" not in expected
    assert "vendor.min.js" not in expected  # the package's own `!vendor.min.js` wins
    assert ours(web) == (expected, expected)
    assert ours(tmp_path / "repo") == (git_ignored(tmp_path / "repo"),) * 2


def test_core_excludes_file_named_in_the_global_config_with_a_tilde(tmp_path: Path, own_home: Path) -> None:
    web = make_repo(tmp_path / "repo")
    write(own_home, ".gitignore_global", "deep/\n")
    write(own_home, ".config/git/ignore", "app.py\n")  # not read: the config names another file
    write(own_home, ".gitconfig", "[core]\n\texcludesFile = ~/.gitignore_global\n")
    expected = git_ignored(web)
    assert "deep/local.py" in expected and "app.py" not in expected
    assert ours(web) == (expected, expected)


def test_core_excludes_file_in_the_repositorys_config_and_a_change_of_it(tmp_path: Path, own_home: Path) -> None:
    web = make_repo(tmp_path / "repo")
    repo = tmp_path / "repo"
    write(tmp_path, "mine/ignore-a", "app.py\n")
    write(tmp_path, "mine/ignore-b", "notes.py\n")
    git(repo, "config", "core.excludesFile", str(tmp_path / "mine" / "ignore-a"))
    expected = git_ignored(web)
    assert "app.py" in expected
    assert ours(web) == (expected, expected)
    git(repo, "config", "core.excludesFile", str(tmp_path / "mine" / "ignore-b"))
    expected = git_ignored(web)
    assert "notes.py" in expected and "app.py" not in expected
    assert ours(web) == (expected, expected)  # a new IgnoreRules reads the changed config


def test_a_worktree_reads_the_same_user_excludes_file(tmp_path: Path, own_home: Path) -> None:
    repo = tmp_path / "repo"
    make_repo(repo)
    git(repo, "add", "-f", ".gitignore")
    git(repo, "commit", "-qm", "rules")
    write(own_home, ".config/git/ignore", "notes.py\n")
    wt = tmp_path / "wt"
    git(repo, "worktree", "add", "-q", str(wt), "-b", "other")
    wt_web = wt / "packages" / "web"
    for rel in FILES:
        write(wt_web, rel)
    expected = git_ignored(wt_web)
    assert "notes.py" in expected
    assert ours(wt_web) == (expected, expected)


def test_without_git_on_the_path_the_default_file_still_applies(
    tmp_path: Path, own_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    web = make_repo(tmp_path / "repo")
    write(own_home, ".config/git/ignore", "notes.py\n")
    expected = git_ignored(web)
    monkeypatch.setenv("PATH", str(tmp_path / "nothing-here"))
    gitinfo._excludes.clear()
    assert ours(web) == (expected, expected)
    assert "notes.py" in expected


def test_no_user_excludes_outside_a_repository(tmp_path: Path, own_home: Path) -> None:
    write(own_home, ".config/git/ignore", "*.py\n")
    folder = tmp_path / "plain"
    write(folder, "app.py")
    assert ours(folder) == (set(), set())  # git applies it only inside a repository
