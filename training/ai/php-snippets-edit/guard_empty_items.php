<?php
    public function calculateShipping(Order $order): Money
    {
        if ($order->items() === []) {
            return Money::zero($order->currency());
        }

        if ($order->isDigitalOnly()) {
            return Money::zero($order->currency());
        }

        $address = $order->shippingAddress();
        if ($address === null) {
            throw new MissingShippingAddressException($order->id());
        }

        $weight = array_sum(array_map(
            static fn (OrderItem $item): int => $item->weightGrams() * $item->quantity(),
            $order->items()
        ));
