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
