"""Domain models for the inventory service."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from decimal import Decimal
from enum import Enum
from typing import Any


class StockStatus(str, Enum):
    """Availability of a product, derived from its quantity on hand."""

    IN_STOCK = "in_stock"
    LOW_STOCK = "low_stock"
    OUT_OF_STOCK = "out_of_stock"


@dataclass(frozen=True)
class Product:
    """A product that can be stocked in one or more warehouses."""

    sku: str
    name: str
    unit_price: Decimal
    reorder_threshold: int = 10
    tags: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.sku.strip():
            raise ValueError("SKU must not be empty")
        if self.unit_price < 0:
            raise ValueError(f"Unit price must be non-negative, got {self.unit_price}")


@dataclass
class StockLevel:
    """Quantity of a single product held in a single warehouse."""

    product: Product
    warehouse_id: str
    quantity: int = 0
    updated_at: datetime = field(default_factory=lambda: datetime.now(timezone.utc))

    @property
    def status(self) -> StockStatus:
        """Return the stock status based on the product's reorder threshold."""
        if self.quantity <= 0:
            return StockStatus.OUT_OF_STOCK
        if self.quantity <= self.product.reorder_threshold:
            return StockStatus.LOW_STOCK
        return StockStatus.IN_STOCK

    def adjust(self, delta: int) -> None:
        """Apply a quantity change, refusing to go below zero.

        Args:
            delta: The number of units to add (positive) or remove (negative).

        Raises:
            ValueError: If the adjustment would make the quantity negative.
        """
        new_quantity = self.quantity + delta
        if new_quantity < 0:
            raise ValueError(
                f"Cannot remove {-delta} units of {self.product.sku}: only {self.quantity} available"
            )
        self.quantity = new_quantity
        self.updated_at = datetime.now(timezone.utc)

    def to_dict(self) -> dict[str, Any]:
        """Serialize the stock level to a JSON-friendly dictionary."""
        return {
            "sku": self.product.sku,
            "warehouse_id": self.warehouse_id,
            "quantity": self.quantity,
            "status": self.status.value,
            "updated_at": self.updated_at.isoformat(),
        }
