#!/usr/bin/env python3
"""
CSV to SQLite ETL script.

Reads one or more CSV files, normalizes column names, validates rows against a simple
schema, and loads the clean rows into a SQLite table. Invalid rows are written to a
separate rejects file so nothing is silently dropped.

Usage:
    python etl.py data/*.csv --db warehouse.db --table sales
"""

import argparse
import csv
import logging
import re
import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

logging.basicConfig(level=logging.INFO, format="%(asctime)s [%(levelname)s] %(message)s")
logger = logging.getLogger("etl")

# Expected columns and the Python type each one should be converted to
SCHEMA: dict[str, type] = {
    "order_id": int,
    "customer_email": str,
    "amount": float,
    "country": str,
}

EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[a-zA-Z]{2,}$")


@dataclass
class LoadStats:
    """Counters collected while loading files."""

    files: int = 0
    rows_read: int = 0
    rows_loaded: int = 0
    rows_rejected: int = 0


def normalize_header(name: str) -> str:
    """Convert a CSV header like 'Customer Email ' into 'customer_email'."""
    name = name.strip().lower()
    name = re.sub(r"[^a-z0-9]+", "_", name)
    return name.strip("_")


def read_rows(path: Path) -> Iterator[dict[str, str]]:
    """Yield each row of a CSV file as a dict with normalized keys."""
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames is None:
            logger.warning("Skipping empty file: %s", path)
            return
        headers = [normalize_header(h) for h in reader.fieldnames]
        for raw in reader:
            yield dict(zip(headers, raw.values()))


def validate(row: dict[str, str]) -> tuple[dict[str, object] | None, str | None]:
    """Validate and convert a row. Returns (clean_row, None) or (None, error_message)."""
    clean: dict[str, object] = {}
    for column, column_type in SCHEMA.items():
        value = (row.get(column) or "").strip()
        if not value:
            return None, f"missing value for '{column}'"
        try:
            clean[column] = column_type(value)
        except ValueError:
            return None, f"invalid {column_type.__name__} for '{column}': {value!r}"

    if not EMAIL_PATTERN.match(str(clean["customer_email"])):
        return None, f"invalid email: {clean['customer_email']}"
    if float(clean["amount"]) < 0:  # type: ignore[arg-type]
        return None, "amount must not be negative"
    return clean, None


def load(rows: Iterable[dict[str, object]], connection: sqlite3.Connection, table: str) -> int:
    """Insert clean rows into the target table, creating it if necessary."""
    columns = ", ".join(SCHEMA)
    placeholders = ", ".join("?" for _ in SCHEMA)
    connection.execute(f"CREATE TABLE IF NOT EXISTS {table} ({columns})")
    cursor = connection.executemany(
        f"INSERT INTO {table} ({columns}) VALUES ({placeholders})",
        ([row[c] for c in SCHEMA] for row in rows),
    )
    connection.commit()
    return cursor.rowcount


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Load CSV files into SQLite.")
    parser.add_argument("files", nargs="+", type=Path, help="CSV files to load")
    parser.add_argument("--db", type=Path, default=Path("warehouse.db"), help="SQLite database path")
    parser.add_argument("--table", default="sales", help="Target table name")
    parser.add_argument("--rejects", type=Path, default=Path("rejects.csv"), help="Where to write invalid rows")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    stats = LoadStats()

    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", args.table):
        logger.error("Invalid table name: %s", args.table)
        return 2

    with sqlite3.connect(args.db) as connection, args.rejects.open("w", newline="") as rejects_file:
        rejects = csv.writer(rejects_file)
        rejects.writerow(["file", "line", "error"])

        for path in args.files:
            if not path.exists():
                logger.error("File not found: %s", path)
                continue
            stats.files += 1
            clean_rows = []
            for line_number, row in enumerate(read_rows(path), start=2):
                stats.rows_read += 1
                clean, error = validate(row)
                if error:
                    stats.rows_rejected += 1
                    rejects.writerow([path, line_number, error])
                else:
                    clean_rows.append(clean)
            stats.rows_loaded += load(clean_rows, connection, args.table)
            logger.info("Loaded %s (%d rows)", path.name, len(clean_rows))

    logger.info(
        "Done: %d files, %d rows read, %d loaded, %d rejected",
        stats.files, stats.rows_read, stats.rows_loaded, stats.rows_rejected,
    )
    return 0 if stats.rows_rejected == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
