<?php
    public function testAddItemRejectsNonPositiveQuantity(): void
    {
        $cart = new Cart(new InMemoryPriceList(['SKU-1' => 1299]));

        $this->expectException(InvalidArgumentException::class);
        $this->expectExceptionMessage('Quantity must be at least 1, got 0');

        $cart->addItem('SKU-1', 0);
    }

    public function testAddItemMergesQuantityForSameSku(): void
    {
        $cart = new Cart(new InMemoryPriceList(['SKU-1' => 1299]));

        $cart->addItem('SKU-1', 2);
        $cart->addItem('SKU-1', 3);

        $this->assertCount(1, $cart->lines());
        $this->assertSame(5, $cart->lines()[0]->quantity);
        $this->assertSame(6495, $cart->totalCents());
    }
