"""Tests for the inventory service."""

from decimal import Decimal

import pytest

from inventory.models import Product, StockStatus
from inventory.repository import InventoryRepository
from inventory.service import InsufficientStockError, InventoryService


@pytest.fixture
def service() -> InventoryService:
    """Create a service backed by an in-memory database with one product."""
    repository = InventoryRepository(":memory:")
    repository.add_product(Product(sku="WIDGET-1", name="Widget", unit_price=Decimal("9.99")))
    return InventoryService(repository)


def test_receive_increases_quantity(service: InventoryService) -> None:
    assert service.receive("WIDGET-1", "north", 25) == 25
    assert service.receive("WIDGET-1", "north", 5) == 30


def test_receive_rejects_non_positive_quantity(service: InventoryService) -> None:
    with pytest.raises(ValueError, match="must be positive"):
        service.receive("WIDGET-1", "north", 0)


def test_transfer_moves_units_between_warehouses(service: InventoryService) -> None:
    service.receive("WIDGET-1", "north", 20)

    result = service.transfer("WIDGET-1", "north", "south", 15)

    assert result.source_quantity == 5
    assert result.destination_quantity == 15
    assert result.needs_reorder is True


def test_transfer_fails_when_stock_is_insufficient(service: InventoryService) -> None:
    service.receive("WIDGET-1", "north", 3)

    with pytest.raises(InsufficientStockError):
        service.transfer("WIDGET-1", "north", "south", 10)

    # The failed transfer must not change either warehouse.
    assert service.repository.get_stock("WIDGET-1", "north").quantity == 3
    assert service.repository.get_stock("WIDGET-1", "south").quantity == 0


@pytest.mark.parametrize(
    ("quantity", "expected"),
    [(0, StockStatus.OUT_OF_STOCK), (5, StockStatus.LOW_STOCK), (50, StockStatus.IN_STOCK)],
)
def test_stock_status_thresholds(service: InventoryService, quantity: int, expected: StockStatus) -> None:
    if quantity:
        service.receive("WIDGET-1", "east", quantity)
    assert service.repository.get_stock("WIDGET-1", "east").status is expected
