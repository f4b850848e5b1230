"""Apply and roll back migrations against a SQLite database.

Applied migrations are recorded in a ``schema_migrations`` table along with
their checksum. Each migration runs in its own transaction, so a failure
leaves the database at the last successfully applied version.

SQLite supports transactional DDL, which is what makes that guarantee
possible; note that ``executescript`` would commit implicitly, so the
statements are split and executed one by one inside an explicit
``BEGIN``/``COMMIT``.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Optional

from migrations import Migration, MigrationError

CREATE_TABLE = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    checksum   TEXT NOT NULL,
    applied_at TEXT NOT NULL
)
"""

Log = Callable[[str], None]


@dataclass(frozen=True)
class AppliedRecord:
    version: int
    name: str
    checksum: str
    applied_at: str


@dataclass(frozen=True)
class Status:
    applied: list[AppliedRecord]
    pending: list[Migration]
    modified: list[Migration]  # applied, but the file changed since
    missing: list[AppliedRecord]  # applied, but the file is gone


def split_statements(sql: str) -> list[str]:
    """Split a script into complete statements using sqlite3.complete_statement.

    This handles semicolons inside string literals and inside trigger bodies
    (BEGIN ... END), which a naive split on ';' does not.
    """
    statements: list[str] = []
    buffer = ""
    for line in sql.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        # Tolerate a final statement without a trailing semicolon.
        statements.append(buffer.strip())
    return statements


class Runner:
    def __init__(self, db_path: Path, log: Log = print) -> None:
        self.db_path = db_path
        self.log = log
        # isolation_level=None: we manage transactions explicitly.
        self.conn = sqlite3.connect(db_path, isolation_level=None)
        self.conn.execute("PRAGMA foreign_keys = ON")
        self.conn.execute(CREATE_TABLE)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "Runner":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def applied(self) -> list[AppliedRecord]:
        rows = self.conn.execute(
            "SELECT version, name, checksum, applied_at FROM schema_migrations ORDER BY version"
        ).fetchall()
        return [AppliedRecord(*row) for row in rows]

    def status(self, migrations: list[Migration]) -> Status:
        applied = self.applied()
        by_version = {m.version: m for m in migrations}
        applied_versions = {r.version for r in applied}
        return Status(
            applied=applied,
            pending=[m for m in migrations if m.version not in applied_versions],
            modified=[
                by_version[r.version]
                for r in applied
                if r.version in by_version and by_version[r.version].checksum != r.checksum
            ],
            missing=[r for r in applied if r.version not in by_version],
        )

    def _run_in_transaction(self, statements: list[str], after: str, params: tuple) -> None:
        cur = self.conn.cursor()
        cur.execute("BEGIN IMMEDIATE")  # take the write lock up front
        try:
            for stmt in statements:
                cur.execute(stmt)
            cur.execute(after, params)
            cur.execute("COMMIT")
        except BaseException:
            cur.execute("ROLLBACK")
            raise

    def migrate(self, migrations: list[Migration], target: Optional[int] = None, allow_modified: bool = False) -> int:
        """Apply pending migrations up to `target` (all if None). Returns how many ran."""
        st = self.status(migrations)
        if st.modified and not allow_modified:
            names = ", ".join(m.label for m in st.modified)
            raise MigrationError(f"applied migrations were edited afterwards: {names}")

        # Refuse to apply an older migration after a newer one: that usually
        # means two branches added migrations and the order is ambiguous.
        latest = max((r.version for r in st.applied), default=0)
        out_of_order = [m for m in st.pending if m.version < latest]
        if out_of_order:
            names = ", ".join(m.label for m in out_of_order)
            raise MigrationError(f"pending migrations older than the current version {latest}: {names}")

        count = 0
        for m in st.pending:
            if target is not None and m.version > target:
                break
            self.log(f"applying {m.label}")
            try:
                self._run_in_transaction(
                    split_statements(m.up_sql),
                    "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)",
                    (m.version, m.name, m.checksum, datetime.now(timezone.utc).isoformat(timespec="seconds")),
                )
            except sqlite3.Error as exc:
                raise MigrationError(f"{m.label} failed: {exc}") from exc
            count += 1
        return count

    def rollback(self, migrations: list[Migration], steps: int = 1) -> int:
        """Roll back the last `steps` applied migrations. Returns how many ran."""
        if steps < 1:
            raise ValueError("steps must be at least 1")
        by_version = {m.version: m for m in migrations}
        to_undo = list(reversed(self.applied()))[:steps]

        for record in to_undo:
            m = by_version.get(record.version)
            if m is None:
                raise MigrationError(f"cannot roll back {record.version}: migration file is missing")
            if not m.reversible:
                raise MigrationError(f"{m.label} has no '-- migrate:down' section")

        for record in to_undo:
            m = by_version[record.version]
            self.log(f"rolling back {m.label}")
            try:
                self._run_in_transaction(
                    split_statements(m.down_sql or ""),
                    "DELETE FROM schema_migrations WHERE version = ?",
                    (m.version,),
                )
            except sqlite3.Error as exc:
                raise MigrationError(f"rollback of {m.label} failed: {exc}") from exc
        return len(to_undo)
