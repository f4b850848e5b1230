"""Discovery and parsing of SQL migration files.

Migrations live in one directory, one file each, named
``<version>_<description>.sql`` where version is a positive integer::

    0001_create_users.sql
    0002_add_email_index.sql

Each file has an ``-- migrate:up`` section and an optional
``-- migrate:down`` section. Files are checksummed so the runner can warn
when an already-applied migration has been edited afterwards.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

FILENAME_RE = re.compile(r"^(?P<version>\d+)_(?P<name>[a-z0-9_]+)\.sql$")
UP_MARKER = "-- migrate:up"
DOWN_MARKER = "-- migrate:down"


class MigrationError(Exception):
    """Base class for problems with migration files or their application."""


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    path: Path
    up_sql: str
    down_sql: Optional[str]
    checksum: str

    @property
    def label(self) -> str:
        return f"{self.version:04d}_{self.name}"

    @property
    def reversible(self) -> bool:
        return bool(self.down_sql and self.down_sql.strip())


def split_sections(text: str, path: Path) -> tuple[str, Optional[str]]:
    """Return (up, down) SQL from a migration file's text."""
    lines = text.splitlines()
    up: list[str] = []
    down: list[str] = []
    current: Optional[list[str]] = None

    for line in lines:
        marker = line.strip().lower()
        if marker == UP_MARKER:
            if up:
                raise MigrationError(f"{path.name}: more than one '{UP_MARKER}' section")
            current = up
            continue
        if marker == DOWN_MARKER:
            current = down
            continue
        if current is None:
            # Allow comments and blank lines before the first marker.
            if line.strip() and not line.strip().startswith("--"):
                raise MigrationError(f"{path.name}: SQL found before '{UP_MARKER}'")
            continue
        current.append(line)

    up_sql = "\n".join(up).strip()
    if not up_sql:
        raise MigrationError(f"{path.name}: empty or missing '{UP_MARKER}' section")
    down_sql = "\n".join(down).strip() or None
    return up_sql, down_sql


def load_migrations(directory: Path) -> list[Migration]:
    """Load and validate every migration in `directory`, sorted by version.

    Raises:
        MigrationError: if the directory is missing, a file name doesn't match
            the naming scheme, or two files share a version number.
    """
    if not directory.is_dir():
        raise MigrationError(f"migrations directory not found: {directory}")

    migrations: dict[int, Migration] = {}
    for path in sorted(directory.iterdir()):
        if path.suffix != ".sql":
            continue
        match = FILENAME_RE.match(path.name)
        if not match:
            raise MigrationError(
                f"bad migration file name {path.name!r}; expected e.g. 0003_add_orders.sql"
            )
        version = int(match["version"])
        if version == 0:
            raise MigrationError(f"{path.name}: version 0 is reserved")
        if version in migrations:
            other = migrations[version].path.name
            raise MigrationError(f"duplicate version {version}: {other} and {path.name}")

        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise MigrationError(f"{path.name} is not valid UTF-8") from exc

        up_sql, down_sql = split_sections(text, path)
        migrations[version] = Migration(
            version=version,
            name=match["name"],
            path=path,
            up_sql=up_sql,
            down_sql=down_sql,
            checksum=hashlib.sha256(raw).hexdigest(),
        )

    return [migrations[v] for v in sorted(migrations)]


def new_migration_file(directory: Path, name: str) -> Path:
    """Create an empty migration with the next version number and return its path."""
    slug = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")
    if not slug:
        raise MigrationError(f"cannot derive a file name from {name!r}")

    directory.mkdir(parents=True, exist_ok=True)
    existing = [int(m["version"]) for p in directory.glob("*.sql") if (m := FILENAME_RE.match(p.name))]
    version = max(existing, default=0) + 1
    path = directory / f"{version:04d}_{slug}.sql"
    path.write_text(f"{UP_MARKER}\n\n\n{DOWN_MARKER}\n\n", encoding="utf-8")
    return path
