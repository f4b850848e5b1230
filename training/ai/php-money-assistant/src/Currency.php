<?php

declare(strict_types=1);

namespace App\Money;

use InvalidArgumentException;

/**
 * An ISO 4217 currency with its number of minor units (decimal places).
 *
 * Only a handful of common currencies are registered by default; more
 * can be added through {@see Currency::register()}.
 */
final class Currency
{
    /** @var array<string, int> Known currency codes mapped to their minor unit count. */
    private static array $minorUnits = [
        'USD' => 2,
        'EUR' => 2,
        'GBP' => 2,
        'CHF' => 2,
        'JPY' => 0,
        'KWD' => 3,
    ];

    /** @var string The three-letter uppercase currency code. */
    public readonly string $code;

    /** @var int Number of digits after the decimal point. */
    public readonly int $decimals;

    /**
     * Create a currency from its ISO code.
     *
     * @param string $code A three-letter ISO 4217 code, case-insensitive.
     *
     * @throws InvalidArgumentException If the code is malformed or unknown.
     */
    public function __construct(string $code)
    {
        $code = strtoupper(trim($code));

        if (preg_match('/^[A-Z]{3}$/', $code) !== 1) {
            throw new InvalidArgumentException(sprintf('"%s" is not a valid ISO 4217 currency code.', $code));
        }

        if (!isset(self::$minorUnits[$code])) {
            throw new InvalidArgumentException(sprintf('Currency "%s" is not registered.', $code));
        }

        $this->code = $code;
        $this->decimals = self::$minorUnits[$code];
    }

    /**
     * Register an additional currency.
     *
     * @param string $code     Three-letter ISO code.
     * @param int    $decimals Number of minor unit digits (0-4).
     *
     * @return void
     *
     * @throws InvalidArgumentException If the decimals value is out of range.
     */
    public static function register(string $code, int $decimals): void
    {
        if ($decimals < 0 || $decimals > 4) {
            throw new InvalidArgumentException('Currency decimals must be between 0 and 4.');
        }

        self::$minorUnits[strtoupper($code)] = $decimals;
    }

    /**
     * Compare two currencies for equality.
     *
     * @param Currency $other The currency to compare with.
     *
     * @return bool
     */
    public function equals(Currency $other): bool
    {
        return $this->code === $other->code;
    }
}
