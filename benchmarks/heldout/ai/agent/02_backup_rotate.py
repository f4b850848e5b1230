#!/usr/bin/env python3
"""Rotate timestamped backup archives, keeping daily/weekly/monthly copies.

Backups are expected to be named like ``<prefix>-YYYYmmdd-HHMMSS.tar.gz``.
Anything that doesn't match the pattern is ignored, never deleted.

Example:
    backup_rotate.py /var/backups/db --prefix pg --daily 7 --weekly 4 --monthly 6
"""

from __future__ import annotations

import argparse
import logging
import re
import sys
from datetime import datetime
from pathlib import Path

log = logging.getLogger("backup_rotate")

NAME_RE = re.compile(r"^(?P<prefix>[\w.-]+)-(?P<ts>\d{8}-\d{6})\.(?:tar\.gz|tgz|zst|sql\.gz)$")


def parse_backups(directory: Path, prefix: str) -> list[tuple[datetime, Path]]:
    """Return (timestamp, path) for matching files, newest first."""
    found = []
    for path in directory.iterdir():
        if not path.is_file():
            continue
        m = NAME_RE.match(path.name)
        if not m or m.group("prefix") != prefix:
            continue
        try:
            ts = datetime.strptime(m.group("ts"), "%Y%m%d-%H%M%S")
        except ValueError:
            log.warning("bad timestamp in %s, skipping", path.name)
            continue
        found.append((ts, path))
    found.sort(reverse=True)
    return found


def select_keep(backups: list[tuple[datetime, Path]], daily: int, weekly: int, monthly: int) -> set[Path]:
    """Pick the newest backup in each of the most recent N days/weeks/months."""
    keep: set[Path] = set()
    buckets = [
        (daily, lambda t: t.date()),
        (weekly, lambda t: tuple(t.isocalendar())[:2]),
        (monthly, lambda t: (t.year, t.month)),
    ]
    for limit, key in buckets:
        seen = set()
        for ts, path in backups:  # newest first, so the first hit per bucket wins
            k = key(ts)
            if k in seen:
                continue
            if len(seen) >= limit:
                break
            seen.add(k)
            keep.add(path)
    # Always keep the most recent backup, whatever the policy says.
    if backups:
        keep.add(backups[0][1])
    return keep


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("directory", type=Path)
    p.add_argument("--prefix", required=True)
    p.add_argument("--daily", type=int, default=7)
    p.add_argument("--weekly", type=int, default=4)
    p.add_argument("--monthly", type=int, default=12)
    p.add_argument("-n", "--dry-run", action="store_true", help="show what would be deleted")
    p.add_argument("-v", "--verbose", action="store_true")
    args = p.parse_args(argv)

    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO, format="%(message)s")

    if not args.directory.is_dir():
        log.error("not a directory: %s", args.directory)
        return 2
    if min(args.daily, args.weekly, args.monthly) < 0:
        log.error("retention counts must be >= 0")
        return 2

    backups = parse_backups(args.directory, args.prefix)
    if not backups:
        log.info("no backups matching prefix %r", args.prefix)
        return 0

    keep = select_keep(backups, args.daily, args.weekly, args.monthly)
    freed = 0
    for ts, path in backups:
        if path in keep:
            log.debug("keep   %s", path.name)
            continue
        size = path.stat().st_size
        if args.dry_run:
            log.info("would delete %s (%d bytes)", path.name, size)
        else:
            try:
                path.unlink()
            except OSError as exc:
                log.error("failed to delete %s: %s", path.name, exc)
                continue
            log.info("deleted %s", path.name)
        freed += size

    verb = "would free" if args.dry_run else "freed"
    log.info("%d kept, %d removed, %s %.1f MiB", len(keep), len(backups) - len(keep), verb, freed / 2**20)
    return 0


if __name__ == "__main__":
    sys.exit(main())
