"""`provmark export --git-ai`: sidecars' AI lines into git-ai's authorship notes on the
commits that introduced them, merged with git-ai's own notes, and back again."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from provmark.pipeline import gitai_notes
from provmark.pipeline.exclusion import manifest, read_sidecar
from provmark.pipeline.gitai_export import export_notes, run
from provmark.pipeline.gitai_import import import_notes
from provmark.sources import sidecar
from support.workloads import git

HUMAN = [f"def handler_{i}(request):" for i in range(6)]
AI = [f"    value_{k} = transform(payload, option={k})" for k in range(8)]
CODEX = [f"    result_{k} = compute(items, level={k})" for k in range(5)]
CLAUDE = {"kind": "ai", "tool": "claude-code", "model": "claude-opus-4-5", "session": "sess-9"}


@pytest.fixture(autouse=True)
def _identity(monkeypatch: pytest.MonkeyPatch) -> None:
    # git notes records who wrote a note, as a commit does
    for key in ("GIT_AUTHOR_NAME", "GIT_COMMITTER_NAME"):
        monkeypatch.setenv(key, "dev")
    for key in ("GIT_AUTHOR_EMAIL", "GIT_COMMITTER_EMAIL"):
        monkeypatch.setenv(key, "dev@example.com")


def _repo(root: Path) -> None:
    root.mkdir(parents=True, exist_ok=True)
    git(root, "init", "-q", "-b", "main")
    (root / ".git" / "info" / "exclude").write_text(".provmark/\n")  # sidecars stay in this clone


def _commit(root: Path, message: str) -> str:
    git(root, "add", "-A")
    git(root, "commit", "-qm", message)
    return git(root, "rev-parse", "HEAD").strip()


def _tag(root: Path, rel: str, lines: list[str], start: int, origin: dict[str, Any], **kw: Any) -> str:
    rec = sidecar.make_record(lines, start, origin, "exclude", **kw)
    sidecar.update(root, rel, add=[rec])
    return rec["id"]


def _note(root: Path, commit: str) -> str:
    return git(root, "notes", "--ref=ai", "show", commit)


def _origins(root: Path) -> list[tuple[str, int, int, Any, Any, str]]:
    """(path, first, last, tool, model, status) of every record, where it is now."""
    out = []
    for r in manifest(root):
        where = {x["id"]: x["lines"] for x in r.records}
        for rec in read_sidecar(root, r.path)["records"]:
            a, b = where[rec["id"]]
            o = rec["origin"]
            out.append((r.path, a, b, o["tool"], o["model"], rec.get("status", "tagged")))
    return sorted(out)


def _clone_and_import(origin: Path, dest: Path) -> None:
    subprocess.run(["git", "clone", "-q", str(origin), str(dest)], check=True, capture_output=True)
    git(dest, "fetch", "-q", "origin", f"{gitai_notes.NOTES_REF}:{gitai_notes.NOTES_REF}")
    assert not (dest / ".provmark").exists()
    import_notes(dest)


def test_round_trip_through_git_ai_notes(tmp_path: Path) -> None:
    """Tag, commit, export, clone without sidecars, import: the manifest leaves out the
    same lines, with the same tool and model."""
    a = tmp_path / "a"
    _repo(a)
    (a / "app.py").write_text("\n".join(HUMAN) + "\n")
    _commit(a, "human start")
    (a / "app.py").write_text("\n".join(HUMAN + AI) + "\n")
    _tag(a, "app.py", AI, 7, CLAUDE)
    c2 = _commit(a, "claude's lines")
    # later: a person adds lines on top (the note of c2 counts lines as they were in c2),
    # and codex writes a file with a space in its name
    (a / "app.py").write_text("import os\nimport sys\n" + "\n".join(HUMAN + AI) + "\n")
    (a / "src").mkdir()
    (a / "src" / "my tool.py").write_text("\n".join(["def run():", *CODEX, "", "# end"]) + "\n")
    _tag(a, "src/my tool.py", CODEX, 2, {"kind": "ai", "tool": "codex", "model": "gpt-5-codex", "session": None})
    c3 = _commit(a, "more")

    report = export_notes(a)
    assert report.complete and report.added == len(AI) + len(CODEX)
    assert {n.commit for n in report.notes} == {c2, c3}
    note = gitai_notes.parse(_note(a, c2))
    assert note.metadata["schema_version"] == "authorship/3.0.0" and note.metadata["base_commit_sha"] == c2
    [(key, ranges)] = [(e.key, e.ranges) for b in note.files for e in b.entries]
    assert ranges == [(7, 14)]  # as the file stood in c2, not at HEAD (9-16)
    sid = key.split("::")[0]
    assert key.startswith("s_") and "::t_" in key
    assert note.metadata["sessions"][sid]["agent_id"] == {"tool": "claude", "id": "sess-9", "model": "claude-opus-4-5"}
    assert sid == gitai_notes.session_id("claude", "sess-9")  # the id git-ai gives the same conversation
    assert '"src/my tool.py"' in _note(a, c3)  # quoted: the path holds a space
    assert "transform" not in _note(a, c2) + _note(a, c3)  # no source text

    again = export_notes(a)  # idempotent
    assert again.added == 0 and again.already == len(AI) + len(CODEX) and not again.notes

    b = tmp_path / "b"
    _clone_and_import(a, b)
    assert [r.to_json() for r in manifest(b)] == [r.to_json() for r in manifest(a)]
    assert _origins(b) == _origins(a)
    assert ("app.py", 9, 16, "claude-code", "claude-opus-4-5", "tagged") in _origins(b)


def test_an_existing_git_ai_note_is_merged_never_dropped(tmp_path: Path) -> None:
    _repo(tmp_path)
    (tmp_path / "a.py").write_text("\n".join(AI) + "\n")
    sha = _commit(tmp_path, "add")
    theirs = (
        "a.py\n"
        "  abcd1234abcd1234 1-2\n"
        "  h_31dce776f88375 3-4\n"
        "other.py\n"
        "  s_c9883b05a2487d::t_9f8e7d6c5b4a32 1-10\n"
        "---\n"
        + json.dumps(
            {
                "schema_version": "authorship/3.0.0",
                "git_ai_version": "1.4.5",
                "base_commit_sha": sha,
                "prompts": {"abcd1234abcd1234": {"agent_id": {"tool": "cursor", "id": "c-1", "model": "gpt-4"},
                                                 "human_author": None, "total_additions": 2, "total_deletions": 0,
                                                 "accepted_lines": 2, "overriden_lines": 0}},
                "humans": {"h_31dce776f88375": {"author": "Dev <dev@example.com>"}},
                "sessions": {"s_c9883b05a2487d": {"agent_id": {"tool": "claude", "id": "x", "model": "m"},
                                                  "human_author": "dev@example.com"}},
            },
            indent=2,
        )
    )  # fmt: skip
    git(tmp_path, "notes", "--ref=ai", "add", "-m", theirs, sha)
    _tag(tmp_path, "a.py", AI[:6], 1, CLAUDE)

    report = export_notes(tmp_path)
    assert report.added == 2 and report.already == 2  # lines 5-6 new; 1-2 git-ai's AI already
    assert report.persons == [(sha, "a.py", 3, 4)]  # git-ai saw a person type 3-4: left as it says
    assert not report.complete
    merged = gitai_notes.parse(_note(tmp_path, sha))
    for line in ("  abcd1234abcd1234 1-2", "  h_31dce776f88375 3-4", "  s_c9883b05a2487d::t_9f8e7d6c5b4a32 1-10"):
        assert line in _note(tmp_path, sha)
    before = json.loads(theirs.split("---\n", 1)[1])
    for table in ("prompts", "humans"):
        assert merged.metadata[table] == before[table]
    assert merged.metadata["git_ai_version"] == "1.4.5"
    assert before["sessions"].items() <= merged.metadata["sessions"].items()
    ours = [e for b in merged.files if b.path == "a.py" for e in b.entries][-1]
    assert ours.ranges == [(5, 6)]
    # a note git-ai wrote and Provmark added to reads back: git-ai's AI lines and Provmark's
    (tmp_path / ".provmark" / "a.py.json").unlink()
    assert import_notes(tmp_path)["records"] == 2


def test_uncommitted_lines_are_reported_not_lost(tmp_path: Path) -> None:
    _repo(tmp_path)
    (tmp_path / "a.py").write_text("\n".join(HUMAN) + "\n")
    _commit(tmp_path, "start")
    (tmp_path / "a.py").write_text("\n".join(HUMAN + AI) + "\n")
    rid = _tag(tmp_path, "a.py", AI, 7, CLAUDE)
    (tmp_path / "new.py").write_text("\n".join(CODEX) + "\n")  # a file git does not know yet
    rid2 = _tag(tmp_path, "new.py", CODEX, 1, CLAUDE)
    report = export_notes(tmp_path)
    assert report.added == 0 and not report.notes
    assert sorted(report.uncommitted) == sorted([("a.py", 7, 14, rid), ("new.py", 1, 5, rid2)])
    out = subprocess.run(
        [sys.executable, "-m", "provmark", "export", "--git-ai", str(tmp_path)], capture_output=True, text=True
    )
    assert out.returncode == 1
    assert f"a.py:7-14 (record {rid}) is not committed yet" in out.stderr
    assert "Traceback" not in out.stderr


def test_unreviewed_records_go_out_only_when_asked_and_come_back_unreviewed(tmp_path: Path) -> None:
    a = tmp_path / "a"
    _repo(a)
    (a / "a.py").write_text("\n".join(HUMAN + AI) + "\n")
    _tag(a, "a.py", AI, 7, {"kind": "unknown"}, tagged_by="provmark", status="unreviewed", score=0.91)
    sha = _commit(a, "add")
    assert export_notes(a).unreviewed_left == 1  # by default git-ai is told nothing of them
    assert git(a, "notes", "--ref=ai", "list") == ""

    report = export_notes(a, unreviewed=True)
    assert report.added == len(AI)
    [session] = gitai_notes.parse(_note(a, sha)).metadata["sessions"].values()
    assert session["custom_attributes"] == {"provmark_kind": "unknown", "provmark_status": "unreviewed",
                                            "provmark_score": "0.910"}  # fmt: skip
    assert session["agent_id"] == {"tool": "unknown", "id": "unknown", "model": "unknown"}

    b = tmp_path / "b"
    _clone_and_import(a, b)
    [rec] = read_sidecar(b, "a.py")["records"]
    assert rec["status"] == "unreviewed" and rec["origin"]["kind"] == "unknown" and rec["score"] == 0.91
    assert [r.to_json() for r in manifest(b)] == [r.to_json() for r in manifest(a)]


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    _repo(tmp_path)
    (tmp_path / "a.py").write_text("\n".join(AI) + "\n")
    sha = _commit(tmp_path, "add")
    _tag(tmp_path, "a.py", AI, 1, CLAUDE)
    out = subprocess.run(
        [sys.executable, "-m", "provmark", "export", "--git-ai", "--dry-run", str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stderr
    assert f"would add to {sha[:12]} (a new note): a.py 1-8" in out.stdout and "dry run" in out.stdout
    assert git(tmp_path, "notes", "--ref=ai", "list") == ""


def test_failures_are_messages_not_tracebacks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plain = tmp_path / "plain"
    plain.mkdir()
    assert run(plain) == 2
    assert "is not in a git repository" in capsys.readouterr().err

    empty = tmp_path / "empty"
    _repo(empty)
    assert run(empty) == 2
    assert "has no commit yet" in capsys.readouterr().err

    repo = tmp_path / "repo"
    _repo(repo)
    (repo / "a.py").write_text("\n".join(AI) + "\n")
    sha = _commit(repo, "add")
    git(repo, "notes", "--ref=ai", "add", "-m", "not an authorship log", sha)
    _tag(repo, "a.py", AI, 1, CLAUDE)
    assert run(repo) == 1
    err = capsys.readouterr().err
    assert f"the git-ai note on commit {sha[:12]} cannot be read" in err and "left as it is" in err
    assert _note(repo, sha).strip() == "not an authorship log"

    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "server")}
    for argv in (["--git-ai", "--include-unreviewed"], ["--agent-trace", "--dry-run"], []):
        out = subprocess.run(
            [sys.executable, "-m", "provmark", "export", *argv, str(repo)], capture_output=True, text=True, env=env
        )
        assert out.returncode == 2 and "Traceback" not in out.stderr, argv


def test_note_format() -> None:
    text = 'src/a.py\n  s_0123456789abcd::t_0123456789abcd 1-4,9\n"my file.py"\n  0123abcd 2\n---\n{"schema_version": "authorship/3.0.0", "base_commit_sha": "x", "prompts": {}}\n'  # noqa: E501
    note = gitai_notes.parse(text)
    assert [(b.path, [(e.key, e.ranges) for e in b.entries]) for b in note.files] == [
        ("src/a.py", [("s_0123456789abcd::t_0123456789abcd", [(1, 4), (9, 9)])]),
        ("my file.py", [("0123abcd", [(2, 2)])]),
    ]
    assert gitai_notes.parse(note.text()).files == note.files
    assert gitai_notes.runs([3, 1, 2, 7]) == [(1, 3), (7, 7)]
    assert gitai_notes.format_ranges([(9, 9), (1, 4)]) == "1-4,9"
    for bad in ("a.py\n  zz 1\n---\n{}", "no divider", 'a.py\n---\n{"schema_version": "authorship/2.0.0"}'):
        with pytest.raises(gitai_notes.NoteError):
            gitai_notes.parse(bad)
