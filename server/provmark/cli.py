"""The ``provmark`` command."""

from __future__ import annotations

import argparse
import logging
import os
import sys

from . import __version__


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="provmark", description=__doc__)
    parser.add_argument("--version", action="version", version=f"provmark {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="run the language server on stdio")
    serve.set_defaults(func=_serve)
    args = parser.parse_args(argv)
    return int(args.func(args))
