"""Export to git-ai: the AI lines the sidecars record, as git-ai authorship logs (Git AI
Standard v3, notes under refs/notes/ai), so that a team running both tools loses
nothing. `provmark import --git-ai` reads them back.

A log belongs to a commit and counts lines as the file stood in that commit, so each
record is found in the file as it is now (as the manifest finds it), and `git blame`
of the working tree gives, line by line, the commit that introduced the line, the file's
path in that commit and the line's number there. The lines go into that commit's note,
under a session for the record's tool, model and conversation (its key is
`s_<sha256(tool:conversation)>::t_<one per record>`). A note already there is merged
with, never replaced: what git-ai wrote stays as it was, lines it already attests are
left alone (lines it says a person typed are reported, not overwritten), and a note that
cannot be read is not touched. Lines not committed yet have no commit to carry them:
they are reported, and exported by a later run once committed.

What git-ai is told (docs/pipeline.md, "Interchange"): records tagged AI (`origin.kind`
`ai` or `mixed`) whatever their training flag, since git-ai records authorship, not
training. Unreviewed records only with `unreviewed=True`: git-ai has no "suspected"
kind (an attested line is AI for its blame and statistics, an unattested one is
"untracked", no data), so the truthful default for lines nobody decided on is to say
nothing; when asked, they go out as AI sessions marked `provmark_status: unreviewed`
(and their score) in the session's custom attributes, which Provmark's import turns back
into unreviewed records. A kind other than `ai` rides in `provmark_kind`. A person's
records are not exported. Nothing of the file's text, prompts or transcripts is written.
"""

from __future__ import annotations

import hashlib
import itertools
import re
import subprocess
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from provmark.core.records import Record, status_of
from provmark.pipeline import gitai_notes
from provmark.pipeline.exclusion import file_result, read_sidecar, sidecar_files
from provmark.sources.gitinfo import git_command
from provmark.sources.sidecar import SidecarError

# Provmark's tool names where git-ai spells them differently (gitai_import.TOOLS reverses it)
GITAI_TOOLS = {"claude-code": "claude", "gemini-cli": "gemini"}
_BLAME_HEAD = re.compile(r"([0-9a-f]{40}|[0-9a-f]{64}) (\d+) (\d+)(?: \d+)?")


class ExportError(Exception):
    """The export cannot run at all (not a git repository, no commit, git cannot write)."""


@dataclass
class NoteChange:
    """Lines added to one commit's note."""

    commit: str
    created: bool  # a new note, or one merged with what was there
    added: dict[str, list[tuple[int, int]]]  # path in that commit -> runs of lines added
    text: str  # the whole note as written (or as it would be, in a dry run)


@dataclass
class Report:
    notes: list[NoteChange] = field(default_factory=list)
    added: int = 0  # lines added to notes
    already: int = 0  # lines git-ai's notes already gave to an AI session
    uncommitted: list[tuple[str, int, int, str]] = field(default_factory=list)  # path, first, last, record id
    persons: list[tuple[str, str, int, int]] = field(default_factory=list)  # commit, path, first, last
    unreviewed_left: int = 0  # unreviewed records not exported (unreviewed=False)
    problems: list[str] = field(default_factory=list)  # what could not be exported, and why

    @property
    def complete(self) -> bool:
        """Every AI line the sidecars record is in a note now."""
        return not (self.uncommitted or self.persons or self.problems)


@dataclass
class _Lines:
    """Lines of one record that one commit introduced."""

    record: Record
    lines: set[int] = field(default_factory=set)  # numbers in the commit's version of the file


def exported(rec: Record, unreviewed: bool) -> bool:
    """Whether git-ai is told about `rec` (see the module's docstring)."""
    if status_of(rec) == "unreviewed":
        return unreviewed
    return rec["origin"]["kind"] in ("ai", "mixed")


def agent_of(rec: Record) -> dict[str, str]:
    """git-ai's agent for a record: three strings, `unknown` where Provmark knows none."""
    o = rec["origin"]
    tool = o.get("tool")
    return {
        "tool": GITAI_TOOLS.get(tool, tool) if tool else gitai_notes.UNKNOWN,
        "id": o.get("session") or gitai_notes.UNKNOWN,
        "model": o.get("model") or gitai_notes.UNKNOWN,
    }


def attributes_of(rec: Record) -> dict[str, str]:
    """What the session says beyond its agent: Provmark's marks, as strings."""
    out: dict[str, str] = {}
    if rec["origin"]["kind"] != "ai":
        out[gitai_notes.ATTR_KIND] = rec["origin"]["kind"]
    if status_of(rec) == "unreviewed":
        out[gitai_notes.ATTR_STATUS] = "unreviewed"
        if rec.get("score") is not None:
            out[gitai_notes.ATTR_SCORE] = f"{rec['score']:.3f}"
    return out


def export_notes(root: Path, unreviewed: bool = False, dry_run: bool = False) -> Report:
    """Add the AI lines of `root`'s sidecars to the git-ai notes of the commits that
    introduced them (nothing is written when `dry_run`). ExportError when git cannot."""
    root = Path(root).resolve()
    _check_repository(root)
    report = Report()
    plan: dict[str, dict[str, list[_Lines]]] = defaultdict(lambda: defaultdict(list))
    for rel, path in sidecar_files(root):
        _plan_file(root, rel, path, unreviewed, plan, report)
    if not plan:
        return report
    if not dry_run:
        _check_identity(root)
    existing = _notes(root)
    for commit in sorted(plan):
        change = _merge(root, commit, plan[commit], existing.get(commit), report)
        if change is None:
            continue
        if not dry_run:
            _write(root, commit, change.text)
        report.notes.append(change)
    return report


def _plan_file(
    root: Path, rel: str, path: Path, unreviewed: bool, plan: dict[str, dict[str, list[_Lines]]], report: Report
) -> None:
    """Blame the lines of the exported records of one file into `plan`."""
    try:
        data = read_sidecar(root, rel, path)
    except (SidecarError, FileNotFoundError) as e:
        report.problems.append(f"{rel}: its sidecar cannot be read, so none of its records was exported: {e}")
        return
    result = file_result(root, rel, sidecar_path=path)
    if result is None or result.status in ("invalid", "unreadable"):
        why = "; ".join(result.problems) if result else "no sidecar"
        report.problems.append(f"{rel}: not exported: {why}")
        return
    where = {r["id"]: r["lines"] for r in result.records}
    chosen: list[tuple[Record, int, int]] = []
    for rec in data["records"]:
        if not exported(rec, unreviewed):
            report.unreviewed_left += status_of(rec) == "unreviewed"
            continue
        lines = where.get(rec["id"])
        if lines is None:
            report.problems.append(
                f"{rel}: record {rec['id']} (lines {rec['start_line']}-{rec['end_line']}) cannot be found in the "
                "file as it is now; not exported (`provmark check` lists stale records)"
            )
            continue
        chosen.append((rec, lines[0], lines[1]))
    if not chosen:
        return
    blamed = _blame(root, rel, [(a, b) for _, a, b in chosen])
    if isinstance(blamed, str):
        report.problems.append(f"{rel}: git blame failed, so its records were not exported: {blamed}")
        return
    for rec, a, b in chosen:
        loose: list[int] = []
        groups: dict[tuple[str, str], _Lines] = {}
        missing = [n for n in range(a, b + 1) if blamed and n not in blamed]
        if missing:  # git counts lines otherwise (a lone carriage return ends one for Provmark)
            spans = gitai_notes.format_ranges(gitai_notes.runs(missing))
            report.problems.append(f"{rel}: git blame does not give lines {spans} of record {rec['id']}; not exported")
            continue
        for n in range(a, b + 1):
            commit, then_path, then_line = blamed.get(n, ("0", rel, n))  # git does not know the file
            if not commit.strip("0"):
                loose.append(n)
                continue
            group = groups.get((commit, then_path))
            if group is None:
                group = groups[(commit, then_path)] = _Lines(rec)
                plan[commit][then_path].append(group)
            group.lines.add(then_line)
        report.uncommitted += [(rel, x, y, rec["id"]) for x, y in gitai_notes.runs(loose)]


def _merge(
    root: Path, commit: str, files: dict[str, list[_Lines]], blob: str | None, report: Report
) -> NoteChange | None:
    """`commit`'s note with the planned lines added (None when nothing is new, or when the
    note there cannot be read: it is left as it is and the lines are reported)."""
    if blob is None:
        note, created = gitai_notes.new_note(commit), True
    else:
        try:
            note, created = gitai_notes.parse(gitai_notes.git_out(root, "cat-file", "blob", blob) or ""), False
        except gitai_notes.NoteError as e:
            n = sum(len(g.lines) for groups in files.values() for g in groups)
            report.problems.append(
                f"the git-ai note on commit {commit[:12]} cannot be read ({e}); it was left as it is and "
                f"{n} AI line(s) of that commit were not exported"
            )
            return None
    added: dict[str, list[tuple[int, int]]] = {}
    for then_path, groups in sorted(files.items()):
        covered = note.covered(then_path)
        for group in groups:
            new = sorted(n for n in group.lines if n not in covered)
            report.already += sum(1 for n in group.lines if n in covered and not covered[n].startswith("h_"))
            persons = [n for n in group.lines if covered.get(n, "").startswith("h_")]
            report.persons += [(commit, then_path, a, b) for a, b in gitai_notes.runs(persons)]
            if not new:
                continue
            key = f"{_session(note, group.record)}::{_trace(group.record)}"
            note.add(then_path, key, gitai_notes.runs(new))
            covered.update(dict.fromkeys(new, key))
            added.setdefault(then_path, []).extend(gitai_notes.runs(new))
            report.added += len(new)
    if not added:
        return None
    return NoteChange(commit, created, added, note.text())


def _session(note: gitai_notes.Note, rec: Record) -> str:
    """The note's session for `rec`'s agent and marks: the one git-ai would name for the
    same tool and conversation when it says the same, else a new one."""
    agent, attrs = agent_of(rec), attributes_of(rec)
    sessions = note.metadata.setdefault("sessions", {})
    for n in itertools.count():
        conversation = agent["id"] if n == 0 else f"{agent['id']}#{n}"
        sid = gitai_notes.session_id(agent["tool"], conversation)
        have = sessions.get(sid)
        if have is None:
            session: dict[str, Any] = {"agent_id": agent, "human_author": None}
            if attrs:
                session["custom_attributes"] = attrs
            sessions[sid] = session
            return sid
        if isinstance(have, dict) and have.get("agent_id") == agent and (have.get("custom_attributes") or {}) == attrs:
            return sid
    raise AssertionError("unreachable")  # pragma: no cover


def _trace(rec: Record) -> str:
    # One trace (git-ai: one checkpoint) per record, the same on every run.
    return "t_" + hashlib.sha256(f"provmark:{rec['id']}".encode()).hexdigest()[:14]


def _blame(root: Path, rel: str, ranges: list[tuple[int, int]]) -> dict[int, tuple[str, str, int]] | str:
    """Line of the working-tree file -> (commit, path in that commit, line there); the
    commit is all zeros for a line not committed yet. A message when git cannot say."""
    spans = [arg for a, b in _merged(ranges) for arg in ("-L", f"{a},{b}")]
    args = ("-c", "core.quotePath=false", "blame", "--porcelain", *spans, "--", rel)
    try:
        r = subprocess.run(git_command(root, *args), cwd=root, capture_output=True, timeout=300)
    except (OSError, subprocess.TimeoutExpired) as e:
        return str(e)
    if r.returncode != 0:
        if not _tracked(root, rel):  # a file git does not know: none of it is committed
            return {}
        return r.stderr.decode("utf-8", errors="replace").strip()[:300]
    out: dict[int, tuple[str, str, int]] = {}
    paths: dict[str, str] = {}
    commit, orig, final = "", 0, 0
    for line in r.stdout.decode("utf-8", errors="replace").split("\n"):
        if line.startswith("\t"):  # the line's text: not kept
            out[final] = (commit, paths.get(commit, rel), orig)
            continue
        m = _BLAME_HEAD.fullmatch(line)
        if m:
            commit, orig, final = m.group(1), int(m.group(2)), int(m.group(3))
        elif line.startswith("filename ") and commit:
            paths[commit] = _unquote(line[len("filename ") :])
    return out


def _merged(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    return gitai_notes.runs(n for a, b in ranges for n in range(a, b + 1))


def _unquote(name: str) -> str:
    """A path as git prints it: C-quoted when it holds unusual characters."""
    if not (len(name) > 1 and name.startswith('"') and name.endswith('"')):
        return name
    raw = name[1:-1].encode("latin-1", errors="backslashreplace").decode("unicode_escape")
    return raw.encode("latin-1", errors="replace").decode("utf-8", errors="replace")


def _tracked(root: Path, rel: str) -> bool:
    return gitai_notes.git_out(root, "ls-files", "--error-unmatch", "--", rel) is not None


def _check_repository(root: Path) -> None:
    if gitai_notes.git_out(root, "rev-parse", "--git-dir") is None:
        raise ExportError(f"{root} is not in a git repository: git-ai's notes belong to commits")
    if gitai_notes.git_out(root, "rev-parse", "--verify", "--quiet", "HEAD^{commit}") is None:
        raise ExportError(f"{root}: the repository has no commit yet, so no line can be given to one; commit first")


def _check_identity(root: Path) -> None:
    # git notes records who wrote the note; without a name it refuses, after nothing.
    if gitai_notes.git_out(root, "var", "GIT_COMMITTER_IDENT") is None:
        raise ExportError(
            "git does not know who you are (user.name and user.email), and a note is a commit; "
            "nothing was written: set them (git config user.name/user.email) and run it again"
        )


def _notes(root: Path) -> dict[str, str]:
    """Annotated commit -> its note's blob, under refs/notes/ai."""
    listing = gitai_notes.git_out(root, "notes", f"--ref={gitai_notes.NOTES_REF}", "list") or ""
    return {parts[1]: parts[0] for parts in (line.split() for line in listing.splitlines()) if len(parts) == 2}


def _write(root: Path, commit: str, text: str) -> None:
    args = ("notes", f"--ref={gitai_notes.NOTES_REF}", "add", "--force", "--file=-", commit)
    try:
        r = subprocess.run(git_command(root, *args), cwd=root, input=text.encode(), capture_output=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as e:
        raise ExportError(f"writing the note on {commit[:12]} failed: {e}") from e
    if r.returncode != 0:
        why = r.stderr.decode("utf-8", errors="replace").strip()[:300]
        raise ExportError(f"git could not write the note on {commit[:12]}: {why}")


def run(root: Path, dry_run: bool = False, unreviewed: bool = False, out: TextIO | None = None,
        err: TextIO | None = None) -> int:  # fmt: skip
    """`provmark export --git-ai`: 0 every AI line is in a note, 1 some could not be
    (each named on stderr), 2 the export cannot run."""
    out, err = out or sys.stdout, err or sys.stderr
    try:
        report = export_notes(root, unreviewed, dry_run)
    except ExportError as e:
        print(f"provmark export: {e}", file=err)
        return 2
    verb = "would add" if dry_run else "added"
    for change in report.notes:
        where = "; ".join(f"{p} {gitai_notes.format_ranges(rs)}" for p, rs in change.added.items())
        kind = "a new note" if change.created else "the note there, merged"
        print(f"{verb} to {change.commit[:12]} ({kind}): {where}", file=out)
    for path, a, b, rid in report.uncommitted:
        print(f"provmark export: {path}:{a}-{b} (record {rid}) is not committed yet, so no commit can carry it: "
              "commit it and export again", file=err)  # fmt: skip
    for commit, path, a, b in report.persons:
        print(f"provmark export: {path}:{a}-{b} in {commit[:12]}: git-ai's note says a person wrote these lines; "
              "left as git-ai says", file=err)  # fmt: skip
    for problem in report.problems:
        print(f"provmark export: {problem}", file=err)
    loose = sum(b - a + 1 for _, a, b, _ in report.uncommitted)
    summary = (
        f"git-ai: {report.added} AI line(s) {verb} to {len(report.notes)} note(s) under {gitai_notes.NOTES_REF}"
        f"{' (dry run: nothing written)' if dry_run else ''}; {report.already} already there; "
        f"{loose} not committed yet"
    )
    if report.unreviewed_left:
        summary += f"; {report.unreviewed_left} unreviewed record(s) left out (--with-unreviewed exports them)"
    print(summary, file=out)
    if report.notes and not dry_run:
        print(f"share them: git push origin {gitai_notes.NOTES_REF}", file=out)
    return 0 if report.complete else 1
