"""The ``provmark`` command."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from provmark import __version__


def _pipeline() -> Any:
    """The pipeline's commands, imported when one runs: `provmark serve` never needs them
    and must answer `initialize` fast."""
    from provmark.pipeline import commands

    return commands


def _serve(args: argparse.Namespace) -> int:
    # stdout carries LSP only: every log line goes to stderr.
    level = os.environ.get("PROVMARK_LOG", "WARNING").upper()
    logging.basicConfig(
        stream=sys.stderr,
        level=getattr(logging, level, logging.WARNING),
        format="provmark %(levelname)s %(name)s: %(message)s",
    )
    # pygls logs every message it sends at INFO; that costs time and would put text in logs.
    logging.getLogger("pygls").setLevel(max(logging.WARNING, logging.getLogger().level))
    from provmark.lsp import fast_start

    # `initialize` answered from the last start's reply before pygls is imported (about
    # half a second); pygls then reads that request again and sets itself up as ever.
    stdin, early = fast_start.answer_early(sys.stdin.buffer, sys.stdout.buffer)
    from provmark.lsp.server import create_server

    # The I/O thread judges big pastes in Python: a short switch interval lets the event
    # loop take the GIL back within a millisecond, so requests are not held for 5 ms a turn.
    sys.setswitchinterval(0.001)
    server = create_server()
    server.protocol.early = early  # type: ignore[attr-defined]  # a ProvmarkProtocol
    server.start_io(stdin=stdin)  # type: ignore[arg-type]  # readline and read, as pygls uses
    return 0


def _export(args: argparse.Namespace) -> int:
    """provmark export: --agent-trace prints one record under the pipeline policy;
    --git-ai writes git-ai's authorship notes."""
    import json

    if args.git_ai:
        from provmark.pipeline.gitai_export import run

        if args.include_unreviewed:
            print("provmark export: --include-unreviewed is a policy flag for --agent-trace; "
                  "--with-unreviewed writes unreviewed records to git-ai's notes", file=sys.stderr)  # fmt: skip
            return 2
        return run(args.root, dry_run=args.dry_run, unreviewed=args.with_unreviewed)
    if args.dry_run or args.with_unreviewed:
        print("provmark export: --dry-run and --with-unreviewed go with --git-ai", file=sys.stderr)
        return 2
    from provmark.pipeline.agent_trace import export

    def trace(policy: Any) -> int:
        print(json.dumps(export(args.root, policy), indent=2, sort_keys=True))
        return 0

    return _with_policy(args, trace)


def _import(root: Path) -> int:
    from provmark.pipeline.gitai_import import import_notes
    from provmark.settings import from_files

    settings, _ = from_files(root.resolve())
    counts = import_notes(root, settings.first_party_tools)
    print(
        f"git-ai: {counts['logs']} authorship logs read, {counts['records']} records added, "
        f"{counts['skipped']} ranges skipped (gone or already recorded), {counts['bad']} unreadable logs"
    )
    return 0


def _scan(args: argparse.Namespace) -> int:
    """provmark scan: the workspace against every kind of evidence; exit 1 when untagged
    likely-AI code scores at or above the threshold."""
    import json

    from provmark.batch.compiled import stale_modules
    from provmark.batch.report import to_codequality, to_json_text, to_sarif, to_table
    from provmark.batch.scan import ChangedFilesError, changed_since, repo_prefix, untagged_at
    from provmark.settings import from_files

    root = args.root.resolve()
    settings, problems = from_files(root)
    for p in problems:
        print(f"provmark scan: {p}", file=sys.stderr)
    stale = stale_modules()
    if stale:  # a mypyc build from before an edit of those modules runs in their place
        print(
            f"provmark scan: the compiled {', '.join(stale)} older than the source: "
            "run scripts/compile.sh again, or scripts/compile.sh --clean",
            file=sys.stderr,
        )
    fail_at = args.fail_threshold if args.fail_threshold is not None else settings.warn_threshold
    if not 0.0 <= fail_at <= 1.0:
        print("provmark scan: --fail-threshold must be between 0 and 1", file=sys.stderr)
        return 2
    paths: list[str] | None = None
    if args.changed_since is not None:
        try:
            paths = changed_since(root, args.changed_since)
        except ChangedFilesError as e:
            print(f"provmark scan: --changed-since: {e}", file=sys.stderr)
            return 2
    with _progress(args.progress) as progress:
        report = _run_scan(args, root, settings, paths, progress)
    if args.format == "json":
        text = to_json_text(report)
    elif args.format == "sarif":
        text = json.dumps(to_sarif(report), indent=2) + "\n"
    elif args.format == "codequality":
        text = json.dumps(to_codequality(report, repo_prefix(root)), indent=2) + "\n"
    else:
        text = to_table(report, show_information=args.all)
    if args.output:
        from provmark.sources.sidecar import write_atomic

        write_atomic(args.output, text)
    else:
        sys.stdout.write(text)
    return 1 if untagged_at(report, fail_at) else 0


def _run_scan(
    args: argparse.Namespace, root: Path, settings: Any, paths: list[str] | None, progress: Any = None
) -> Any:
    """The scan as `scan` and `precommit` run it: the settings' thresholds and ignores, the
    command line's jobs, cache, git and transcripts; `paths` for only those files."""
    from provmark.batch.scan import scan

    transcripts = None
    if args.transcripts:  # (the readers imported only then: --no-transcripts starts faster)
        from provmark.sources.transcripts import TranscriptIndex

        transcripts = TranscriptIndex.of(root, settings)
    return scan(
        root,
        warn=settings.warn_threshold,
        report=settings.report_threshold,
        ignore=settings.ignore,
        jobs=args.jobs,
        use_cache=not args.no_cache,
        cache_path=getattr(args, "cache", None),
        git=args.git,
        transcripts=transcripts,
        progress=progress,
        paths=paths,
    )


class _progress:
    """A progress bar on stderr while the scan runs (rich when stderr is a terminal)."""

    def __init__(self, mode: str):
        self.mode = mode
        self._bar: Any = None

    def __enter__(self) -> Callable[[int, int, str], None] | None:
        show = self.mode == "always" or (self.mode == "auto" and sys.stderr.isatty())
        if not show:
            return None
        try:
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn
        except ImportError:  # rich missing: a plain line now and then
            last = [0]

            def plain(done: int, total: int, _rel: str) -> None:
                if done - last[0] >= 500 or done == total:
                    last[0] = done
                    print(f"provmark scan: {done}/{total} files", file=sys.stderr)

            return plain
        from rich.console import Console

        bar = self._bar = Progress(
            "[progress.description]{task.description}",
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        bar.start()
        task = bar.add_task("scanning", total=None)

        def update(done: int, total: int, _rel: str) -> None:
            bar.update(task, completed=done, total=total)

        return update

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()


def _root(args: argparse.Namespace) -> int:
    """0 when ROOT is a folder; else a clear message and exit code 2."""
    if not args.root.is_dir():
        print(f"provmark {args.command}: {args.root} is not a folder", file=sys.stderr)
        return 2
    return 0


DESCRIPTION = """\
Provmark notices AI-written code where it enters a repository (a paste from a
chat, an agent's write on disk), lets you tag its provenance in sidecar files
under .provmark/, and tells model-training pipelines which code to leave out."""

EPILOG = """\
examples:
  provmark scan . --format sarif -o provmark.sarif
  provmark filter path/to/repo --out /tmp/repo-for-training

Run 'provmark COMMAND --help' for a command's options."""


def _unit_interval(text: str) -> float:
    """argparse type: a score between 0 and 1."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"must be between 0 and 1, not {text}")
    return value


def _positive_int(text: str) -> int:
    """argparse type: a whole number of at least 1."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {text}")
    return value


def _command(sub: argparse._SubParsersAction, name: str, summary: str, description: str) -> argparse.ArgumentParser:
    """A subcommand whose --help opens with `description` (line breaks kept)."""
    return sub.add_parser(
        name, help=summary, description=description, formatter_class=argparse.RawDescriptionHelpFormatter
    )


def _root_arg(parser: argparse.ArgumentParser, what: str, optional: bool = False) -> None:
    if optional:
        parser.add_argument(
            "root", type=Path, nargs="?", default=Path("."), metavar="ROOT", help=f"{what} (default: .)"
        )
    else:
        parser.add_argument("root", type=Path, metavar="ROOT", help=what)


def build_parser() -> argparse.ArgumentParser:
    """The ``provmark`` command line: every command, positional and option with its help."""
    parser = argparse.ArgumentParser(
        prog="provmark",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"provmark {__version__}", help="show the version")
    sub = parser.add_subparsers(dest="command", required=True, title="commands", metavar="COMMAND")

    serve = _command(
        sub,
        "serve",
        "run the language server on stdio",
        "Run the Provmark language server on stdin/stdout. The editor starts it and\n"
        "sends the workspace in 'initialize'. Logs go to stderr (their level from\n"
        "$PROVMARK_LOG, default WARNING).",
    )
    serve.add_argument("--stdio", action="store_true", help="use stdio (the default and only transport)")
    serve.set_defaults(func=_serve)

    sc = _command(
        sub,
        "scan",
        "find likely AI-written, untagged code already in the repository",
        "Score every source file under ROOT, block by block, against all the evidence:\n"
        "the content model, sidecars, AI tools' session logs and commits that declare an\n"
        "AI tool. No output contains source text.\n\n"
        "exit status: 0 nothing found, 1 an untagged block scores at or above the fail\n"
        "threshold, 2 usage error",
    )
    _root_arg(sc, "the workspace folder to scan", optional=True)
    sc.add_argument(
        "--format",
        choices=("text", "json", "sarif", "codequality"),
        default="text",
        help="text: a table of findings; json: every file and block; sarif: SARIF 2.1.0; "
        "codequality: GitLab's Code Quality report (default: text)",
    )
    sc.add_argument(
        "--changed-since",
        metavar="REF",
        help="scan only the files changed since the merge base of REF and HEAD (as a pull request's diff), "
        "uncommitted and untracked changes included",
    )
    sc.add_argument("--output", "-o", type=Path, metavar="FILE", help="write the report to FILE instead of stdout")
    sc.add_argument(
        "--fail-threshold",
        type=_unit_interval,
        metavar="SCORE",
        help="exit 1 when an untagged block scores at or above SCORE, 0..1 (default: the warn_threshold setting)",
    )
    sc.add_argument("--all", action="store_true", help="text format: list unclear blocks (Information) too")
    sc.add_argument("--jobs", "-j", type=_positive_int, metavar="N", help="worker processes (default: one per core)")
    sc.add_argument("--no-cache", action="store_true", help="neither read nor write the result cache")
    sc.add_argument(
        "--cache", type=Path, metavar="FILE", help="cache file (default: under $XDG_CACHE_HOME/provmark/scan)"
    )
    sc.add_argument("--no-git", dest="git", action="store_false", help="leave git history out")
    sc.add_argument(
        "--no-transcripts", dest="transcripts", action="store_false", help="leave AI tools' session logs out"
    )
    sc.add_argument(
        "--progress",
        choices=("auto", "always", "never"),
        default="auto",
        help="progress bar on stderr: auto shows it when stderr is a terminal (default: auto)",
    )
    sc.set_defaults(func=lambda a: _root(a) or _scan(a))

    man = _command(
        sub,
        "manifest",
        "list, file by file, the lines a training pipeline must exclude",
        "Print JSON Lines, one per source file with sidecar records, saying what to\n"
        "exclude from it as the file is now:\n"
        '  {"path", "exclude": [[a, b], ...] or "all", "status"}',
    )
    _root_arg(man, "the repository or tree to read")
    _policy_args(man)
    man.set_defaults(func=lambda a: _root(a) or _with_policy(a, lambda p: _pipeline().cmd_manifest(a.root, policy=p)))

    flt = _command(
        sub,
        "filter",
        "copy the tree without the excluded lines and files",
        "Copy ROOT to --out without the lines and files its sidecars exclude from\n"
        "training, with a report of what was left out (.provmark-filter-report.json).",
    )
    _root_arg(flt, "the repository or tree to copy")
    flt.add_argument("--out", type=Path, required=True, metavar="DIR", help="an empty or new folder outside ROOT")
    _policy_args(flt)
    flt.set_defaults(
        func=lambda a: _root(a) or _with_policy(a, lambda p: _pipeline().cmd_filter(a.root, a.out, policy=p))
    )

    chk = _command(
        sub,
        "check",
        "validate the sidecars: schema, orphans, stale records",
        "Check every sidecar under ROOT/.provmark: invalid files, orphans (their source\n"
        "file is gone) and records that cannot be found in the file any more.\n\n"
        "exit status: 0 no problem, 1 problems (listed on stdout), 2 usage error",
    )
    _root_arg(chk, "the repository or tree to check")
    chk.add_argument("--fix", action="store_true", help="move orphan sidecars to where their file went (renames)")
    chk.set_defaults(func=lambda a: _root(a) or _pipeline().cmd_check(a.root, a.fix))

    exp = _command(
        sub,
        "export",
        "export the recorded regions (Agent Trace, git-ai notes)",
        "--agent-trace: print ROOT's recorded regions as one Agent Trace record, with\n"
        "the manifest under the pipeline policy in its metadata.\n"
        "--git-ai: add the AI lines to git-ai's authorship notes (refs/notes/ai) on the\n"
        "commits that introduced them (git blame), merged with the notes already there.\n\n"
        "exit status (--git-ai): 0 every AI line is in a note, 1 some are not (lines not\n"
        "committed yet, a note that cannot be read; named on stderr), 2 usage or git error",
    )
    _root_arg(exp, "the repository to export", optional=True)
    fmt = exp.add_mutually_exclusive_group(required=True)
    fmt.add_argument("--agent-trace", action="store_true", help="as one Agent Trace 0.1.0 record on stdout")
    fmt.add_argument("--git-ai", action="store_true", help="into git-ai's authorship notes (Git AI Standard v3)")
    exp.add_argument("--dry-run", action="store_true", help="--git-ai: say what would be added, write nothing")
    exp.add_argument(
        "--with-unreviewed",
        action="store_true",
        help="--git-ai: also export records nobody reviewed, marked provmark_status=unreviewed (default: tagged only)",
    )
    _policy_args(exp)
    exp.set_defaults(func=lambda a: _root(a) or _export(a))

    imp = _command(
        sub,
        "import",
        "import another tool's provenance into sidecars (git-ai)",
        "Read another tool's provenance records from ROOT and add them to its sidecars.",
    )
    _root_arg(imp, "the git repository to import into", optional=True)
    imp.add_argument(
        "--git-ai", action="store_true", required=True, help="git-ai authorship logs (refs/notes/ai) (required)"
    )
    imp.set_defaults(func=lambda a: _root(a) or _import(a.root))
    _review_command(sub)
    _report_command(sub)
    _precommit_command(sub)
    _merge_commands(sub)
    return parser


def _policy_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--include-unreviewed",
        action="store_true",
        help="keep lines Provmark flagged that nobody has reviewed (default: the policy's, else exclude)",
    )
    parser.add_argument(
        "--include-commits",
        action="store_true",
        help="keep lines from commits that declare an AI tool (default: the policy's, else exclude)",
    )
    parser.add_argument(
        "--style-threshold",
        metavar="P",
        help="also leave out untagged code the content model rates at least P (0-1), or 'off' "
        "(default: the policy's, else off)",
    )


def _with_policy(args: argparse.Namespace, run: Callable[[Any], int]) -> int:
    """The repository's pipeline policy, then the command line's, for `run`."""
    from dataclasses import replace

    from provmark.pipeline.policy import PolicyError, load, threshold
    from provmark.sources.declared_commits import GitError

    try:
        policy = load(args.root.resolve())
        if getattr(args, "include_unreviewed", False):
            policy = replace(policy, unreviewed="include")
        if getattr(args, "include_commits", False):
            policy = replace(policy, commits="include")
        if getattr(args, "style_threshold", None) is not None:
            raw = args.style_threshold
            value = raw if raw == "off" else _number(raw)
            policy = replace(policy, style_threshold=threshold(value, "--style-threshold"))
        return run(policy)
    except PolicyError as e:
        print(f"provmark {args.command}: {e}", file=sys.stderr)
        return 2
    except GitError as e:
        # The policy leaves out lines of AI-declaring commits; without git's answer the
        # pipeline cannot know them, so it stops rather than let them through.
        print(f"provmark {args.command}: {e}; --include-commits runs without git history", file=sys.stderr)
        return 2


def _number(raw: str) -> Any:
    try:
        return float(raw)
    except ValueError:
        return raw


def _review_command(sub: argparse._SubParsersAction) -> None:
    rev = _command(
        sub,
        "review",
        "list the lines Provmark flagged that nobody reviewed; resolve them in bulk",
        "List the unreviewed records under ROOT (path, lines, score, tool, age), or with\n"
        "--as, resolve every one the filters match as AI-written or as written by a person.\n"
        "A resolved record says who resolved it ($PROVMARK_REVIEWER, else the login name)\n"
        "and when.",
    )
    _root_arg(rev, "the repository", optional=True)
    rev.add_argument("--path", metavar="GLOB", help="only files whose path matches GLOB (e.g. 'src/*.py')")
    rev.add_argument("--tool", help="only records of this tool (e.g. claude-code)")
    rev.add_argument("--min-score", type=_unit_interval, metavar="SCORE", help="only records scored at least SCORE")
    rev.add_argument("--as", dest="kind", choices=("ai", "human"), help="resolve the matching records as this")
    rev.add_argument("--json", action="store_true", help="list as JSON Lines")
    rev.set_defaults(func=lambda a: _root(a) or _with_policy(a, lambda p: _review(a, p)))


def _review(args: argparse.Namespace, policy: Any) -> int:
    import datetime as dt
    import json

    from provmark.pipeline.review import resolve, unreviewed

    problems: list[str] = []
    items = list(unreviewed(args.root.resolve(), args.path, args.tool, args.min_score, problems))
    for p in problems:
        print(f"provmark review: {p}", file=sys.stderr)
    if args.kind:
        n = resolve(args.root.resolve(), items, args.kind, policy.first_party_tools)
        print(f"{n} record(s) resolved as {'AI-written' if args.kind == 'ai' else 'written by a person'}")
        return 0
    now = dt.datetime.now(dt.timezone.utc)
    for item in items:
        age = item.age_days(now)
        row = {"path": item.path, "lines": list(item.lines), "score": item.score, "tool": item.tool,
               "age_days": None if age is None else round(age, 1), "id": item.record["id"]}  # fmt: skip
        if args.json:
            print(json.dumps(row, sort_keys=True))
        else:
            score = f"{item.score:.2f}" if item.score is not None else "-"
            when = f"{age:.0f} d" if age is not None else "-"
            print(f"{item.path}:{item.lines[0]}-{item.lines[1]}  score {score}  {item.tool or '-'}  {when} old")
    if not args.json:
        print(f"{len(items)} unreviewed record(s)")
    return 0


def _fail_on(text: str) -> str | float:
    """argparse type: a severity (warning, information) or a score between 0 and 1."""
    return text if text in ("warning", "information") else _unit_interval(text)


def _precommit_command(sub: argparse._SubParsersAction) -> None:
    pre = _command(
        sub,
        "precommit",
        "fail when the given (staged) files hold untagged likely AI-written code",
        "Scan only FILES (pre-commit passes the staged ones; a staged sidecar stands for\n"
        "its source file) as `provmark scan` does, with its cache, and fail when an\n"
        "untagged block is at or above --fail-on. pre-commit stashes unstaged changes\n"
        "before it runs hooks, so the files read are the staged content.\n"
        "--tag-as records the failing blocks as tagged instead (then stage .provmark/).\n\n"
        "exit status: 0 nothing found (or all tagged with --tag-as), 1 untagged likely\n"
        "AI-written code, 2 usage error",
    )
    pre.add_argument("files", nargs="*", metavar="FILE", help="files to scan, relative to --root")
    pre.add_argument("--root", type=Path, default=Path("."), help="the repository's top folder (default: .)")
    pre.add_argument(
        "--fail-on",
        "--fail-threshold",
        dest="fail_on",
        type=_fail_on,
        default="warning",
        metavar="LEVEL",
        help="warning (score at or above the warn_threshold setting, as scan's Warning), information "
        "(unclear blocks too), or a score 0..1 (default: warning)",
    )
    pre.add_argument(
        "--tag-as",
        choices=("ai", "human"),
        help="record every block that would fail as tagged AI-written or written by a person, and exit 0",
    )
    pre.add_argument("--jobs", "-j", type=_positive_int, metavar="N", help="worker processes (default: one per core)")
    pre.add_argument("--no-cache", action="store_true", help="neither read nor write scan's result cache")
    pre.add_argument("--no-git", dest="git", action="store_false", help="leave git history out")
    pre.add_argument(
        "--no-transcripts", dest="transcripts", action="store_false", help="leave AI tools' session logs out"
    )
    pre.set_defaults(func=lambda a: _root(a) or _precommit(a))


def _precommit(args: argparse.Namespace) -> int:
    import shlex

    from provmark.batch.scan import select
    from provmark.settings import from_files

    root = args.root.resolve()
    settings, problems = from_files(root)
    for p in problems:
        print(f"provmark precommit: {p}", file=sys.stderr)
    # pre-commit gives paths relative to the repository's top, where it runs hooks.
    rels = [_relative(root, f) for f in args.files]
    files = select(root, [r for r in rels if r is not None], settings.ignore)
    if not files:
        return 0  # nothing Provmark reads was staged: no model to load
    report = _run_scan(args, root, settings, [rel for rel, _ in files])
    for p in report.problems:
        print(f"provmark precommit: {p}", file=sys.stderr)
    failing = _failing(report, args.fail_on, settings.warn_threshold)
    if not failing:
        return 0
    if args.tag_as:
        return _tag(root, failing, args.tag_as, settings.first_party_tools)
    by_path = {f.path for f in failing}
    rows = [
        (f"{f.path}:{f.start + 1}-{f.end + 1}", f.name or "-", f.code, f"{f.score:.2f}", f.tool or "-") for f in failing
    ]
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    for r in rows:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip())
    lines = sum(f.end - f.start + 1 for f in failing)
    level = args.fail_on if isinstance(args.fail_on, str) else f"score >= {args.fail_on:.2f}"
    names = " ".join(shlex.quote(p) for p in sorted(by_path))
    print(
        f"\nprovmark: {len(failing)} untagged block(s), {lines} lines, in {len(by_path)} staged file(s) read as "
        f"AI-written (--fail-on {level}).\n"
        "Record who wrote them, then stage the sidecars and commit again:\n"
        f"  provmark precommit --tag-as ai {names}      # or --tag-as human\n"
        "  git add .provmark\n"
        'In the editor: the quick fixes "Tag as AI-generated" and "Tag as written by me".'
    )
    return 1


def _relative(root: Path, name: str) -> str | None:
    """`name` (relative to the working folder, or absolute) relative to root; None outside."""
    try:
        return (Path.cwd() / name).resolve().relative_to(root).as_posix()
    except (ValueError, OSError):
        return None


def _failing(report: Any, fail_on: str | float, warn: float) -> list[Any]:
    """The untagged likely-AI blocks at or above `fail_on`: a severity or a score."""
    from provmark.batch.scan import untagged_at

    if fail_on == "warning":
        return [f for f in untagged_at(report, warn) if f.severity == "warning"]
    if fail_on == "information":
        return [f for f in untagged_at(report, 0.0) if f.severity in ("warning", "information")]
    return untagged_at(report, float(fail_on))


def _tag(root: Path, failing: list[Any], kind: str, first_party_tools: tuple[str, ...]) -> int:
    """Record each failing block as tagged (an unreviewed record's decision keeps its id),
    as the editor's quick fix does."""
    from provmark.pipeline.review import training_of
    from provmark.sources import sidecar

    by_file: dict[str, list[Any]] = {}
    for f in failing:
        by_file.setdefault(f.path, []).append(f)
    for rel, found in sorted(by_file.items()):
        lines = (root / rel).read_bytes().decode("utf-8", errors="replace").splitlines()
        records = []
        for f in found:
            ai = kind == "ai"  # a person's lines name no tool
            origin = {"kind": kind, "tool": f.tool if ai else None, "model": f.model if ai else None,
                      "session": f.session if ai else None}  # fmt: skip
            training = training_of(kind, f.tool, first_party_tools)
            rec = sidecar.make_record(lines[f.start : f.end + 1], f.start + 1, origin, training, f.evidence)
            records.append(sidecar.reviewed(rec, f.record_id) if f.record_id else rec)
        try:
            sidecar.update(root, rel, add=records, remove={f.record_id for f in found if f.record_id})
        except sidecar.SidecarError as e:
            print(f"provmark precommit: {e}", file=sys.stderr)
            return 1
        spans = ", ".join(f"{f.start + 1}-{f.end + 1}" for f in found)
        print(f"{rel}: lines {spans} tagged as {'AI-written' if kind == 'ai' else 'written by a person'}")
    print("stage the sidecars: git add .provmark")
    return 0


def _report_command(sub: argparse._SubParsersAction) -> None:
    rep = _command(
        sub,
        "report",
        "write a self-contained HTML report: where AI-written code is, how much, from which tools",
        "Scan ROOT as `provmark scan` does (same settings, ignore rules and cache) and read its\n"
        "sidecars, git history and the manifest under the pipeline policy; write one HTML file\n"
        "with charts: AI-written lines by folder, tool and model, month by month, tagged vs\n"
        "unreviewed vs detected only, the files with the most untagged AI code, and what the\n"
        "training pipeline leaves out. It fetches nothing when viewed and holds no source text.\n\n"
        "exit status: 0 report written, 2 usage error (or a pipeline policy that cannot be read)",
    )
    _root_arg(rep, "the workspace folder to report on", optional=True)
    out = rep.add_mutually_exclusive_group(required=True)
    out.add_argument("--output", "-o", type=Path, metavar="FILE", help="write the HTML to FILE")
    out.add_argument("--stdout", action="store_true", help="write the HTML to stdout (for an editor's webview)")
    rep.add_argument(
        "--csp-nonce",
        metavar="NONCE",
        help="tag the page's one <style> and <script> with NONCE and allow only them (a webview's CSP)",
    )
    rep.add_argument("--jobs", "-j", type=_positive_int, metavar="N", help="worker processes (default: one per core)")
    rep.add_argument("--no-cache", action="store_true", help="neither read nor write the scan's result cache")
    rep.add_argument("--cache", type=Path, metavar="FILE", help="the scan's cache file (default: as provmark scan)")
    rep.add_argument(
        "--no-git",
        dest="git",
        action="store_false",
        help="leave git history out: no dates, no declaring commits (the pipeline as with --include-commits)",
    )
    rep.add_argument(
        "--no-transcripts", dest="transcripts", action="store_false", help="leave AI tools' session logs out"
    )
    rep.add_argument(
        "--progress", choices=("auto", "always", "never"), default="auto", help="progress bar on stderr (default: auto)"
    )
    _policy_args(rep)
    rep.set_defaults(func=lambda a: _root(a) or _with_policy(a, lambda p: _report(a, p)))


def _report(args: argparse.Namespace, policy: Any) -> int:
    """provmark report: the scan and the manifest of ROOT as one HTML page."""
    from dataclasses import replace

    from provmark.batch.html_report import render
    from provmark.pipeline.report_gather import gather
    from provmark.settings import from_files

    root = args.root.resolve()
    settings, problems = from_files(root)
    for p in problems:
        print(f"provmark report: {p}", file=sys.stderr)
    if not args.git:
        policy = replace(policy, commits="include")  # no git history: no declaring commits either
    with _progress(args.progress) as progress:
        report = _run_scan(args, root, settings, None, progress)  # exactly as `provmark scan` runs it
    overview = gather(root, report, policy, use_git=args.git)
    try:
        page = render(overview, args.csp_nonce)
    except ValueError as e:
        print(f"provmark report: {e}", file=sys.stderr)
        return 2
    if args.stdout:
        sys.stdout.write(page)
        return 0
    from provmark.sources.sidecar import write_atomic

    write_atomic(args.output, page)
    s = overview.status
    print(
        f"provmark report: {args.output} ({len(page.encode()):,} bytes): {s.total:,} AI-written lines of "
        f"{overview.lines:,} ({s.untagged:,} untagged), {overview.pipeline.lines:,} left out of training",
        file=sys.stderr,
    )
    return 0


def _merge_commands(sub: argparse._SubParsersAction) -> None:
    drv = _command(
        sub,
        "merge-driver",
        "make git merge this repository's sidecars record by record",
        "install: add the .gitattributes line that sends .provmark/**/*.json to the\n"
        "'provmark' merge driver, and define that driver in this clone's git config\n"
        "(each clone runs it once: git never takes commands from a repository's files).",
    )
    drv.add_argument("action", choices=("install",), help="what to do (install)")
    _root_arg(drv, "the git repository", optional=True)
    drv.set_defaults(func=lambda a: _root(a) or _merge_driver(a.root))

    mrg = _command(
        sub,
        "merge-sidecar",
        "the merge driver git runs for a sidecar (%%O %%A %%B %%P)",
        "Merge the records of two versions of a sidecar against their common ancestor\n"
        "into OURS. Exit 1, writing nothing, when a version cannot be read: git then\n"
        "leaves the conflict, and the pipeline excludes the whole file until it is fixed.",
    )
    mrg.add_argument("base", type=Path, help="the common ancestor's version (%%O)")
    mrg.add_argument("ours", type=Path, help="our version, replaced by the merge (%%A)")
    mrg.add_argument("theirs", type=Path, help="their version (%%B)")
    mrg.add_argument("path", nargs="?", help="the sidecar's path in the repository (%%P), for messages")
    mrg.set_defaults(func=_merge_sidecar)


def _merge_driver(root: Path) -> int:
    from provmark.sources.gitinfo import find_repository
    from provmark.sources.sidecar_merge import install

    if find_repository(root) is None:  # root may be a subdirectory or a worktree
        print(f"provmark merge-driver: {root} is not a git repository", file=sys.stderr)
        return 2
    for line in install(root):
        print(line)
    return 0


def _merge_sidecar(args: argparse.Namespace) -> int:
    from provmark.sources.sidecar_merge import run

    return run(args.base, args.ours, args.theirs)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args))
