"""Workspace folders without a server: which folder a file belongs to (the deepest that
holds it), the folders the client names, copies across folders' indexes, the nested
folders an index leaves alone, and a document moving from one folder's tracker to
another's."""

from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace

import pytest

from provmark.core.tracker import Tracker
from provmark.lsp.folders import FolderCopies, nested_in, owner, relative, resolved, specs_of
from provmark.settings import Settings
from provmark.sources import sidecar
from provmark.sources.workspace_index import FilesIO, WorkspaceIndex
from support.samples import AI_BLOCK, handlers

HUMAN = handlers(30)


def test_the_deepest_folder_that_holds_a_file_owns_it() -> None:
    outer, inner, other = Path("/ws/app"), Path("/ws/app/libs/inner"), Path("/ws/other")
    roots = [outer, other, inner]  # the client's order does not matter
    assert owner(Path("/ws/app/main.py"), roots) == outer
    assert owner(Path("/ws/app/libs/inner/x.py"), roots) == inner
    assert owner(Path("/ws/app/libs/inner"), roots) == inner  # the folder itself
    assert owner(Path("/ws/app/libs/x.py"), roots) == outer
    assert owner(Path("/ws/other/deep/er/y.py"), roots) == other


def test_paths_outside_every_folder_have_no_owner() -> None:
    roots = [Path("/ws/app"), Path("/ws/lib")]
    assert owner(Path("/ws/application/main.py"), roots) is None  # a prefix of the name is not a parent
    assert owner(Path("/ws/main.py"), roots) is None
    assert owner(Path("/elsewhere/app/main.py"), roots) is None
    assert owner(Path("/ws/app/main.py"), []) is None


def test_relative_paths_leave_out_the_folder_itself_and_its_sidecars() -> None:
    root = Path("/ws/app")
    assert relative(Path("/ws/app/src/a.py"), root) == "src/a.py"
    assert relative(Path("/ws/app"), root) is None
    assert relative(Path("/ws/app/.provmark/src/a.py.json"), root) is None
    assert relative(Path("/ws/app/.provmarkish/a.py"), root) == ".provmarkish/a.py"
    assert relative(Path("/ws/lib/a.py"), root) is None


def test_nested_folders_are_named_relative_to_the_folder_they_are_in() -> None:
    roots = [Path("/ws/app"), Path("/ws/app/libs/inner"), Path("/ws/app/tools"), Path("/ws/other")]
    assert nested_in(Path("/ws/app"), roots) == ("libs/inner", "tools")
    assert nested_in(Path("/ws/app/libs/inner"), roots) == ()
    assert nested_in(Path("/ws/other"), roots) == ()


def test_symlinks_are_resolved_to_the_folder_that_really_holds_the_file(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    (b / "src").mkdir(parents=True)
    a.mkdir()
    (b / "src" / "x.py").write_text("x = 1\n")
    os.symlink(b / "src", a / "linked")
    roots = [a.resolve(), b.resolve()]
    # Reached through a link in `a`, the file is `b`'s.
    assert owner(resolved(a / "linked" / "x.py"), roots) == b.resolve()
    # A file not on disk yet, under the link: still `b`'s (resolved as far as it exists).
    assert owner(resolved(a / "linked" / "new.py"), roots) == b.resolve()
    # A folder the client names through a link is the folder it points to.
    os.symlink(b, tmp_path / "b-link")
    [spec] = specs_of([SimpleNamespace(uri=(tmp_path / "b-link").as_uri(), name="b")])
    assert spec.root == b.resolve()


def test_a_symlink_loop_does_not_break_the_lookup(tmp_path: Path) -> None:
    os.symlink(tmp_path / "loop", tmp_path / "loop")
    path = resolved(tmp_path / "loop" / "x.py")
    assert owner(path, [tmp_path.resolve() / "other"]) is None


def test_the_folders_of_initialize_in_order_each_once(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    folders = [
        SimpleNamespace(uri=a.as_uri(), name="first"),
        SimpleNamespace(uri="untitled:Untitled-1", name="no file"),
        SimpleNamespace(uri=b.as_uri(), name=""),
        SimpleNamespace(uri=a.as_uri() + "/", name="again"),
    ]
    specs = specs_of(folders)
    assert [(s.root, s.name) for s in specs] == [(a.resolve(), "first"), (b.resolve(), "b")]
    assert [s.root for s in specs_of([], root_uri=b.as_uri())] == [b.resolve()]
    assert [s.root for s in specs_of(None, root_path=str(a))] == [a.resolve()]
    assert specs_of(None) == []


def _index(root: Path, files: dict[str, str]) -> WorkspaceIndex:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    index = WorkspaceIndex(root)
    index.build()
    return index


def test_copies_are_found_in_every_folder_and_named_by_absolute_path(tmp_path: Path) -> None:
    from provmark.core.copies import solid_norms

    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    half = len(AI_BLOCK.splitlines()) // 2
    first, second = "\n".join(AI_BLOCK.splitlines()[:half]), "\n".join(AI_BLOCK.splitlines()[half:])
    own = _index(a, {"one.py": first})
    theirs = _index(b, {"lib/two.py": second})
    copies = FolderCopies(own, lambda: [(b, theirs)])
    norms = solid_norms(AI_BLOCK.splitlines())
    fraction, files = copies.candidates(norms)
    assert fraction == 1.0  # half in each folder: all of it inside the workspace
    assert own.candidates(norms)[0] < 0.7 and theirs.candidates(norms)[0] < 0.7
    assert files == ["one.py", str(b / "lib" / "two.py")]
    # Files of a folder nested in the other one are that folder's own: not named from there.
    theirs.excluded = ("lib",)
    assert copies.candidates(norms)[1] == ["one.py"]
    copies.add("three.py", ["value = compute(first_value, second_value)"])
    assert "three.py" in own.snapshots and "three.py" not in theirs.snapshots
    assert copies.candidates([]) == (0.0, [])


def test_an_index_leaves_nested_folders_to_themselves_and_takes_them_back(tmp_path: Path) -> None:
    index = _index(tmp_path, {"a.py": "x = 1\n", "inner/b.py": "y = 2\n", "inner/deep/c.py": "z = 3\n"})
    assert set(index.snapshots.paths()) == {"a.py", "inner/b.py", "inner/deep/c.py"}
    index.excluded = ("inner",)
    index.forget_under("inner")
    assert set(index.snapshots.paths()) == {"a.py"}
    assert index.ignored("inner/b.py") and index.ignored("inner", is_dir=True)
    assert not index.ignored("inner.py") and not index.ignored("innermost/x.py")
    assert [rel for rel, _ in index.walk()] == ["a.py"]
    # The nested folder leaves the workspace: its files are the outer folder's again.
    index.excluded = ()
    assert index.build("inner") == 2
    assert set(index.snapshots.paths()) == {"a.py", "inner/b.py", "inner/deep/c.py"}


def test_a_subtree_is_indexed_with_the_gitignore_files_above_it(tmp_path: Path) -> None:
    index = _index(tmp_path, {"pkg/.gitignore": "*.gen.py\n", "pkg/sub/a.py": "x = 1\n", "pkg/sub/b.gen.py": "y = 2\n"})
    index.snapshots.forget("pkg/sub/a.py")
    index.rules = None  # as if nothing had been walked yet
    assert index.build("pkg/sub") == 1
    assert "pkg/sub/a.py" in index.snapshots and "pkg/sub/b.gen.py" not in index.snapshots


def _tracker(root: Path, shared: Tracker | None = None) -> Tracker:
    index = WorkspaceIndex(root)
    index.build()
    return Tracker(Settings(), index, root, io=FilesIO(root), shared=shared.memory if shared else None)


def test_a_document_moves_to_another_folder_with_its_flags_and_that_folders_tags(tmp_path: Path) -> None:
    outer, inner = tmp_path / "outer", tmp_path / "outer" / "inner"
    inner.mkdir(parents=True)
    (inner / "app.py").write_text(HUMAN)
    a = _tracker(outer)
    b = _tracker(inner, shared=a)
    uri = (inner / "app.py").as_uri()
    # A tag in the outer folder's sidecar, on lines 1-2.
    outer_record = sidecar.make_record(HUMAN.splitlines()[0:2], 1, {"kind": "human"}, "include")
    a.open(uri, HUMAN, 1, "python", "inner/app.py", "utf-16", {"records": [outer_record]})
    a.change(uri, 2, [(((30, 0), (30, 0)), AI_BLOCK)], 50.0)
    [flag] = a.judge(uri, 100.0)
    flag.review = "r_outer"
    assert {f.code for f in a.findings(uri)} == {"human-tagged", flag.code}

    # The inner folder's own sidecar tags lines 5-6.
    inner_record = sidecar.make_record(HUMAN.splitlines()[4:6], 5, {"kind": "human"}, "include")
    state = a.release(uri)
    assert state is not None and a.view(uri) is None
    unrecorded = b.adopt(uri, state, "app.py", {"records": [inner_record]})
    assert unrecorded == [flag] and flag.review is None  # to be recorded in the inner sidecar
    view = b.view(uri)
    assert view is not None and view.rel == "app.py" and b.moved(uri)  # to be published again
    found = b.findings(uri)
    assert [(f.code, f.start) for f in found if f.code == "human-tagged"] == [("human-tagged", 4)]
    assert any(f.start == 30 and f.severity == "warning" for f in found)


def test_trackers_of_different_folders_share_what_they_know_of_ai_lines(tmp_path: Path) -> None:
    a_root, b_root = tmp_path / "a", tmp_path / "b"
    a_root.mkdir()
    b_root.mkdir()
    a = _tracker(a_root)
    b = _tracker(b_root, shared=a)
    b.settings = Settings(warn_threshold=0.9)
    assert a.settings.warn_threshold == 0.5  # settings stay each folder's
    ua, ub = (a_root / "x.py").as_uri(), (b_root / "y.py").as_uri()
    a.open(ua, HUMAN, 1, "python", "x.py", "utf-16")
    b.open(ub, HUMAN, 1, "python", "y.py", "utf-16")
    a.change(ua, 2, [(((30, 0), (30, 0)), AI_BLOCK)], 50.0)
    assert a.judge(ua, 100.0)
    # The same AI lines pasted in the other folder: known as AI there too.
    b.change(ub, 2, [(((30, 0), (30, 0)), AI_BLOCK)], 200.0)
    [flag] = b.judge(ub, 300.0)
    assert any(e.signal == "copy-of-ai" for e in flag.evidence)


@pytest.mark.parametrize("peers", [False, True])
def test_a_copy_of_another_folders_open_document_is_a_copy_when_peers_are_given(tmp_path: Path, peers: bool) -> None:
    a_root, b_root = tmp_path / "a", tmp_path / "b"
    a_root.mkdir()
    b_root.mkdir()
    a = _tracker(a_root)
    b = _tracker(b_root, shared=a)
    if peers:
        b.peers = lambda: [*a.docs.values(), *b.docs.values()]
    body = "".join(f"def step_{i}(state):\n    return advance(state, {i})\n\n" for i in range(12))
    ua, ub = (a_root / "x.py").as_uri(), (b_root / "y.py").as_uri()
    a.open(ua, body, 1, "python", "x.py", "utf-16")  # open, never saved: only the buffer has it
    b.open(ub, HUMAN, 1, "python", "y.py", "utf-16")
    b.change(ub, 2, [(((30, 0), (30, 0)), body)], 50.0)
    b.judge(ub, 100.0)
    verdict = b.docs[ub].judgements[-1].verdict
    assert (verdict == "copy") == peers, verdict
