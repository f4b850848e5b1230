"""Command-line interface: ``python cli.py [--db app.db] [--dir migrations] COMMAND``.

Commands:
    status              show applied and pending migrations
    up [--to VERSION]   apply pending migrations
    down [--steps N]    roll back the last N migrations (default 1)
    new NAME            create an empty migration file
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from migrations import MigrationError, load_migrations, new_migration_file
from runner import Runner


def cmd_status(runner: Runner, directory: Path) -> int:
    st = runner.status(load_migrations(directory))
    for record in st.applied:
        flag = ""
        if any(m.version == record.version for m in st.modified):
            flag = "  (file changed since it was applied!)"
        print(f"  [x] {record.version:04d}_{record.name}  {record.applied_at}{flag}")
    for record in st.missing:
        print(f"  [?] {record.version:04d}_{record.name}  applied, but file is missing")
    for m in st.pending:
        print(f"  [ ] {m.label}")
    if not (st.applied or st.pending):
        print("no migrations found")
    return 1 if st.modified or st.missing else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description="Minimal SQLite schema migrations.")
    parser.add_argument("--db", type=Path, default=Path("app.db"), help="database file (default: app.db)")
    parser.add_argument("--dir", type=Path, default=Path("migrations"), help="migrations directory")
    sub = parser.add_subparsers(dest="command", required=True)

    sub.add_parser("status", help="show applied and pending migrations")

    up = sub.add_parser("up", help="apply pending migrations")
    up.add_argument("--to", type=int, default=None, metavar="VERSION", help="stop after this version")
    up.add_argument("--allow-modified", action="store_true", help="proceed even if applied files changed")

    down = sub.add_parser("down", help="roll back migrations")
    down.add_argument("--steps", type=int, default=1)

    new = sub.add_parser("new", help="create a new migration file")
    new.add_argument("name", help="short description, e.g. 'add orders table'")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)

    try:
        if args.command == "new":
            path = new_migration_file(args.dir, args.name)
            print(f"created {path}")
            return 0

        with Runner(args.db) as runner:
            if args.command == "status":
                return cmd_status(runner, args.dir)
            if args.command == "up":
                n = runner.migrate(load_migrations(args.dir), target=args.to, allow_modified=args.allow_modified)
                print(f"{n} migration(s) applied" if n else "already up to date")
                return 0
            if args.command == "down":
                n = runner.rollback(load_migrations(args.dir), steps=args.steps)
                print(f"{n} migration(s) rolled back")
                return 0
    except (MigrationError, ValueError) as exc:
        # MigrationError is a problem with the files or the database (exit 1);
        # a bare ValueError means bad arguments such as --steps 0 (exit 2).
        print(f"error: {exc}", file=sys.stderr)
        return 1 if isinstance(exc, MigrationError) else 2

    raise AssertionError(f"unhandled command {args.command!r}")


if __name__ == "__main__":
    sys.exit(main())
