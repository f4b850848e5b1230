"""A small shopping cart: the workspace of the Provmark demo."""

from decimal import Decimal


class Cart:
    def __init__(self):
        self.items = {}

    def add(self, sku, price, qty=1):
        if qty <= 0:
            raise ValueError("qty must be positive")
        old = self.items.get(sku, (price, 0))
        self.items[sku] = (price, old[1] + qty)

    def remove(self, sku):
        self.items.pop(sku, None)

    def total(self):
        return sum((Decimal(p) * q for p, q in self.items.values()), Decimal(0))


def checkout(cart, pay):
    amount = cart.total()
    if amount == 0:
        return None
    return pay(amount)
