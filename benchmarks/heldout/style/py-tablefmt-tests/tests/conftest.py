import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tablefmt import Table  # noqa: E402


@pytest.fixture
def people():
    table = Table(["name", "age", "city"])
    table.extend(
        [
            ["Ada", 36, "London"],
            ["Grace", 85, "New York"],
            ["Linus", 54, None],
        ]
    )
    return table


@pytest.fixture
def prices():
    table = Table(["item", "price"], float_fmt="{:.1f}")
    table.add_row({"item": "tea", "price": 2.5})
    table.add_row({"item": "cake", "price": 12.25})
    return table


@pytest.fixture
def inventory():
    table = Table(
        ["sku", "name", "qty", "unit"],
        align={"sku": "center"},
        max_width={"name": 10},
        missing="-",
    )
    table.extend(
        [
            {"sku": "A1", "name": "Widget", "qty": 4, "unit": 1.5},
            {"sku": "B22", "name": "Extra long gadget name", "qty": 120},
            {"sku": "C333", "name": "Gizmo", "qty": None, "unit": 0.125},
        ]
    )
    return table


@pytest.fixture
def render_lines():
    """Render a table and return its lines, so tests can index rows directly."""

    def _render(table, style="plain"):
        return table.render(style).splitlines()

    return _render
