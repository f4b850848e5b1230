<?php

declare(strict_types=1);

namespace App\Money;

use InvalidArgumentException;

/**
 * Immutable monetary amount stored as an integer number of minor units.
 *
 * Using integers (cents, pence, ...) avoids the rounding errors that
 * floating-point arithmetic would introduce, e.g. 0.1 + 0.2 !== 0.3.
 * Every operation returns a new instance; the original is never changed.
 */
final class Money
{
    /**
     * @param int      $amount   Amount in minor units (e.g. cents).
     * @param Currency $currency The currency of the amount.
     */
    private function __construct(
        private readonly int $amount,
        private readonly Currency $currency,
    ) {
    }

    /**
     * Create money from an amount in minor units.
     *
     * @param int    $minorUnits Amount in the smallest unit, e.g. 1999 for $19.99.
     * @param string $currency   ISO currency code.
     *
     * @return self
     */
    public static function ofMinor(int $minorUnits, string $currency): self
    {
        return new self($minorUnits, new Currency($currency));
    }

    /**
     * Create money from a decimal string such as "19.99".
     *
     * A string is required instead of a float to avoid precision loss.
     *
     * @param string $amount   Decimal amount, optionally negative.
     * @param string $currency ISO currency code.
     *
     * @return self
     *
     * @throws InvalidArgumentException If the string has too many decimals or is malformed.
     */
    public static function of(string $amount, string $currency): self
    {
        $cur = new Currency($currency);

        if (preg_match('/^(-)?(\d+)(?:\.(\d+))?$/', trim($amount), $m) !== 1) {
            throw new InvalidArgumentException(sprintf('"%s" is not a valid decimal amount.', $amount));
        }

        $fraction = $m[3] ?? '';
        if (strlen($fraction) > $cur->decimals) {
            throw new InvalidArgumentException(sprintf(
                '%s allows at most %d decimal place(s), "%s" given.',
                $cur->code,
                $cur->decimals,
                $amount
            ));
        }

        $minor = (int) ($m[2] . str_pad($fraction, $cur->decimals, '0'));

        return new self($m[1] === '-' ? -$minor : $minor, $cur);
    }

    /**
     * Get the amount in minor units.
     *
     * @return int
     */
    public function getMinorAmount(): int
    {
        return $this->amount;
    }

    /**
     * Get the currency.
     *
     * @return Currency
     */
    public function getCurrency(): Currency
    {
        return $this->currency;
    }

    /**
     * Add another amount of the same currency.
     *
     * @param Money $other The amount to add.
     *
     * @return self
     *
     * @throws InvalidArgumentException If the currencies differ.
     */
    public function plus(Money $other): self
    {
        $this->assertSameCurrency($other);

        return new self($this->amount + $other->amount, $this->currency);
    }

    /**
     * Subtract another amount of the same currency.
     *
     * @param Money $other The amount to subtract.
     *
     * @return self
     *
     * @throws InvalidArgumentException If the currencies differ.
     */
    public function minus(Money $other): self
    {
        $this->assertSameCurrency($other);

        return new self($this->amount - $other->amount, $this->currency);
    }

    /**
     * Multiply by a factor, rounding half away from zero.
     *
     * @param int|float $factor The multiplier, e.g. 1.2 for +20%.
     *
     * @return self
     */
    public function multiply(int|float $factor): self
    {
        return new self((int) round($this->amount * $factor, 0, PHP_ROUND_HALF_UP), $this->currency);
    }

    /**
     * Split the amount into parts according to ratios without losing a cent.
     *
     * Any remainder left after proportional distribution is handed out one
     * minor unit at a time, starting with the first part.
     *
     * @param list<int> $ratios Positive integer weights, e.g. [1, 1, 1] or [70, 30].
     *
     * @return list<self>
     *
     * @throws InvalidArgumentException If the ratios are empty or not all positive.
     */
    public function allocate(array $ratios): array
    {
        if ($ratios === []) {
            throw new InvalidArgumentException('At least one ratio is required for allocation.');
        }

        foreach ($ratios as $ratio) {
            if (!is_int($ratio) || $ratio <= 0) {
                throw new InvalidArgumentException('Allocation ratios must be positive integers.');
            }
        }

        $total = array_sum($ratios);
        $remainder = $this->amount;
        $results = [];

        foreach ($ratios as $ratio) {
            $share = intdiv($this->amount * $ratio, $total);
            $results[] = $share;
            $remainder -= $share;
        }

        // Distribute leftover minor units (positive or negative) one by one.
        $step = $remainder > 0 ? 1 : -1;
        for ($i = 0; $remainder !== 0; $i++) {
            $results[$i % count($results)] += $step;
            $remainder -= $step;
        }

        return array_map(fn (int $minor): self => new self($minor, $this->currency), $results);
    }

    /**
     * Format the amount as a plain decimal string, e.g. "-12.50".
     *
     * @return string
     */
    public function toDecimalString(): string
    {
        $decimals = $this->currency->decimals;
        $abs = (string) abs($this->amount);

        if ($decimals === 0) {
            return ($this->amount < 0 ? '-' : '') . $abs;
        }

        $abs = str_pad($abs, $decimals + 1, '0', STR_PAD_LEFT);
        $whole = substr($abs, 0, -$decimals);
        $fraction = substr($abs, -$decimals);

        return ($this->amount < 0 ? '-' : '') . $whole . '.' . $fraction;
    }

    /**
     * Human-readable representation, e.g. "19.99 USD".
     *
     * @return string
     */
    public function __toString(): string
    {
        return $this->toDecimalString() . ' ' . $this->currency->code;
    }

    /**
     * @param Money $other
     *
     * @throws InvalidArgumentException If the currencies differ.
     */
    private function assertSameCurrency(Money $other): void
    {
        if (!$this->currency->equals($other->currency)) {
            throw new InvalidArgumentException(sprintf(
                'Cannot combine %s with %s; convert one of the amounts first.',
                $this->currency->code,
                $other->currency->code
            ));
        }
    }
}
