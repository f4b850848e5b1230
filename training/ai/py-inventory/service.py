"""Business logic for moving stock between warehouses."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from .models import StockStatus
from .repository import InventoryRepository

logger = logging.getLogger(__name__)


class InsufficientStockError(Exception):
    """Raised when a transfer asks for more units than are available."""


@dataclass(frozen=True)
class TransferResult:
    """Outcome of a stock transfer between two warehouses."""

    sku: str
    source_quantity: int
    destination_quantity: int
    needs_reorder: bool


class InventoryService:
    """High-level operations on inventory, built on top of the repository."""

    def __init__(self, repository: InventoryRepository) -> None:
        self.repository = repository

    def receive(self, sku: str, warehouse_id: str, quantity: int) -> int:
        """Record a delivery of new units and return the updated quantity."""
        if quantity <= 0:
            raise ValueError("Received quantity must be positive")
        level = self.repository.get_stock(sku, warehouse_id)
        level.adjust(quantity)
        self.repository.save_stock(level)
        logger.info("Received %d x %s at %s", quantity, sku, warehouse_id)
        return level.quantity

    def transfer(self, sku: str, source: str, destination: str, quantity: int) -> TransferResult:
        """Move units of a product from one warehouse to another.

        The transfer is all-or-nothing: if the source does not hold enough units,
        nothing is changed and an InsufficientStockError is raised.
        """
        if source == destination:
            raise ValueError("Source and destination warehouses must differ")

        source_level = self.repository.get_stock(sku, source)
        if source_level.quantity < quantity:
            raise InsufficientStockError(
                f"Warehouse {source} has {source_level.quantity} units of {sku}, "
                f"but {quantity} were requested"
            )

        destination_level = self.repository.get_stock(sku, destination)
        source_level.adjust(-quantity)
        destination_level.adjust(quantity)

        # Save both sides so the transfer is visible atomically to readers.
        self.repository.save_stock(source_level)
        self.repository.save_stock(destination_level)

        return TransferResult(
            sku=sku,
            source_quantity=source_level.quantity,
            destination_quantity=destination_level.quantity,
            needs_reorder=source_level.status is not StockStatus.IN_STOCK,
        )

    def reorder_report(self) -> list[dict[str, object]]:
        """Build a report of all products that should be reordered."""
        report = []
        for level in self.repository.low_stock():
            suggested = max(level.product.reorder_threshold * 2 - level.quantity, 0)
            report.append({**level.to_dict(), "suggested_order": suggested})
        return report
