<?php

/*
 * This file is part of the webmozart/assert package.
 *
 * (c) Bernhard Schussek <bschussek@gmail.com>
 *
 * For the full copyright and license information, please view the LICENSE
 * file that was distributed with this source code.
 */

namespace Webmozart\Assert;

/**
 * Assertions for values which must be strings in a well-known format.
 *
 * All assertions of the base class are available as well, and the
 * "nullOr*" and "all*" variants work for the new assertions too:
 *
 *     FormatAssert::json($payload);
 *     FormatAssert::nullOrSemver($version);
 *     FormatAssert::allHexColor($palette);
 *
 * @since  1.12
 */
class FormatAssert extends Assert
{
    /**
     * @psalm-pure
     * @psalm-assert string $value
     *
     * @param mixed  $value
     * @param string $message
     *
     * @throws InvalidArgumentException
     */
    public static function json($value, $message = '')
    {
        static::string($value, $message);

        \json_decode($value);

        if (JSON_ERROR_NONE !== \json_last_error()) {
            static::reportInvalidArgument(\sprintf(
                $message ?: 'Expected a value to be valid JSON. Got: %s (%s)',
                static::valueToString($value),
                \json_last_error_msg()
            ));
        }
    }

    /**
     * Checks for standard base64 as described in RFC 4648, including padding.
     *
     * @psalm-pure
     * @psalm-assert string $value
     *
     * @param mixed  $value
     * @param string $message
     *
     * @throws InvalidArgumentException
     */
    public static function base64($value, $message = '')
    {
        static::string($value, $message);

        if (0 !== \strlen($value) % 4
            || !\preg_match('/^[A-Za-z0-9+\/]*={0,2}$/', $value)
            || false === \base64_decode($value, true)
        ) {
            static::reportInvalidArgument(\sprintf(
                $message ?: 'Expected a value to be a base64 encoded string. Got: %s',
                static::valueToString($value)
            ));
        }
    }

    /**
     * Checks for a version number as described in Semantic Versioning 2.0.0.
     * A leading "v" is not accepted.
     *
     * @psalm-pure
     * @psalm-assert string $value
     *
     * @param mixed  $value
     * @param string $message
     *
     * @throws InvalidArgumentException
     */
    public static function semver($value, $message = '')
    {
        static::string($value, $message);

        $number = '(?:0|[1-9]\d*)';
        $identifier = '(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)';
        $pattern = '/^'.$number.'\.'.$number.'\.'.$number
            .'(?:-'.$identifier.'(?:\.'.$identifier.')*)?'
            .'(?:\+[0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*)?$/';

        if (!\preg_match($pattern, $value)) {
            static::reportInvalidArgument(\sprintf(
                $message ?: 'Expected a value to be a semantic version. Got: %s',
                static::valueToString($value)
            ));
        }
    }

    /**
     * Checks for a CSS hex color such as "#fff" or "#ff8800". Colors with an
     * alpha channel ("#ffff" and "#ff880080") are accepted as well.
     *
     * @psalm-pure
     * @psalm-assert string $value
     *
     * @param mixed  $value
     * @param string $message
     *
     * @throws InvalidArgumentException
     */
    public static function hexColor($value, $message = '')
    {
        static::string($value, $message);

        if (!\preg_match('/^#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$/', $value)) {
            static::reportInvalidArgument(\sprintf(
                $message ?: 'Expected a value to be a hex color. Got: %s',
                static::valueToString($value)
            ));
        }
    }

    /**
     * @psalm-pure
     *
     * @param mixed  $value
     * @param string $message
     *
     * @throws InvalidArgumentException
     */
    public static function macAddress($value, $message = '')
    {
        if (false === \filter_var($value, FILTER_VALIDATE_MAC)) {
            static::reportInvalidArgument(\sprintf(
                $message ?: 'Expected a value to be a MAC address. Got: %s',
                static::valueToString($value)
            ));
        }
    }
}
