<?php

declare(strict_types=1);

namespace App\Cache;

/**
 * Abstraction over the current time.
 *
 * Injecting a clock instead of calling time() directly makes cache
 * expiry logic deterministic and easy to test.
 */
interface ClockInterface
{
    /**
     * Return the current Unix timestamp in seconds.
     *
     * @return int
     */
    public function now(): int;
}

/**
 * Clock implementation backed by the system time.
 */
final class SystemClock implements ClockInterface
{
    /**
     * {@inheritDoc}
     */
    public function now(): int
    {
        return time();
    }
}

/**
 * A manually controlled clock, useful in tests and demos.
 */
final class FrozenClock implements ClockInterface
{
    /** @var int The current timestamp reported by this clock. */
    private int $timestamp;

    /**
     * @param int $timestamp The initial timestamp.
     */
    public function __construct(int $timestamp = 0)
    {
        $this->timestamp = $timestamp;
    }

    /**
     * {@inheritDoc}
     */
    public function now(): int
    {
        return $this->timestamp;
    }

    /**
     * Move the clock forward by the given number of seconds.
     *
     * @param int $seconds Number of seconds to advance; must not be negative.
     *
     * @return void
     *
     * @throws \InvalidArgumentException If $seconds is negative.
     */
    public function advance(int $seconds): void
    {
        if ($seconds < 0) {
            throw new \InvalidArgumentException('A clock cannot be moved backwards.');
        }

        $this->timestamp += $seconds;
    }
}
