"""The training pipeline's side: what to leave out of a tree, from its sidecars.

A pure library (no language server): read sidecars as untrusted input, find every
record again in the file as it is now, and fail closed. A file whose sidecar cannot be
read, or whose `training: exclude` record cannot be found again, is excluded whole.

    for entry in manifest(root):            # {"path", "exclude": [[a, b], ...] | "all", "status"}
        ...
    ranges, status = excluded_ranges(root, "src/app.py", text)
    kept = filter_text(text, ranges)
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from provmark.core.lines import line_hash
from provmark.core.records import Record, SidecarData, status_of
from provmark.core.regions import merge_runs
from provmark.core.relocate import locate, squeezed_of
from provmark.pipeline.policy import Policy
from provmark.sources.declared_commits import (
    DeclaredRun,
    GitError,
    History,
    blame,
    declared_runs,
    has_head,
    head_signature,
    is_repository,
    read_history,
    with_commit_graph,
)
from provmark.sources.gitinfo import find_repository
from provmark.sources.sidecar import SIDECAR_DIR, SidecarError, load

ALL = "all"
DEFAULT = Policy()


@dataclass
class FileResult:
    """What the pipeline must leave out of one file."""

    path: str
    exclude: list[tuple[int, int]] | str  # 1-based inclusive line ranges, or "all"
    status: str  # "fresh", "relocated", "stale" (a record is lost), "invalid" (the sidecar), "unreadable" (the file)
    problems: list[str] = field(default_factory=list)
    records: list[dict[str, Any]] = field(default_factory=list)  # each record: id, found lines or None
    # Why each range is left out: "tagged" (someone, or proof, said AI) or "unreviewed"
    # (Provmark flagged it and nobody has decided yet); 1-based, inclusive.
    reasons: dict[str, list[tuple[int, int]]] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        exclude: Any = self.exclude if self.exclude == ALL else [list(r) for r in self.exclude]
        out: dict[str, Any] = {"path": self.path, "exclude": exclude, "status": self.status}
        if exclude != ALL and self.reasons:
            out["reasons"] = {why: [list(r) for r in runs] for why, runs in sorted(self.reasons.items())}
        return out


def sidecar_files(root: Path) -> Iterator[tuple[str, Path]]:
    """(source path relative to root, sidecar file) for every sidecar under .provmark/."""
    base = root / SIDECAR_DIR
    if not base.is_dir():
        return
    for dirpath, dirnames, filenames in os.walk(base, followlinks=False):
        dirnames.sort()
        for name in sorted(filenames):
            if not name.endswith(".json") or name.startswith("."):
                continue
            p = Path(dirpath) / name
            yield p.relative_to(base).as_posix()[: -len(".json")], p


def read_sidecar(root: Path, rel: str, path: Path | None = None) -> SidecarData:
    """A sidecar, checked as untrusted input; SidecarError names the file and the fault,
    FileNotFoundError when there is none."""
    data = load(root, rel, path)
    if data is None:
        raise FileNotFoundError(path or root / SIDECAR_DIR / (rel + ".json"))
    return data


# Why a line is left out, strongest first: a line two reasons cover is said to be out for
# the first (a tagged record is a person's word; a style guess is the weakest).
REASONS = ("tagged", "unreviewed", "commit", "style")


def locate_records(
    data: SidecarData | None,
    text: str,
    policy: Policy = DEFAULT,
    declared: Sequence[DeclaredRun] = (),
    style: Sequence[tuple[int, int, float]] = (),
    rel: str | None = None,
) -> FileResult:
    """Find each record of a sidecar (and each run of lines a declaring commit wrote) in
    `text`; exclusion per the policy and the fail-closed rule. `style` holds the content
    model's blocks (1-based first, last line, probability): those at or above the
    policy's threshold are left out where no record says who wrote them."""
    lines = _lines(text)
    out = _Placing(FileResult(data["path"] if data is not None else rel or "", [], "fresh"), policy)
    out.records(data["records"] if data is not None else [], lines)
    if policy.commits == "exclude":
        out.declared(declared, out.hashes)
    if policy.style_threshold is not None:
        out.style(style, policy.style_threshold)
    return out.done()


class _Placing:
    """One file's exclusion as it is worked out: why each line is left out."""

    def __init__(self, result: FileResult, policy: Policy) -> None:
        self.result, self.policy = result, policy
        self.why: dict[int, str] = {}  # 1-based line -> reason
        self.decided: set[int] = set()  # lines a record covers: someone (or proof) said who wrote them
        self.hashes: list[str] = []

    def leave_out(self, a: int, b: int, reason: str) -> None:
        rank = REASONS.index(reason)
        for n in range(a, b + 1):
            if n not in self.why or rank < REASONS.index(self.why[n]):
                self.why[n] = reason

    def records(self, records: Sequence[Record], lines: list[str]) -> None:
        self.hashes = [line_hash(x) for x in lines]
        squeezed = squeezed_of(lines) if any(r.get("squeezed_hashes") for r in records) else None
        for rec in records:
            where = locate(rec, self.hashes, squeezed)
            if where is None:
                self.result.records.append({"id": rec["id"], "lines": None})
                if self.policy.excludes(rec):
                    self.result.problems.append(
                        f"record {rec['id']} (lines {rec['start_line']}-{rec['end_line']}) not found"
                    )
                continue
            a, b = where.start + 1, where.end + 1
            self.result.records.append({"id": rec["id"], "lines": [a, b]})
            self.decided.update(range(a, b + 1))
            if not (where.exact and a == rec["start_line"]):
                self.result.status = "relocated"
            if self.policy.excludes(rec):
                self.leave_out(a, b, status_of(rec))

    def declared(self, runs: Sequence[DeclaredRun], hashes: list[str]) -> None:
        for run in runs:
            if not self.policy.excludes_tool(run.tool):
                continue
            found = locate({"line_hashes": list(run.line_hashes), "start_line": run.start}, hashes)
            if found is None:
                self.result.problems.append(
                    f"lines {run.start}-{run.end} from commit {run.commit[:12]} ({run.tool}) not found"
                )
                continue
            if not (found.exact and found.start + 1 == run.start):
                self.result.status = "relocated"
            self.leave_out(found.start + 1, found.end + 1, "commit")

    def style(self, blocks: Sequence[tuple[int, int, float]], threshold: float) -> None:
        for a, b, p in blocks:
            if p >= threshold:
                for n in range(a, b + 1):
                    if n not in self.decided:
                        self.leave_out(n, n, "style")

    def done(self) -> FileResult:
        r = self.result
        if r.problems:
            r.exclude, r.status = ALL, "stale"
            return r
        r.exclude = merge_runs([(n, n) for n in self.why])
        r.reasons = {w: merge_runs([(n, n) for n, x in self.why.items() if x == w]) for w in set(self.why.values())}
        return r


def _lines(text: str) -> list[str]:
    # The same line rules as the editor's (only \n, \r\n and \r end a line).
    from provmark.core.textdoc import body_of, split_lines

    lines = [body_of(x) for x in split_lines(text)]
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()  # a final line ending ends the last line; it opens none
    return lines


def file_result(
    root: Path, rel: str, text: str | None = None, sidecar_path: Path | None = None, policy: Policy = DEFAULT
) -> FileResult | None:
    """What the sidecar of one file leaves out (None when it has none); git history and
    the content model are not consulted (`RepoExclusion` does that). `text` defaults to
    the file as it is on disk; a missing or unreadable file or sidecar is excluded whole."""
    try:
        data = read_sidecar(root, rel, sidecar_path)
    except FileNotFoundError:
        return None
    except SidecarError as e:
        return FileResult(rel, ALL, "invalid", [str(e)])
    got = _read(root, rel) if text is None else text
    if isinstance(got, FileResult):
        return got
    return locate_records(data, got, policy)


def _read(root: Path, rel: str) -> str | FileResult:
    try:
        raw = (root / rel).read_bytes()
    except OSError as e:
        return FileResult(rel, ALL, "unreadable", [f"{rel}: the source file cannot be read ({e.strerror})"])
    return raw.decode("utf-8", errors="replace")


class RepoExclusion:
    """What the pipeline leaves out of one repository under one policy: the sidecars'
    records, lines from commits that declare an AI tool, and (when the policy sets a
    threshold) code the content model finds AI-like. Git is read lazily and once: one
    `git log`, then `git blame` of a file only when that file is asked about (or of all
    the files such commits touched, in parallel, for a manifest). Thread-safe."""

    def __init__(self, root: Path, policy: Policy = DEFAULT, workers: int | None = None) -> None:
        self.root, self.policy, self.workers = Path(root), policy, workers
        self._lock = threading.Lock()
        self._history: History | None = None
        self._git_problem: str | None = None
        self._runs: dict[str, list[DeclaredRun] | str] = {}  # path -> runs, or why git could not say

    # -- git ---------------------------------------------------------------------------
    def history(self) -> History | None:
        """The declaring commits, or None when the policy does not ask or there is no
        history. A repository git cannot read raises GitError: fail closed, not open."""
        if self.policy.commits != "exclude":
            return None
        with self._lock:
            if self._history is None:
                if not is_repository(self.root):
                    # A .git here or above (a worktree's file too) that git cannot read.
                    if (self.root / ".git").exists() or find_repository(self.root) is not None:
                        raise GitError(f"{self.root} has a .git that git cannot read (or git is missing)")
                    self._history = History()  # not a repository: no commit declares anything
                elif not has_head(self.root):
                    self._history = History()  # nothing committed yet
                else:
                    self._history = read_history(self.root)
            return self._history

    def prefetch(self) -> None:
        """Blame, in parallel, every file a declaring commit touched (for a manifest)."""
        history = self.history()
        if history is None or not history.commits:
            return
        _, runs, problems = declared_runs(self.root, self.workers, history=history)
        with self._lock:
            for rel in history.paths:
                self._runs.setdefault(rel, problems.get(rel) or runs.get(rel, []))

    def declared(self, rel: str) -> list[DeclaredRun] | str:
        """The runs of `rel` written by declaring commits, or why git could not say."""
        history = self.history()
        if history is None or rel not in history.paths:
            return []
        with self._lock:
            known = self._runs.get(rel)
        if known is None:
            try:
                with self._lock:
                    with_commit_graph(self.root, history)
                is_file = (self.root / rel).is_file()
                known = blame(self.root, rel, history.commits, history.oldest, env=history.env) if is_file else []
            except GitError as e:
                known = str(e)
            with self._lock:
                self._runs[rel] = known
        return known

    # -- files -------------------------------------------------------------------------
    def file(self, rel: str, text: str | None = None, sidecar_path: Path | None = None) -> FileResult | None:
        """The exclusion for `rel` holding `text` (default: the file on disk); None when
        nothing concerns the file (no sidecar, no declaring commit, no style guess)."""
        try:
            data: SidecarData | None = read_sidecar(self.root, rel, sidecar_path)
        except FileNotFoundError:
            data = None
        except SidecarError as e:
            return FileResult(rel, ALL, "invalid", [str(e)])
        declared = self.declared(rel)
        if isinstance(declared, str):
            return FileResult(rel, ALL, "unreadable", [f"{rel}: git blame failed ({declared})"])
        if data is None and not declared and self.policy.style_threshold is None:
            return None
        if text is None:
            got = _read(self.root, rel)
            if isinstance(got, FileResult):
                return got
            text = got
        style = self._style(rel, text) if self.policy.style_threshold is not None else []
        result = locate_records(data, text, self.policy, declared, style, rel)
        if data is None and not result.exclude and not result.problems:
            return None
        return result

    def _style(self, rel: str, text: str) -> list[tuple[int, int, float]]:
        from provmark.batch.scan import analyse, skip_reason
        from provmark.core.families import family_for

        family = family_for(rel)
        # Only source files the model knows, and not generated or minified ones (as scan).
        if family == "other" or skip_reason(rel, text.encode("utf-8", errors="replace"), 2_000_000) is not None:
            return []
        return [(b.start + 1, b.end + 1, b.p) for b in analyse(text, family).blocks if b.p is not None]

    def paths(self) -> list[str]:
        """Every file that may have something left out, in path order."""
        found = {rel for rel, _ in sidecar_files(self.root)}
        history = self.history()
        if history is not None:
            found.update(history.paths)
        if self.policy.style_threshold is not None:
            from provmark.batch.scan import walk

            found.update(rel for rel, _ in walk(self.root))
        return sorted(found)


_REPOS: OrderedDict[tuple[str, Policy, tuple[object, ...]], RepoExclusion] = OrderedDict()
_REPOS_LOCK = threading.Lock()


_RESOLVED: dict[str, Path] = {}
# Repositories whose history one process keeps: a corpus whose documents interleave many
# repositories should not re-read git for each (a few KB to a few MB each).
MAX_REPOS = 1024


def repo_exclusion(root: Path, policy: Policy = DEFAULT) -> RepoExclusion:
    """A `RepoExclusion` shared by the calls of one process, rebuilt when HEAD moves."""
    given = str(root)
    resolved = _RESOLVED.get(given)
    if resolved is None:
        resolved = Path(root).resolve()
        if Path(root).is_absolute():  # a relative one depends on the working folder
            _RESOLVED[given] = resolved
    key = (str(resolved), policy, head_signature(resolved) if policy.commits == "exclude" else ())
    with _REPOS_LOCK:
        repo = _REPOS.get(key)
        if repo is None:
            repo = _REPOS[key] = RepoExclusion(resolved, policy)
            while len(_REPOS) > MAX_REPOS:
                _REPOS.popitem(last=False)
        else:
            _REPOS.move_to_end(key)
        return repo


def excluded_ranges(
    root: Path, path: str, text: str, policy: Policy = DEFAULT
) -> tuple[list[tuple[int, int]] | str, str]:
    """(1-based inclusive ranges to leave out, or "all"; status) for `path` holding
    `text`. A file nothing concerns excludes nothing ("untracked")."""
    r = repo_exclusion(Path(root), policy).file(path, text)
    if r is None:
        return [], "untracked"
    return r.exclude, r.status


def filter_text(text: str, exclude: list[tuple[int, int]] | str) -> str | None:
    """`text` without the excluded lines (None when the whole file is excluded)."""
    if isinstance(exclude, str):  # ALL
        return None
    if not exclude:
        return text
    from provmark.core.textdoc import split_lines

    lines = split_lines(text)
    drop: set[int] = set()
    for a, b in exclude:
        drop.update(range(a - 1, b))
    return "".join(x for i, x in enumerate(lines) if i not in drop)


def manifest(root: Path, policy: Policy = DEFAULT, workers: int | None = None) -> Iterator[FileResult]:
    """One result per file with something left out, or with a sidecar, in path order.
    Never writes. Raises GitError when the policy needs git history git cannot give."""
    repo = RepoExclusion(Path(root), policy, workers)
    repo.prefetch()
    for rel in repo.paths():
        r = repo.file(rel)
        if r is not None:
            yield r
