"""Logs kept in a SQLite database another program has open (Cursor's chat store): read
read-only, within a short wait for its locks, the connection closed after each read."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Generator, Iterator
from pathlib import Path
from typing import Any

from provmark.sources.transcripts.base import Tail, log


def stat_of(p: Path) -> tuple[int, int] | None:
    try:
        st = p.stat()
        return st.st_mtime_ns, st.st_size
    except OSError:
        return None


def db_stamp(db: Path) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """What changes when the database does: the file, or its WAL."""
    return stat_of(db), stat_of(db.with_name(db.name + "-wal"))


def read_db(
    tail: Tail,
    connect: Callable[[Path], sqlite3.Connection],
    rows: Callable[[Tail, sqlite3.Connection], Generator[Any, None, bool]],
) -> Iterator[Any]:
    """The records `rows` gives from `tail`'s database, opened with `connect`; closed at
    the end. Busy, locked, not a database, another version's schema: logged, and read
    again at the next refresh. `rows` returns whether it read all there was; only then
    is the database's stamp kept (tail.meta["dbstat"]), which callers may compare to
    `db_stamp` to skip a database that has not changed."""
    stamp = db_stamp(tail.path)
    try:
        conn = connect(tail.path)
    except sqlite3.Error as e:
        log.info("cannot open %s: %s", tail.path, e)
        return
    try:
        finished = yield from rows(tail, conn)
    except sqlite3.Error as e:
        log.info("cannot read %s: %s", tail.path, e)
        finished = False
    finally:
        conn.close()
    if finished:
        tail.meta["dbstat"] = stamp
