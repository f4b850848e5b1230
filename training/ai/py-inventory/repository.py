"""SQLite-backed persistence for products and stock levels."""

from __future__ import annotations

import logging
import sqlite3
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path
from typing import Iterator

from .models import Product, StockLevel

logger = logging.getLogger(__name__)

SCHEMA = """
CREATE TABLE IF NOT EXISTS products (
    sku TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    unit_price TEXT NOT NULL,
    reorder_threshold INTEGER NOT NULL DEFAULT 10
);
CREATE TABLE IF NOT EXISTS stock_levels (
    sku TEXT NOT NULL REFERENCES products(sku),
    warehouse_id TEXT NOT NULL,
    quantity INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (sku, warehouse_id)
);
"""


class InventoryRepository:
    """Encapsulates all database access for the inventory domain."""

    def __init__(self, db_path: Path | str = ":memory:") -> None:
        self._db_path = str(db_path)
        self._connection = sqlite3.connect(self._db_path)
        self._connection.row_factory = sqlite3.Row
        self._connection.executescript(SCHEMA)
        logger.debug("Opened inventory database at %s", self._db_path)

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Cursor]:
        """Yield a cursor inside a transaction, rolling back on error."""
        cursor = self._connection.cursor()
        try:
            yield cursor
            self._connection.commit()
        except Exception:
            self._connection.rollback()
            logger.exception("Transaction failed; rolled back")
            raise
        finally:
            cursor.close()

    def add_product(self, product: Product) -> None:
        """Insert a new product or update an existing one."""
        with self.transaction() as cursor:
            cursor.execute(
                """
                INSERT INTO products (sku, name, unit_price, reorder_threshold)
                VALUES (?, ?, ?, ?)
                ON CONFLICT(sku) DO UPDATE SET
                    name = excluded.name,
                    unit_price = excluded.unit_price,
                    reorder_threshold = excluded.reorder_threshold
                """,
                (product.sku, product.name, str(product.unit_price), product.reorder_threshold),
            )

    def get_product(self, sku: str) -> Product | None:
        """Return the product with the given SKU, or None if it does not exist."""
        row = self._connection.execute("SELECT * FROM products WHERE sku = ?", (sku,)).fetchone()
        if row is None:
            return None
        return Product(
            sku=row["sku"],
            name=row["name"],
            unit_price=Decimal(row["unit_price"]),
            reorder_threshold=row["reorder_threshold"],
        )

    def get_stock(self, sku: str, warehouse_id: str) -> StockLevel:
        """Return the stock level for a product in a warehouse (zero if never stocked)."""
        product = self.get_product(sku)
        if product is None:
            raise KeyError(f"Unknown product: {sku}")
        row = self._connection.execute(
            "SELECT quantity FROM stock_levels WHERE sku = ? AND warehouse_id = ?",
            (sku, warehouse_id),
        ).fetchone()
        quantity = row["quantity"] if row else 0
        return StockLevel(product=product, warehouse_id=warehouse_id, quantity=quantity)

    def save_stock(self, level: StockLevel) -> None:
        """Persist a stock level, creating the row if needed."""
        with self.transaction() as cursor:
            cursor.execute(
                """
                INSERT INTO stock_levels (sku, warehouse_id, quantity) VALUES (?, ?, ?)
                ON CONFLICT(sku, warehouse_id) DO UPDATE SET quantity = excluded.quantity
                """,
                (level.product.sku, level.warehouse_id, level.quantity),
            )

    def low_stock(self) -> list[StockLevel]:
        """Return every stock level at or below its product's reorder threshold."""
        rows = self._connection.execute(
            """
            SELECT s.sku, s.warehouse_id, s.quantity
            FROM stock_levels s JOIN products p ON p.sku = s.sku
            WHERE s.quantity <= p.reorder_threshold
            ORDER BY s.quantity ASC
            """
        ).fetchall()
        return [self.get_stock(row["sku"], row["warehouse_id"]) for row in rows]

    def close(self) -> None:
        """Close the underlying database connection."""
        self._connection.close()
