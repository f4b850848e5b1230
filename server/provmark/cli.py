"""The ``provmark`` command."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from . import __version__
from .pipeline_cli import cmd_check, cmd_filter, cmd_manifest


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
    from .server import create_server

    create_server().start_io()
    return 0


def _export(root: Path) -> int:
    import json

    from .agent_trace import export

    print(json.dumps(export(root), indent=2, sort_keys=True))
    return 0


def _import(root: Path) -> int:
    from .gitai_import import import_notes
    from .settings import from_files

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
    from .scan import scan
    from .scan_report import to_json_text, to_sarif, to_table
    from .settings import from_files
    from .transcripts import TranscriptIndex

    root = args.root.resolve()
    settings, problems = from_files(root)
    for p in problems:
        print(f"provmark scan: {p}", file=sys.stderr)
    fail_at = args.fail_threshold if args.fail_threshold is not None else settings.warn_threshold
    if not 0.0 <= fail_at <= 1.0:
        print("provmark scan: --fail-threshold must be between 0 and 1", file=sys.stderr)
        return 2
    index = TranscriptIndex(root, enabled=settings.transcripts) if args.transcripts else None
    with _progress(args.progress) as progress:
        report = scan(
            root,
            warn=settings.warn_threshold,
            report=settings.report_threshold,
            ignore=settings.ignore,
            jobs=args.jobs,
            use_cache=not args.no_cache,
            cache_path=args.cache,
            git=args.git,
            transcripts=index,
            progress=progress,
        )
    if args.format == "json":
        text = to_json_text(report)
    elif args.format == "sarif":
        import json

        text = json.dumps(to_sarif(report), indent=2) + "\n"
    else:
        text = to_table(report, show_information=args.all)
    if args.output:
        from .sidecar import write_atomic

        write_atomic(args.output, text)
    else:
        sys.stdout.write(text)
    untagged = [f for f in report.findings() if f.code.startswith("ai-") and f.code != "ai-tagged"]
    return 1 if any(f.score >= fail_at for f in untagged) else 0


class _progress:
    """A progress bar on stderr while the scan runs (rich when stderr is a terminal)."""

    def __init__(self, mode: str):
        self.mode = mode
        self._bar = None

    def __enter__(self):
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

        self._bar = Progress(
            "[progress.description]{task.description}",
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self._bar.start()
        task = self._bar.add_task("scanning", total=None)

        def update(done: int, total: int, _rel: str) -> None:
            self._bar.update(task, completed=done, total=total)

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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="provmark", description=__doc__)
    parser.add_argument("--version", action="version", version=f"provmark {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="run the language server on stdio")
    serve.add_argument("--stdio", action="store_true", help="use stdio (the default and only transport)")
    serve.set_defaults(func=_serve)
    sc = sub.add_parser("scan", help="find AI-written code already in the repository (exit 1 when found)")
    sc.add_argument("root", type=Path, nargs="?", default=Path("."))
    sc.add_argument("--format", choices=("text", "json", "sarif"), default="text")
    sc.add_argument("--output", "-o", type=Path, help="write the report here instead of stdout")
    sc.add_argument("--fail-threshold", type=float, help="exit 1 when an untagged block scores this (default: warn)")
    sc.add_argument("--all", action="store_true", help="text: list unclear blocks (Information) too")
    sc.add_argument("--jobs", "-j", type=int, help="worker processes (default: one per core)")
    sc.add_argument("--no-cache", action="store_true", help="neither read nor write the result cache")
    sc.add_argument("--cache", type=Path, help="cache file (default: under $XDG_CACHE_HOME/provmark/scan)")
    sc.add_argument("--no-git", dest="git", action="store_false", help="leave git history out")
    sc.add_argument("--no-transcripts", dest="transcripts", action="store_false", help="leave session logs out")
    sc.add_argument("--progress", choices=("auto", "always", "never"), default="auto")
    sc.set_defaults(func=lambda a: _root(a) or _scan(a))
    man = sub.add_parser("manifest", help="JSON Lines: what the training pipeline must exclude, file by file")
    man.add_argument("root", type=Path)
    man.set_defaults(func=lambda a: _root(a) or cmd_manifest(a.root))
    flt = sub.add_parser("filter", help="copy ROOT to --out without the excluded lines and files")
    flt.add_argument("root", type=Path)
    flt.add_argument("--out", type=Path, required=True, help="an empty folder outside ROOT")
    flt.set_defaults(func=lambda a: _root(a) or cmd_filter(a.root, a.out))
    chk = sub.add_parser("check", help="validate sidecars: schema, orphans, stale records (exit 1 on problems)")
    chk.add_argument("root", type=Path)
    chk.add_argument("--fix", action="store_true", help="move orphan sidecars to where their file went")
    chk.set_defaults(func=lambda a: _root(a) or cmd_check(a.root, a.fix))
    exp = sub.add_parser("export", help="export the tagged regions for other tools")
    exp.add_argument("root", type=Path, nargs="?", default=Path("."))
    exp.add_argument("--agent-trace", action="store_true", required=True, help="as one Agent Trace 0.1.0 record")
    exp.set_defaults(func=lambda a: _root(a) or _export(a.root))
    imp = sub.add_parser("import", help="import other tools' provenance into sidecars")
    imp.add_argument("root", type=Path, nargs="?", default=Path("."))
    imp.add_argument("--git-ai", action="store_true", required=True, help="git-ai authorship logs (refs/notes/ai)")
    imp.set_defaults(func=lambda a: _root(a) or _import(a.root))
    args = parser.parse_args(argv)
    return int(args.func(args))
