<?php

declare(strict_types=1);

namespace App\Import;

use DateTimeImmutable;
use InvalidArgumentException;

/**
 * Converts raw CSV strings into native PHP values.
 *
 * All methods are static because the converter holds no state.
 */
final class TypeConverter
{
    /** @var array<string, bool> Accepted textual representations of booleans. */
    private const BOOLEAN_VALUES = [
        'true' => true, '1' => true, 'yes' => true, 'y' => true,
        'false' => false, '0' => false, 'no' => false, 'n' => false,
    ];

    /**
     * Convert a raw string to the requested type.
     *
     * @param string $raw    The trimmed, non-empty raw value.
     * @param string $type   One of "string", "int", "float", "bool", "date".
     * @param string $column Column name, used only for error messages.
     *
     * @return string|int|float|bool|DateTimeImmutable
     *
     * @throws InvalidArgumentException If the value is not valid for the type.
     */
    public static function convert(string $raw, string $type, string $column): string|int|float|bool|DateTimeImmutable
    {
        return match ($type) {
            'string' => $raw,
            'int' => self::toInt($raw, $column),
            'float' => self::toFloat($raw, $column),
            'bool' => self::toBool($raw, $column),
            'date' => self::toDate($raw, $column),
            default => throw new InvalidArgumentException(sprintf('Unknown type "%s".', $type)),
        };
    }

    /**
     * @throws InvalidArgumentException
     */
    private static function toInt(string $raw, string $column): int
    {
        $value = filter_var($raw, FILTER_VALIDATE_INT);
        if ($value === false) {
            throw new InvalidArgumentException(sprintf('Column "%s": "%s" is not a valid integer.', $column, $raw));
        }

        return $value;
    }

    /**
     * @throws InvalidArgumentException
     */
    private static function toFloat(string $raw, string $column): float
    {
        // Allow a thousands separator such as "1,299.50".
        $normalized = str_replace(',', '', $raw);
        $value = filter_var($normalized, FILTER_VALIDATE_FLOAT);
        if ($value === false) {
            throw new InvalidArgumentException(sprintf('Column "%s": "%s" is not a valid number.', $column, $raw));
        }

        return $value;
    }

    /**
     * @throws InvalidArgumentException
     */
    private static function toBool(string $raw, string $column): bool
    {
        $key = strtolower($raw);
        if (!array_key_exists($key, self::BOOLEAN_VALUES)) {
            throw new InvalidArgumentException(sprintf('Column "%s": "%s" is not a recognised boolean.', $column, $raw));
        }

        return self::BOOLEAN_VALUES[$key];
    }

    /**
     * @throws InvalidArgumentException
     */
    private static function toDate(string $raw, string $column): DateTimeImmutable
    {
        // The "!" resets unspecified fields so the time is always midnight.
        $date = DateTimeImmutable::createFromFormat('!Y-m-d', $raw);
        $errors = DateTimeImmutable::getLastErrors();

        // createFromFormat() silently rolls over invalid dates like 2024-02-30,
        // so we also check for warnings.
        if ($date === false || ($errors !== false && $errors['warning_count'] > 0)) {
            throw new InvalidArgumentException(sprintf('Column "%s": "%s" is not a valid Y-m-d date.', $column, $raw));
        }

        return $date;
    }
}
