"""What `provmark report` reads beside the scan: the sidecars' records (and the broken
ones), the months git committed the AI lines in (`git blame`), and the manifest under
the pipeline policy (`exclusion.manifest`, the very function `provmark manifest` prints).
The counting itself is `batch/report_model.py`'s; the drawing `batch/html_report.py`'s.

Git runs with the same guards as everywhere (`gitinfo.git_command`: no hooks, no
fsmonitor, no filters), a bounded number of files is blamed, and nothing of the files'
text is kept: per line, only the month of its commit.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import asdict
from pathlib import Path
from typing import Any

from provmark import __version__
from provmark.batch.report_model import (
    DEFAULT_LIMITS,
    Excluded,
    FileStat,
    Limits,
    Overview,
    RecordInfo,
    Sidecars,
    by_tool,
    file_stats,
    folder_tree,
    month_of_epoch,
    months,
    pipeline_summary,
    status_lines,
    top_untagged,
)
from provmark.batch.scan import Report
from provmark.core.records import status_of
from provmark.pipeline.exclusion import ALL, FileResult, manifest, sidecar_files
from provmark.pipeline.policy import Policy
from provmark.sources import sidecar as sidecars
from provmark.sources.declared_commits import GitError, has_head, is_repository
from provmark.sources.gitinfo import find_repository, git_command

BLAME_TIMEOUT = 30.0  # one file
BLAME_BUDGET = 30.0  # all the files blamed for one report
LOG_TIMEOUT = 120.0
_HEADER = re.compile(r"^([0-9a-f]{40}) \d+ (\d+) (\d+)$")
_UNCOMMITTED = "0" * 40


def read_records(root: Path, limits: Limits) -> tuple[list[RecordInfo], Sidecars]:
    """Every record of every sidecar under .provmark/ (names, dates, counts), and the
    sidecars that cannot be read or whose file is gone."""
    records: list[RecordInfo] = []
    info = Sidecars()
    for rel, path in sidecar_files(root):
        info.files += 1
        if not (root / rel).is_file():
            info.orphan_count += 1
            if len(info.orphans) < limits.problems:
                info.orphans.append(rel)
        try:
            data = sidecars.load(root, rel, path)
        except sidecars.SidecarError as e:
            info.broken_count += 1
            if len(info.broken) < limits.problems:
                info.broken.append((rel, str(e)))
            continue
        if data is None:
            continue
        for rec in data["records"]:
            origin = rec["origin"]
            status = status_of(rec)
            key = "unreviewed" if status == "unreviewed" else f"tagged {origin['kind']}"
            info.by_status[key] = info.by_status.get(key, 0) + 1
            info.records += 1
            records.append(
                RecordInfo(
                    rel,
                    rec["id"],
                    status,
                    origin["kind"],
                    origin.get("tool"),
                    origin.get("model"),
                    rec.get("created"),
                    rec["end_line"] - rec["start_line"] + 1,
                )
            )
    return records, info


# -- git -----------------------------------------------------------------------------------
def git_state(root: Path, use_git: bool) -> str:
    """ "ok", or why the report has no dates from git."""
    if not use_git:
        return "git history left out (--no-git)"
    if not is_repository(root):
        if (root / ".git").exists() or find_repository(root) is not None:
            return "git cannot read this repository (or git is missing)"
        return "not a git repository: no dates from git history"
    if not has_head(root):
        return "a git repository with no commits yet: every line is uncommitted"
    return "ok"


def _git(root: Path, *args: str, timeout: float) -> bytes | None:
    """git's output, or None when it fails or takes longer than `timeout` seconds."""
    try:
        r = subprocess.run(git_command(root, *args), cwd=root, capture_output=True, timeout=timeout)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return r.stdout if r.returncode == 0 else None


def _names(out: bytes) -> list[str]:
    return [p for p in out.decode("utf-8", errors="replace").split("\0") if p]


def tracked(root: Path) -> set[str] | None:
    """The files git tracks (None when git cannot say)."""
    out = _git(root, "ls-files", "-z", timeout=120)
    return None if out is None else set(_names(out))


def blame_months(root: Path, rel: str) -> list[str | None] | None:
    """Each line's month of commit ("YYYY-MM"; None for lines not committed yet), from
    `git blame --incremental`; None when git cannot blame the file."""
    out = _git(root, "blame", "--incremental", "--", rel, timeout=BLAME_TIMEOUT)
    return None if out is None else parse_blame(out.decode("utf-8", errors="replace"))


def parse_blame(out: str) -> list[str | None]:
    """Per 0-based line, the month its commit was made (committer time, UTC)."""
    times: dict[str, int] = {}
    groups: list[tuple[str, int, int]] = []  # (commit, first 1-based line, count)
    current: tuple[str, int, int] | None = None
    for line in out.splitlines():
        m = _HEADER.match(line)
        if m:
            current = (m.group(1), int(m.group(2)), int(m.group(3)))
        elif current is not None and line.startswith("committer-time "):
            times.setdefault(current[0], int(line.split(" ", 1)[1] or 0))
        elif current is not None and line.startswith("filename "):
            groups.append(current)
            current = None
    size = max((start + n - 1 for _, start, n in groups), default=0)
    per_line: list[str | None] = [None] * size
    for sha, start, n in groups:
        month = None if sha == _UNCOMMITTED or sha not in times else month_of_epoch(times[sha])
        for i in range(start - 1, start - 1 + n):
            per_line[i] = month
    return per_line


def one_commit_months(root: Path, paths: list[str]) -> dict[str, str]:
    """The month of the one commit that made each of `paths`, for those no other commit
    touched and that have not changed since (every line of them is that commit's, so no
    `git blame` is needed). One `git log` and one `git diff` over the paths."""
    if not paths:
        return {}
    # --relative: git names paths from the repository's top, and root may be below it.
    log = _git(root, "--literal-pathspecs", "log", "--format=%x01%ct", "--name-only", "--relative", "-z",
               "--no-renames", "--", *paths, timeout=LOG_TIMEOUT)  # fmt: skip
    changed = _git(root, "--literal-pathspecs", "diff", "--name-only", "--relative", "-z", "HEAD", "--", *paths,
                   timeout=120)  # fmt: skip
    if log is None or changed is None:
        return {}
    commits: dict[str, list[int]] = {}
    for chunk in log.split(b"\x01")[1:]:
        stamp, _, names = chunk.partition(b"\0")
        for rel in _names(names.lstrip(b"\n")):
            commits.setdefault(rel, []).append(int(stamp or 0))
    edited = set(_names(changed))
    return {p: month_of_epoch(c[0]) for p, c in commits.items() if len(c) == 1 and p not in edited}


def dates_of(
    root: Path, stats: Iterable[FileStat], limits: Limits, committed: bool = True, budget: float = BLAME_BUDGET
) -> tuple[dict[str, list[str | None]], int]:
    """Per file with AI lines (the `blame_files` with most first), each line's month:
    untracked files, and every file before the first commit, are wholly uncommitted; a
    file one commit made and nothing changed since is that commit's; the others are
    blamed, most AI lines first, for at most `budget` seconds. Returns the dates and how
    many files with AI lines were left undated."""
    with_ai = sorted((s for s in stats if s.ai.total), key=lambda s: (-s.ai.total, s.path))
    chosen, rest = with_ai[: limits.blame_files], len(with_ai) - min(len(with_ai), limits.blame_files)
    known = tracked(root) if committed else set()
    dates: dict[str, list[str | None]] = {}
    todo = [s for s in chosen if known is None or s.path in known]
    for s in chosen:
        if known is not None and s.path not in known:
            dates[s.path] = [None] * s.span  # never committed
    single = one_commit_months(root, [s.path for s in todo])
    blame = [s for s in todo if s.path not in single]
    dates.update({s.path: [single[s.path]] * s.span for s in todo if s.path in single})
    got = _blame_within(root, [s.path for s in blame], budget)
    dates.update(got)
    return dates, rest + len(blame) - len(got)


def _blame_within(root: Path, paths: list[str], budget: float) -> dict[str, list[str | None]]:
    """`git blame` of `paths` in order, a few at once, until `budget` seconds are spent
    (what was not blamed by then stays undated: the report's time stays bounded)."""
    out: dict[str, list[str | None]] = {}
    if not paths or budget <= 0:  # no time left: start none (a fast blame could finish before wait looks)
        return out
    pool = ThreadPoolExecutor(max_workers=max(1, min(4, os.cpu_count() or 1)))
    futures = {pool.submit(blame_months, root, p): p for p in paths}
    done, _ = wait(futures, timeout=budget)
    pool.shutdown(wait=True, cancel_futures=True)  # the running ones end within BLAME_TIMEOUT
    for f in done:
        got = f.result()
        if got is not None:
            out[futures[f]] = got
    return out


# -- the pipeline --------------------------------------------------------------------------
def excluded(root: Path, policy: Policy, error: list[str]) -> Iterator[Excluded]:
    """The manifest's entries (`exclusion.manifest`, as `provmark manifest` prints them)
    as the report counts them; a GitError stops them and is put in `error`."""
    try:
        for r in manifest(root, policy):
            yield _entry(root, r)
    except GitError as e:
        error.append(str(e))


def _entry(root: Path, r: FileResult) -> Excluded:
    if r.exclude == ALL:
        return Excluded(r.path, True, count_lines(root / r.path), r.status, {}, r.problems)
    ranges = r.exclude if isinstance(r.exclude, list) else []
    reasons = {why: sum(b - a + 1 for a, b in runs) for why, runs in r.reasons.items()}
    return Excluded(r.path, False, sum(b - a + 1 for a, b in ranges), r.status, reasons, r.problems)


_LINE_END = re.compile(rb"\r\n|\r|\n")


def count_lines(path: Path) -> int:
    """The lines `provmark filter` would drop with the file: those LF, CRLF and CR end,
    and a last one without an ending (0 for a file that cannot be read)."""
    try:
        data = path.read_bytes()
    except OSError:
        return 0
    ends = list(_LINE_END.finditer(data))
    return len(ends) + (1 if data and (not ends or ends[-1].end() < len(data)) else 0)


def policy_json(policy: Policy) -> dict[str, Any]:
    raw = asdict(policy)
    raw["style_threshold"] = "off" if policy.style_threshold is None else policy.style_threshold
    raw["first_party_tools"] = list(policy.first_party_tools)
    return raw


# -- the whole report ----------------------------------------------------------------------
def gather(
    root: Path,
    report: Report,
    policy: Policy,
    *,
    use_git: bool = True,
    limits: Limits = DEFAULT_LIMITS,
) -> Overview:
    """The report's data for `root`, from the scan's `report` (run with the workspace's
    settings, as `provmark scan` runs it) and the manifest under `policy`."""
    root = root.resolve()
    stats = file_stats(report)
    records, side = read_records(root, limits)
    git = git_state(root, use_git)
    no_commits = git.startswith("a git repository with no commits")
    dates, undated = dates_of(root, stats, limits, not no_commits) if git == "ok" or no_commits else ({}, 0)
    error: list[str] = []
    pipe = pipeline_summary(policy_json(policy), excluded(root, policy, error), limits)
    pipe.error = error[0] if error else None
    status, unclear = status_lines(stats)
    top, with_untagged = top_untagged(stats, limits.top_files)
    tools, tools_more = by_tool(report, records, limits.tools)
    # Messages name files from the root (shorter, and the root is in the header); a broken
    # sidecar is listed once, as such, not again as the scan's or the pipeline's problem.
    side.broken = [(rel, _relative(msg, root)) for rel, msg in side.broken]
    said = [msg for _, msg in side.broken]
    problems = [p for p in (_relative(p, root) for p in report.problems) if not any(p.startswith(m) for m in said)]
    pipe.problems = [p for p in (_relative(p, root) for p in pipe.problems) if not any(p.endswith(m) for m in said)]
    return Overview(
        root=str(root),
        name=root.name or str(root),
        generated=dt.datetime.now(dt.timezone.utc).replace(microsecond=0).strftime("%Y-%m-%d %H:%M UTC"),
        version=__version__,
        warn_threshold=report.warn_threshold,
        report_threshold=report.report_threshold,
        totals=report.totals(),
        status=status,
        unclear_lines=unclear,
        lines=sum(s.lines for s in stats),
        skipped=dict(sorted(report.skipped.items())),
        folders=folder_tree(stats, limits),
        tools=tools,
        tools_more=tools_more,
        months=months(report, dates, records, limits.months),
        git=git,
        dated_files=len(dates),
        undated_files=undated,
        top_files=top,
        files_with_untagged=with_untagged,
        pipeline=pipe,
        sidecars=side,
        problems=problems[: limits.problems],
        problems_more=max(0, len(problems) - limits.problems),
        notes=_notes(report, side, git, pipe.error),
        limits=limits,
    )


def _relative(message: str, root: Path) -> str:
    return message.replace(f"{root}{os.sep}", "")


def _notes(report: Report, side: Sidecars, git: str, pipeline_error: str | None) -> list[str]:
    """What the reader must know first: what is missing or broken."""
    notes: list[str] = []
    if not report.files:
        skipped = ", ".join(f"{n} {why}" for why, n in sorted(report.skipped.items()))
        notes.append("No source files were found to scan" + (f" ({skipped} skipped)." if skipped else "."))
    if side.files == 0:
        notes.append("No sidecars (.provmark/): nothing has been tagged or recorded; AI lines here are detected only.")
    if side.broken_count:
        what = "1 sidecar cannot" if side.broken_count == 1 else f"{side.broken_count:,} sidecars cannot"
        notes.append(f"{what} be read: the pipeline leaves their files out whole (listed under Problems).")
    if git != "ok":
        notes.append(f"Git: {git}.")
    if pipeline_error:
        notes.append(f"The pipeline cannot say what it leaves out: {pipeline_error} (provmark manifest stops too).")
    return notes
