<?php

declare(strict_types=1);

namespace App\Money;

use InvalidArgumentException;

/**
 * Calculates invoice totals: subtotal, discount, tax and grand total.
 *
 * Tax is applied after the discount, and each step is rounded to the
 * currency's minor unit so the printed figures always add up.
 */
final class InvoiceCalculator
{
    /** @var list<array{description: string, unitPrice: Money, quantity: int}> */
    private array $lines = [];

    /**
     * @param string $currency    ISO code every line must use.
     * @param float  $taxRate     Tax rate as a fraction, e.g. 0.2 for 20%.
     *
     * @throws InvalidArgumentException If the tax rate is negative.
     */
    public function __construct(private readonly string $currency, private readonly float $taxRate)
    {
        if ($taxRate < 0) {
            throw new InvalidArgumentException('Tax rate cannot be negative.');
        }
    }

    /**
     * Add an invoice line.
     *
     * @param string $description Line description.
     * @param Money  $unitPrice   Price per unit.
     * @param int    $quantity    Number of units, at least 1.
     *
     * @return self For method chaining.
     *
     * @throws InvalidArgumentException If the quantity is not positive or the currency mismatches.
     */
    public function addLine(string $description, Money $unitPrice, int $quantity = 1): self
    {
        if ($quantity < 1) {
            throw new InvalidArgumentException(sprintf('Quantity for "%s" must be at least 1.', $description));
        }

        if ($unitPrice->getCurrency()->code !== strtoupper($this->currency)) {
            throw new InvalidArgumentException(sprintf('Line "%s" is not priced in %s.', $description, $this->currency));
        }

        $this->lines[] = ['description' => $description, 'unitPrice' => $unitPrice, 'quantity' => $quantity];

        return $this;
    }

    /**
     * Compute all totals.
     *
     * @param float $discountRate Discount as a fraction of the subtotal (0 to 1).
     *
     * @return array{subtotal: Money, discount: Money, tax: Money, total: Money}
     *
     * @throws InvalidArgumentException If the discount rate is outside 0..1.
     */
    public function totals(float $discountRate = 0.0): array
    {
        if ($discountRate < 0.0 || $discountRate > 1.0) {
            throw new InvalidArgumentException('Discount rate must be between 0 and 1.');
        }

        $subtotal = Money::ofMinor(0, $this->currency);
        foreach ($this->lines as $line) {
            $subtotal = $subtotal->plus($line['unitPrice']->multiply($line['quantity']));
        }

        $discount = $subtotal->multiply($discountRate);
        $taxable = $subtotal->minus($discount);
        $tax = $taxable->multiply($this->taxRate);

        return [
            'subtotal' => $subtotal,
            'discount' => $discount,
            'tax' => $tax,
            'total' => $taxable->plus($tax),
        ];
    }
}
